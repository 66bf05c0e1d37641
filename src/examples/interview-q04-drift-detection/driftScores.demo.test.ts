import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './driftScores.demo';

afterEach(() => vi.restoreAllMocks());

describe('the drift scoring demo', () => {
  it('scores no shift as stable, a 0.4 sd shift as moderate and a 1 sd shift as significant', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(Object.values(result).map((r) => r.band)).toEqual(['stable', 'moderate', 'significant', 'stable']);
    expect(result['same distribution']!.psi).toBeLessThan(0.1);
    expect(result['shifted +1 sd']!.psi).toBeGreaterThan(0.2);
  });

  it('shows a broken join as stable PSI with 30% of values missing, and prints the missing share only there', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result['broken join']!.missingShare).toBeCloseTo(0.3, 12);
    expect(result['same distribution']!.missingShare).toBe(0);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => l.includes('missing, not binned'))).toEqual([expect.stringMatching(/^broken join: .*30% missing, not binned$/)]);
  });
});
