/**
 * Continuous-training governance: when may the pipeline retrain, and when
 * may the result replace the production model?
 *
 * Triggers: input drift (PSI) or staleness. Brakes: a run still in progress,
 * a cool-down between runs, a monthly budget and a limit on retries. A run
 * that never reports back, or a pipeline that keeps failing, pages a person.
 * Gate: a candidate is promoted only if it does not regress against the
 * current model, overall and on every required slice.
 */

/**
 * This handbook's bands (rule of thumb): under 0.1 stable, 0.1-0.2 moderate, above 0.2 significant.
 * The credit-scoring convention puts the upper cut at 0.25; acting at 0.2 is the stricter choice.
 */
export const PSI_MODERATE = 0.1;
export const PSI_SIGNIFICANT = 0.2;

export type PsiBand = 'stable' | 'moderate' | 'significant';

/**
 * Population stability index over fixed bins (edges taken from the training
 * data, never recomputed on the new data): sum of (a - e) * ln(a / e).
 * An empty bin would make ln(0) infinite, so every share gets epsilon added
 * and the shares are renormalised; the result stays finite and comparable.
 */
export function psi(expectedCounts: readonly number[], actualCounts: readonly number[], epsilon = 1e-4): number {
  if (expectedCounts.length !== actualCounts.length || expectedCounts.length < 2) {
    throw new RangeError('PSI needs the same number of bins (at least 2) on both sides');
  }
  if (!(Number.isFinite(epsilon) && epsilon > 0)) throw new RangeError(`epsilon must be a finite, positive number, got ${epsilon}`);
  const shares = (counts: readonly number[]): number[] => {
    if (counts.some((c) => !(Number.isFinite(c) && c >= 0))) throw new RangeError('bin counts must be finite, non-negative numbers');
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0) throw new RangeError('a distribution with no observations has no shares');
    return counts.map((c) => (c / total + epsilon) / (1 + epsilon * counts.length));
  };
  const e = shares(expectedCounts);
  const a = shares(actualCounts);
  return e.reduce((sum, ei, i) => sum + (a[i]! - ei) * Math.log(a[i]! / ei), 0);
}

export function psiBand(value: number): PsiBand {
  // NaN compares false with everything and would read as "stable": refuse it.
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`PSI must be a finite, non-negative number, got ${value}`);
  return value > PSI_SIGNIFICANT ? 'significant' : value >= PSI_MODERATE ? 'moderate' : 'stable';
}

export interface RetrainingRules {
  readonly maxModelAgeMs: number;
  readonly coolDownMs: number;
  /** Per UTC month; approveBudget() raises one month's allowance. */
  readonly monthlyBudgetUsd: number;
  /** At least 0.01 USD: the budget counts whole cents, so a smaller cost would round to a free run. */
  readonly estimatedRunCostUsd: number;
  /**
   * Fewest rows a monitoring window needs before its PSI is judged. With no drift, PSI averages about
   * (bins - 1) / rows, so allow at least about 50 rows per bin beyond the first: 500 for ten bins, about
   * 5,000 for a 100-category feature. With ten equal-share bins, 100-row windows exceed 0.2 about 3 % of
   * the time and 500-row windows never did (simulated, 20,000 multinomial windows each; see the unit test).
   */
  readonly minWindowRows: number;
  /**
   * Longest a run may stay pending (training, gate and canary) before it counts as lost, e.g. 10 days
   * against an 8-day canary path (rule of thumb). A lost run blocks every launch and pages a person until its outcome is recorded.
   */
  readonly maxRunMs: number;
  /** Automatic retries after a failed run, e.g. 2; one more failure in a row blocks launches until resume(). */
  readonly maxRetries: number;
}

export interface MonitoringSnapshot {
  readonly now: number;
  /** PSI per input feature against the training distribution. */
  readonly featurePsi: Readonly<Record<string, number>>;
  /** Rows in the production window the PSI values were computed on. */
  readonly windowRows: number;
  /** When the production model's training data ends. */
  readonly trainedAt: number;
}

export interface RetrainDecision {
  /**
   * 'blocked' means evidence that cannot be acted on, a lost run or a failing pipeline: page a person.
   * 'pending' means a run in progress covers the evidence.
   */
  readonly action: 'none' | 'alert' | 'retrain' | 'pending' | 'blocked';
  readonly reasons: readonly string[];
  /** Set with 'retrain': report the run's end with recordOutcome(runId, ...). */
  readonly runId?: string;
}

/** How a run ended: its candidate was promoted, rejected by the gate or canary, or the run failed (nothing was trained). */
export type RunOutcome = 'promoted' | 'rejected' | 'failed';

interface Run {
  readonly id: string;
  readonly at: number;
  /** Money in whole cents: 0.1 + 0.1 + 0.1 in floating point is 0.30000000000000004, over a 0.30 budget. */
  costCents: number;
  status: 'pending' | RunOutcome;
  /** The triggers this run was launched for; 'stale' is always covered, since any run yields a fresh model. */
  readonly covers: ReadonlySet<string>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A span in the largest unit it fills, to a tenth and never rounded up, so a limit of hours is not "0 days". */
const span = (ms: number): string => {
  const [count, unit] = ms >= DAY ? [ms / DAY, 'day'] : ms >= HOUR ? [ms / HOUR, 'hour'] : [ms / 60_000, 'minute'];
  const shown = Math.floor(count * 10) / 10;
  return `${shown} ${unit}${shown === 1 ? '' : 's'}`;
};
const month = (t: number): string => new Date(t).toISOString().slice(0, 7);
const cents = (usd: number): number => Math.round(usd * 100);

export class RetrainingPolicy {
  private readonly runs: Run[] = [];
  private consecutiveFailures = 0;
  /** Extra budget a person approved, in cents per UTC month ('2025-04'). */
  private readonly approvedCents = new Map<string, number>();

  constructor(private readonly rules: RetrainingRules) {
    // A NaN limit compares false with everything and would silently switch its brake or trigger off.
    const { maxModelAgeMs, coolDownMs, monthlyBudgetUsd, estimatedRunCostUsd, minWindowRows, maxRunMs, maxRetries } = rules;
    if (!(Number.isFinite(maxModelAgeMs) && maxModelAgeMs > 0)) throw new RangeError(`maxModelAgeMs must be a finite, positive number, got ${maxModelAgeMs}`);
    if (!(Number.isFinite(coolDownMs) && coolDownMs >= 0)) throw new RangeError(`coolDownMs must be a finite, non-negative number, got ${coolDownMs}`);
    if (!(Number.isFinite(monthlyBudgetUsd) && monthlyBudgetUsd >= 0)) {
      throw new RangeError(`monthlyBudgetUsd must be a finite, non-negative number, got ${monthlyBudgetUsd}`);
    }
    if (!(Number.isFinite(estimatedRunCostUsd) && cents(estimatedRunCostUsd) >= 1)) {
      throw new RangeError(`estimatedRunCostUsd must be a finite number of at least 0.01 USD (the budget counts whole cents), got ${estimatedRunCostUsd}`);
    }
    if (!(Number.isInteger(minWindowRows) && minWindowRows >= 0)) throw new RangeError(`minWindowRows must be a non-negative integer, got ${minWindowRows}`);
    if (!(Number.isFinite(maxRunMs) && maxRunMs > 0)) throw new RangeError(`maxRunMs must be a finite, positive number, got ${maxRunMs}`);
    if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) throw new RangeError(`maxRetries must be a non-negative integer, got ${maxRetries}`);
  }

  decide(snapshot: MonitoringSnapshot): RetrainDecision {
    const { now, trainedAt, windowRows } = snapshot;
    if (!Number.isFinite(now)) throw new RangeError(`now must be a finite time, got ${now}`);
    // A missing training date would make the age NaN and switch the staleness trigger off.
    if (!Number.isFinite(trainedAt)) throw new RangeError(`trainedAt must be a finite time, got ${trainedAt}`);
    if (!(Number.isInteger(windowRows) && windowRows >= 0)) throw new RangeError(`windowRows must be a non-negative integer, got ${windowRows}`);

    const bands = Object.entries(snapshot.featurePsi).map(([f, v]) => ({ f, v, band: psiBand(v) }));
    // On a small window PSI measures sampling noise, not drift: do not judge it.
    const judged = windowRows >= this.rules.minWindowRows;
    const notes = judged ? [] : [`window: ${windowRows} rows, fewer than ${this.rules.minWindowRows}; PSI not judged, merge windows`];
    const triggers = new Map<string, string>();
    for (const { f, v, band } of bands) if (judged && band === 'significant') triggers.set(`drift:${f}`, `drift: ${f} PSI ${v.toFixed(3)}`);
    const ageMs = now - trainedAt;
    if (ageMs > this.rules.maxModelAgeMs) triggers.set('stale', `stale: model is ${span(ageMs)} old`);
    const reasons = [...triggers.values(), ...notes];

    // A run that never reports back would hold its triggers forever: past maxRunMs it is lost. Its state is
    // unknown, so every check is blocked until a person records how it ended.
    const pending = this.runs.filter((r) => r.status === 'pending');
    const overdue = pending.filter((r) => now - r.at > this.rules.maxRunMs);
    if (overdue.length > 0) {
      const limit = span(this.rules.maxRunMs);
      return {
        action: 'blocked',
        reasons: [...reasons, ...overdue.map((r) => `overdue: ${r.id} pending for ${span(now - r.at)}, past its limit of ${limit}; record its outcome`)],
      };
    }
    if (triggers.size === 0) {
      // Moderate drift, or a window too small to judge, is worth a look by a person, not a training run.
      const watch = judged ? bands.filter((b) => b.band === 'moderate').map(({ f, v }) => `watch: ${f} PSI ${v.toFixed(3)}`) : notes;
      return watch.length > 0 ? { action: 'alert', reasons: watch } : { action: 'none', reasons: [] };
    }
    // One open run per shift: while a run is in training, gate or canary, its own triggers do not launch another.
    // A shift it does not cover launches its own run, so runs for different shifts can overlap.
    const uncovered = [...triggers.keys()].filter((t) => !pending.some((r) => r.covers.has(t)));
    if (uncovered.length === 0) {
      return { action: 'pending', reasons: [...reasons, `pending: ${pending.map((r) => r.id).join(', ')} still in training, gate or canary`] };
    }
    // A failing pipeline would relaunch at every check, since failed runs free the cool-down: retry, then stop.
    if (this.consecutiveFailures > this.rules.maxRetries) {
      const streak = `the last ${this.consecutiveFailures} runs failed (${this.rules.maxRetries} automatic retries)`;
      return { action: 'blocked', reasons: [...reasons, `failures: ${streak}; fix the pipeline, then call resume()`] };
    }
    // A run that failed trained nothing, so it does not hold back the next one.
    const last = this.runs.filter((r) => r.status !== 'failed').at(-1);
    if (last && now - last.at < this.rules.coolDownMs) return { action: 'blocked', reasons: [...reasons, 'cool-down: the last run is too recent'] };
    const spentCents = this.runs.filter((r) => month(r.at) === month(now)).reduce((sum, r) => sum + r.costCents, 0);
    const allowanceCents = cents(this.rules.monthlyBudgetUsd) + (this.approvedCents.get(month(now)) ?? 0);
    if (spentCents + cents(this.rules.estimatedRunCostUsd) > allowanceCents) {
      return { action: 'blocked', reasons: [...reasons, `budget: ${(spentCents / 100).toFixed(2)} USD spent of ${allowanceCents / 100} USD this month`] };
    }
    const run: Run = {
      id: `run-${this.runs.length + 1}`,
      at: now,
      costCents: cents(this.rules.estimatedRunCostUsd), // reserved now, replaced by the actual cost at the end
      status: 'pending',
      covers: new Set([...triggers.keys(), 'stale']),
    };
    this.runs.push(run);
    return { action: 'retrain', reasons, runId: run.id };
  }

  /**
   * Close a pending run with what it actually cost. A failed run (nothing trained) keeps its
   * actual spend on the budget but releases the cool-down, so the evidence can launch a retry.
   */
  recordOutcome(runId: string, outcome: RunOutcome, actualCostUsd: number): void {
    const run = this.runs.find((r) => r.id === runId && r.status === 'pending');
    if (!run) throw new Error(`no pending run ${runId}`);
    if (!(Number.isFinite(actualCostUsd) && actualCostUsd >= 0)) throw new RangeError(`actualCostUsd must be a finite, non-negative number, got ${actualCostUsd}`);
    run.status = outcome;
    run.costCents = cents(actualCostUsd);
    this.consecutiveFailures = outcome === 'failed' ? this.consecutiveFailures + 1 : 0;
  }

  /**
   * Called by the person paged about the budget: raises the allowance of the UTC month that contains
   * now by extraUsd. It lapses with that month, so one exception does not become the new budget.
   */
  approveBudget(extraUsd: number, now: number): void {
    if (!Number.isFinite(now)) throw new RangeError(`now must be a finite time, got ${now}`);
    if (!(Number.isFinite(extraUsd) && cents(extraUsd) >= 1)) throw new RangeError(`extraUsd must be a finite number of at least 0.01 USD, got ${extraUsd}`);
    this.approvedCents.set(month(now), (this.approvedCents.get(month(now)) ?? 0) + cents(extraUsd));
  }

  /** Called by the person who fixed a failing pipeline: automatic launches may start again. */
  resume(): void {
    this.consecutiveFailures = 0;
  }
}

export interface Evaluation {
  /** Higher is better, e.g. AUC on the same held-out, time-split evaluation set for both models. */
  readonly overall: number;
  readonly slices: Readonly<Record<string, number>>;
  readonly evaluatedRows: number;
}

export interface GateRules {
  readonly minRows: number;
  /** How much worse than the champion a candidate may be, overall and per slice; compared to four decimals. */
  readonly maxRegression: number;
  /** Slices both evaluations must contain: a slice missing from the champion's record would otherwise go unchecked. */
  readonly requiredSlices: readonly string[];
}

/** Scores in whole basis points, as in Q05: in floating point 0.52 - 0.05 is 0.47000000000000003, which would reject 0.47. */
const basisPoints = (score: number): number => Math.round(score * 10_000);

/** The promotion gate: an automatic retrain earns production only by evidence. */
export function promotionGate(candidate: Evaluation, champion: Evaluation, rules: GateRules): { promote: boolean; failures: string[] } {
  if (!(Number.isInteger(rules.minRows) && rules.minRows >= 0)) throw new RangeError(`minRows must be a non-negative integer, got ${rules.minRows}`);
  if (!(Number.isFinite(rules.maxRegression) && rules.maxRegression >= 0)) {
    throw new RangeError(`maxRegression must be a finite, non-negative number, got ${rules.maxRegression}`);
  }
  const failures: string[] = [];
  // Every check is written to pass only on evidence: a NaN anywhere fails it.
  if (!(candidate.evaluatedRows >= rules.minRows)) failures.push(`only ${candidate.evaluatedRows} evaluation rows, need ${rules.minRows}`);
  if (!Number.isFinite(candidate.overall)) failures.push(`overall has no finite score (got ${candidate.overall})`);
  else if (!(basisPoints(candidate.overall) >= basisPoints(champion.overall) - basisPoints(rules.maxRegression))) {
    failures.push(`overall ${candidate.overall.toFixed(3)} vs champion ${champion.overall.toFixed(3)}`);
  }
  for (const slice of new Set([...rules.requiredSlices, ...Object.keys(champion.slices)])) {
    const [c, value] = [candidate.slices[slice], champion.slices[slice]];
    // A slice without a score on either side is a failure, not a pass; so is NaN (AUC on a one-class slice).
    if (value === undefined) failures.push(`slice ${slice} has no champion score to compare against`);
    if (c === undefined) failures.push(`slice ${slice} was not evaluated`);
    else if (!Number.isFinite(c)) failures.push(`slice ${slice} has no finite score (got ${c})`);
    else if (value !== undefined && !(basisPoints(c) >= basisPoints(value) - basisPoints(rules.maxRegression))) {
      failures.push(`slice ${slice}: ${c.toFixed(3)} vs ${value.toFixed(3)}`);
    }
  }
  return { promote: failures.length === 0, failures };
}
