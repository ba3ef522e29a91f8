import { MOMENT_FORMS, parseMoment } from '../calendar.js';
import { ValidationError } from '../errors.js';
import { MAX_CASUALTY_COUNT, MAX_TEXT } from '../limits.js';
import { checkText } from '../text.js';
import type { IncidentDetails } from './incident.js';
import {
  ACTOR_ROLES,
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

function count(field: string, value: unknown) {
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
  });
  count('harm.killed', harm.killed);
  count('harm.injured', harm.injured);
  count('harm.abducted', harm.abducted);
  checkText('description', details.description, MAX_TEXT.description);
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
