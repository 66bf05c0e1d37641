import { describe, expect, it } from 'vitest';
import {
  acceptanceRate,
  bestGamma,
  expectedTokensPerPass,
  seededRandom,
  simulateRounds,
  simulateRoundsByPosition,
  simulateTokensPerPass,
  speculativeSample,
  speedup,
  type Random,
} from './speculativeDecoding';

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

  it('takes the verification cost into account: when verifying gamma + 1 tokens costs gamma + 1 passes, it switches speculation off', () => {
    const computeBound = (gamma: number) => gamma + 1;
    expect(speedup(0.8, 8, 0.05, computeBound(8))).toBeCloseTo(4.32891 / 9.4, 4); // 0.46x: gamma 8 would be a slow-down
    expect(bestGamma(0.8, 0.05, 16, computeBound)).toEqual({ gamma: 0, speedup: 1 });
  });

  it('drafts fewer tokens when each extra verified token costs a tenth of a pass, and gains less', () => {
    const partly = bestGamma(0.8, 0.05, 16, (gamma) => 1 + 0.1 * gamma);
    const memoryBound = bestGamma(0.8, 0.05);
    expect(partly.gamma).toBeGreaterThan(0);
    expect(partly.gamma).toBeLessThan(memoryBound.gamma);
    expect(partly.speedup).toBeLessThan(memoryBound.speedup);
    expect(partly.speedup).toBeCloseTo(speedup(0.8, partly.gamma, 0.05, 1 + 0.1 * partly.gamma), 12);
  });

  it('searches up to maxGamma inclusive: with a free draft accepted 99% of the time, the last gamma allowed is best', () => {
    expect(bestGamma(0.99, 0, 4).gamma).toBe(4);
  });

  it('keeps the smaller gamma on a tie, so a speculation that gains nothing stays off', () => {
    // Every draft token accepted and verification compute-bound: gamma + 1 tokens for gamma + 1 passes, 1x at every gamma.
    expect(bestGamma(1, 0, 8, (g) => g + 1)).toEqual({ gamma: 0, speedup: 1 });
  });

  it('refuses a verification cost below one pass', () => {
    expect(() => bestGamma(0.8, 0.05, 16, () => 0.5)).toThrow(/verifyCost must be >= 1/);
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

  it('measures acceptance per draft position scored: at alpha 0.8 that gives back 0.8 and predicts the tokens per pass', () => {
    const r = simulateRounds(0.8, 4, 100_000, seededRandom(7));
    // Scoring stops at the first rejection, so a round scores its accepted tokens plus one rejected token, if any.
    expect(r.accepted / r.scored).toBeCloseTo(0.8, 2);
    expect(Math.abs(expectedTokensPerPass(r.accepted / r.scored, 4) - r.tokensPerPass)).toBeLessThan(0.03);
  });

  it('shows that accepted / proposed is not alpha: about (3.3616 - 1) / 4 = 0.59 at alpha 0.8, gamma 4, which predicts too few tokens', () => {
    const r = simulateRounds(0.8, 4, 100_000, seededRandom(7));
    const perProposed = r.accepted / r.proposed;
    expect(r.proposed).toBe(4 * 100_000);
    expect(Math.abs(perProposed - (expectedTokensPerPass(0.8, 4) - 1) / 4)).toBeLessThan(0.005);
    // Plugged into the formula it predicts about 2.27 tokens per pass against about 3.36 measured.
    expect(expectedTokensPerPass(perProposed, 4)).toBeLessThan(r.tokensPerPass - 1);
  });

  it("gives vLLM's two logged figures: accepted / drafted (its draft acceptance rate) and 1 + accepted per round (its mean acceptance length), the latter equal to the tokens per pass", () => {
    const passes = 100_000;
    const r = simulateRounds(0.8, 4, passes, seededRandom(7));
    expect(1 + r.accepted / passes).toBeCloseTo(r.tokensPerPass, 12);
    expect(Math.abs(1 + r.accepted / passes - expectedTokensPerPass(0.8, 4))).toBeLessThan(0.03);
    expect(r.accepted / r.proposed).toBeLessThan(0.6);
  });

  it("gives vLLM's per-position counts: rejections are the drafting rounds minus those that accepted position gamma, and the per-position rates are alpha^k", () => {
    const passes = 100_000;
    const r = simulateRounds(0.8, 4, passes, seededRandom(7));
    // Every round that did not accept all gamma tokens scored exactly one rejection.
    expect(r.scored - r.accepted).toBe(passes - r.acceptedAtPosition[3]!);
    // Per-position rates are cumulative: alpha^k at position k, so the first one estimates alpha.
    r.acceptedAtPosition.forEach((n, k) => expect(Math.abs(n / passes - 0.8 ** (k + 1))).toBeLessThan(0.005));
  });

  it('misses when acceptance falls with position, even with alpha measured over scored positions: 0.78 predicts 3.21 tokens per pass, 3.42 measured', () => {
    const passes = 100_000;
    const r = simulateRoundsByPosition([0.9, 0.8, 0.7, 0.6], passes, seededRandom(7));
    const alpha = r.accepted / r.scored;
    expect(alpha).toBeCloseTo(0.78, 2);
    expect(expectedTokensPerPass(alpha, 4)).toBeCloseTo(3.21, 2);
    expect(r.tokensPerPass).toBeCloseTo(3.42, 2);
    expect(r.tokensPerPass - expectedTokensPerPass(alpha, 4)).toBeGreaterThan(0.05);
    // vLLM's per-position rates are cumulative (0.9, 0.72, ...): their successive ratios give back each position's rate.
    const ratios = r.acceptedAtPosition.map((n, k) => n / (k === 0 ? passes : r.acceptedAtPosition[k - 1]!));
    ratios.forEach((ratio, k) => expect(Math.abs(ratio - [0.9, 0.8, 0.7, 0.6][k]!)).toBeLessThan(0.01));
  });

  it('gives the same tokens per pass as simulateTokensPerPass for the same seed', () => {
    expect(simulateRounds(0.7, 5, 1_000, seededRandom(3)).tokensPerPass).toBe(simulateTokensPerPass(0.7, 5, 1_000, seededRandom(3)));
  });

  it('needs at least one draft token per round: with gamma 0 nothing is drafted or scored, and the acceptance ratios would be 0 / 0', () => {
    expect(() => simulateRounds(0.8, 0, 10, seededRandom(1))).toThrow(new RangeError('gamma must be at least 1 to simulate drafting, got 0'));
    expect(() => simulateTokensPerPass(0.8, 0, 10, seededRandom(1))).toThrow(/gamma must be at least 1/);
    // One draft token is enough for both ratios to be defined.
    const r = simulateRounds(0.8, 1, 1_000, seededRandom(1));
    expect(r.scored).toBe(1_000);
    expect(Number.isFinite(r.accepted / r.scored) && Number.isFinite(r.accepted / r.proposed)).toBe(true);
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

  it('draws from p itself (p equals q up to rounding) when rounding leaves the residual max(0, p - q) with no mass', () => {
    // p and q agree up to rounding, so p - q is never positive; a rejection can still happen by a hair.
    const pNearQ = [0.3, 0.3, 0.4 - 9e-10];
    const qRounded = [0.3, 0.3, 0.4];
    const draws = [0.9, 0.9999999999, 0.5]; // draft token 2, reject it, then a draw at 0.5
    const forced: Random = () => draws.shift()!;
    expect(speculativeSample(pNearQ, qRounded, forced)).toEqual({ token: 1, accepted: false }); // 0.5 falls in p's second token
  });

  it('falls back to the last token with mass when rounding leaves a draw unplaced: token 2, never token 3 whose p is 0', () => {
    const pTarget = [0.3894055802668823, 0.2850788515972503, 0.3255155681358674, 0];
    const qDraft = [0.19470279013344116, 0.05701577031945007, 0.1627577840679337, 0.5855236554791751];
    // Draft token 3, reject it (p is 0 there), then a draw just below 1 that the residual's rounded sum does not reach.
    const draws = [0.99, 0.5, 1 - 2 ** -53];
    const forced: Random = () => draws.shift()!;
    expect(speculativeSample(pTarget, qDraft, forced)).toEqual({ token: 2, accepted: false });
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

  it('refuses a negative entry even when the sum is 1', () => {
    expect(() => speculativeSample([1.5, -0.5], [0.5, 0.5], seededRandom(1))).toThrow(/p must be non-negative and sum to 1/);
  });

  it('refuses a sum that misses 1 by 1e-6', () => {
    expect(() => acceptanceRate([0.5, 0.5 - 1e-6], [0.5, 0.5])).toThrow(/p must be non-negative and sum to 1/);
  });

  it('refuses an infinite draft cost or verification cost', () => {
    expect(() => speedup(0.5, 4, Number.POSITIVE_INFINITY)).toThrow(/c must be a finite number/);
    expect(() => speedup(0.5, 4, 0.1, Number.POSITIVE_INFINITY)).toThrow(/verifyCost must be >= 1/);
  });

  it('refuses a fractional number of passes', () => {
    expect(() => simulateRounds(0.5, 4, 2.5, seededRandom(1))).toThrow(/passes must be a positive integer, got 2.5/);
  });

  it('needs one valid acceptance rate per draft position', () => {
    expect(() => simulateRoundsByPosition([], 10, seededRandom(1))).toThrow(/alphas must hold one acceptance rate per draft position/);
    expect(() => simulateRoundsByPosition([0.9, 1.2], 10, seededRandom(1))).toThrow(/alpha must be between 0 and 1, got 1.2/);
  });

  it('checks the distributions it measures acceptance over, like the sampling step does', () => {
    expect(() => acceptanceRate([0.5, 0.5], [1])).toThrow(/same vocabulary/);
    expect(() => acceptanceRate([0.7, 0.7], [0.5, 0.5])).toThrow(/p must be non-negative and sum to 1/);
    expect(() => bestGamma(0.8, 0.05, 0)).toThrow(/maxGamma must be a positive integer/);
  });
});
