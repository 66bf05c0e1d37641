import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, hpaDesiredReplicas, inFlightPerPod, ReplicaAutoscaler, replicasForLoad, replicasToSurviveZoneLoss, type ScalingBehaviour } from './replicaPlanner';

describe('hpaDesiredReplicas', () => {
  it('applies desired = ceil(current × current metric / target)', () => {
    expect(hpaDesiredReplicas(10, 90, 70)).toBe(13); // 12.86 rounds up
    expect(hpaDesiredReplicas(10, 35, 70)).toBe(5);
  });

  it('changes nothing while the ratio stays within the 10 % tolerance', () => {
    expect(hpaDesiredReplicas(10, 76, 70)).toBe(10); // ratio 1.086
    expect(hpaDesiredReplicas(10, 78, 70)).toBe(12); // ratio 1.114
  });

  it('keeps the count at both edges of the tolerance band, as Kubernetes does', () => {
    expect(hpaDesiredReplicas(10, 77, 70)).toBe(10); // ratio 1.1 exactly
    expect(hpaDesiredReplicas(10, 63, 70)).toBe(10); // ratio 0.9 exactly
    expect(hpaDesiredReplicas(10, 62, 70)).toBe(9); // ratio 0.886
    expect(hpaDesiredReplicas(10, 105, 70, 0.5)).toBe(10); // ratio 1.5 with a 50 % band
    expect(hpaDesiredReplicas(10, 35, 70, 0.5)).toBe(10); // ratio 0.5 with a 50 % band
  });

  it('does not add a pod because of float noise', () => {
    // 2.1 / 0.7 is 3.0000000000000004 in floating point; a plain ceil would ask for 4 pods.
    expect(hpaDesiredReplicas(1, 2.1, 0.7)).toBe(3);
  });

  it('rejects a zero target', () => {
    expect(() => hpaDesiredReplicas(10, 50, 0)).toThrow(RangeError);
  });

  it('recommends 0 pods, not -0, for an idle metric', () => {
    expect(Object.is(hpaDesiredReplicas(10, 0, 70), 0)).toBe(true);
  });

  it('rejects an infinite metric, a fractional pod count and a negative tolerance, naming the input', () => {
    expect(() => hpaDesiredReplicas(10, Number.POSITIVE_INFINITY, 70)).toThrow(/currentMetric/);
    expect(() => hpaDesiredReplicas(10, 50, Number.POSITIVE_INFINITY)).toThrow(/targetMetric/);
    expect(() => hpaDesiredReplicas(2.5, 50, 70)).toThrow(/currentReplicas/);
    expect(() => hpaDesiredReplicas(10, 50, 70, -0.1)).toThrow(/tolerance/);
  });
});

describe('replicasForLoad', () => {
  it('needs 13 pods for 10K rps at 800 rps per pod only if every pod runs at 100 %', () => {
    expect(replicasForLoad(10_000, 800, 1)).toBe(13);
  });

  it('needs 18 pods at a 70 % utilisation target', () => {
    expect(replicasForLoad(10_000, 800, 0.7)).toBe(18);
    expect(replicasForLoad(10_000, 800)).toBe(18);
  });

  it('needs 179 L4-class pods at 80 rps each and 70 %, a tenth of an H100 pod', () => {
    expect(replicasForLoad(10_000, 80, 0.7)).toBe(179);
  });

  it('rejects impossible utilisation targets', () => {
    expect(() => replicasForLoad(10_000, 800, 0)).toThrow(RangeError);
    expect(() => replicasForLoad(10_000, 800, 1.2)).toThrow(RangeError);
  });

  it('needs 0 pods, not -0, for no load', () => {
    expect(Object.is(replicasForLoad(0, 800), 0)).toBe(true);
  });

  it('rejects an infinite load or capacity instead of answering Infinity', () => {
    expect(() => replicasForLoad(Number.POSITIVE_INFINITY, 800)).toThrow(/targetRps/);
    expect(() => replicasForLoad(10_000, Number.POSITIVE_INFINITY)).toThrow(/perPodCapacityRps/);
    expect(() => replicasForLoad(Number.NaN, 800)).toThrow(/targetRps/);
  });
});

describe('replicasToSurviveZoneLoss', () => {
  it('needs 20 pods over three zones for 10K rps at 800 rps per pod, where 18 leave 9,600 rps after a zone outage', () => {
    expect(replicasToSurviveZoneLoss(10_000, 800, 3)).toBe(20); // 7, 7 and 6: any two zones hold 13
    expect(replicasToSurviveZoneLoss(10_000, 800, 4)).toBe(18); // 5, 5, 4 and 4
    expect(replicasToSurviveZoneLoss(10_000, 800, 2)).toBe(26);
  });

  it('is the smallest even spread whose pods outside the largest zone carry the load', () => {
    for (let zones = 2; zones <= 5; zones++) {
      for (let survivors = 1; survivors <= 40; survivors++) {
        let smallest = survivors;
        while (smallest - Math.ceil(smallest / zones) < survivors) smallest++;
        expect(replicasToSurviveZoneLoss(survivors * 800, 800, zones)).toBe(smallest);
      }
    }
  });

  it('rejects fewer than two zones', () => {
    expect(() => replicasToSurviveZoneLoss(10_000, 800, 1)).toThrow(/zones/);
    expect(() => replicasToSurviveZoneLoss(10_000, 800, 2.5)).toThrow(/zones/);
  });
});

describe("Little's law", () => {
  it('puts 40 requests in flight on a pod serving 800 rps at a 50 ms mean (its p95 is 80 ms)', () => {
    expect(inFlightPerPod(800, 0.05)).toBeCloseTo(40, 9);
  });

  it('rejects a negative rate or a latency that is not positive, instead of returning NaN', () => {
    expect(() => inFlightPerPod(-1, 0.08)).toThrow(RangeError);
    expect(() => inFlightPerPod(800, 0)).toThrow(RangeError);
    expect(() => inFlightPerPod(Number.NaN, 0.08)).toThrow(RangeError);
  });
});

/** A fixed total load spread over however many pods are running. */
function run(scaler: ReplicaAutoscaler, clock: { t: number }, totalLoad: number, target: number, steps: number): number[] {
  const seen: number[] = [];
  for (let i = 0; i < steps; i++) {
    clock.t += 15_000;
    seen.push(scaler.observe(totalLoad / scaler.replicas, target).replicas);
  }
  return seen;
}

describe('ReplicaAutoscaler', () => {
  it('scales up at most by the larger of 100 % or 4 pods per step (Kubernetes defaults)', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler({ ...DEFAULT_BEHAVIOUR, maxReplicas: 100 }, 4, () => clock.t);
    // 4 pods at 350 % of target want 20 pods: 4 -> 8 -> 16 -> 20.
    expect(run(scaler, clock, 4 * 350, 70, 3)).toEqual([8, 16, 20]);
  });

  it('has no default ceiling: maxReplicas must be set, as the HPA spec requires', () => {
    expect('maxReplicas' in DEFAULT_BEHAVIOUR).toBe(false);
    expect(() => new ReplicaAutoscaler(DEFAULT_BEHAVIOUR as ScalingBehaviour, 4, () => 0)).toThrow(/maxReplicas is required/);
  });

  it('stops at maxReplicas', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler({ ...DEFAULT_BEHAVIOUR, maxReplicas: 10 }, 4, () => clock.t);
    expect(run(scaler, clock, 4 * 350, 70, 3)).toEqual([8, 10, 10]);
  });

  const cautious: ScalingBehaviour = {
    minReplicas: 3,
    maxReplicas: 50,
    scaleUp: { percent: 50, pods: 2, stabilizationMs: 0 },
    scaleDown: { percent: 20, stabilizationMs: 300_000 },
  };

  it('ignores a dip shorter than the scale-down window', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler(cautious, 20, () => clock.t);
    expect(run(scaler, clock, 20 * 35, 70, 4)).toEqual([20, 20, 20, 20]); // one minute at half load
    expect(run(scaler, clock, 20 * 70, 70, 20)).toEqual(Array(20).fill(20)); // load returns
  });

  it('scales down after the window, by at most 20 % per step, and never below minReplicas', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler(cautious, 20, () => clock.t);
    const seen = run(scaler, clock, 20 * 7, 70, 25); // load drops to a tenth
    // The starting size of 20 counts as recommended at t = 0 and leaves the 300 s window at t = 300 s, step 20.
    expect(seen.slice(0, 19)).toEqual(Array(19).fill(20));
    expect(seen.slice(19)).toEqual([16, 12, 9, 7, 5, 4]);
    expect(run(scaler, clock, 20 * 7, 70, 30).at(-1)).toBe(3);
  });

  it('scales down exactly when the window has passed since the last high recommendation, not a step later', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler(cautious, 20, () => clock.t);
    clock.t = 60_000;
    expect(scaler.observe(70, 70).recommended).toBe(20); // the last high recommendation
    clock.t = 359_999;
    expect(scaler.observe(7, 70).replicas).toBe(20); // 1 ms short of 300 s: still held
    clock.t = 360_000;
    expect(scaler.observe(7, 70).replicas).toBe(16); // 300 s later: the 20 no longer counts
  });

  it('scales up at once with a 0 s up-window when several observations share one instant', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler({ ...DEFAULT_BEHAVIOUR, maxReplicas: 100 }, 4, () => clock.t);
    // Same instant as construction: the starting size must not hold back the scale-up.
    expect(scaler.observe(350, 70).replicas).toBe(8); // wants 20, limited to doubling
    clock.t = 15_000;
    expect(scaler.observe(35, 70).recommended).toBe(4); // a low reading: the down-window holds 8
    expect(scaler.replicas).toBe(8);
    // A high reading at that same instant: only the current recommendation is in a 0 s window.
    expect(scaler.observe(350, 70).replicas).toBe(16);
  });

  it('holds the scale-up limit per 15 s period however often it is called, as Kubernetes counts pods added in the period', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler({ ...DEFAULT_BEHAVIOUR, maxReplicas: 100 }, 4, () => clock.t);
    // Four readings at one instant and one 5 s later: all inside the first period, so 4 pods may only double once.
    expect([0, 0, 0, 5_000].map((t) => ((clock.t = t), scaler.observe(350, 70).replicas))).toEqual([8, 8, 8, 8]);
    clock.t = 15_000; // the first scale-up (at 0 s) has left the period: doubling again is allowed
    expect(scaler.observe(350, 70).replicas).toBe(16);
  });

  it('measures a scale-up after a scale-down in the same period from the size at the period start', () => {
    const clock = { t: 0 };
    const fast = { ...DEFAULT_BEHAVIOUR, maxReplicas: 100, scaleDown: { percent: 100, stabilizationMs: 0 } };
    const scaler = new ReplicaAutoscaler(fast, 20, () => clock.t);
    expect(scaler.observe(7, 70).replicas).toBe(2); // 20 pods at a tenth of the target: down to 2 at once
    clock.t = 5_000;
    // The period started at 20 pods, so doubling allows 40, not the 6 that doubling from 2 or adding 4 would give.
    expect(scaler.observe(700, 70).replicas).toBe(20);
  });

  const upWindow = { ...DEFAULT_BEHAVIOUR, maxReplicas: 100, scaleUp: { ...DEFAULT_BEHAVIOUR.scaleUp, stabilizationMs: 60_000 } };

  /** The same per-pod reading every 15 s, however many pods run. */
  function readings(scaler: ReplicaAutoscaler, clock: { t: number }, metric: number, steps: number): number[] {
    return Array.from({ length: steps }, () => ((clock.t += 15_000), scaler.observe(metric, 70).replicas));
  }

  it('scales up only to the lowest recommendation in a 60 s up-window', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler(upWindow, 4, () => clock.t);
    // The starting 4 counts until 60 s have passed; then doubling per step resumes.
    expect(readings(scaler, clock, 350, 5)).toEqual([4, 4, 4, 8, 16]);
  });

  it('never scales down on a high reading while a low one is still in the up-window', () => {
    const clock = { t: 15_000 };
    const scaler = new ReplicaAutoscaler(upWindow, 8, () => clock.t);
    expect(readings(scaler, clock, 35, 1)).toEqual([8]); // wants 4: the down-window holds 8
    // Wants 16, but the lowest recommendation in the up-window is 4: the scale-up goes nowhere, not down.
    expect(readings(scaler, clock, 140, 1)).toEqual([8]);
  });

  it('rounds a percentage limit up: 50 % of 3 pods allows 5', () => {
    const scaler = new ReplicaAutoscaler({ ...DEFAULT_BEHAVIOUR, maxReplicas: 50, scaleUp: { percent: 50, pods: 0, stabilizationMs: 0 } }, 3, () => 0);
    expect(scaler.observe(350, 70).replicas).toBe(5);
  });

  it('applies a longer scale-up period: one doubling a minute', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler({ ...DEFAULT_BEHAVIOUR, maxReplicas: 100, scaleUp: { ...DEFAULT_BEHAVIOUR.scaleUp, periodMs: 60_000 } }, 4, () => clock.t);
    expect(readings(scaler, clock, 350, 6)).toEqual([8, 8, 8, 8, 16, 16]);
  });

  it('scales up at once even inside a scale-down window', () => {
    const clock = { t: 0 };
    const scaler = new ReplicaAutoscaler(cautious, 10, () => clock.t);
    run(scaler, clock, 10 * 35, 70, 2);
    expect(run(scaler, clock, 10 * 140, 70, 1)).toEqual([15]); // +50 % beats +2 pods
  });

  it('refuses min above max', () => {
    expect(() => new ReplicaAutoscaler({ ...cautious, minReplicas: 60 }, 10, () => 0)).toThrow(RangeError);
  });

  it('refuses a pod count that is not a whole number, naming it', () => {
    expect(() => new ReplicaAutoscaler({ ...cautious, minReplicas: Number.NaN }, 10, () => 0)).toThrow(/minReplicas/);
    expect(() => new ReplicaAutoscaler({ ...cautious, minReplicas: 2.5 }, 10, () => 0)).toThrow(/minReplicas/);
    expect(() => new ReplicaAutoscaler({ ...cautious, maxReplicas: 50.5 }, 10, () => 0)).toThrow(/maxReplicas/);
    expect(() => new ReplicaAutoscaler(cautious, 10.5, () => 0)).toThrow(/initialReplicas/);
    expect(() => new ReplicaAutoscaler(cautious, Number.NaN, () => 0)).toThrow(/initialReplicas/);
  });

  it('refuses to start from 0 pods, where Kubernetes turns autoscaling off', () => {
    expect(() => new ReplicaAutoscaler(cautious, 0, () => 0)).toThrow(/initialReplicas/);
  });

  it('refuses a scale-up with neither a percentage nor a pod count above 0', () => {
    expect(() => new ReplicaAutoscaler({ ...cautious, scaleUp: { percent: 0, pods: 0, stabilizationMs: 0 } }, 10, () => 0)).toThrow(/scaleUp/);
    expect(new ReplicaAutoscaler({ ...cautious, scaleUp: { percent: 0, pods: 2, stabilizationMs: 0 } }, 10, () => 0).replicas).toBe(10);
  });

  it('refuses a clock that goes backwards or is not a finite time', () => {
    const clock = { t: 30_000 };
    const scaler = new ReplicaAutoscaler(cautious, 10, () => clock.t);
    clock.t = 15_000;
    expect(() => scaler.observe(70, 70)).toThrow(/went backwards/);
    expect(() => new ReplicaAutoscaler(cautious, 10, () => Number.NaN)).toThrow(/finite time/);
  });
});
