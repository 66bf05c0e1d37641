/**
 * The pages a reader most likely meant when an address leads nowhere: the
 * same page under another folder (a question moved to another topic), or an
 * address a few slips of the keyboard away. Addresses are compared by
 * Levenshtein distance, whole and by their last segment.
 */
import leven from 'leven';
import type { RouteConfig } from 'react-router-config';

/** The least similarity worth offering (a rule of thumb: one slip in five characters). */
export const MIN_SIMILARITY = 0.8;

/** A last segment shorter than this ("a", "q1") matches too much by chance to count on its own. */
const MIN_SEGMENT_LENGTH = 6;

/** 1 for equal strings, 0 when every character must change: the share of the longer one that stays. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - leven(a, b) / longest;
}

/** Lower case, decoded, without a trailing slash, `.html` or `/index`, so two spellings of one page compare equal. */
export function normalisePath(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // A malformed escape (a stray "%") is compared as typed.
  }
  return decoded
    .toLowerCase()
    .split(/[?#]/)[0]!
    .replace(/\.html$/, '')
    .replace(/\/index$/, '')
    .replace(/\/+$/, '');
}

const lastSegment = (value: string): string => value.slice(value.lastIndexOf('/') + 1);

/** Up to `limit` of `pages` closest to `requested`, the closest first; none when nothing is close enough. */
export function closestPages(requested: string, pages: readonly string[], limit = 3): string[] {
  const wanted = normalisePath(requested);
  const wantedLast = lastSegment(wanted);
  return (
    pages
      .map((page) => {
        const candidate = normalisePath(page);
        const whole = similarity(wanted, candidate);
        const last = wantedLast.length >= MIN_SEGMENT_LENGTH ? similarity(wantedLast, lastSegment(candidate)) : 0;
        return { page, score: Math.max(whole, last) };
      })
      // A page equal once normalised (/Architecture for /architecture) is kept: a case-sensitive host did not serve it.
      .filter(({ score }) => score >= MIN_SIMILARITY)
      .sort((a, b) => b.score - a.score || a.page.localeCompare(b.page))
      .slice(0, limit)
      .map(({ page }) => page)
  );
}

/** Every page address in the route table, nested routes included (a pattern such as "*" is not a page). */
export function routePaths(table: readonly RouteConfig[]): string[] {
  const paths = table.flatMap((route) => [...(typeof route.path === 'string' && !/[*:]/.test(route.path) ? [route.path] : []), ...routePaths(route.routes ?? [])]);
  return [...new Set(paths)].filter((p) => !/\/404(\.html)?$/.test(p));
}
