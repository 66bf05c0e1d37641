/**
 * Review dates depend on today's date, so they are checked on every run over
 * the whole collection, never kept in the per-page cache.
 */
import { REVIEW_MAX_AGE_DAYS, isReviewStale, reviewAgeDays } from '../../../src/content/review';
import { problem, type Problem, type QuestionFacts } from '../types';

export function checkReviewDates(questions: readonly QuestionFacts[], today: Date): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const q of questions) {
    const { reviewed, track } = q.frontMatter;
    const age = reviewAgeDays(reviewed, today);
    const line = q.keyLines.get('reviewed') ?? 1;
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
