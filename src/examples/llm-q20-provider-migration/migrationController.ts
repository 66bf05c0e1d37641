/**
 * A provider migration gate: replay logged requests through the old and the
 * new provider, score both answers with the same scorer, compare them in
 * pairs, and decide the next canary step. A critical slice that regresses
 * rolls back even when the average improves.
 */
export interface LoggedRequest {
  id: string;
  slice: string;
  prompt: string;
}
export interface Completion {
  text: string;
  /** Billed tokens, counted by this provider's own tokenizer. */
  tokens: number;
}
export interface Provider {
  name: string;
  pricePerMillionTokens: number;
  complete(request: LoggedRequest): Promise<Completion>;
}
/** Quality of an answer in [0, 1], e.g. a rubric, an exact match or a calibrated judge. */
export type Scorer = (request: LoggedRequest, answer: string) => number;

export interface Pair {
  slice: string;
  /** Undefined when that provider failed on the request. */
  oldScore?: number;
  newScore?: number;
  oldCost: number;
  newCost: number;
}

async function attempt(provider: Provider, request: LoggedRequest): Promise<Completion | undefined> {
  try {
    return await provider.complete(request);
  } catch {
    return undefined;
  }
}

export async function replay(requests: LoggedRequest[], oldProvider: Provider, newProvider: Provider, score: Scorer): Promise<Pair[]> {
  const pairs: Pair[] = [];
  // A NaN from a broken scorer would count as a tie and pass every slice rule, so it stops the replay instead.
  const checked = (request: LoggedRequest, answer: string) => {
    const s = score(request, answer);
    if (!(s >= 0 && s <= 1)) throw new RangeError(`the scorer must return a number in [0, 1], got ${s} for request ${request.id}`);
    return s;
  };
  // One request at a time, both providers at once: a replay must not trip either provider's rate limit.
  for (const request of requests) {
    const [o, n] = await Promise.all([attempt(oldProvider, request), attempt(newProvider, request)]);
    pairs.push({
      slice: request.slice,
      oldScore: o && checked(request, o.text),
      newScore: n && checked(request, n.text),
      oldCost: o ? (o.tokens * oldProvider.pricePerMillionTokens) / 1e6 : 0,
      newCost: n ? (n.tokens * newProvider.pricePerMillionTokens) / 1e6 : 0,
    });
  }
  return pairs;
}

/** Two-sided exact sign test on wins against losses, ties dropped. */
export function signTestP(wins: number, losses: number): number {
  const n = wins + losses;
  let logP = -n * Math.LN2; // P(k = 0) under a fair coin
  let tail = 0;
  for (let k = 0; k <= Math.min(wins, losses); k++) {
    tail += Math.exp(logP);
    logP += Math.log(n - k) - Math.log(k + 1);
  }
  return Math.min(1, 2 * tail);
}

export interface Report {
  wins: number;
  losses: number;
  ties: number;
  signTestP: number;
  meanDelta: number;
  slices: Record<string, { pairs: number; meanDelta: number }>;
  oldErrorRate: number;
  newErrorRate: number;
  /** Mean cost per answered request; null when that provider answered none, as there is nothing to price. */
  costPerRequest: { old: number | null; new: number | null };
}

export function summarise(pairs: Pair[], tieTolerance: number): Report {
  if (!(tieTolerance >= 0)) throw new RangeError(`tieTolerance must be 0 or more, got ${tieTolerance}`);
  // Only pairs where both answered are compared; failures have their own gate.
  const both = pairs.filter((p): p is Pair & { oldScore: number; newScore: number } => p.oldScore !== undefined && p.newScore !== undefined);
  const deltas = both.map((p) => p.newScore - p.oldScore);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const slices: Report['slices'] = {};
  for (const slice of new Set(both.map((p) => p.slice))) {
    const d = both.filter((p) => p.slice === slice).map((p) => p.newScore - p.oldScore);
    slices[slice] = { pairs: d.length, meanDelta: mean(d) };
  }
  const wins = deltas.filter((d) => d > tieTolerance).length;
  const losses = deltas.filter((d) => d < -tieTolerance).length;
  const errorRate = (side: 'oldScore' | 'newScore') => (pairs.length ? pairs.filter((p) => p[side] === undefined).length / pairs.length : 0);
  // Per answered request: whether a failed call is billed depends on the provider, and replay() prices it at $0,
  // so averaging it in would make a failing provider look cheap. No answer at all gives null, not $0.
  const answered = (side: 'oldScore' | 'newScore', cost: 'oldCost' | 'newCost') => {
    const costs = pairs.filter((p) => p[side] !== undefined).map((p) => p[cost]);
    return costs.length ? mean(costs) : null;
  };
  return {
    wins,
    losses,
    ties: deltas.length - wins - losses,
    signTestP: signTestP(wins, losses),
    meanDelta: mean(deltas),
    slices,
    oldErrorRate: errorRate('oldScore'),
    newErrorRate: errorRate('newScore'),
    costPerRequest: { old: answered('oldScore', 'oldCost'), new: answered('newScore', 'newCost') },
  };
}

export interface GateConfig {
  criticalSlices: string[];
  /**
   * Largest mean score drop a critical slice may show. There is no noise margin: with 0/1 scores one net loss
   * moves a slice of n pairs by 1/n, so below n = 1 / maxSliceDrop a single item rolls back (sample k times, or raise minSlicePairs).
   */
  maxSliceDrop: number;
  /** Fewer pairs than this on a critical slice is not evidence either way; a whole number, at least 1. */
  minSlicePairs: number;
  maxNewErrorRate: number;
  /** Canary traffic shares, rising, ending at 1. */
  steps: number[];
}
export interface Decision {
  action: 'advance' | 'hold' | 'rollback' | 'complete';
  share: number;
  reasons: string[];
}

export function decide(report: Report, currentShare: number, config: GateConfig): Decision {
  const { steps } = config;
  if (steps.length === 0 || steps.some((s, i) => !(s > (steps[i - 1] ?? 0))) || steps[steps.length - 1] !== 1) {
    throw new RangeError(`steps must rise strictly from above 0 to exactly 1, got [${steps.join(', ')}]`);
  }
  if (currentShare !== 0 && !steps.includes(currentShare)) throw new RangeError(`currentShare must be 0 or one of the steps, got ${currentShare}`);
  if (!(Number.isInteger(config.minSlicePairs) && config.minSlicePairs >= 1)) {
    throw new RangeError(`minSlicePairs must be a whole number of at least 1, got ${config.minSlicePairs}`);
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const stop: string[] = [];
  const wait: string[] = [];
  // No compared pair is no evidence, whatever the slices: an empty replay must not advance.
  if (report.wins + report.losses + report.ties === 0) wait.push('no request answered by both providers');
  if (report.newErrorRate > config.maxNewErrorRate) stop.push(`new provider error rate ${pct(report.newErrorRate)} > ${pct(config.maxNewErrorRate)}`);
  for (const slice of config.criticalSlices) {
    const s = report.slices[slice] ?? { pairs: 0, meanDelta: 0 };
    if (s.pairs < config.minSlicePairs) wait.push(`critical slice ${slice}: ${s.pairs} pairs, need ${config.minSlicePairs}`);
    // The 1e-9 keeps a drop of exactly maxSliceDrop from failing on floating-point noise (0.85 - 0.9 is -0.05000000000000004).
    else if (s.meanDelta < -config.maxSliceDrop - 1e-9) stop.push(`critical slice ${slice} drops ${(-s.meanDelta).toFixed(3)} > ${config.maxSliceDrop}`);
  }
  if (report.losses > report.wins && report.signTestP < 0.05) stop.push(`loses the paired comparison ${report.wins}-${report.losses} (p = ${report.signTestP.toFixed(3)})`);
  if (stop.length) return { action: 'rollback', share: 0, reasons: stop };
  if (report.losses > report.wins) wait.push(`more losses than wins, ${report.wins}-${report.losses}, not yet significant (p = ${report.signTestP.toFixed(3)})`);
  if (wait.length) return { action: 'hold', share: currentShare, reasons: wait };
  const next = steps.find((s) => s > currentShare);
  return next === undefined ? { action: 'complete', share: 1, reasons: [] } : { action: 'advance', share: next, reasons: [] };
}
