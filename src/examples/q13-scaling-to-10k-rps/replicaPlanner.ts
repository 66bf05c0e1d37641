/**
 * Replica planning for a model-serving deployment: how many pods a target
 * load needs, with headroom or through the loss of a zone, and how an
 * autoscaler following the Kubernetes HPA rules moves towards that number
 * without thrashing.
 *
 * HPA rule: desired = ceil(current × currentMetric / targetMetric), skipped
 * while the ratio is within a tolerance (10 % by default) of 1. Scale-up is
 * rate-limited by policies; scale-down waits out a stabilisation window and
 * takes the highest recommendation seen in it.
 */

/** Kubernetes uses plain ceil on metrics held as integer thousandths; this absorbs float noise from decimal inputs. */
const EPSILON = 1e-9;

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number of zero or more, got ${value}`);
  return value;
}

function wholeNumber(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number of at least ${min}, got ${value}`);
  return value;
}

/** Rounds a pod count up; Math.max turns the -0 that Math.ceil(-EPSILON) gives into 0. */
function podsNeeded(exact: number): number {
  return Math.max(0, Math.ceil(exact - EPSILON));
}

/** The HPA formula for one metric, including its no-change tolerance band. */
export function hpaDesiredReplicas(currentReplicas: number, currentMetric: number, targetMetric: number, tolerance = 0.1): number {
  wholeNumber(currentReplicas, 'currentReplicas', 1);
  nonNegative(currentMetric, 'currentMetric');
  positive(targetMetric, 'targetMetric');
  nonNegative(tolerance, 'tolerance');
  const ratio = currentMetric / targetMetric;
  // Kubernetes' form; Math.abs(ratio - 1) would push a ratio of exactly 1.1 out of a 0.1 band through float noise.
  if (ratio >= 1 - tolerance && ratio <= 1 + tolerance) return currentReplicas;
  return podsNeeded(currentReplicas * ratio);
}

/**
 * Pods needed to serve a load with headroom: ceil(rps / (perPod × utilisation)).
 * 10,000 rps at 800 rps per pod: 13 pods at 100 % utilisation, 18 at 70 %.
 */
export function replicasForLoad(targetRps: number, perPodCapacityRps: number, targetUtilisation = 0.7): number {
  nonNegative(targetRps, 'targetRps');
  positive(perPodCapacityRps, 'perPodCapacityRps');
  if (!(targetUtilisation > 0 && targetUtilisation <= 1)) throw new RangeError(`targetUtilisation must be in (0, 1], got ${targetUtilisation}`);
  return podsNeeded(targetRps / (perPodCapacityRps * targetUtilisation));
}

/**
 * Pods to spread evenly over `zones` so that the pods left after losing any one zone still carry the load
 * at full capacity: the smallest n with n - ceil(n / zones) >= m, where m = ceil(rps / perPod), is ceil(m × zones / (zones - 1)).
 * 10,000 rps at 800 rps per pod (m = 13): 20 pods over three zones (7, 7, 6), 18 over four.
 */
export function replicasToSurviveZoneLoss(targetRps: number, perPodCapacityRps: number, zones: number): number {
  wholeNumber(zones, 'zones', 2);
  const survivorsNeeded = replicasForLoad(targetRps, perPodCapacityRps, 1);
  return podsNeeded((survivorsNeeded * zones) / (zones - 1));
}

/**
 * Little's law, L = λW: requests in flight per pod, a better scaling signal than GPU busy time.
 * W is the mean time in the system; a p95 would overstate it.
 */
export function inFlightPerPod(rpsPerPod: number, meanLatencySeconds: number): number {
  nonNegative(rpsPerPod, 'rpsPerPod');
  positive(meanLatencySeconds, 'meanLatencySeconds');
  return rpsPerPod * meanLatencySeconds;
}

export interface ScalingBehaviour {
  minReplicas: number;
  maxReplicas: number;
  /** Within any `periodMs` (15 s unless set), add at most the larger of `percent` % or `pods` pods. */
  scaleUp: { percent: number; pods: number; stabilizationMs: number; periodMs?: number };
  /** Within any `periodMs` (15 s unless set), remove at most `percent` % of pods, after `stabilizationMs` of lower recommendations. */
  scaleDown: { percent: number; stabilizationMs: number; periodMs?: number };
}

/**
 * Kubernetes' defaults: minReplicas 1; scale up by 100 % or 4 pods per 15 s step, whichever is larger
 * (selectPolicy Max); scale down after a 300 s window.
 * maxReplicas has no default: the HPA spec requires it, so every caller sets its own ceiling.
 */
export const DEFAULT_BEHAVIOUR: Omit<ScalingBehaviour, 'maxReplicas'> = {
  minReplicas: 1,
  scaleUp: { percent: 100, pods: 4, stabilizationMs: 0 },
  scaleDown: { percent: 100, stabilizationMs: 300_000 },
};

export interface ScalingStep {
  at: number;
  recommended: number;
  replicas: number;
}

/** Kubernetes' policy period: a rate limit counts the pods added and removed in the last 15 s. */
const DEFAULT_PERIOD_MS = 15_000;

/** An HPA-like controller; Kubernetes calls it once per sync period (15 s), and its rate limits hold however often it is called. */
export class ReplicaAutoscaler {
  private history: { at: number; desired: number }[] = [];
  /** Changes in replica count, so a rate limit holds per period however often `observe` is called. */
  private changes: { at: number; change: number }[] = [];
  private current: number;
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly upPeriodMs: number;
  private readonly downPeriodMs: number;

  constructor(
    private readonly behaviour: ScalingBehaviour,
    initialReplicas: number,
    private readonly now: () => number,
    private readonly tolerance = 0.1,
  ) {
    if (behaviour.maxReplicas === undefined) throw new RangeError('maxReplicas is required: Kubernetes has no default ceiling');
    wholeNumber(behaviour.minReplicas, 'minReplicas', 1);
    wholeNumber(behaviour.maxReplicas, 'maxReplicas', behaviour.minReplicas);
    nonNegative(behaviour.scaleUp.percent, 'scaleUp.percent');
    wholeNumber(behaviour.scaleUp.pods, 'scaleUp.pods', 0);
    // A 0 here stands for no such policy (Kubernetes requires policy values above 0); with neither, nothing could grow.
    if (behaviour.scaleUp.percent === 0 && behaviour.scaleUp.pods === 0) throw new RangeError('scaleUp needs percent or pods above 0, got both 0');
    nonNegative(behaviour.scaleUp.stabilizationMs, 'scaleUp.stabilizationMs');
    if (!(behaviour.scaleDown.percent >= 0 && behaviour.scaleDown.percent <= 100)) {
      throw new RangeError(`scaleDown.percent must be in [0, 100], got ${behaviour.scaleDown.percent}`);
    }
    nonNegative(behaviour.scaleDown.stabilizationMs, 'scaleDown.stabilizationMs');
    this.upPeriodMs = positive(behaviour.scaleUp.periodMs ?? DEFAULT_PERIOD_MS, 'scaleUp.periodMs');
    this.downPeriodMs = positive(behaviour.scaleDown.periodMs ?? DEFAULT_PERIOD_MS, 'scaleDown.periodMs');
    nonNegative(tolerance, 'tolerance');
    // Kubernetes turns autoscaling off for a workload at 0 replicas, so there is nothing to start from.
    this.current = this.clamp(wholeNumber(initialReplicas, 'initialReplicas', 1));
    // Start as if the current size had been recommended, so a first low reading cannot shrink the fleet.
    this.history.push({ at: this.tick(), desired: this.current });
  }

  get replicas(): number {
    return this.current;
  }

  /** Feed the per-pod metric (utilisation, queue depth, in-flight requests) and its target. */
  observe(metricPerPod: number, targetPerPod: number): ScalingStep {
    const at = this.tick();
    const desired = this.clamp(hpaDesiredReplicas(this.current, metricPerPod, targetPerPod, this.tolerance));
    const { scaleUp, scaleDown } = this.behaviour;
    // As in Kubernetes: the current recommendation always counts, a past one only while strictly younger than the window.
    const within = (ms: number) => [desired, ...this.history.filter((r) => at - r.at < ms).map((r) => r.desired)];

    // As in Kubernetes, a limit applies to the size at the start of the period: the pods added in it are taken
    // off and the pods removed put back, so calling more often than once a period does not scale faster.
    const periodStart = (periodMs: number) => this.current - this.changes.filter((c) => at - c.at < periodMs).reduce((sum, c) => sum + c.change, 0);

    let next = this.current;
    if (desired > this.current) {
      // Scale up to the lowest recommendation in the up-window, limited per period.
      const target = Math.min(...within(scaleUp.stabilizationMs));
      const start = periodStart(this.upPeriodMs);
      const limit = Math.max(Math.ceil(start * (1 + scaleUp.percent / 100)), start + scaleUp.pods);
      next = Math.max(this.current, Math.min(target, limit));
    } else if (desired < this.current) {
      // Scale down only to the highest recommendation in the down-window: a short dip changes nothing.
      const target = Math.max(...within(scaleDown.stabilizationMs));
      const start = periodStart(this.downPeriodMs);
      const limit = Math.floor(start * (1 - scaleDown.percent / 100));
      next = Math.min(this.current, Math.max(target, limit));
    }
    next = this.clamp(next);
    if (next !== this.current) this.changes.push({ at, change: next - this.current });
    this.current = next;
    const longestPeriod = Math.max(this.upPeriodMs, this.downPeriodMs);
    this.changes = this.changes.filter((c) => at - c.at < longestPeriod);

    this.history.push({ at, desired });
    const keep = Math.max(scaleUp.stabilizationMs, scaleDown.stabilizationMs);
    this.history = this.history.filter((r) => at - r.at < keep);
    return { at, recommended: desired, replicas: this.current };
  }

  /** Reads the clock; windows are measured backwards from now, so time must not run backwards. */
  private tick(): number {
    const at = this.now();
    if (!Number.isFinite(at)) throw new RangeError(`now() must return a finite time, got ${at}`);
    if (at < this.lastAt) throw new RangeError(`now() went backwards: ${at} ms after ${this.lastAt} ms`);
    this.lastAt = at;
    return at;
  }

  private clamp(replicas: number): number {
    return Math.min(this.behaviour.maxReplicas, Math.max(this.behaviour.minReplicas, replicas));
  }
}
