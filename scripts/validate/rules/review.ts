/**
 * Review dates depend on today's date, so they are checked on every run over
 * the whole collection, never kept in the per-page cache.
 */
import { REVIEW_MAX_AGE_DAYS, isReviewStale, reviewAgeDays } from '../../../src/content/review';
import { problem, type Problem } from '../types';

/** A page that says when its facts were checked: every question page, and fixed pages that set `reviewed`. */
export interface ReviewedPage {
  readonly file: string;
  readonly reviewed: string;
  /** The question's track; none for a fixed page. */
  readonly track?: string;
  readonly line: number;
}

export function checkReviewDates(pages: readonly ReviewedPage[], today: Date): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const q of pages) {
    const { reviewed, track = '', line } = q;
    const age = reviewAgeDays(reviewed, today);
    if (age < 0) {
      problems.push(
        problem(
          q.file,
          line,
          'reviewed-future',
          `"reviewed" is ${reviewed}, ${-age} day(s) in the future`,
          'set "reviewed" to the day the facts were actually checked (today at the latest)',
        ),
      );
    } else if (isReviewStale(track, age)) {
      warnings.push(
        problem(
          q.file,
          line,
          'reviewed-stale',
          `the facts were last checked on ${reviewed}, ${age} days ago (more than ${REVIEW_MAX_AGE_DAYS})`,
          'check every price, model size and legal date against its source, fix what changed, then set "reviewed" to that day',
        ),
      );
    }
  }
  return { problems, warnings };
}
