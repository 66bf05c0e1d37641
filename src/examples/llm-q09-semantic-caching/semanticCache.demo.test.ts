import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './semanticCache.demo';

afterEach(() => vi.restoreAllMocks());

describe('the semantic cache threshold demo', () => {
  it('shows that raising the threshold loses paraphrases, and only the digit guard removes the refund and year false hits', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { guarded, unguarded } = demo();
    // At 0.95 with the guard: paraphrases 0.96 and 0.99 served, the 0.97 negation too: 1 wrong of 3.
    expect(guarded).toEqual([
      [0.85, 1, 0.333],
      [0.9, 0.5, 0.5],
      [0.95, 0.5, 0.333],
      [0.98, 0.25, 0],
    ]);
    // Without it, order 5678 (0.985) is served order 1234's answer even at 0.98: 1 wrong of 2.
    expect(unguarded).toEqual([
      [0.85, 1, 0.5],
      [0.9, 0.5, 0.667],
      [0.95, 0.5, 0.6],
      [0.98, 0.25, 0.5],
    ]);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]?.[0]).toContain('t=0.95 hit rate 0.5, false-hit rate 0.333');
    expect(log.mock.calls[1]?.[0]).toContain('t=0.98 hit rate 0.25, false-hit rate 0.5');
  });
});
