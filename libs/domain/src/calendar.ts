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

/**
 * An ISO-8601 duration (`P7D`, `P1W`, `PT12H`, `P1M2DT3H30M`, `PT0.5S`; no sign, fractions only
 * on seconds), applied in calendar terms in UTC: months and years move the calendar date (31
 * January + P1M is the last day of February), days are calendar days, and hours, minutes and
 * seconds are elapsed time.
 */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/;

/** The longest duration a query may ask for, so that a typo cannot scan everything. */
export const MAX_DURATION_YEARS = 100;

/** How messages describe durations. */
export const DURATION_FORMS = `an ISO-8601 duration such as P7D, P2W, PT12H or P1M (at most ${MAX_DURATION_YEARS} years)`;

/** The duration the text names (any case), or undefined when it is not one or is longer than MAX_DURATION_YEARS. */
export function parseDuration(text: unknown): IsoDuration | undefined {
  if (typeof text !== 'string') return undefined;
  const upper = text.toUpperCase();
  const match = DURATION.exec(upper);
  // `P` alone, `PT` alone, or a `T` with nothing after it are not durations.
  if (!match || upper.endsWith('T') || match.slice(1).every((part) => part === undefined)) return undefined;
  const [years, months, weeks, days, hours, minutes] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const seconds = Number((match[7] ?? '0').replace(',', '.'));
  const duration = { years, months, weeks, days, hours, minutes, seconds };
  return approximateDays(duration) > MAX_DURATION_YEARS * 366 ? undefined : duration;
}

export const isDuration = (value: unknown): value is string => parseDuration(value) !== undefined;

function approximateDays(d: IsoDuration): number {
  return d.years * 366 + d.months * 31 + d.weeks * 7 + d.days + (d.hours + d.minutes / 60 + d.seconds / 3600) / 24;
}

/** `instant` moved by `duration` (`sign` -1: back in time); the instant given is left as it is. */
export function addDuration(instant: Date, duration: IsoDuration, sign: 1 | -1 = 1): Date {
  const date = new Date(instant.getTime());
  const months = sign * (duration.years * 12 + duration.months);
  if (months) {
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  }
  const days = sign * (duration.weeks * 7 + duration.days);
  if (days) date.setUTCDate(date.getUTCDate() + days);
  const ms = sign * Math.round(((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000);
  return new Date(date.getTime() + ms);
}
