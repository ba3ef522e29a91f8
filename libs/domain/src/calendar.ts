/**
 * The one reader of dates and date-times, for the rules, the DTOs and the queries alike: exactly
 * `YYYY-MM-DD` (a day) or an RFC 3339 date-time with its offset (`2014-05-17T19:40:00Z`,
 * `2014-05-17T19:40+01:00`; seconds and up to six decimals optional), real days only, in years
 * EARLIEST_YEAR..LATEST_YEAR — which JavaScript's Date and PostgreSQL's timestamptz both hold, a
 * day past the last included. Anything else (`2014`, `2014-05`, `2014-W20-3`) is not a date here.
 */
export const EARLIEST_YEAR = 1960;
export const LATEST_YEAR = 9999;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const DAY_MS = 86_400_000;

export interface Moment {
  /** A day (`YYYY-MM-DD`) stands for the whole of it (UTC); a date-time is an instant. */
  kind: 'day' | 'instant';
  /** The day's first instant (00:00 UTC), or the instant. */
  start: Date;
  /** The first instant after it: the next midnight for a day, the instant itself otherwise. */
  end: Date;
}

/** The moment the text names, or undefined when it is not one of the two forms, or not a real day, or out of range. */
export function parseMoment(text: unknown): Moment | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DAY.exec(text) ?? DATE_TIME.exec(text);
  if (!match || !isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  if (match.length === 4) {
    const start = new Date(`${text}T00:00:00Z`);
    return { kind: 'day', start, end: new Date(start.getTime() + DAY_MS) };
  }
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : { kind: 'instant', start: instant, end: instant };
}

/** A real day written `YYYY-MM-DD` (no 2014-02-30) within the years the record holds. */
export function isCalendarDate(value: unknown): value is string {
  return parseMoment(value)?.kind === 'day';
}

/** A day or a date-time with offset, as parseMoment reads them. */
export const isMoment = (value: unknown): value is string => parseMoment(value) !== undefined;

function isRealDay(y: number, m: number, d: number): boolean {
  if (y < EARLIEST_YEAR || y > LATEST_YEAR) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The instant an `occurredAt` stands for (a bare date is that day at 00:00 UTC). Stored values only. */
export function occurredInstant(occurredAt: string): Date {
  return DAY.test(occurredAt) ? new Date(`${occurredAt}T00:00:00Z`) : new Date(occurredAt);
}

/** The day an incident's `occurredAt` (a date, or a date-time with offset) falls on, as recorded. */
export const dayOf = (occurredAt: string): string => occurredAt.slice(0, 10);

/** How the rules and the DTOs describe the forms in messages. */
export const MOMENT_FORMS = `a date (YYYY-MM-DD) or a date-time with offset (e.g. 2014-05-17T19:40:00Z), years ${EARLIEST_YEAR}–${LATEST_YEAR}`;
