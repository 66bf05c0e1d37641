/**
 * Trigger-based retraining with a scheduled floor and a staged rollout.
 *
 * The trigger turns hourly monitoring signals into an action; the rollout walks a new model
 * through 1% -> 10% -> 50% -> 100% of traffic, each stage gated and held for a minimum time,
 * and drops it to 0% on the first failed gate. Clocks are passed in, so the policy is tested
 * without waiting. All numbers are illustrative defaults, not recommendations for every model.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MonitoringSignals {
  /** Highest PSI over the monitored input features in the last window. */
  maxFeaturePsi: number;
  /** Accuracy on recently labelled production traffic, and the accuracy at deployment. */
  recentAccuracy: number | undefined;
  baselineAccuracy: number;
  /** Time since the end of the production model's training data. */
  modelAgeMs: number;
}

export interface TriggerPolicy {
  psiAlert: number;
  psiRetrain: number;
  /** Absolute drop, e.g. 0.05 = five percentage points; a drop must exceed it. */
  accuracyDropRetrain: number;
  /** The scheduled floor: retrain a model this old even when nothing drifted, so the pipeline stays exercised. */
  maxModelAgeMs: number;
  /** Minimum time between two retraining jobs (24 h, as in Q30), so a flapping signal cannot start a job every hour. */
  cooldownMs: number;
}

export const DEFAULT_TRIGGER: TriggerPolicy = { psiAlert: 0.1, psiRetrain: 0.2, accuracyDropRetrain: 0.05, maxModelAgeMs: 30 * DAY, cooldownMs: 24 * HOUR };

export type TriggerDecision =
  { action: 'none' } | { action: 'alert'; reason: string } | { action: 'retrain'; reason: string } | { action: 'suppressed'; reason: string; retryAfterMs: number };

function check(ok: boolean, message: string): void {
  // Every NaN comparison is false, so a NaN input would silently switch a trigger or the cooldown off.
  if (!ok) throw new RangeError(message);
}

const isShare = (x: number): boolean => Number.isFinite(x) && x >= 0 && x <= 1;
const basisPoints = (share: number): number => Math.round(share * 10_000);

/**
 * The hourly trigger. One shift, one job (as in Q30): while a candidate is in shadow or rollout, the
 * pipeline skips the triggers that candidate was started for. A new trigger it does not cover is asked
 * here: it starts its own job if the cooldown (and Q30's budget) allow; 'suppressed' pages a person.
 */
export function decide(signals: MonitoringSignals, now: number, lastRetrainAt: number | undefined, policy: TriggerPolicy = DEFAULT_TRIGGER): TriggerDecision {
  const { maxFeaturePsi: psi, recentAccuracy, baselineAccuracy, modelAgeMs } = signals;
  check(Number.isFinite(psi) && psi >= 0, `invalid PSI ${psi}`);
  check(isShare(baselineAccuracy), `invalid baseline accuracy ${baselineAccuracy}`);
  check(recentAccuracy === undefined || isShare(recentAccuracy), `invalid recent accuracy ${recentAccuracy}`);
  check(Number.isFinite(modelAgeMs) && modelAgeMs >= 0, `invalid model age ${modelAgeMs}`);
  check(Number.isFinite(now) && (lastRetrainAt === undefined || Number.isFinite(lastRetrainAt)), `invalid clock: now ${now}, last retrain ${lastRetrainAt}`);
  const { psiAlert, psiRetrain, accuracyDropRetrain, maxModelAgeMs, cooldownMs } = policy;
  check(
    [psiAlert, psiRetrain, accuracyDropRetrain, maxModelAgeMs, cooldownMs].every((x) => Number.isFinite(x) && x >= 0),
    'invalid trigger policy',
  );
  check(psiAlert <= psiRetrain, `psiAlert ${psiAlert} above psiRetrain ${psiRetrain}: moderate drift would start jobs`);

  // Labels arrive late; with no recent labels, concept drift cannot be judged, only data drift.
  // Whole basis points: 0.92 - 0.87 is 0.050000000000000044 in floating point, 0.95 - 0.9 is 0.04999999999999993.
  const dropBp = recentAccuracy === undefined ? 0 : basisPoints(baselineAccuracy) - basisPoints(recentAccuracy);
  let reason: string | undefined;
  if (dropBp > basisPoints(accuracyDropRetrain)) reason = `accuracy dropped ${(dropBp / 100).toFixed(2)} points`;
  else if (psi > psiRetrain) reason = `PSI ${psi.toFixed(3)} above ${psiRetrain}`;
  else if (modelAgeMs > maxModelAgeMs) reason = `scheduled floor: model is ${Math.floor(modelAgeMs / DAY)} days old`;
  if (reason) {
    const readyAt = lastRetrainAt === undefined ? now : lastRetrainAt + cooldownMs;
    if (now < readyAt) return { action: 'suppressed', reason, retryAfterMs: readyAt - now };
    return { action: 'retrain', reason };
  }
  if (psi > psiAlert) return { action: 'alert', reason: `PSI ${psi.toFixed(3)} above ${psiAlert}` };
  return { action: 'none' };
}

export interface RolloutStage {
  share: number;
  /** Minimum time at this stage, counted from when the stage began, before the next may start. */
  minDwellMs: number;
}

/** After a 24-hour shadow run: 1% for a day, 10% for a day, 50% for five days, then 100%: a full week live. */
export const STAGES: readonly RolloutStage[] = [
  { share: 0.01, minDwellMs: 1 * DAY },
  { share: 0.1, minDwellMs: 1 * DAY },
  { share: 0.5, minDwellMs: 5 * DAY },
  { share: 1, minDwellMs: 0 },
];

export interface GateResult {
  errorRateOk: boolean;
  latencyOk: boolean;
  /** Business metrics are only judged from the 10% stage on: at 1% the sample is too small. */
  businessMetricsOk: boolean;
  /** No data slice (region, income band, device) regressed on the metrics measurable so far. */
  slicesOk: boolean;
}

export type RolloutState = 'rolling-out' | 'complete' | 'rolled-back';

export class Rollout {
  private stageIndex = 0;
  private stageStartedAt: number;
  /** Set before traffic moves to 0%, so a rollback the router refused is retried, not forgotten. */
  private rollbackPending = false;
  state: RolloutState = 'rolling-out';
  readonly log: string[] = [];

  constructor(
    startedAt: number,
    private readonly setShare: (share: number) => void,
    private readonly stages: readonly RolloutStage[] = STAGES,
  ) {
    // A NaN start makes every dwell check false, holding 1% forever.
    check(Number.isFinite(startedAt), `startedAt must be a finite time, got ${startedAt}`);
    setShare(stages[0]!.share);
    this.stageStartedAt = startedAt;
  }

  get share(): number {
    return this.state === 'rolled-back' ? 0 : this.stages[this.stageIndex]!.share;
  }

  /**
   * Evaluate the current stage's gate; advance if it passes and the stage has been held long enough.
   * Traffic moves first and the state changes only if the move succeeded: a router error propagates.
   * A failed gate is recorded first, so the next call retries the rollback whatever its gate says.
   */
  evaluate(gate: GateResult, now: number): RolloutState {
    check(Number.isFinite(now), `now must be a finite time, got ${now}`);
    if (this.state !== 'rolling-out') return this.state;
    const current = this.share;
    const judgeBusiness = current >= 0.1;
    const pass = gate.errorRateOk && gate.latencyOk && gate.slicesOk && (!judgeBusiness || gate.businessMetricsOk);
    if (!pass) this.rollbackPending = true;
    if (this.rollbackPending) {
      this.setShare(0);
      this.state = 'rolled-back';
      this.log.push(`rolled back from ${current * 100}%`);
      return this.state;
    }
    const next = this.stages[this.stageIndex + 1];
    if (next && now - this.stageStartedAt >= this.stages[this.stageIndex]!.minDwellMs) {
      this.setShare(next.share);
      this.stageIndex++;
      this.stageStartedAt = now;
      this.log.push(`advanced to ${next.share * 100}%`);
      if (next.share === 1) this.state = 'complete';
    }
    return this.state;
  }
}

/**
 * Hours from drift detection until the new model serves all traffic, given the training time
 * and the shadow period. With 2 h of training, 24 h of shadow and 168 h of stages (1 + 1 + 5 days),
 * it is 194 h (about 8 days), so "at most 3 days stale" can only promise the 50% stage.
 */
export function hoursToFullRollout(trainingHours: number, shadowHours: number, stages: readonly RolloutStage[] = STAGES): number {
  const stagedMs = stages.slice(0, -1).reduce((sum, stage) => sum + stage.minDwellMs, 0);
  return trainingHours + shadowHours + stagedMs / HOUR;
}
