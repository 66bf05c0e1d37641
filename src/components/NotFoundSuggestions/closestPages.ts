/**
 * The pages a reader most likely meant when an address leads nowhere: the
 * same question under another topic or with its slug reworded (a question
 * keeps its track and number, which its short link is made of), or an address
 * a few slips of the keyboard away. Addresses are compared below the site's
 * base path, by Levenshtein distance, whole and by their last segment.
 */
import leven from 'leven';

/** The least similarity worth offering (a rule of thumb: one slip in five characters). */
const MIN_SIMILARITY = 0.8;

/** A last segment shorter than this ("a", "q1") matches too much by chance to count on its own. */
const MIN_SEGMENT_LENGTH = 6;

/** Ranks a question with the asked-for track and number below the same last segment, above any near spelling. */
const SAME_QUESTION = 0.99;

/** 1 for equal strings, 0 when every character must change: the share of the longer one that stays. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - leven(a, b) / longest;
}

/** Without the query and fragment, decoded, lower case, without a trailing slash, `.html` or `/index`. */
export function normalisePath(value: string): string {
  const path = value.split(/[?#]/)[0]!;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape (a stray "%") is compared as typed.
  }
  return decoded
    .toLowerCase()
    .replace(/\.html$/, '')
    .replace(/\/index$/, '')
    .replace(/\/+$/, '');
}

const lastSegment = (value: string): string => value.slice(value.lastIndexOf('/') + 1);

/** A question's address below the base path: /<track>/<topic>/qNN-<slug>. */
const QUESTION_PATH = /^\/([^/]+)\/[^/]+\/q(\d{1,3})-[^/]+$/;

/** The track and number an address names, however its topic and slug are spelt: /architecture/q17 names question 17. */
function askedQuestion(path: string): { track: string; number: number } | undefined {
  const number = /^q(\d{1,3})(?:-|$)/.exec(lastSegment(path))?.[1];
  const track = path.split('/')[1];
  return number && track ? { track, number: Number(number) } : undefined;
}

/**
 * Up to `limit` of `pages` closest to `requested`, the closest first; none
 * when nothing is close enough. Both are full paths; `baseUrl` (the site's
 * base path, e.g. /handbook/) is left out of the comparison, where its shared
 * letters would make short addresses look alike.
 */
export function closestPages(requested: string, pages: readonly string[], { baseUrl = '/', limit = 3 }: { baseUrl?: string; limit?: number } = {}): string[] {
  const base = normalisePath(baseUrl);
  const below = (value: string): string => {
    const path = normalisePath(value);
    return path.startsWith(`${base}/`) ? path.slice(base.length) : path === base ? '' : path;
  };
  const wanted = below(requested);
  const longest = Math.max(0, ...pages.map((page) => page.length));
  // Each comparison costs the product of the two lengths: an address far longer than any page is like none of them.
  if (wanted.length > 2 * longest + 20) return [];
  const wantedLast = lastSegment(wanted);
  const asked = askedQuestion(wanted);
  return pages
    .map((page) => {
      const candidate = below(page);
      const whole = similarity(wanted, candidate);
      const last = wantedLast.length >= MIN_SEGMENT_LENGTH ? similarity(wantedLast, lastSegment(candidate)) : 0;
      const question = QUESTION_PATH.exec(candidate);
      const sameQuestion = asked !== undefined && question?.[1] === asked.track && Number(question[2]) === asked.number;
      return { page, score: Math.max(whole, last, sameQuestion ? SAME_QUESTION : 0) };
    })
    .filter(({ score }) => score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score || a.page.localeCompare(b.page))
    .slice(0, limit)
    .map(({ page }) => page);
}
