import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './evalGate.demo';

afterEach(() => vi.restoreAllMocks());

describe('the evaluation gate demo', () => {
  it('fails candidate A, passes B, calls C inconclusive, and prints the intervals the page quotes', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ decisions: ['fail', 'pass', 'inconclusive'], itemsForThreePoints: 1068 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toEqual([
      'baseline: 320 of 400 pass, Wilson 95% interval [75.8%, 83.6%]',
      'candidate A (-30 +6): FAIL, regression beyond 2.0 points with 95% confidence: [-9.0, -3.3] points',
      'candidate B (-6 +6): PASS, any regression is within 2.0 points: [-1.8, 1.8] points',
      'candidate C (-14 +6): INCONCLUSIVE, interval [-4.3, 0.0] points straddles -2.0 points: add items or samples',
      'a pass rate to ±3 points at 50% needs 1068 items',
    ]);
  });
});
