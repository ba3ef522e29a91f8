import { ACLED_INTER_CODES, type AcledInter } from '../reference/actor.js';
import { isSubTypeOf, INCIDENT_TYPES, type GeoPrecision, type IncidentSubType, type IncidentType, type Side, type Target, type TimePrecision } from '../incident/incident.taxonomy.js';
import type { IncidentDetails } from '../incident/incident.js';
import { parseMoment } from '../calendar.js';
import { codeOf, decimal, figure, names, reading, requiredText, sidesOf, text, UnreadableValue, type DatasetActor, type RowReading } from './dataset-record.js';

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

/** ACLED's columns in the order of its exports since 2023. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
  'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];

/** The HXL hashtag of each column that has one in the HXL dictionary; the others' cells stay empty. */
export const ACLED_HXL: Partial<Record<AcledColumn, string>> = {
  event_id_cnty: '#event+id',
  event_date: '#date',
  event_type: '#event+type',
  admin1: '#adm1+name',
  admin2: '#adm2+name',
  admin3: '#adm3+name',
  location: '#loc+name',
  latitude: '#geo+lat',
  longitude: '#geo+lon',
  fatalities: '#affected+killed',
};

/**
 * HXL's row of hashtags under the header (as our export writes with `hxl=true`): every filled cell
 * is a hashtag. An importer reads past it rather than refusing it as a row.
 */
export function isHxlHashtagRow(row: Record<string, string>): boolean {
  const cells = Object.values(row).filter((cell) => cell.trim() !== '');
  return cells.length > 0 && cells.every((cell) => cell.trim().startsWith('#'));
}

/** ACLED's own names for the taxonomy's codes (the reader folds them with `codeOf`). */
export const ACLED_NAMES: Record<IncidentType | IncidentSubType, string> = {
  battles: 'Battles',
  armed_clash: 'Armed clash',
  government_regains_territory: 'Government regains territory',
  non_state_actor_overtakes_territory: 'Non-state actor overtakes territory',
  explosions_remote_violence: 'Explosions/Remote violence',
  chemical_weapon: 'Chemical weapon',
  air_drone_strike: 'Air/drone strike',
  suicide_bomb: 'Suicide bomb',
  shelling_artillery_missile_attack: 'Shelling/artillery/missile attack',
  remote_explosive_landmine_ied: 'Remote explosive/landmine/IED',
  grenade: 'Grenade',
  violence_against_civilians: 'Violence against civilians',
  sexual_violence: 'Sexual violence',
  attack: 'Attack',
  abduction_forced_disappearance: 'Abduction/forced disappearance',
  protests: 'Protests',
  peaceful_protest: 'Peaceful protest',
  protest_with_intervention: 'Protest with intervention',
  excessive_force_against_protesters: 'Excessive force against protesters',
  riots: 'Riots',
  violent_demonstration: 'Violent demonstration',
  mob_violence: 'Mob violence',
  strategic_developments: 'Strategic developments',
  agreement: 'Agreement',
  arrests: 'Arrests',
  change_to_group_activity: 'Change to group/activity',
  disrupted_weapons_use: 'Disrupted weapons use',
  headquarters_or_base_established: 'Headquarters or base established',
  looting_property_destruction: 'Looting/property destruction',
  non_violent_transfer_of_territory: 'Non-violent transfer of territory',
  other: 'Other',
};

const INTER_TEXT = Object.fromEntries(Object.entries(INTER_NAMES).map(([name, code]) => [code, name.charAt(0).toUpperCase() + name.slice(1).replace('/other', '/Other')])) as Record<AcledInter, string>;
const DISORDER: Record<IncidentType, string> = {
  battles: 'Political violence',
  explosions_remote_violence: 'Political violence',
  violence_against_civilians: 'Political violence',
  protests: 'Demonstrations',
  riots: 'Demonstrations',
  strategic_developments: 'Strategic developments',
};
const codeOfPrecision = <T extends string>(codes: Record<string, T>, value: T) => Object.keys(codes).find((code) => codes[code] === value) ?? '';

/** An incident as ACLED's layout can say it: the actors as named now, the sources a reader may see. */
export interface AcledExportRecord {
  incidentId: string;
  details: IncidentDetails;
  /** When the record last changed: the row's `timestamp` when it has no ACLED reference. */
  lastChangedAt: Date;
  /** The references of the sources to name in `source` (confidential ones left out by the caller). */
  sources: string[];
}

/**
 * One row in ACLED's layout, the inverse of `readAcledRow` for a record read from ACLED: its
 * `event_id_cnty` and `timestamp` are the ACLED reference's (the tracker's id and last change
 * otherwise); actor1/actor2 are the main sides as `sidesOf` reads them. ACLED has no place for injured, abducted, the
 * verification level or a source's kind, nor a time of day: a date-time gives its day as written.
 */
export function writeAcledRow(record: AcledExportRecord, actorOf: (id: string) => { name: string; inter?: AcledInter }): Record<AcledColumn, string> {
  const { details } = record;
  const ref = details.externalRefs?.find((r) => r.dataset === 'acled');
  const { sides, associated } = sidesOf(details.actors);
  const main = (side: Side) => (sides[side][0] ? actorOf(sides[side][0]) : undefined);
  const [actor1, actor2] = [main('side_a'), main('side_b')];
  const assoc = (side: Side) => [...sides[side].slice(1), ...associated[side]].map((id) => actorOf(id).name).join('; ');
  const codes = [actor1?.inter, actor2?.inter].filter((code): code is AcledInter => code !== undefined).sort();
  const day = details.occurredAt.slice(0, 10);
  return {
    event_id_cnty: ref?.id ?? record.incidentId,
    event_date: day,
    year: day.slice(0, 4),
    time_precision: codeOfPrecision(TIME_PRECISION, details.timePrecision),
    disorder_type: DISORDER[details.type],
    event_type: ACLED_NAMES[details.type],
    sub_event_type: ACLED_NAMES[details.subType],
    actor1: actor1?.name ?? '',
    assoc_actor_1: assoc('side_a'),
    inter1: actor1?.inter ? INTER_TEXT[actor1.inter] : '',
    actor2: actor2?.name ?? '',
    assoc_actor_2: assoc('side_b'),
    inter2: actor2?.inter ? INTER_TEXT[actor2.inter] : '',
    interaction: codes.length === 2 ? `${codes[0]}${codes[1]}` : codes.length === 1 ? `${codes[0]}0` : '',
    civilian_targeting: details.targets.includes('civilians') ? 'Civilian targeting' : '',
    iso: '',
    region: '',
    country: '',
    admin1: details.location.admin1,
    admin2: details.location.admin2 ?? '',
    admin3: details.location.admin3 ?? '',
    location: details.location.place,
    latitude: String(details.location.lat),
    longitude: String(details.location.lon),
    geo_precision: codeOfPrecision(GEO_PRECISION, details.location.precision),
    source: record.sources.join('; '),
    source_scale: '',
    notes: details.description,
    fatalities: details.harm.killed === null ? '' : String(details.harm.killed),
    tags: '',
    timestamp: ref?.version ?? String(Math.floor(record.lastChangedAt.getTime() / 1000)),
  };
}
