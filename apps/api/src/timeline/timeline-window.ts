import { DURATION_FORMS, MOMENT_FORMS, ValidationError, addDuration, parseDuration, parseMoment } from '#domain';

/** A range of occurred time, [from, to). */
export interface TimelineWindow {
  from: Date;
  to: Date;
}

/**
 * The window around an anchor: a date stands for its whole day (UTC), so that `before=P7D`
 * reaches back 7 days before it and `after=P7D` 7 days past it; a date-time is an instant.
 * Around 2014-05-17 with P7D either side: [2014-05-10, 2014-05-25).
 */
export function windowAround(anchor: string, before: string, after: string): TimelineWindow {
  const moment = parseMoment(anchor);
  if (!moment) throw new ValidationError('bad_date', `around must be ${MOMENT_FORMS}, or an incident id`, 'around');
  const [back, forth] = [parseDuration(before), parseDuration(after)];
  if (!back) throw new ValidationError('bad_duration', `before must be ${DURATION_FORMS}`, 'before');
  if (!forth) throw new ValidationError('bad_duration', `after must be ${DURATION_FORMS}`, 'after');
  return { from: addDuration(moment.start, back, -1), to: addDuration(moment.end, forth, 1) };
}
