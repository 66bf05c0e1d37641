import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './evalGate.demo';

afterEach(() => vi.restoreAllMocks());

describe('the evaluation gate demo', () => {
  it('fails candidate A, passes B, calls C inconclusive, prints the intervals the page quotes, and sizes the set against the distance to −tolerance', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ decisions: ['fail', 'pass', 'inconclusive'], itemsForThreePoints: 1068, itemsToPassIfEven: 973, itemsAtObservedDifference: Number.POSITIVE_INFINITY });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toEqual([
      'baseline: 320 of 400 pass, Wilson 95% interval [75.8%, 83.6%]',
      'candidate A (-30 +6): FAIL, regression beyond 2.00 points with 95% confidence: [-9.00, -3.25] points',
      'candidate B (-6 +6): PASS, any regression is within 2.00 points: [-1.75, 1.75] points',
      'candidate C (-14 +6): INCONCLUSIVE, interval [-4.25, 0.00] points straddles -2.00 points: add items or samples',
      'a pass rate to ±3 points at 50% needs 1068 items',
      'candidate C sits at -2.00 points, on the -2.00-point line: no number of items settles it reliably',
      "with C's churn, Var(d) = 0.0496, and no real regression, passing 4 runs in 5 takes (1.96 + 0.84)² × 0.0496 / (0 + 0.02)² = 972.2: 973 items",
    ]);
  });
});
