import { ACLED_INTER_CODES, type AcledInter } from '../reference/actor.js';
import { isSubTypeOf, INCIDENT_TYPES, type GeoPrecision, type IncidentType, type Side, type Target, type TimePrecision } from '../incident/incident.taxonomy.js';
import { parseMoment } from '../calendar.js';
import { codeOf, decimal, figure, names, reading, requiredText, text, UnreadableValue, type DatasetActor, type RowReading } from './dataset-record.js';

const TIME_PRECISION: Record<string, TimePrecision> = { '1': 'day', '2': 'week', '3': 'month' };
const GEO_PRECISION: Record<string, GeoPrecision> = { '1': 'exact', '2': 'near', '3': 'region' };

/** ACLED's actor types as newer exports write them, for the numeric `inter` codes of older ones. */
const INTER_NAMES: Record<string, AcledInter> = {
  'state forces': 1,
  'rebel group': 2,
  'political militia': 3,
  'identity militia': 4,
  rioters: 5,
  protesters: 6,
  civilians: 7,
  'external/other forces': 8,
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** ACLED writes `2014-05-17` or `17 May 2014` (and `17-May-2014`); both become the record's one form. */
function eventDate(value: string): string {
  const written = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(value);
  const month = written ? MONTHS.findIndex((m) => m.startsWith(written[2].toLowerCase()) && written[2].length >= 3) + 1 : 0;
  const iso = written && month ? `${written[3]}-${String(month).padStart(2, '0')}-${written[1].padStart(2, '0')}` : value;
  if (parseMoment(iso)?.kind !== 'day') throw new UnreadableValue(`event_date is not a date: ${JSON.stringify(value)}`);
  return iso;
}

function inter(value: string, column: string): AcledInter | undefined {
  if (!value) return undefined;
  const code = /^\d+$/.test(value) ? Number(value) : INTER_NAMES[value.toLowerCase()];
  if (!(ACLED_INTER_CODES as readonly number[]).includes(code)) throw new UnreadableValue(`${column} is not an ACLED actor type: ${JSON.stringify(value)}`);
  return code as AcledInter;
}

function actorsOf(row: Record<string, string | undefined>): DatasetActor[] {
  const actors: DatasetActor[] = [];
  for (const [n, side] of [[1, 'side_a'], [2, 'side_b']] as [number, Side][]) {
    const name = text(row, `actor${n}`);
    const type = inter(text(row, `inter${n}`), `inter${n}`);
    if (name) actors.push({ name, role: side, ...(type ? { inter: type } : {}) });
    for (const associate of names(text(row, `assoc_actor_${n}`))) actors.push({ name: associate, role: 'associated', with: side });
  }
  return actors;
}

/** One row of an ACLED export (either layout, read by header name) in the record's terms. */
export function readAcledRow(row: Record<string, string | undefined>): RowReading {
  return reading(() => {
    const id = requiredText(row, 'event_id_cnty');
    const stamp = requiredText(row, 'timestamp');
    if (!/^\d{1,12}$/.test(stamp)) throw new UnreadableValue(`timestamp is not a Unix time: ${JSON.stringify(stamp)}`);
    const type = codeOf(requiredText(row, 'event_type'));
    if (!(type in INCIDENT_TYPES)) throw new UnreadableValue(`event_type is not an ACLED event type: ${JSON.stringify(text(row, 'event_type'))}`);
    const subType = codeOf(requiredText(row, 'sub_event_type'));
    if (!isSubTypeOf(type as IncidentType, subType)) {
      throw new UnreadableValue(`sub_event_type ${JSON.stringify(text(row, 'sub_event_type'))} is not one of ${text(row, 'event_type')}`);
    }
    const timePrecision = TIME_PRECISION[text(row, 'time_precision')];
    if (!timePrecision) throw new UnreadableValue(`time_precision must be 1, 2 or 3: ${JSON.stringify(text(row, 'time_precision'))}`);
    const precision = GEO_PRECISION[text(row, 'geo_precision')];
    if (!precision) throw new UnreadableValue(`geo_precision must be 1, 2 or 3: ${JSON.stringify(text(row, 'geo_precision'))}`);
    const actors = actorsOf(row);
    const civilians = /civilian/i.test(text(row, 'civilian_targeting')) || actors.some((a) => a.role === 'side_b' && a.inter === 7);
    const targets: Target[] = civilians ? ['civilians'] : [];
    const source = text(row, 'source');
    const [admin2, admin3] = [text(row, 'admin2'), text(row, 'admin3')];
    return {
      ref: { dataset: 'acled', id, version: stamp },
      recordedAt: new Date(Number(stamp) * 1000),
      actors,
      details: {
        occurredAt: eventDate(requiredText(row, 'event_date')),
        timePrecision,
        location: {
          lat: decimal(row, 'latitude'),
          lon: decimal(row, 'longitude'),
          place: text(row, 'location'),
          admin1: text(row, 'admin1'),
          ...(admin2 ? { admin2 } : {}),
          ...(admin3 ? { admin3 } : {}),
          precision,
        },
        type: type as IncidentType,
        subType: subType as never,
        targets,
        harm: { killed: figure(row, 'fatalities'), injured: null, abducted: null },
        description: text(row, 'notes'),
        sources: source ? [{ id: 'acled-source', kind: 'research', reference: source, reliability: 'unknown', confidential: false }] : [],
        externalRefs: [{ dataset: 'acled', id, version: stamp }],
      },
    };
  });
}
