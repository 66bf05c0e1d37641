import { describe, expect, it } from 'vitest';
import { bonferroniCriticalZ, disparateImpact, type Outcome } from './disparateImpact';

/** n decisions for a group, the first `favourable` of them favourable. */
function decisions(group: string, n: number, favourable: number): Outcome[] {
  return Array.from({ length: n }, (_, i) => ({ group, favourable: i < favourable }));
}

describe('disparateImpact (four-fifths rule)', () => {
  it('alerts when a group is selected at under 80% of the top rate and the gap is significant (30% vs 50% of 200, z ≈ 4.1)', () => {
    const report = disparateImpact([...decisions('A', 200, 100), ...decisions('B', 200, 60)]);
    expect(report.verdict).toBe('alert');
    expect(report.flagged).toEqual(['B']);
    const b = report.groups.find((g) => g.group === 'B');
    expect(b?.impactRatio).toBeCloseTo(0.6, 10);
    expect(b?.z).toBeCloseTo(4.082, 3);
  });

  it('does not alert at exactly 0.8, the boundary of the rule, but sends a significant gap there to review (40% vs 50% of 200, z ≈ 2.01)', () => {
    const report = disparateImpact([...decisions('A', 200, 100), ...decisions('B', 200, 80)]);
    expect(report.verdict).toBe('review');
    expect(report.flagged).toEqual([]);
    expect(report.review).toEqual(['B']);
    expect(report.groups.find((g) => g.group === 'B')?.impactRatio).toBeCloseTo(0.8, 10);
  });

  it('does not alert at exactly 0.8 when the rates are not exact in floating point (4% vs 5%, where 0.04 / 0.05 = 0.7999999999999999)', () => {
    const small = disparateImpact([...decisions('A', 100, 5), ...decisions('B', 100, 4)]);
    expect(small.groups.find((g) => g.group === 'B')?.impactRatio).toBe(0.8);
    // 10,000 decisions a group make the gap significant (z ≈ 3.4), so only the boundary can keep it from alerting.
    const large = disparateImpact([...decisions('A', 10_000, 500), ...decisions('B', 10_000, 400)]);
    expect(large.verdict).toBe('review');
    expect(large.flagged).toEqual([]);
    expect(large.groups.find((g) => g.group === 'B')?.impactRatio).toBe(0.8);
  });

  it('does not alert when the ratio is under 0.8 by chance alone (15% vs 20% of 100, ratio 0.75, z ≈ 0.93)', () => {
    const report = disparateImpact([...decisions('A', 100, 20), ...decisions('B', 100, 15)]);
    expect(report.verdict).toBe('ok');
    const b = report.groups.find((g) => g.group === 'B');
    expect(b?.impactRatio).toBeCloseTo(0.75, 10);
    expect(b?.z).toBeCloseTo(0.9305, 3);
  });

  it('alerts on the same 0.75 ratio once the groups are large enough for the gap to be significant (150 vs 200 of 1,000, z ≈ 2.94)', () => {
    const report = disparateImpact([...decisions('A', 1000, 200), ...decisions('B', 1000, 150)]);
    expect(report.verdict).toBe('alert');
    expect(report.flagged).toEqual(['B']);
  });

  it('raises the significance bar with the number of group pairs (Bonferroni at p < 0.05): z 1.96 for 2 groups, 2.81 for 5, 3.12 for 8, 3.46 for 14', () => {
    expect(bonferroniCriticalZ(2)).toBeCloseTo(1.96, 2);
    expect(bonferroniCriticalZ(5)).toBeCloseTo(2.807, 2);
    expect(bonferroniCriticalZ(8)).toBeCloseTo(3.124, 2);
    expect(bonferroniCriticalZ(14)).toBeCloseTo(3.455, 2);
  });

  it('refuses a group count that is not a whole number of at least 2, which has no pair to compare', () => {
    for (const k of [1, 0, -3, 2.5, Number.NaN]) expect(() => bonferroniCriticalZ(k)).toThrow(RangeError);
    expect(() => bonferroniCriticalZ(1)).toThrow(/k must be a whole number of groups, at least 2/);
  });

  it('does not alert on five groups when the widest gap is one chance produces among 10 pairs (27% vs 15% of 100, z ≈ 2.08, under 2.81)', () => {
    const report = disparateImpact([...decisions('A', 100, 27), ...decisions('B', 100, 20), ...decisions('C', 100, 20), ...decisions('D', 100, 20), ...decisions('E', 100, 15)]);
    const e = report.groups.find((g) => g.group === 'E');
    expect(e?.impactRatio).toBeCloseTo(0.556, 3);
    expect(e?.z).toBeCloseTo(2.083, 3);
    expect(report.verdict).toBe('ok');
    expect(report.flagged).toEqual([]);
  });

  it('still alerts on five groups when one gap is clear (10% vs 30% of 100, z ≈ 3.54)', () => {
    const report = disparateImpact([...decisions('A', 100, 30), ...decisions('B', 100, 30), ...decisions('C', 100, 30), ...decisions('D', 100, 30), ...decisions('E', 100, 10)]);
    expect(report.verdict).toBe('alert');
    expect(report.flagged).toEqual(['E']);
  });

  it('sends a significant gap above the threshold to review rather than passing it (17% vs 20% of 10,000, ratio 0.85, z ≈ 5.46)', () => {
    const report = disparateImpact([...decisions('A', 10_000, 2000), ...decisions('B', 10_000, 1700)]);
    expect(report.verdict).toBe('review');
    expect(report.review).toEqual(['B']);
    expect(report.flagged).toEqual([]);
    const b = report.groups.find((g) => g.group === 'B');
    expect(b?.impactRatio).toBeCloseTo(0.85, 10);
    expect(b?.z).toBeCloseTo(5.46, 2);
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

  it('measures a group from 100 decisions by default (99 is too small)', () => {
    const ninetyNine = disparateImpact([...decisions('A', 100, 50), ...decisions('B', 99, 50)]);
    expect(ninetyNine.verdict).toBe('insufficient-data');
    expect(ninetyNine.tooSmall).toEqual(['B']);
    const hundred = disparateImpact([...decisions('A', 100, 50), ...decisions('B', 100, 50)]);
    expect(hundred.verdict).toBe('ok');
    expect(hundred.groups.map((g) => g.group)).toEqual(['A', 'B']);
    expect(hundred.tooSmall).toEqual([]);
  });

  it('reports insufficient data when fewer than two groups are large enough, still listing the small ones', () => {
    expect(disparateImpact([]).verdict).toBe('insufficient-data');
    const report = disparateImpact([...decisions('A', 500, 250), ...decisions('C', 12, 1)]);
    expect(report.verdict).toBe('insufficient-data');
    expect(report.tooSmall).toEqual(['C']);
  });

  it('reports "no favourable outcomes", not "ok", when no group large enough to measure has one, still listing the small ones', () => {
    // C has 3 favourable outcomes in 12 decisions, but 12 is too few to measure.
    const report = disparateImpact([...decisions('A', 100, 0), ...decisions('B', 100, 0), ...decisions('C', 12, 3)]);
    expect(report.verdict).toBe('no-favourable-outcomes');
    expect(report.flagged).toEqual([]);
    expect(report.tooSmall).toEqual(['C']);
  });

  it('gives z 0, not NaN, when every decision is favourable (no variance to divide by)', () => {
    const report = disparateImpact([...decisions('A', 100, 100), ...decisions('B', 100, 100)]);
    expect(report.verdict).toBe('ok');
    expect(report.groups.map((g) => g.z)).toEqual([0, 0]);
  });

  it('rejects a favourable flag that is not a boolean, such as the string "false" from JSON', () => {
    const fromJson = [...decisions('A', 100, 50), { group: 'B', favourable: 'false' } as unknown as Outcome];
    expect(() => disparateImpact(fromJson)).toThrow(TypeError);
    expect(() => disparateImpact(fromJson)).toThrow(/favourable must be true or false/);
  });

  it('rejects a numeric favourable flag such as 1, which would otherwise count as true', () => {
    const numeric = [...decisions('A', 100, 50), { group: 'B', favourable: 1 } as unknown as Outcome];
    expect(() => disparateImpact(numeric)).toThrow(TypeError);
  });

  it('rejects a group that is not a string, since 1 and "1" would count as two groups', () => {
    for (const group of [1, undefined]) {
      const outcomes = [...decisions('1', 100, 50), { group, favourable: true } as unknown as Outcome];
      expect(() => disparateImpact(outcomes)).toThrow(TypeError);
      expect(() => disparateImpact(outcomes)).toThrow(/group must be a string/);
    }
  });

  it('rejects a threshold outside (0, 1] or not a number', () => {
    expect(() => disparateImpact([], { threshold: 1.25 })).toThrow(RangeError);
    expect(() => disparateImpact([], { threshold: 0 })).toThrow(RangeError);
    expect(() => disparateImpact([], { threshold: Number.NaN })).toThrow(RangeError);
  });

  it('accepts a threshold of 1, which sends every significant gap to alert rather than review (17% vs 20% of 10,000)', () => {
    const report = disparateImpact([...decisions('A', 10_000, 2000), ...decisions('B', 10_000, 1700)], { threshold: 1 });
    expect(report.verdict).toBe('alert');
    expect(report.flagged).toEqual(['B']);
  });

  it('rejects a minimum group size that is not a whole number of at least 1', () => {
    for (const minGroupSize of [Number.NaN, 0, -5, 2.5, Number.POSITIVE_INFINITY]) {
      expect(() => disparateImpact(decisions('A', 100, 50), { minGroupSize })).toThrow(RangeError);
    }
    expect(() => disparateImpact([], { minGroupSize: Number.NaN })).toThrow(/minGroupSize must be a whole number/);
  });
});
