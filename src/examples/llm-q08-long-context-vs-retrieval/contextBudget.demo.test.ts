import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './contextBudget.demo';

afterEach(() => vi.restoreAllMocks());

describe('the long context against retrieval demo', () => {
  it('prices a month of 100,000 questions three ways and finds the break-even corpus sizes', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // $0.508, $0.08675 and $0.0281 per query, times 100,000.
    expect(result.monthly).toEqual({ stuff: 50_800, 'stuff, cached': 8_675, retrieve: 2_810 });
    expect(result.breakEven).toEqual([4020, 25524]);
    expect(result.attention).toEqual([0.032, 0.451]);
    expect(result.packed).toEqual(['c1', 'c3', 'c5', 'c7', 'c8', 'c6', 'c4', 'c2']);
  });

  it('prints each per-query price to at most 5 decimals without trailing zeros, as the page quotes it', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    demo();
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('stuff: $0.508 per query, $50,800 per month');
    expect(lines).toContain('stuffing is cheaper only below 4,020 corpus tokens (25,524 with the cache)');
    expect(lines).toContain('stuff, cached: $0.08675 per query, $8,675 per month');
    expect(lines).toContain('retrieve: $0.0281 per query, $2,810 per month');
  });

  it('prints each per-query price with enough decimals that 100,000 times it is the monthly figure printed beside it', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    demo();
    const lines = log.mock.calls.map((c) => String(c[0]));
    for (const line of lines.filter((l) => l.includes(' per month'))) {
      const [, perQuery, perMonth] = /\$([\d.]+) per query, \$([\d,]+) per month/.exec(line)!;
      expect(Math.round(Number(perQuery) * 100_000)).toBe(Number(perMonth!.replace(/,/g, '')));
    }
  });
});
