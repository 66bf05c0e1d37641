/**
 * Replica planning for a model-serving deployment: how many pods a target
 * load needs, and how an autoscaler following the Kubernetes HPA rules moves
 * towards that number without thrashing.
 *
 * HPA rule: desired = ceil(current × currentMetric / targetMetric), skipped
 * while the ratio is within a tolerance (10 % by default) of 1. Scale-up is
 * rate-limited by policies; scale-down waits out a stabilisation window and
 * takes the highest recommendation seen in it.
 */

/** Absorbs float noise such as 12.000000000000002 before rounding up. */
const EPSILON = 1e-9;

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

/** The HPA formula for one metric, including its no-change tolerance band. */
export function hpaDesiredReplicas(currentReplicas: number, currentMetric: number, targetMetric: number, tolerance = 0.1): number {
  positive(currentReplicas, 'currentReplicas');
  positive(targetMetric, 'targetMetric');
  if (!(currentMetric >= 0)) throw new RangeError('currentMetric must be zero or more');
  const ratio = currentMetric / targetMetric;
  if (Math.abs(ratio - 1) <= tolerance) return currentReplicas;
  return Math.ceil(currentReplicas * ratio - EPSILON);
}

/**
 * Pods needed to serve a load with headroom: ceil(rps / (perPod × utilisation)).
 * 10,000 rps at 800 rps per pod: 13 pods at 100 % utilisation, 18 at 70 %.
 */
export function replicasForLoad(targetRps: number, perPodCapacityRps: number, targetUtilisation = 0.7): number {
  positive(perPodCapacityRps, 'perPodCapacityRps');
  if (!(targetUtilisation > 0 && targetUtilisation <= 1)) throw new RangeError('targetUtilisation must be in (0, 1]');
  if (!(targetRps >= 0)) throw new RangeError('targetRps must be zero or more');
  return Math.ceil(targetRps / (perPodCapacityRps * targetUtilisation) - EPSILON);
}

/**
 * Little's law, L = λW: requests in flight per pod, a better scaling signal than GPU busy time.
 * W is the mean time in the system; a p95 would overstate it.
 */
export function inFlightPerPod(rpsPerPod: number, meanLatencySeconds: number): number {
  if (!(rpsPerPod >= 0) || !Number.isFinite(rpsPerPod)) throw new RangeError(`rpsPerPod must be zero or more, got ${rpsPerPod}`);
  positive(meanLatencySeconds, 'meanLatencySeconds');
  return rpsPerPod * meanLatencySeconds;
}

export interface ScalingBehaviour {
  minReplicas: number;
  maxReplicas: number;
  /** Per step, add at most the larger of `percent` % or `pods` pods. */
  scaleUp: { percent: number; pods: number; stabilizationMs: number };
  /** Per step, remove at most `percent` % of pods, after `stabilizationMs` of lower recommendations. */
  scaleDown: { percent: number; stabilizationMs: number };
}

/**
 * Kubernetes' defaults: minReplicas 1, scale up by 100 % or 4 pods per 15 s step, scale down after 300 s.
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

/** An HPA-like controller; call `observe` once per sync period (15 s in Kubernetes). */
export class ReplicaAutoscaler {
  private recommendations: { at: number; desired: number }[] = [];
  private current: number;

  constructor(
    private readonly behaviour: ScalingBehaviour,
    initialReplicas: number,
    private readonly now: () => number,
    private readonly tolerance = 0.1,
  ) {
    if (!Number.isInteger(behaviour.maxReplicas)) throw new RangeError('maxReplicas is required: Kubernetes has no default ceiling');
    if (behaviour.minReplicas < 1 || behaviour.maxReplicas < behaviour.minReplicas) {
      throw new RangeError('need 1 <= minReplicas <= maxReplicas');
    }
    this.current = this.clamp(initialReplicas);
    // Start as if the current size had been recommended, so a first low reading cannot shrink the fleet.
    this.recommendations.push({ at: now(), desired: this.current });
  }

  get replicas(): number {
    return this.current;
  }

  /** Feed the per-pod metric (utilisation, queue depth, in-flight requests) and its target. */
  observe(metricPerPod: number, targetPerPod: number): ScalingStep {
    const at = this.now();
    const desired = this.clamp(hpaDesiredReplicas(this.current, metricPerPod, targetPerPod, this.tolerance));
    this.recommendations.push({ at, desired });
    const keep = Math.max(this.behaviour.scaleUp.stabilizationMs, this.behaviour.scaleDown.stabilizationMs);
    this.recommendations = this.recommendations.filter((r) => at - r.at <= keep);

    const within = (ms: number) => this.recommendations.filter((r) => at - r.at <= ms).map((r) => r.desired);
    let next = this.current;
    if (desired > this.current) {
      // Scale up to the lowest recommendation in the up-window, limited per step.
      const target = Math.min(...within(this.behaviour.scaleUp.stabilizationMs));
      const { percent, pods } = this.behaviour.scaleUp;
      const limit = Math.max(Math.ceil(this.current * (1 + percent / 100)), this.current + pods);
      next = Math.max(this.current, Math.min(target, limit));
    } else if (desired < this.current) {
      // Scale down only to the highest recommendation in the down-window: a short dip changes nothing.
      const target = Math.max(...within(this.behaviour.scaleDown.stabilizationMs));
      const limit = Math.floor(this.current * (1 - this.behaviour.scaleDown.percent / 100));
      next = Math.min(this.current, Math.max(target, limit));
    }
    this.current = this.clamp(next);
    return { at, recommended: desired, replicas: this.current };
  }

  private clamp(replicas: number): number {
    return Math.min(this.behaviour.maxReplicas, Math.max(this.behaviour.minReplicas, replicas));
  }
}
