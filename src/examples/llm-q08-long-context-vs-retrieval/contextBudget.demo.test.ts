import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './contextBudget.demo';

afterEach(() => vi.restoreAllMocks());

describe('the long context against retrieval demo', () => {
  it('prices a month of 100,000 questions three ways and finds the break-even corpus sizes', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // $0.508, $0.08675 and $0.0281 per query, times 100,000.
    expect(result.monthly).toEqual({ stuff: 50_800, 'stuff, cached': 8_675, retrieve: 2_810 });
    expect(result.breakEven).toEqual([4020, 25524]);
    expect(result.attention).toEqual([0.032, 0.451]);
    expect(result.packed).toEqual(['c1', 'c3', 'c5', 'c7', 'c8', 'c6', 'c4', 'c2']);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('retrieve: $0.0281 per query, $2,810 per month');
  });
});
