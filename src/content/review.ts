/**
 * Review dates: the day someone other than the author last checked a page's
 * facts against their sources. Kept apart from the schema so the report page
 * can use it without shipping the schema library.
 */

/** A review older than this is flagged (a warning) on tracks whose facts age fast. */
export const REVIEW_MAX_AGE_DAYS = 365;

/** Tracks whose facts age within a year (prices, model sizes, legal dates). */
export const FAST_AGEING_TRACKS: readonly string[] = ['llm-systems'];

const DAY_MS = 86_400_000;

/** YAML reads an unquoted 2026-12-03 as a date; quoted, it stays a string. Either way the page carries "YYYY-MM-DD". */
export function isoDay(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
}

/** Whole days from `reviewed` (YYYY-MM-DD) to the UTC day of `today`; negative for a date in the future. */
export function reviewAgeDays(reviewed: string, today: Date): number {
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((todayUtc - Date.parse(`${reviewed}T00:00:00Z`)) / DAY_MS);
}

/** A page of a fast-ageing track whose review is older than the limit. */
export function isReviewStale(track: string, ageDays: number): boolean {
  return FAST_AGEING_TRACKS.includes(track) && ageDays > REVIEW_MAX_AGE_DAYS;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-03" -> "3 Dec 2026", the same on the server and in every browser whatever its locale; other text is shown as written. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : day;
}
