import { ValidationError } from '#domain';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The recorded-time moment an `asOf` names: a date-time as given, or for a bare date the end of
 * that day (UTC), so that "as known on 2014-05-19" includes everything recorded that day.
 */
export function knowledgeInstant(asOf: string, field = 'asOf'): Date {
  const instant = DATE_ONLY.test(asOf) ? new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000 - 1) : new Date(asOf);
  if (Number.isNaN(instant.getTime())) throw new ValidationError('bad_date', `${field} is not a date or date-time: ${asOf}`, field);
  return instant;
}
