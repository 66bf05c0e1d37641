/**
 * Speculative decoding arithmetic (Leviathan et al., 2023) and two seeded
 * simulations: the accept/reject loop behind the expected-token formula, and
 * the rejection-sampling step that keeps the target model's distribution.
 * alpha is the chance that the target accepts one draft token (the formula assumes i.i.d.),
 * gamma the number of draft tokens per round, c the draft's cost per token
 * relative to one target pass.
 */
export type Random = () => number;

/** Seeded generator (mulberry32), so every run and every test sees the same numbers. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkAlphaGamma(alpha: number, gamma: number): void {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be between 0 and 1, got ${alpha}`);
  if (!Number.isInteger(gamma) || gamma < 0) throw new RangeError(`gamma must be a non-negative integer, got ${gamma}`);
}

/** Tokens produced per target pass: (1 - alpha^(gamma+1)) / (1 - alpha). */
export function expectedTokensPerPass(alpha: number, gamma: number): number {
  checkAlphaGamma(alpha, gamma);
  if (alpha === 1) return gamma + 1;
  return (1 - alpha ** (gamma + 1)) / (1 - alpha);
}

/**
 * Speed-up over plain decoding. verifyCost is the target pass's cost when it
 * checks gamma + 1 tokens, relative to a one-token pass: about 1 while decoding
 * is memory-bound, up to gamma + 1 once the batch makes it compute-bound.
 */
export function speedup(alpha: number, gamma: number, c: number, verifyCost = 1): number {
  if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`c must be a finite number >= 0, got ${c}`);
  if (!(verifyCost >= 1) || !Number.isFinite(verifyCost)) throw new RangeError(`verifyCost must be >= 1, got ${verifyCost}`);
  return expectedTokensPerPass(alpha, gamma) / (gamma * c + verifyCost);
}

/**
 * The gamma in 0..maxGamma with the largest speed-up; gamma 0 means "do not speculate".
 * verifyCost(gamma) is the cost of the pass that checks gamma + 1 tokens, in plain passes:
 * 1 while decoding is memory-bound (the default), up to gamma + 1 in a compute-bound batch.
 */
export function bestGamma(alpha: number, c: number, maxGamma = 16, verifyCost: (gamma: number) => number = () => 1): { gamma: number; speedup: number } {
  if (!Number.isInteger(maxGamma) || maxGamma < 1) throw new RangeError(`maxGamma must be a positive integer, got ${maxGamma}`);
  let best = { gamma: 0, speedup: 1 };
  for (let gamma = 1; gamma <= maxGamma; gamma++) {
    const s = speedup(alpha, gamma, c, verifyCost(gamma));
    if (s > best.speedup) best = { gamma, speedup: s };
  }
  return best;
}

export interface RoundCounts {
  /** Mean tokens per target pass. */
  tokensPerPass: number;
  /** Draft tokens accepted. */
  accepted: number;
  /** Draft positions the target scored: scoring stops at the first rejection, so accepted + rejections. */
  scored: number;
  /** Draft tokens proposed: gamma per round, including those after a rejection that were never scored. */
  proposed: number;
  /** Index k: rounds that accepted draft position k + 1, as vLLM counts them; divided by the rounds, its per-position acceptance rates. */
  acceptedAtPosition: number[];
}

/**
 * Monte Carlo of the accept/reject loop over `passes` rounds, with the counts a server logs.
 * accepted / scored estimates alpha; accepted / proposed does not (it tends to (E[tokens] - 1) / gamma).
 * Needs gamma >= 1: with no draft token nothing is scored or proposed, and both ratios would be 0 / 0.
 */
export function simulateRounds(alpha: number, gamma: number, passes: number, random: Random): RoundCounts {
  checkAlphaGamma(alpha, gamma);
  if (gamma < 1) throw new RangeError(`gamma must be at least 1 to simulate drafting, got ${gamma}`);
  return simulateRoundsByPosition(new Array<number>(gamma).fill(alpha), passes, random);
}

/**
 * The same loop with one acceptance rate per draft position. The formula assumes they are all
 * equal; when acceptance falls with position, it misses even with alpha measured as accepted / scored.
 */
export function simulateRoundsByPosition(alphas: readonly number[], passes: number, random: Random): RoundCounts {
  const gamma = alphas.length;
  if (gamma < 1) throw new RangeError('alphas must hold one acceptance rate per draft position, at least one');
  for (const alpha of alphas) checkAlphaGamma(alpha, gamma);
  if (!Number.isInteger(passes) || passes < 1) throw new RangeError(`passes must be a positive integer, got ${passes}`);
  let tokens = 0;
  let acceptedTotal = 0;
  let scored = 0;
  const acceptedAtPosition = alphas.map(() => 0);
  for (let p = 0; p < passes; p++) {
    let accepted = 0;
    while (accepted < gamma && random() < alphas[accepted]!) {
      acceptedAtPosition[accepted]!++;
      accepted++;
    }
    // One more token every pass: the target's correction after a rejection, or a bonus token after gamma acceptances.
    tokens += accepted + 1;
    acceptedTotal += accepted;
    scored += accepted < gamma ? accepted + 1 : accepted;
  }
  return { tokensPerPass: tokens / passes, accepted: acceptedTotal, scored, proposed: gamma * passes, acceptedAtPosition };
}

/** Mean tokens per target pass from the Monte Carlo. */
export function simulateTokensPerPass(alpha: number, gamma: number, passes: number, random: Random): number {
  return simulateRounds(alpha, gamma, passes, random).tokensPerPass;
}

/**
 * One speculative step over a small vocabulary: draw from the draft q, keep the
 * draw with probability min(1, p/q), otherwise resample from max(0, p - q)
 * normalised. The result is distributed exactly as the target p.
 */
export function speculativeSample(p: readonly number[], q: readonly number[], random: Random): { token: number; accepted: boolean } {
  checkDistributions(p, q);
  const token = draw(q, random);
  if (random() < Math.min(1, p[token]! / q[token]!)) return { token, accepted: true };
  const residual = p.map((pi, i) => Math.max(0, pi - q[i]!));
  const total = residual.reduce((a, b) => a + b, 0);
  // No residual mass means p <= q everywhere, so p = q up to rounding and a rejection was a rounding artefact:
  // drawing from p itself keeps the output distributed as p.
  if (total === 0) return { token: draw(p, random), accepted: false };
  return {
    token: draw(
      residual.map((r) => r / total),
      random,
    ),
    accepted: false,
  };
}

/** Acceptance rate of one draft token: the overlap sum of min(p, q), i.e. 1 minus the total variation distance. */
export function acceptanceRate(p: readonly number[], q: readonly number[]): number {
  checkDistributions(p, q);
  return p.reduce((sum, pi, i) => sum + Math.min(pi, q[i]!), 0);
}

function checkDistributions(p: readonly number[], q: readonly number[]): void {
  if (p.length !== q.length || p.length === 0) throw new RangeError('p and q must be non-empty distributions over the same vocabulary');
  for (const [name, dist] of [
    ['p', p],
    ['q', q],
  ] as const) {
    const sum = dist.reduce((a, b) => a + b, 0);
    if (dist.some((x) => !(x >= 0)) || Math.abs(sum - 1) > 1e-9) throw new RangeError(`${name} must be non-negative and sum to 1`);
  }
}

function draw(dist: readonly number[], random: Random): number {
  let u = random();
  for (let i = 0; i < dist.length; i++) {
    u -= dist[i]!;
    if (u < 0) return i;
  }
  // Rounding can leave u a hair above 0: fall back to the last token with mass.
  for (let i = dist.length - 1; i >= 0; i--) if (dist[i]! > 0) return i;
  return dist.length - 1;
}
