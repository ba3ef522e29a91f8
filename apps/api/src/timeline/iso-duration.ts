/**
 * ISO-8601 durations (`P7D`, `P1W`, `PT12H`, `P1M2DT3H30M`, `PT0.5S`), applied in calendar
 * terms in UTC: months and years move the calendar date (31 January + P1M is the last day of
 * February), days are calendar days, and hours, minutes and seconds are elapsed time.
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

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/;

/** The longest window a query may ask for, so that a typo cannot scan everything. */
const MAX_DAYS = 366 * 100;

export class IsoDurationError extends RangeError {}

export function parseIsoDuration(text: string): IsoDuration {
  const match = PATTERN.exec(text.trim().toUpperCase());
  // `P` alone, `PT` alone, or a `T` with nothing after it are not durations.
  if (!match || text.trim().toUpperCase().endsWith('T') || match.slice(1).every((part) => part === undefined)) {
    throw new IsoDurationError(`not an ISO-8601 duration: "${text}" (e.g. P7D, P2W, PT12H, P1M)`);
  }
  const [years, months, weeks, days, hours, minutes] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const seconds = Number((match[7] ?? '0').replace(',', '.'));
  const duration = { years, months, weeks, days, hours, minutes, seconds };
  if (approximateDays(duration) > MAX_DAYS) throw new IsoDurationError(`duration too long: "${text}" (at most 100 years)`);
  return duration;
}

function approximateDays(d: IsoDuration): number {
  return d.years * 366 + d.months * 31 + d.weeks * 7 + d.days + (d.hours + d.minutes / 60 + d.seconds / 3600) / 24;
}

/** `instant` moved by `duration` (`sign` -1: back in time). */
export function addIsoDuration(instant: Date, duration: IsoDuration, sign: 1 | -1 = 1): Date {
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
