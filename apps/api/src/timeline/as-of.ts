import { MOMENT_FORMS, ValidationError, parseMoment } from '#domain';

/**
 * The recorded-time moment an `asOf` names: a date-time as given, or for a bare date the end of
 * that day (UTC), so that "as known on 2014-05-19" includes everything recorded that day.
 */
export function knowledgeInstant(asOf: string, field = 'asOf'): Date {
  const moment = parseMoment(asOf);
  if (!moment) throw new ValidationError('bad_date', `${field} must be ${MOMENT_FORMS}`, field);
  return moment.kind === 'day' ? new Date(moment.end.getTime() - 1) : moment.start;
}
