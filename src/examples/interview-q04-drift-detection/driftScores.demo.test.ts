import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './driftScores.demo';

afterEach(() => vi.restoreAllMocks());

describe('the drift scoring demo', () => {
  it('scores no shift as stable, a 0.4 sd shift as moderate and a 1 sd shift as significant', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(Object.values(result).map((r) => r.band)).toEqual(['stable', 'moderate', 'significant']);
    expect(result['same distribution']!.psi).toBeLessThan(0.1);
    expect(result['shifted +1 sd']!.psi).toBeGreaterThan(0.2);
  });
});
