/**
 * Continuous-training governance: when may the pipeline retrain, and when
 * may the result replace the production model?
 *
 * Triggers: input drift (PSI) or staleness. Brakes: a cool-down between
 * runs and a monthly budget. Gate: a candidate is promoted only if it does
 * not regress against the current model, overall and on every slice.
 */

/** Bands used in this handbook (rule of thumb): under 0.1 stable, 0.1-0.2 moderate, above 0.2 significant. */
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
  const shares = (counts: readonly number[]): number[] => {
    if (counts.some((c) => !(c >= 0))) throw new RangeError('bin counts must be non-negative numbers');
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
  readonly monthlyBudgetUsd: number;
  readonly estimatedRunCostUsd: number;
}

export interface MonitoringSnapshot {
  readonly now: number;
  /** PSI per input feature against the training distribution. */
  readonly featurePsi: Readonly<Record<string, number>>;
  /** When the production model's training data ends. */
  readonly trainedAt: number;
}

export interface RetrainDecision {
  readonly action: 'none' | 'alert' | 'retrain' | 'blocked';
  readonly reasons: readonly string[];
}

const month = (t: number): string => new Date(t).toISOString().slice(0, 7);

export class RetrainingPolicy {
  /** Launched runs, recorded at their estimated cost when the decision is made. */
  private readonly runs: { at: number; costUsd: number }[] = [];

  constructor(private readonly rules: RetrainingRules) {
    // A NaN limit compares false with everything and would silently switch its brake or trigger off.
    const { maxModelAgeMs, coolDownMs, monthlyBudgetUsd, estimatedRunCostUsd } = rules;
    if (!(Number.isFinite(maxModelAgeMs) && maxModelAgeMs > 0)) throw new RangeError(`maxModelAgeMs must be a finite, positive number, got ${maxModelAgeMs}`);
    if (!(Number.isFinite(coolDownMs) && coolDownMs >= 0)) throw new RangeError(`coolDownMs must be a finite, non-negative number, got ${coolDownMs}`);
    if (!(Number.isFinite(monthlyBudgetUsd) && monthlyBudgetUsd >= 0)) {
      throw new RangeError(`monthlyBudgetUsd must be a finite, non-negative number, got ${monthlyBudgetUsd}`);
    }
    if (!(Number.isFinite(estimatedRunCostUsd) && estimatedRunCostUsd > 0)) {
      throw new RangeError(`estimatedRunCostUsd must be a finite, positive number, got ${estimatedRunCostUsd}`);
    }
  }

  decide(snapshot: MonitoringSnapshot): RetrainDecision {
    const significant = Object.entries(snapshot.featurePsi).filter(([, v]) => psiBand(v) === 'significant');
    const moderate = Object.entries(snapshot.featurePsi).filter(([, v]) => psiBand(v) === 'moderate');
    const triggers = significant.map(([f, v]) => `drift: ${f} PSI ${v.toFixed(3)}`);
    const ageMs = snapshot.now - snapshot.trainedAt;
    if (ageMs > this.rules.maxModelAgeMs) triggers.push(`stale: model is ${Math.floor(ageMs / 86_400_000)} days old`);
    if (triggers.length === 0) {
      // Moderate drift is worth a look by a person, not a training run.
      if (moderate.length > 0) return { action: 'alert', reasons: moderate.map(([f, v]) => `watch: ${f} PSI ${v.toFixed(3)}`) };
      return { action: 'none', reasons: [] };
    }
    const last = this.runs.at(-1);
    if (last && snapshot.now - last.at < this.rules.coolDownMs) return { action: 'blocked', reasons: [...triggers, 'cool-down: the last run is too recent'] };
    const spent = this.runs.filter((r) => month(r.at) === month(snapshot.now)).reduce((s, r) => s + r.costUsd, 0);
    if (spent + this.rules.estimatedRunCostUsd > this.rules.monthlyBudgetUsd) {
      return { action: 'blocked', reasons: [...triggers, `budget: ${spent} USD spent of ${this.rules.monthlyBudgetUsd} USD this month`] };
    }
    this.runs.push({ at: snapshot.now, costUsd: this.rules.estimatedRunCostUsd });
    return { action: 'retrain', reasons: triggers };
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
  /** How much worse than the champion a candidate may be, overall and per slice. */
  readonly maxRegression: number;
}

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
  else if (!(candidate.overall >= champion.overall - rules.maxRegression)) {
    failures.push(`overall ${candidate.overall.toFixed(3)} vs champion ${champion.overall.toFixed(3)}`);
  }
  for (const [slice, value] of Object.entries(champion.slices)) {
    const c = candidate.slices[slice];
    // A slice the candidate was not evaluated on is a failure, not a pass; so is NaN (AUC on a one-class slice).
    if (c === undefined) failures.push(`slice ${slice} was not evaluated`);
    else if (!Number.isFinite(c)) failures.push(`slice ${slice} has no finite score (got ${c})`);
    else if (!(c >= value - rules.maxRegression)) failures.push(`slice ${slice}: ${c.toFixed(3)} vs ${value.toFixed(3)}`);
  }
  return { promote: failures.length === 0, failures };
}
