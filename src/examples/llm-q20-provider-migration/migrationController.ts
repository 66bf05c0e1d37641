/**
 * A provider migration gate: replay logged requests through the old and the
 * new provider, score both answers with the same scorer, compare them in
 * pairs, and decide the next canary step. A critical slice that regresses,
 * or on which the new provider fails too often, rolls back even when the
 * average improves.
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
/** Quality of an answer in [0, 1], e.g. a rubric, an exact match or a calibrated LLM judge (hence the Promise). */
export type Scorer = (request: LoggedRequest, answer: string) => number | Promise<number>;

export interface Pair {
  slice: string;
  /** Undefined when that provider failed on the request. */
  oldScore?: number;
  newScore?: number;
  oldCost: number;
  newCost: number;
}

/** An error, a timeout or an unusable token count is a failure: undefined, counted in the error rate. */
async function attempt(provider: Provider, request: LoggedRequest, timeoutMs: number): Promise<Completion | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
  });
  try {
    // The late call is not cancelled, only no longer waited for: a provider that never answers must not stall the replay.
    const c = await Promise.race([provider.complete(request), timeout]);
    // A NaN or negative count would price the answer at NaN or below $0.
    return Number.isFinite(c.tokens) && c.tokens >= 0 ? c : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

export async function replay(requests: LoggedRequest[], oldProvider: Provider, newProvider: Provider, score: Scorer, timeoutMs = 30_000): Promise<Pair[]> {
  // setTimeout fires at once for a delay it cannot hold (above 2^31 - 1 ms) or NaN.
  if (!(timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) throw new RangeError(`timeoutMs must be above 0 and at most 2,147,483,647, got ${timeoutMs}`);
  const pairs: Pair[] = [];
  // A NaN from a broken scorer would count as a tie and pass every slice rule, so it stops the replay instead.
  const checked = async (request: LoggedRequest, answer: string) => {
    const s = await score(request, answer);
    if (!(s >= 0 && s <= 1)) throw new RangeError(`the scorer must return a number in [0, 1], got ${s} for request ${request.id}`);
    return s;
  };
  // One request at a time, both providers at once: a replay must not trip either provider's rate limit.
  for (const request of requests) {
    const [o, n] = await Promise.all([attempt(oldProvider, request, timeoutMs), attempt(newProvider, request, timeoutMs)]);
    pairs.push({
      slice: request.slice,
      oldScore: o && (await checked(request, o.text)),
      newScore: n && (await checked(request, n.text)),
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
  /** pairs and meanDelta count only requests both answered; newErrorRate counts every request of the slice. */
  slices: Record<string, { pairs: number; meanDelta: number; newErrorRate: number }>;
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
  const errorRate = (ps: Pair[], side: 'oldScore' | 'newScore') => (ps.length ? ps.filter((p) => p[side] === undefined).length / ps.length : 0);
  // Failures are kept per slice too: a new provider failing on most refunds must not pass the slice rule on the few it answered.
  const slices: Report['slices'] = Object.fromEntries(
    [...new Set(pairs.map((p) => p.slice))].map((slice) => {
      const d = both.filter((p) => p.slice === slice).map((p) => p.newScore - p.oldScore);
      const all = pairs.filter((p) => p.slice === slice);
      return [slice, { pairs: d.length, meanDelta: mean(d), newErrorRate: errorRate(all, 'newScore') }];
    }),
  );
  // The 1e-9 keeps float noise from turning a tie into a win or a loss (0.9 - 0.85 is 0.05000000000000004).
  const wins = deltas.filter((d) => d > tieTolerance + 1e-9).length;
  const losses = deltas.filter((d) => d < -tieTolerance - 1e-9).length;
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
    oldErrorRate: errorRate(pairs, 'oldScore'),
    newErrorRate: errorRate(pairs, 'newScore'),
    costPerRequest: { old: answered('oldScore', 'oldCost'), new: answered('newScore', 'newCost') },
  };
}

export interface GateConfig {
  criticalSlices: string[];
  /**
   * Largest mean score drop a critical slice may show, in [0, 1]. There is no noise margin: with 0/1 scores one net loss
   * moves a slice of n pairs by 1/n, so below n = 1 / maxSliceDrop a single item rolls back. Raise minSlicePairs, or let
   * your Provider return k samples and your Scorer average them (this module does not sample): a flip is then a 1/k step.
   */
  maxSliceDrop: number;
  /** Fewer pairs than this on a critical slice is not evidence either way; a whole number, at least 1. */
  minSlicePairs: number;
  /** Largest share of requests the new provider may fail, in [0, 1], overall and on each critical slice. */
  maxNewErrorRate: number;
  /** Canary traffic shares, rising, ending at 1. */
  steps: number[];
}
export interface Decision {
  action: 'advance' | 'hold' | 'rollback' | 'complete';
  share: number;
  reasons: string[];
}

/** A loss is significant below this two-sided sign-test p. */
const SIGNIFICANCE = 0.05;

export function decide(report: Report, currentShare: number, config: GateConfig): Decision {
  const { steps } = config;
  if (steps.length === 0 || steps.some((s, i) => !(s > (steps[i - 1] ?? 0))) || steps[steps.length - 1] !== 1) {
    throw new RangeError(`steps must rise strictly from above 0 to exactly 1, got [${steps.join(', ')}]`);
  }
  if (currentShare !== 0 && !steps.includes(currentShare)) throw new RangeError(`currentShare must be 0 or one of the steps, got ${currentShare}`);
  if (!(Number.isInteger(config.minSlicePairs) && config.minSlicePairs >= 1)) {
    throw new RangeError(`minSlicePairs must be a whole number of at least 1, got ${config.minSlicePairs}`);
  }
  // A NaN or a missing key (config read from JSON) would make every comparison false and silently switch its rule off.
  for (const key of ['maxSliceDrop', 'maxNewErrorRate'] as const) {
    if (!(config[key] >= 0 && config[key] <= 1)) throw new RangeError(`${key} must be in [0, 1], got ${config[key]}`);
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const stop: string[] = [];
  const wait: string[] = [];
  // No compared pair is no evidence, whatever the slices: an empty replay must not advance.
  if (report.wins + report.losses + report.ties === 0) wait.push('no request answered by both providers');
  if (report.newErrorRate > config.maxNewErrorRate) stop.push(`new provider error rate ${pct(report.newErrorRate)} > ${pct(config.maxNewErrorRate)}`);
  for (const slice of config.criticalSlices) {
    // An own property only: a slice named "constructor" must not find Object.prototype.constructor and pass.
    const s = Object.hasOwn(report.slices, slice) ? report.slices[slice]! : { pairs: 0, meanDelta: 0, newErrorRate: 0 };
    if (s.newErrorRate > config.maxNewErrorRate) stop.push(`critical slice ${slice}: new provider error rate ${pct(s.newErrorRate)} > ${pct(config.maxNewErrorRate)}`);
    else if (s.pairs < config.minSlicePairs) wait.push(`critical slice ${slice}: ${s.pairs} pairs, need ${config.minSlicePairs}`);
    // The 1e-9 keeps a drop of exactly maxSliceDrop from failing on floating-point noise (0.85 - 0.9 is -0.05000000000000004).
    else if (s.meanDelta < -config.maxSliceDrop - 1e-9) stop.push(`critical slice ${slice} drops ${(-s.meanDelta).toPrecision(3)} > ${config.maxSliceDrop}`);
  }
  if (report.losses > report.wins && report.signTestP < SIGNIFICANCE) stop.push(`loses the paired comparison ${report.wins}-${report.losses} (p = ${report.signTestP.toFixed(3)})`);
  if (stop.length) return { action: 'rollback', share: 0, reasons: stop };
  if (report.losses > report.wins) wait.push(`more losses than wins, ${report.wins}-${report.losses}, not yet significant (p = ${report.signTestP.toFixed(3)})`);
  if (wait.length) return { action: 'hold', share: currentShare, reasons: wait };
  const next = steps.find((s) => s > currentShare);
  return next === undefined ? { action: 'complete', share: 1, reasons: [] } : { action: 'advance', share: next, reasons: [] };
}
