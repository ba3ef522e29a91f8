import { ValidationError } from '../errors.js';
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

const EARLIEST = Date.UTC(1960, 0, 1);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant an `occurredAt` stands for (a bare date is that day at 00:00 UTC). */
export function occurredInstant(occurredAt: string): Date {
  return new Date(DATE_ONLY.test(occurredAt) ? `${occurredAt}T00:00:00Z` : occurredAt);
}

function fail(field: string, code: string, message: string): never {
  throw new ValidationError(code, message, field);
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) fail(field, 'not_allowed', `${field} must be one of: ${allowed.join(', ')}`);
}

function count(field: string, value: unknown) {
  if (!Number.isInteger(value) || (value as number) < 0) fail(field, 'not_a_count', `${field} must be a whole number ≥ 0`);
}

/** The rules a complete incident record obeys, checked on every report and amendment. */
export function checkIncidentDetails(details: IncidentDetails, now: Date): void {
  const { occurredAt, location, harm } = details;
  if (typeof occurredAt !== 'string' || !(DATE_ONLY.test(occurredAt) || DATE_TIME.test(occurredAt))) {
    fail('occurredAt', 'bad_date', 'occurredAt must be a date (YYYY-MM-DD) or an ISO date-time with offset');
  }
  const instant = occurredInstant(occurredAt).getTime();
  const [y, m, d] = occurredAt.slice(0, 10).split('-').map(Number);
  if (Number.isNaN(instant) || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) {
    fail('occurredAt', 'bad_date', `occurredAt is not a real date: ${occurredAt}`);
  }
  if (instant > now.getTime()) fail('occurredAt', 'in_the_future', 'occurredAt cannot be in the future');
  if (instant < EARLIEST) fail('occurredAt', 'too_early', 'occurredAt cannot be before 1960');
  oneOf('timePrecision', details.timePrecision, TIME_PRECISIONS);

  if (!(location.lat >= -90 && location.lat <= 90)) fail('location.lat', 'out_of_range', 'location.lat must be between -90 and 90');
  if (!(location.lon >= -180 && location.lon <= 180)) fail('location.lon', 'out_of_range', 'location.lon must be between -180 and 180');
  if (!location.place?.trim()) fail('location.place', 'required', 'location.place is required');
  if (!location.admin1?.trim()) fail('location.admin1', 'required', 'location.admin1 is required');
  oneOf('location.precision', location.precision, GEO_PRECISIONS);

  oneOf('type', details.type, Object.keys(INCIDENT_TYPES) as IncidentType[]);
  if (!isSubTypeOf(details.type, details.subType)) {
    fail('subType', 'not_of_type', `subType must be one of ${details.type}: ${INCIDENT_TYPES[details.type].join(', ')}`);
  }
  details.targets.forEach((target, i) => oneOf(`targets[${i}]`, target, TARGETS));
  if (new Set(details.targets).size !== details.targets.length) fail('targets', 'repeated', 'targets must not repeat');
  details.actors.forEach((actor, i) => {
    if (!actor.actorId?.trim()) fail(`actors[${i}].actorId`, 'required', 'an actor needs an actorId');
    oneOf(`actors[${i}].role`, actor.role, ACTOR_ROLES);
  });
  count('harm.killed', harm.killed);
  count('harm.injured', harm.injured);
  count('harm.abducted', harm.abducted);
  if (!details.description?.trim()) fail('description', 'required', 'description is required');
  const sourceIds = new Set<string>();
  details.sources.forEach((source, i) => {
    if (!source.id?.trim()) fail(`sources[${i}].id`, 'required', 'a source needs an id');
    if (sourceIds.has(source.id)) fail(`sources[${i}].id`, 'repeated', `source id ${source.id} is used twice`);
    sourceIds.add(source.id);
    oneOf(`sources[${i}].kind`, source.kind, SOURCE_KINDS);
    oneOf(`sources[${i}].reliability`, source.reliability, SOURCE_RELIABILITIES);
    if (!source.reference?.trim()) fail(`sources[${i}].reference`, 'required', 'a source needs a reference');
  });
}
