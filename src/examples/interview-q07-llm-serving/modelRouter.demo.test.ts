import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './modelRouter.demo';

afterEach(() => vi.restoreAllMocks());

describe('the model routing demo', () => {
  it('sends simple short tasks to the small model, escalates an unsure answer, and costs about half of all-large', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.servedBy).toEqual(['small-1.5B', 'small-1.5B', 'small-1.5B', 'large-7B', 'large-7B', 'large-7B', 'small-1.5B', 'large-7B']);
    expect(result).toMatchObject({ cascadeDollars: 0.0017, allLargeDollars: 0.0032 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('classification, 250 prompt tokens: large-7B (escalated: small model unsure)');
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('summarization, 20,000 prompt tokens: large-7B');
  });

  it("states its own mix when scaling to 1M requests a day, then prices the page's assumptions at $88 against $200", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    const lines = log.mock.calls.map((c) => String(c[0]));
    // $0.0017 / 8 x 1M = $212.50 and $0.0032 / 8 x 1M = $400.
    expect(lines).toContain(
      'this mix at 1M requests a day (5 of 8 routed small, 1 of those escalated, 200-token small and 400-token large answers): $212.50 instead of $400.00 a day',
    );
    expect(lines).toContain("the page's assumptions (200-token answers, 70% routed small, 1 in 10 of those escalated): $88 instead of $200 a day");
    expect(result.pageDailyDollars).toBe(88);
  });
});
