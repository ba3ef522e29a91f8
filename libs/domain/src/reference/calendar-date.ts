const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A real day written `YYYY-MM-DD` (no 2014-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day an incident's `occurredAt` (a date, or a date-time with offset) falls on, as recorded. */
export const dayOf = (occurredAt: string): string => occurredAt.slice(0, 10);
