import { addIsoDuration, type IsoDuration } from './iso-duration.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

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
  const start = DATE_ONLY.test(anchor) ? new Date(`${anchor}T00:00:00Z`) : new Date(anchor);
  if (Number.isNaN(start.getTime())) throw new RangeError(`not a date: ${anchor}`);
  const end = DATE_ONLY.test(anchor) ? new Date(start.getTime() + DAY) : start;
  return { from: addIsoDuration(start, before, -1), to: addIsoDuration(end, after, 1) };
}
