import { describe, expect, it } from 'vitest';
import { checkReviewDates, type ReviewedPage } from './review';

const TODAY = new Date('2026-12-03T15:00:00Z');

function question(track: string, reviewed: string): ReviewedPage {
  return { file: `docs/${track}/part/q01-x.mdx`, reviewed, track, line: 9 };
}

describe('review dates', () => {
  it('accept a review made today or earlier', () => {
    const result = checkReviewDates([question('architecture', '2026-12-03'), question('llm-systems', '2026-01-10')], TODAY);
    expect(result).toEqual({ problems: [], warnings: [] });
  });

  it('reject a date in the future, on the line that sets it', () => {
    const { problems } = checkReviewDates([question('architecture', '2026-12-04')], TODAY);
    expect(problems).toEqual([expect.objectContaining({ rule: 'reviewed-future', line: 9, message: expect.stringContaining('1 day(s) in the future') })]);
  });

  it('warn, without failing, when a page of a fast-moving track was checked more than 365 days ago', () => {
    const { problems, warnings } = checkReviewDates([question('llm-systems', '2025-12-02'), question('llm-systems', '2025-12-03')], TODAY);
    expect(problems).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rule: 'reviewed-stale', message: expect.stringContaining('366 days ago') });
  });

  it('do not warn about old reviews on tracks whose facts age slowly, nor on fixed pages', () => {
    expect(checkReviewDates([question('architecture', '2020-01-01')], TODAY).warnings).toEqual([]);
    expect(checkReviewDates([{ file: 'docs/cheat-sheet.mdx', reviewed: '2020-01-01', line: 4 }], TODAY).warnings).toEqual([]);
  });

  it('reject a fixed page whose review date is in the future', () => {
    const { problems } = checkReviewDates([{ file: 'docs/cheat-sheet.mdx', reviewed: '2027-01-01', line: 4 }], TODAY);
    expect(problems).toEqual([expect.objectContaining({ file: 'docs/cheat-sheet.mdx', line: 4, rule: 'reviewed-future' })]);
  });
});
