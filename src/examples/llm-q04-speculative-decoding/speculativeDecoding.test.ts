import { describe, expect, it } from 'vitest';
import { acceptanceRate, bestGamma, expectedTokensPerPass, seededRandom, simulateTokensPerPass, speculativeSample, speedup } from './speculativeDecoding';

describe('expectedTokensPerPass', () => {
  it('gives (1 - alpha^(gamma+1)) / (1 - alpha): 3.3616 tokens for alpha 0.8 and gamma 4', () => {
    expect(expectedTokensPerPass(0.8, 4)).toBeCloseTo(3.3616, 12);
  });

  it('yields one token per pass when every draft token is rejected, or when nothing is drafted', () => {
    expect(expectedTokensPerPass(0, 5)).toBe(1);
    expect(expectedTokensPerPass(0.9, 0)).toBe(1);
  });

  it('yields gamma + 1 tokens when every draft token is accepted', () => {
    expect(expectedTokensPerPass(1, 4)).toBe(5);
  });

  it('grows with gamma but never reaches 1 / (1 - alpha)', () => {
    const values = [1, 2, 4, 8, 16, 32].map((g) => expectedTokensPerPass(0.8, g));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]!);
    expect(values.at(-1)).toBeLessThan(5);
  });
});

describe('speedup', () => {
  it('divides the tokens per pass by the round cost gamma x c + 1: 3.3616 / 1.2 = 2.80x', () => {
    expect(speedup(0.8, 4, 0.05)).toBeCloseTo(3.3616 / 1.2, 12);
  });

  it('turns into a slow-down when verifying gamma + 1 tokens costs gamma + 1 passes (compute-bound batches)', () => {
    expect(speedup(0.8, 4, 0.05, 5)).toBeCloseTo(3.3616 / 5.2, 12);
    expect(speedup(0.8, 4, 0.05, 5)).toBeLessThan(1);
  });
});

describe('bestGamma', () => {
  it('picks 8 draft tokens for alpha 0.8 and c 0.05, a 3.09x speed-up', () => {
    const best = bestGamma(0.8, 0.05);
    expect(best.gamma).toBe(8);
    expect(best.speedup).toBeCloseTo(4.32891 / 1.4, 4);
  });

  it('drafts more tokens when the draft is accepted more often', () => {
    expect(bestGamma(0.6, 0.05).gamma).toBeLessThan(bestGamma(0.9, 0.05).gamma);
  });

  it('advises against speculating when acceptance is low and the draft is costly', () => {
    expect(bestGamma(0.1, 0.2)).toEqual({ gamma: 0, speedup: 1 });
  });
});

describe('simulateTokensPerPass', () => {
  it.each([
    [0.5, 3],
    [0.8, 4],
    [0.9, 8],
  ])('agrees with the closed form for alpha %s and gamma %s within 0.03 over 100,000 passes', (alpha, gamma) => {
    expect(Math.abs(simulateTokensPerPass(alpha, gamma, 100_000, seededRandom(7)) - expectedTokensPerPass(alpha, gamma))).toBeLessThan(0.03);
  });

  it('is exact at the edges and repeatable with the same seed', () => {
    expect(simulateTokensPerPass(1, 4, 10, seededRandom(1))).toBe(5);
    expect(simulateTokensPerPass(0, 4, 10, seededRandom(1))).toBe(1);
    expect(simulateTokensPerPass(0.7, 5, 1_000, seededRandom(3))).toBe(simulateTokensPerPass(0.7, 5, 1_000, seededRandom(3)));
  });
});

describe('speculativeSample', () => {
  const p = [0.5, 0.3, 0.2, 0];
  const q = [0.2, 0.2, 0.3, 0.3]; // the draft likes token 3, which the target never produces

  function run(n: number) {
    const random = seededRandom(11);
    const counts = [0, 0, 0, 0];
    let accepted = 0;
    for (let i = 0; i < n; i++) {
      const s = speculativeSample(p, q, random);
      counts[s.token]!++;
      if (s.accepted) accepted++;
    }
    return { freq: counts.map((c) => c / n), accepted: accepted / n };
  }

  it('produces tokens distributed as the target p, not the draft q', () => {
    const { freq } = run(200_000);
    freq.forEach((f, i) => expect(Math.abs(f - p[i]!)).toBeLessThan(0.005));
    expect(freq[3]).toBe(0);
  });

  it('accepts the draft token with probability sum of min(p, q): 0.2 + 0.2 + 0.2 + 0 = 0.6', () => {
    expect(acceptanceRate(p, q)).toBeCloseTo(0.6, 12);
    expect(Math.abs(run(200_000).accepted - 0.6)).toBeLessThan(0.005);
  });

  it('always accepts when the draft equals the target', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 1_000; i++) expect(speculativeSample(p, p, random).accepted).toBe(true);
  });
});

describe('input checks', () => {
  it('names the field it rejects', () => {
    expect(() => expectedTokensPerPass(1.5, 4)).toThrow(new RangeError('alpha must be between 0 and 1, got 1.5'));
    expect(() => expectedTokensPerPass(Number.NaN, 4)).toThrow(/alpha/);
    expect(() => expectedTokensPerPass(0.5, 2.5)).toThrow(/gamma must be a non-negative integer/);
    expect(() => speedup(0.5, 4, -0.1)).toThrow(/c must be/);
    expect(() => speedup(0.5, 4, 0.1, 0.5)).toThrow(/verifyCost/);
    expect(() => simulateTokensPerPass(0.5, 4, 0, seededRandom(1))).toThrow(/passes/);
    expect(() => speculativeSample([1], [0.5, 0.5], seededRandom(1))).toThrow(/same vocabulary/);
    expect(() => speculativeSample([0.5, 0.6], [0.5, 0.5], seededRandom(1))).toThrow(/p must be non-negative and sum to 1/);
  });

  it('checks the distributions it measures acceptance over, like the sampling step does', () => {
    expect(() => acceptanceRate([0.5, 0.5], [1])).toThrow(/same vocabulary/);
    expect(() => acceptanceRate([0.7, 0.7], [0.5, 0.5])).toThrow(/p must be non-negative and sum to 1/);
    expect(() => bestGamma(0.8, 0.05, 0)).toThrow(/maxGamma must be a positive integer/);
  });
});
