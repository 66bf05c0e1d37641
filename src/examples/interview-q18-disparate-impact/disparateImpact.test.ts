import { describe, expect, it } from 'vitest';
import { disparateImpact, type Outcome } from './disparateImpact';

/** n decisions for a group, the first `favourable` of them favourable. */
function decisions(group: string, n: number, favourable: number): Outcome[] {
  return Array.from({ length: n }, (_, i) => ({ group, favourable: i < favourable }));
}

describe('disparateImpact (four-fifths rule)', () => {
  it('alerts when a group is selected at under 80% of the top rate (30% vs 50% = 0.6)', () => {
    const report = disparateImpact([...decisions('A', 200, 100), ...decisions('B', 200, 60)]);
    expect(report.verdict).toBe('alert');
    expect(report.flagged).toEqual(['B']);
    expect(report.groups.find((g) => g.group === 'B')?.impactRatio).toBeCloseTo(0.6, 10);
  });

  it('does not alert at exactly 0.8, the boundary of the rule (40% vs 50%)', () => {
    const report = disparateImpact([...decisions('A', 200, 100), ...decisions('B', 200, 80)]);
    expect(report.verdict).toBe('ok');
    expect(report.groups.find((g) => g.group === 'B')?.impactRatio).toBeCloseTo(0.8, 10);
  });

  it('compares against the most favoured group, whichever it is', () => {
    const report = disparateImpact([...decisions('A', 100, 20), ...decisions('B', 100, 50), ...decisions('C', 100, 45)]);
    expect(report.flagged).toEqual(['A']);
    expect(report.groups.find((g) => g.group === 'B')?.impactRatio).toBe(1);
  });

  it('leaves out groups too small to measure and says so', () => {
    const report = disparateImpact([...decisions('A', 200, 100), ...decisions('B', 200, 95), ...decisions('C', 12, 1)]);
    expect(report.verdict).toBe('ok');
    expect(report.tooSmall).toEqual(['C']);
  });

  it('reports insufficient data when fewer than two groups are large enough', () => {
    expect(disparateImpact(decisions('A', 500, 250)).verdict).toBe('insufficient-data');
    expect(disparateImpact([]).verdict).toBe('insufficient-data');
  });

  it('treats "nobody approved" as no disparity rather than dividing by zero', () => {
    const report = disparateImpact([...decisions('A', 100, 0), ...decisions('B', 100, 0)]);
    expect(report.verdict).toBe('ok');
    expect(report.groups.every((g) => g.impactRatio === 1)).toBe(true);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => disparateImpact([], { threshold: 1.25 })).toThrow(RangeError);
  });
});
