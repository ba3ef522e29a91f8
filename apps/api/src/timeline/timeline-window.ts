import { MOMENT_FORMS, ValidationError, parseMoment } from '#domain';
import { addIsoDuration, type IsoDuration } from './iso-duration.js';

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
export function windowAround(anchor: string, before: IsoDuration, after: IsoDuration): TimelineWindow {
  const moment = parseMoment(anchor);
  if (!moment) throw new ValidationError('bad_date', `around must be ${MOMENT_FORMS}, or an incident id`, 'around');
  return { from: addIsoDuration(moment.start, before, -1), to: addIsoDuration(moment.end, after, 1) };
}
