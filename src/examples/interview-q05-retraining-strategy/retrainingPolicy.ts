/**
 * Trigger-based retraining with a staged rollout.
 *
 * The trigger turns hourly monitoring signals into an action; the rollout walks a new model
 * through 1% -> 10% -> 50% -> 100% of traffic, each stage gated, and drops it to 0% on the
 * first failed gate. Clocks are passed in, so the policy is tested without waiting.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MonitoringSignals {
  /** Highest PSI over the monitored input features in the last window. */
  maxFeaturePsi: number;
  /** Accuracy on recently labelled production traffic, and the accuracy at deployment. */
  recentAccuracy: number | undefined;
  baselineAccuracy: number;
}

export interface TriggerPolicy {
  psiAlert: number;
  psiRetrain: number;
  /** Absolute drop, e.g. 0.05 = five percentage points. */
  accuracyDropRetrain: number;
  /** Minimum time between two retraining jobs, so a flapping signal cannot start a job every hour. */
  cooldownMs: number;
}

export const DEFAULT_TRIGGER: TriggerPolicy = { psiAlert: 0.1, psiRetrain: 0.2, accuracyDropRetrain: 0.05, cooldownMs: 12 * HOUR };

export type TriggerDecision =
  { action: 'none' } | { action: 'alert'; reason: string } | { action: 'retrain'; reason: string } | { action: 'suppressed'; reason: string; retryAfterMs: number };

export function decide(signals: MonitoringSignals, now: number, lastRetrainAt: number | undefined, policy: TriggerPolicy = DEFAULT_TRIGGER): TriggerDecision {
  const { maxFeaturePsi: psi, recentAccuracy, baselineAccuracy } = signals;
  if (!Number.isFinite(psi) || psi < 0) throw new RangeError(`invalid PSI ${psi}`);
  // Labels arrive late; with no recent labels, concept drift cannot be judged, only data drift.
  const drop = recentAccuracy === undefined ? 0 : baselineAccuracy - recentAccuracy;
  let reason: string | undefined;
  if (drop > policy.accuracyDropRetrain) reason = `accuracy dropped ${(drop * 100).toFixed(1)} points`;
  else if (psi > policy.psiRetrain) reason = `PSI ${psi.toFixed(3)} above ${policy.psiRetrain}`;
  if (reason) {
    const readyAt = lastRetrainAt === undefined ? now : lastRetrainAt + policy.cooldownMs;
    if (now < readyAt) return { action: 'suppressed', reason, retryAfterMs: readyAt - now };
    return { action: 'retrain', reason };
  }
  if (psi > policy.psiAlert) return { action: 'alert', reason: `PSI ${psi.toFixed(3)} above ${policy.psiAlert}` };
  return { action: 'none' };
}

export interface RolloutStage {
  share: number;
  /** Earliest time this stage may start, counted from the start of the rollout. */
  notBeforeMs: number;
}

/** Day 1: 1%, day 2: 10%, day 3: 50%, day 7: 100%, after a 24-hour shadow run. */
export const STAGES: readonly RolloutStage[] = [
  { share: 0.01, notBeforeMs: 0 },
  { share: 0.1, notBeforeMs: 1 * DAY },
  { share: 0.5, notBeforeMs: 2 * DAY },
  { share: 1, notBeforeMs: 6 * DAY },
];

export interface GateResult {
  errorRateOk: boolean;
  latencyOk: boolean;
  /** Business metrics are only judged from the 10% stage on: at 1% the sample is too small. */
  businessMetricsOk: boolean;
  /** No data slice (region, income band, device) regressed. */
  slicesOk: boolean;
}

export type RolloutState = 'rolling-out' | 'complete' | 'rolled-back';

export class Rollout {
  private stageIndex = 0;
  state: RolloutState = 'rolling-out';
  readonly log: string[] = [];

  constructor(
    private readonly startedAt: number,
    private readonly setShare: (share: number) => void,
    private readonly stages: readonly RolloutStage[] = STAGES,
  ) {
    setShare(stages[0]!.share);
  }

  get share(): number {
    return this.state === 'rolled-back' ? 0 : this.stages[this.stageIndex]!.share;
  }

  /** Evaluate the current stage's gate; advance if it passes and the next stage is due. */
  evaluate(gate: GateResult, now: number): RolloutState {
    if (this.state !== 'rolling-out') return this.state;
    const current = this.share;
    const judgeBusiness = current >= 0.1;
    const pass = gate.errorRateOk && gate.latencyOk && gate.slicesOk && (!judgeBusiness || gate.businessMetricsOk);
    if (!pass) {
      this.state = 'rolled-back';
      this.setShare(0);
      this.log.push(`rolled back from ${current * 100}%`);
      return this.state;
    }
    const next = this.stages[this.stageIndex + 1];
    if (next && now - this.startedAt >= next.notBeforeMs) {
      this.stageIndex++;
      this.setShare(next.share);
      this.log.push(`advanced to ${next.share * 100}%`);
      if (next.share === 1) this.state = 'complete';
    }
    return this.state;
  }
}

/**
 * Hours from drift detection until the new model serves all traffic, given the training time
 * and the shadow period. With 2 h of training, 24 h of shadow and 6 days of stages, it is
 * 170 h (about 7 days), so "at most 3 days stale" can only promise the 50% stage.
 */
export function hoursToFullRollout(trainingHours: number, shadowHours: number, stages: readonly RolloutStage[] = STAGES): number {
  return trainingHours + shadowHours + stages.at(-1)!.notBeforeMs / HOUR;
}
