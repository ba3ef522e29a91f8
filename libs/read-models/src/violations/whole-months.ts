/** A period of days split into the whole months inside it and the days at either end. */
export interface MonthSplit {
  /** Whole months: `month >= from` (when given) and `month < before` (when given); absent when there are none. */
  months?: { from?: string; before?: string };
  /** Day ranges (both ends included) outside the whole months. */
  edges: { from: string; to: string }[];
}

// Not toISOString: the month after December 9999 is written +010000-01-01 there, which PostgreSQL refuses.
const day = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
const utc = (value: string) => new Date(`${value}T00:00:00Z`);
const firstOfNextMonth = (value: string) => {
  const d = utc(value);
  return day(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
};
const firstOfMonth = (value: string) => `${value.slice(0, 7)}-01`;
const dayBefore = (value: string) => day(new Date(utc(value).getTime() - 86_400_000));

/**
 * `from` and `to` are days (YYYY-MM-DD), both included, either may be open. E.g. 2014-05-20 to
 * 2014-08-10: months June and July, edges 2014-05-20..2014-05-31 and 2014-08-01..2014-08-10.
 */
export function splitIntoMonths(from?: string, to?: string): MonthSplit {
  if (from && to && from > to) return { edges: [] };
  const first = from && (from.endsWith('-01') ? from : firstOfNextMonth(from));
  const lastDayOfMonth = to && dayBefore(firstOfNextMonth(to)) === to;
  const before = to && (lastDayOfMonth ? firstOfNextMonth(to) : firstOfMonth(to));
  if (first && before && first >= before) return { edges: [{ from: from!, to: to! }] };
  const edges: MonthSplit['edges'] = [];
  if (from && first && from < first) edges.push({ from, to: dayBefore(first) });
  if (to && before && before <= to) edges.push({ from: before, to });
  return { months: { ...(first ? { from: first } : {}), ...(before ? { before } : {}) }, edges };
}
