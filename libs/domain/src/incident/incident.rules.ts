import { MOMENT_FORMS, parseMoment } from '../calendar.js';
import { ValidationError } from '../errors.js';
import { MAX_CASUALTY_COUNT, MAX_TEXT } from '../limits.js';
import { checkText } from '../text.js';
import type { IncidentDetails } from './incident.js';
import {
  ACTOR_ROLES,
  EXTERNAL_DATASETS,
  SIDES,
  GEO_PRECISIONS,
  INCIDENT_TYPES,
  SOURCE_KINDS,
  SOURCE_RELIABILITIES,
  TARGETS,
  TIME_PRECISIONS,
  isSubTypeOf,
  type IncidentType,
} from './incident.taxonomy.js';

function fail(field: string, code: string, message: string): never {
  throw new ValidationError(code, message, field);
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) fail(field, 'not_allowed', `${field} must be one of: ${allowed.join(', ')}`);
}

/** A casualty figure: a whole number in range, or `null` where `unknown` is allowed (no figure). */
function count(field: string, value: unknown, unknown = false) {
  if (unknown && value === null) return;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_CASUALTY_COUNT) {
    fail(field, 'not_a_count', `${field} must be a whole number from 0 to ${MAX_CASUALTY_COUNT}`);
  }
}

/** The rules a complete incident record obeys, checked on every report and amendment. */
export function checkIncidentDetails(details: IncidentDetails, now: Date): void {
  const { occurredAt, location, harm } = details;
  const moment = parseMoment(occurredAt);
  if (!moment) fail('occurredAt', 'bad_date', `occurredAt must be ${MOMENT_FORMS}`);
  if (moment.start.getTime() > now.getTime()) fail('occurredAt', 'in_the_future', 'occurredAt cannot be in the future');
  oneOf('timePrecision', details.timePrecision, TIME_PRECISIONS);

  if (!location || typeof location !== 'object') fail('location', 'required', 'location is required');
  if (!harm || typeof harm !== 'object') fail('harm', 'required', 'harm is required');
  if (!(location.lat >= -90 && location.lat <= 90)) fail('location.lat', 'out_of_range', 'location.lat must be between -90 and 90');
  if (!(location.lon >= -180 && location.lon <= 180)) fail('location.lon', 'out_of_range', 'location.lon must be between -180 and 180');
  checkText('location.place', location.place, MAX_TEXT.name);
  checkText('location.admin1', location.admin1, MAX_TEXT.name);
  if (location.admin2 !== undefined) checkText('location.admin2', location.admin2, MAX_TEXT.name, false);
  if (location.admin3 !== undefined) checkText('location.admin3', location.admin3, MAX_TEXT.name, false);
  oneOf('location.precision', location.precision, GEO_PRECISIONS);

  oneOf('type', details.type, Object.keys(INCIDENT_TYPES) as IncidentType[]);
  if (!isSubTypeOf(details.type, details.subType)) {
    fail('subType', 'not_of_type', `subType must be one of ${details.type}: ${INCIDENT_TYPES[details.type].join(', ')}`);
  }
  if (!Array.isArray(details.targets)) fail('targets', 'not_a_list', 'targets must be a list');
  if (!Array.isArray(details.actors)) fail('actors', 'not_a_list', 'actors must be a list');
  if (!Array.isArray(details.sources)) fail('sources', 'not_a_list', 'sources must be a list');
  details.targets.forEach((target, i) => oneOf(`targets[${i}]`, target, TARGETS));
  if (new Set(details.targets).size !== details.targets.length) fail('targets', 'repeated', 'targets must not repeat');
  details.actors.forEach((actor, i) => {
    checkText(`actors[${i}].actorId`, actor?.actorId, MAX_TEXT.id);
    oneOf(`actors[${i}].role`, actor.role, ACTOR_ROLES);
    if (actor.role === 'associated') oneOf(`actors[${i}].with`, actor.with, SIDES);
    else if (actor.with !== undefined) fail(`actors[${i}].with`, 'not_allowed', `actors[${i}].with is only for associated actors`);
  });
  count('harm.killed', harm.killed, true);
  count('harm.injured', harm.injured, true);
  count('harm.abducted', harm.abducted, true);
  if (harm.killedRange !== undefined) checkKilledRange(harm);
  const refs = details.externalRefs;
  if (refs !== undefined) checkExternalRefs(refs);
  // A monitor says what happened; a dataset's row may have no notes, and its reference says where it came from.
  checkText('description', details.description, MAX_TEXT.description, !refs?.length);
  const sourceIds = new Set<string>();
  details.sources.forEach((source, i) => {
    checkText(`sources[${i}].id`, source?.id, MAX_TEXT.id);
    if (sourceIds.has(source.id)) fail(`sources[${i}].id`, 'repeated', `source id ${source.id} is used twice`);
    sourceIds.add(source.id);
    oneOf(`sources[${i}].kind`, source.kind, SOURCE_KINDS);
    oneOf(`sources[${i}].reliability`, source.reliability, SOURCE_RELIABILITIES);
    checkText(`sources[${i}].reference`, source.reference, MAX_TEXT.note);
  });
}

function checkKilledRange(harm: IncidentDetails['harm']) {
  const range = harm.killedRange;
  if (!range || typeof range !== 'object') fail('harm.killedRange', 'required', 'harm.killedRange must be { low, high }');
  count('harm.killedRange.low', range.low);
  count('harm.killedRange.high', range.high);
  if (harm.killed === null) fail('harm.killed', 'required', 'harm.killed (the best estimate) is required with a range');
  if (!(range.low <= harm.killed && harm.killed <= range.high)) {
    fail('harm.killedRange', 'out_of_order', 'harm.killedRange must satisfy low ≤ killed ≤ high');
  }
}

function checkExternalRefs(refs: unknown) {
  if (!Array.isArray(refs)) fail('externalRefs', 'not_a_list', 'externalRefs must be a list');
  const datasets = new Set<string>();
  refs.forEach((ref: { dataset?: unknown; id?: unknown; version?: unknown } | null, i) => {
    if (!ref || typeof ref !== 'object') fail(`externalRefs[${i}]`, 'required', `externalRefs[${i}] must be { dataset, id, version }`);
    oneOf(`externalRefs[${i}].dataset`, ref.dataset, EXTERNAL_DATASETS);
    if (datasets.has(ref.dataset)) fail(`externalRefs[${i}].dataset`, 'repeated', `one reference per dataset: ${ref.dataset} is named twice`);
    datasets.add(ref.dataset);
    checkText(`externalRefs[${i}].id`, ref.id, MAX_TEXT.id);
    checkText(`externalRefs[${i}].version`, ref.version, MAX_TEXT.id);
  });
}
