/**
 * Bandit policies for a non-stationary world: rewards drift because the
 * recommender itself changes what users do.
 *
 * The textbook versions fail here in two ways, and the fixes work together:
 *  - epsilon decaying to zero stops exploration, so an arm that improves later
 *    is tried again only if the incumbent's estimate happens to fall below its
 *    stale one; keep a floor;
 *  - sample-average estimates (step 1/n) and undiscounted Beta counts weigh
 *    last year's clicks like today's; use a constant step size or a discount.
 * Every policy also reports its propensities, the probability of each arm on the
 * next decision, so each decision can be logged with the chance it had; off-policy
 * evaluation of the next model needs exactly that.
 * Randomness comes from an injected, seeded generator so runs are reproducible.
 */

/** Uniform numbers in [0, 1). */
export type Rng = () => number;

/** Mulberry32: small, fast, seedable; fine for simulation, not for cryptography. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardNormal(rng: Rng): number {
  // Box-Muller; 1 - u keeps the logarithm away from 0.
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 use the boost x·U^(1/shape). */
function sampleGamma(shape: number, rng: Rng): number {
  if (shape < 1) return sampleGamma(shape + 1, rng) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleBeta(alpha: number, beta: number, rng: Rng): number {
  const x = sampleGamma(alpha, rng);
  return x / (x + sampleGamma(beta, rng));
}

export interface BanditPolicy {
  readonly arms: number;
  select(): number;
  /** Probability that the next select() picks each arm, in the current state; sums to 1. */
  probabilities(): number[];
  /** Reward in [0, 1]; 1 = click, 0 = no click. */
  update(arm: number, reward: number): void;
}

/** A decision as it is logged: the arm, the probability the policy had of choosing it, and its whole action distribution. */
export interface LoggedDecision {
  readonly arm: number;
  readonly propensity: number;
  /** Every arm's probability at that decision: the arms never chosen are the ones that show missing coverage. */
  readonly probabilities: readonly number[];
}

/** Decides and returns the arm with its propensities for the caller to log; they are read before select() changes the policy's state. */
export function decide(policy: BanditPolicy): LoggedDecision {
  const probabilities = policy.probabilities();
  const arm = policy.select();
  return { arm, propensity: probabilities[arm] ?? 0, probabilities };
}

/**
 * Inverse propensity scoring: the average reward another policy would have earned on the logged
 * decisions, each reward weighted by target probability / logged propensity. Unbiased only where the
 * logger could have chosen every arm the target chooses; elsewhere the log holds no evidence at all,
 * and the estimate would quietly count those rewards as 0, so that case throws.
 */
export function inversePropensityEstimate(log: readonly (LoggedDecision & { reward: number })[], targetProbability: (arm: number) => number): number {
  if (log.length === 0) throw new RangeError('no logged decisions');
  let sum = 0;
  let uncovered = 0;
  for (const { arm, propensity, probabilities, reward } of log) {
    // Logs written before the distribution was recorded, or read back from JSON, may lack it.
    if (!Array.isArray(probabilities)) throw new RangeError('decision logged without its action distribution: coverage cannot be checked');
    if (!(propensity > 0)) throw new RangeError(`arm ${arm} was logged with propensity ${propensity}`);
    if (probabilities.some((p, a) => p === 0 && targetProbability(a) > 0)) uncovered++;
    sum += (reward * targetProbability(arm)) / propensity;
  }
  if (uncovered > 0) throw new RangeError(`the target policy chooses arms not covered by the logging policy in ${uncovered} of ${log.length} decisions`);
  return sum / log.length;
}

function checkArm(arm: number, arms: number): void {
  if (!Number.isInteger(arm) || arm < 0 || arm >= arms) throw new RangeError(`arm ${arm} is not in 0..${arms - 1}`);
}

function checkReward(reward: number): void {
  if (!(reward >= 0 && reward <= 1)) throw new RangeError(`reward must be in [0, 1], got ${reward}`);
}

export interface EpsilonGreedyOptions {
  /** Exploration rate at step 0. */
  readonly initialEpsilon?: number;
  /** Multiplied into epsilon after every decision. */
  readonly decay?: number;
  /** Exploration never drops below this; 0 reproduces the naive version. */
  readonly minEpsilon?: number;
  /** Constant step size (recency-weighted average); undefined = sample average 1/n. */
  readonly stepSize?: number;
}

export class EpsilonGreedy implements BanditPolicy {
  private readonly values: number[];
  private readonly counts: number[];
  private epsilonNow: number;

  constructor(
    readonly arms: number,
    private readonly rng: Rng,
    private readonly options: EpsilonGreedyOptions = {},
  ) {
    if (!Number.isInteger(arms) || arms < 2) throw new RangeError('a bandit needs at least 2 arms');
    // NaN slips past Math.max and comparisons: it would make every probability NaN or stop exploration.
    const { initialEpsilon, decay, minEpsilon, stepSize } = options;
    if (initialEpsilon !== undefined && !(initialEpsilon >= 0 && initialEpsilon <= 1)) throw new RangeError(`initialEpsilon must be in [0, 1], got ${initialEpsilon}`);
    if (decay !== undefined && !(decay > 0 && decay <= 1)) throw new RangeError(`decay must be in (0, 1], got ${decay}`);
    if (minEpsilon !== undefined && !(minEpsilon >= 0 && minEpsilon <= 1)) throw new RangeError(`minEpsilon must be in [0, 1], got ${minEpsilon}`);
    if (stepSize !== undefined && !(stepSize > 0 && stepSize <= 1)) throw new RangeError(`stepSize must be in (0, 1], got ${stepSize}`);
    this.values = new Array<number>(arms).fill(0);
    this.counts = new Array<number>(arms).fill(0);
    this.epsilonNow = options.initialEpsilon ?? 1;
  }

  get epsilon(): number {
    return this.epsilonNow;
  }

  select(): number {
    const explore = this.rng() < this.epsilonNow;
    this.epsilonNow = Math.max(this.options.minEpsilon ?? 0.05, this.epsilonNow * (this.options.decay ?? 0.995));
    if (explore) return Math.floor(this.rng() * this.arms);
    // Ties broken at random, so equal estimates do not always favour arm 0.
    const leaders = this.leaders();
    return leaders[Math.floor(this.rng() * leaders.length)] ?? 0;
  }

  /** epsilon / arms for every arm, plus (1 - epsilon) shared among the arms tied for the best estimate. */
  probabilities(): number[] {
    const leaders = new Set(this.leaders());
    return this.values.map((_, arm) => this.epsilonNow / this.arms + (leaders.has(arm) ? (1 - this.epsilonNow) / leaders.size : 0));
  }

  private leaders(): number[] {
    // A loop, not Math.max(...values): spreading hundreds of thousands of arms overflows the call stack.
    let best = -Infinity;
    for (const v of this.values) if (v > best) best = v;
    return this.values.flatMap((v, i) => (v === best ? [i] : []));
  }

  update(arm: number, reward: number): void {
    checkArm(arm, this.arms);
    checkReward(reward);
    const n = (this.counts[arm] ?? 0) + 1;
    this.counts[arm] = n;
    const step = this.options.stepSize ?? 1 / n;
    const old = this.values[arm] ?? 0;
    this.values[arm] = old + step * (reward - old);
  }

  estimate(arm: number): number {
    checkArm(arm, this.arms);
    return this.values[arm] ?? 0;
  }
}

/** Cells per posterior when integrating Thompson propensities. */
const CELLS = 2_000;
/** With both shapes at least 1 a Beta tail falls off at least exponentially: beyond 20 standard deviations of Beta(1, b) lies about e^-21 ≈ 8e-10. */
const RANGE_SDS = 20;

/** One arm's posterior tabulated over its own range: probability mass per cell and the CDF at each cell's left edge. */
interface PosteriorTable {
  readonly lo: number;
  readonly width: number;
  readonly mass: Float64Array;
  readonly cdf: Float64Array;
}

function tabulateBeta(a: number, b: number): PosteriorTable {
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  const lo = Math.max(0, mean - RANGE_SDS * sd);
  const width = (Math.min(1, mean + RANGE_SDS * sd) - lo) / CELLS;
  const mass = new Float64Array(CELLS);
  let peak = -Infinity;
  for (let i = 0; i < CELLS; i++) {
    const x = lo + (i + 0.5) * width;
    mass[i] = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x); // log density, up to a constant
    if (mass[i]! > peak) peak = mass[i]!;
  }
  let total = 0;
  for (let i = 0; i < CELLS; i++) total += mass[i] = Math.exp(mass[i]! - peak); // subtracting the peak avoids underflow at large counts
  const cdf = new Float64Array(CELLS + 1);
  for (let i = 0; i < CELLS; i++) {
    mass[i] = mass[i]! / total;
    cdf[i + 1] = cdf[i]! + mass[i]!;
  }
  return { lo, width, mass, cdf };
}

/** P(X ≤ x), interpolated linearly within a cell; 0 below the table's range and 1 above it. */
function cdfAt(table: PosteriorTable, x: number): number {
  const t = (x - table.lo) / table.width;
  if (t <= 0) return 0;
  if (t >= CELLS) return 1;
  const i = Math.floor(t);
  return table.cdf[i]! + (t - i) * table.mass[i]!;
}

/**
 * P(each arm's draw is the largest) for Beta(alpha, beta) posteriors = ∫ f_arm(x) ∏ F_other(x) dx, integrated
 * numerically: no closed form exists for more than two arms, and estimating it by drawing would consume the
 * generator. Each posterior is tabulated over its own range (mean ± 20 standard deviations, 2,000 cells), so
 * one narrowed by a million observations is resolved as finely as a fresh one; a fixed grid on [0, 1] would
 * have 0.0005-wide cells, wider than such a posterior. The integral runs over the band where more than one
 * arm can win, in cells no wider than the finest table covering them. Each arm divides its own CDF out of
 * the product of all of them, so the work is arms × band cells: arms × 2,000 when the posteriors share one
 * range, a few thousand cells when a mature arm meets fresh ones, and never more than about arms² × 2,000.
 * `cells` reports the band cells, the measure of that work.
 */
export function thompsonPropensities(posteriors: readonly (readonly [alpha: number, beta: number])[]): { probabilities: number[]; cells: number } {
  if (posteriors.length === 0) throw new RangeError('at least one posterior is needed');
  for (const [a, b] of posteriors) {
    // Shapes below 1 have unbounded densities, which the tables cannot hold.
    if (!(a >= 1 && b >= 1 && Number.isFinite(a) && Number.isFinite(b))) throw new RangeError(`Beta shapes must be finite and at least 1, got (${a}, ${b})`);
  }
  const tables = posteriors.map(([a, b]) => tabulateBeta(a, b));
  const hi = (t: PosteriorTable) => t.lo + CELLS * t.width;
  // Below the highest lower end some arm's CDF is 0, so no arm can be best there. Above the
  // second-highest upper end only the top arm has mass left, and it beats every other draw.
  let from = 0;
  let top = 0;
  for (const [arm, t] of tables.entries()) {
    from = Math.max(from, t.lo);
    if (hi(t) > hi(tables[top]!)) top = arm;
  }
  let secondHi = 0;
  for (const [arm, t] of tables.entries()) if (arm !== top) secondHi = Math.max(secondHi, hi(t));
  const to = Math.max(from, secondHi);

  // Split the band wherever a table's range starts or ends; cut each piece at the finest cell width among
  // the tables covering it (the top arm covers them all). Each table then sets the cells only where it is
  // the finest, so the band has at most about arms × 2,000 cells, however many observations there are.
  const cuts = [from, to, ...tables.flatMap((t) => [t.lo, hi(t)]).filter((x) => x > from && x < to)].sort((a, b) => a - b);
  const edges = [from];
  for (let s = 0; s + 1 < cuts.length; s++) {
    const [a, b] = [cuts[s]!, cuts[s + 1]!];
    if (!(b > a)) continue;
    let width = b - a;
    for (const t of tables) if (t.lo <= a && hi(t) >= b) width = Math.min(width, t.width);
    const n = Math.ceil((b - a) / width);
    for (let i = 1; i <= n; i++) edges.push(i === n ? b : a + ((b - a) * i) / n);
  }
  const cells = edges.length - 1;

  /** Calls visit(cell, mass, cdf at the midpoint) for each band cell; the midpoint value matches the linear interpolation. */
  const eachCell = (t: PosteriorTable, visit: (i: number, mass: number, mid: number) => void) => {
    let below = cdfAt(t, from);
    for (let i = 0; i < cells; i++) {
      const above = cdfAt(t, edges[i + 1]!);
      visit(i, above - below, (below + above) / 2);
      below = above;
    }
  };
  // log ∏ F_j at each midpoint: logs, because a product of hundreds of small CDFs underflows.
  const logAll = new Float64Array(cells);
  for (const t of tables) eachCell(t, (i, _mass, mid) => (logAll[i] = logAll[i]! + Math.log(mid)));
  const raw = tables.map((t, arm) => {
    let p = arm === top ? 1 - cdfAt(t, to) : 0;
    eachCell(t, (i, mass, mid) => {
      // mid can underflow to 0 while mass > 0 (a cell holding one subnormal): log(0) - log(0) would be NaN,
      // and such a cell adds nothing anyway.
      if (mid > 0) p += mass * Math.exp(logAll[i]! - Math.log(mid));
    });
    return p;
  });
  const total = raw.reduce((sum, p) => sum + p, 0);
  return { probabilities: raw.map((p) => p / total), cells };
}

/**
 * Beta-Bernoulli Thompson sampling. With discount < 1 every update first shrinks
 * all arms' evidence towards the Beta(1, 1) prior, so the posteriors together remember
 * roughly the last 1 / (1 - discount) observations, shared by all arms, and stay
 * uncertain enough to notice drift. discount = 1 is the stationary textbook version.
 */
export class ThompsonSampling implements BanditPolicy {
  private readonly alpha: number[];
  private readonly beta: number[];

  constructor(
    readonly arms: number,
    private readonly rng: Rng,
    private readonly discount = 1,
  ) {
    if (!Number.isInteger(arms) || arms < 2) throw new RangeError('a bandit needs at least 2 arms');
    if (!(discount > 0 && discount <= 1)) throw new RangeError(`discount must be in (0, 1], got ${discount}`);
    this.alpha = new Array<number>(arms).fill(1);
    this.beta = new Array<number>(arms).fill(1);
  }

  select(): number {
    let best = 0;
    let bestDraw = -1;
    for (let arm = 0; arm < this.arms; arm++) {
      const draw = sampleBeta(this.alpha[arm] ?? 1, this.beta[arm] ?? 1, this.rng);
      if (draw > bestDraw) [best, bestDraw] = [arm, draw];
    }
    return best;
  }

  /** P(each arm's draw is the largest), from its current posteriors; see thompsonPropensities. */
  probabilities(): number[] {
    return thompsonPropensities(this.alpha.map((a, arm) => [a, this.beta[arm] ?? 1])).probabilities;
  }

  update(arm: number, reward: number): void {
    checkArm(arm, this.arms);
    checkReward(reward);
    for (let i = 0; i < this.arms; i++) {
      this.alpha[i] = 1 + this.discount * ((this.alpha[i] ?? 1) - 1);
      this.beta[i] = 1 + this.discount * ((this.beta[i] ?? 1) - 1);
    }
    this.alpha[arm] = (this.alpha[arm] ?? 1) + reward;
    this.beta[arm] = (this.beta[arm] ?? 1) + (1 - reward);
  }

  /** Posterior mean click rate of an arm. */
  mean(arm: number): number {
    checkArm(arm, this.arms);
    const a = this.alpha[arm] ?? 1;
    return a / (a + (this.beta[arm] ?? 1));
  }
}
