import type { GeoPrecision, IncidentSubType, IncidentType, Target, TimePrecision } from '../incident/incident.taxonomy.js';
import { parseMoment } from '../calendar.js';
import type { IncidentDetails } from '../incident/incident.js';
import type { AcledInter } from '../reference/actor.js';
import { decimal, figure, reading, requiredText, sidesOf, text, UnreadableValue, type RowReading } from './dataset-record.js';

/** UCDP date_prec 1–4; 5 (a year) is coarser than the record can say, so such rows are refused. */
const TIME_PRECISION: Record<string, TimePrecision> = { '1': 'day', '2': 'week', '3': 'week', '4': 'month' };
/** UCDP where_prec 1 exact, 2 within ~25 km, 3–7 an admin region or larger. */
const GEO_PRECISION: Record<string, GeoPrecision> = { '1': 'exact', '2': 'near', '3': 'region', '4': 'region', '5': 'region', '6': 'region', '7': 'region' };
/** type_of_violence 1 state-based, 2 non-state: fighting; 3 one-sided: violence against civilians. */
const KIND: Record<string, { type: IncidentType; subType: IncidentSubType; targets: Target[] }> = {
  '1': { type: 'battles', subType: 'armed_clash', targets: [] },
  '2': { type: 'battles', subType: 'armed_clash', targets: [] },
  '3': { type: 'violence_against_civilians', subType: 'attack', targets: ['civilians'] },
};

/**
 * One row of UCDP GED in the record's terms. UCDP rows carry no time of their own: `release`
 * names the dataset's version (e.g. `25.1`) and the day it was published, at which its events
 * are recorded.
 */
export function readUcdpRow(row: Record<string, string | undefined>, release: { version: string; publishedAt: Date }): RowReading {
  return reading(() => {
    const id = text(row, 'relid') || requiredText(row, 'id');
    const day = requiredText(row, 'date_start').slice(0, 10);
    if (parseMoment(day)?.kind !== 'day') throw new UnreadableValue(`date_start is not a date: ${JSON.stringify(text(row, 'date_start'))}`);
    const timePrecision = TIME_PRECISION[text(row, 'date_prec')];
    if (!timePrecision) throw new UnreadableValue(`date_prec must be 1 to 4 (5, a year, is coarser than the record holds): ${JSON.stringify(text(row, 'date_prec'))}`);
    const precision = GEO_PRECISION[text(row, 'where_prec')];
    if (!precision) throw new UnreadableValue(`where_prec must be 1 to 7: ${JSON.stringify(text(row, 'where_prec'))}`);
    const kind = KIND[text(row, 'type_of_violence')];
    if (!kind) throw new UnreadableValue(`type_of_violence must be 1, 2 or 3: ${JSON.stringify(text(row, 'type_of_violence'))}`);
    const [best, low, high] = [figure(row, 'best'), figure(row, 'low'), figure(row, 'high')];
    const source = text(row, 'source_article');
    const admin2 = text(row, 'adm_2');
    return {
      ref: { dataset: 'ucdp', id, version: release.version },
      recordedAt: release.publishedAt,
      actors: [
        { name: requiredText(row, 'side_a'), role: 'side_a' },
        { name: requiredText(row, 'side_b'), role: 'side_b' },
      ],
      details: {
        occurredAt: day,
        timePrecision,
        location: {
          lat: decimal(row, 'latitude'),
          lon: decimal(row, 'longitude'),
          place: text(row, 'where_description') || text(row, 'where_coordinates'),
          // UCDP writes "Kidal region"; the record keeps the region's own name.
          admin1: text(row, 'adm_1').replace(/ (region|province)$/i, ''),
          ...(admin2 ? { admin2 } : {}),
          precision,
        },
        ...kind,
        harm: { killed: best, injured: null, abducted: null, ...(best !== null && low !== null && high !== null ? { killedRange: { low, high } } : {}) },
        description: '',
        sources: source ? [{ id: 'ucdp-source', kind: 'research', reference: source, reliability: 'unknown', confidential: false }] : [],
        externalRefs: [{ dataset: 'ucdp', id, version: release.version }],
      },
    };
  });
}

/** The columns of the UCDP-like export: GED's own names, those the reader reads among them. */
export const UCDP_COLUMNS = [
  'id', 'relid', 'year', 'type_of_violence', 'side_a', 'side_b', 'source_article', 'where_prec', 'where_description', 'adm_1', 'adm_2',
  'latitude', 'longitude', 'date_prec', 'date_start', 'date_end', 'best', 'low', 'high',
] as const;
export type UcdpColumn = (typeof UCDP_COLUMNS)[number];

/**
 * One row like UCDP GED's: `id` and `relid` the UCDP reference's (the tracker's id otherwise);
 * type_of_violence 3 for violence against civilians, else 1 when a main side is state forces
 * (ACLED inter 1), else 2; a region-wide place is where_prec 4 (a first-order region).
 */
export function writeUcdpRow(
  record: { incidentId: string; details: IncidentDetails; sources: string[] },
  actorOf: (id: string) => { name: string; inter?: AcledInter },
): Record<UcdpColumn, string> {
  const { details } = record;
  const id = details.externalRefs?.find((r) => r.dataset === 'ucdp')?.id ?? record.incidentId;
  const { sides } = sidesOf(details.actors);
  const [a, b] = [sides.side_a[0], sides.side_b[0]].map((actorId) => (actorId ? actorOf(actorId) : undefined));
  const day = details.occurredAt.slice(0, 10);
  const figure = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return {
    id,
    relid: id,
    year: day.slice(0, 4),
    type_of_violence: details.type === 'violence_against_civilians' ? '3' : a?.inter === 1 || b?.inter === 1 ? '1' : '2',
    side_a: a?.name ?? '',
    side_b: b?.name ?? '',
    source_article: record.sources.join('; '),
    where_prec: { exact: '1', near: '2', region: '4' }[details.location.precision],
    where_description: details.location.place,
    adm_1: details.location.admin1,
    adm_2: details.location.admin2 ?? '',
    latitude: String(details.location.lat),
    longitude: String(details.location.lon),
    date_prec: { day: '1', week: '3', month: '4' }[details.timePrecision],
    date_start: day,
    date_end: day,
    best: figure(details.harm.killed),
    low: figure(details.harm.killedRange?.low ?? details.harm.killed),
    high: figure(details.harm.killedRange?.high ?? details.harm.killed),
  };
}
