import { describe, expect, it } from 'vitest';
import { bucketOf, CanaryController, errorRateZ, hash32, percentile, requiredSamplesPerArm, type Arm, type CanaryConfig } from './canaryController';

const config: CanaryConfig = {
  steps: [1, 10, 50, 100],
  salt: 'fraud-v8',
  minSamplesPerArm: 200,
  minStepDurationMs: 60_000,
  criticalZ: 1.96,
  maxP95LatencyRatio: 1.2,
  errorCeiling: { maxErrors: 10, windowRequests: 100 },
};

function setup(overrides: Partial<CanaryConfig> = {}) {
  let t = 0;
  const controller = new CanaryController({ ...config, ...overrides }, () => t);
  return { controller, advance: (ms: number) => (t += ms) };
}

/** Seeded PRNG (mulberry32), so the simulations below give the same answer on every run. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Exact two-proportion sample size per arm, z = 1.96 one-sided and 80% power. */
function exactSamplesPerArm(p1: number, p2: number): number {
  const pooled = (p1 + p2) / 2;
  const root = 1.959964 * Math.sqrt(2 * pooled * (1 - pooled)) + 0.841621 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil(root ** 2 / (p2 - p1) ** 2);
}

/** Feeds n requests per arm: every k-th one fails, latency as given. */
function feed(c: CanaryController, arm: Arm, n: number, opts: { failEvery?: number; latencyMs?: number } = {}) {
  for (let i = 1; i <= n; i++) {
    c.record(arm, { error: opts.failEvery !== undefined && i % opts.failEvery === 0, latencyMs: opts.latencyMs ?? 40 + (i % 10) });
  }
}

describe('deterministic bucketing', () => {
  it('gives a user the same bucket on every call and every replica', () => {
    expect(bucketOf('user-42', 'fraud-v8')).toBe(bucketOf('user-42', 'fraud-v8'));
    expect(hash32('user-42')).toBe(hash32('user-42'));
  });

  it('puts close to 10% of 20,000 users under a 10% threshold', () => {
    const inCanary = Array.from({ length: 20_000 }, (_, i) => bucketOf(`user-${i}`, 'fraud-v8')).filter((b) => b < 1_000).length;
    expect(inCanary / 20_000).toBeGreaterThan(0.09);
    expect(inCanary / 20_000).toBeLessThan(0.11);
  });

  it('picks different users for a rollout with a different salt', () => {
    const users = Array.from({ length: 1_000 }, (_, i) => `user-${i}`);
    const same = users.filter((u) => bucketOf(u, 'fraud-v8') === bucketOf(u, 'fraud-v9')).length;
    expect(same).toBeLessThan(10);
  });

  it('keeps every 1% canary user in the canary when the weight grows (monotone ramp)', () => {
    const { controller, advance } = setup();
    const users = Array.from({ length: 5_000 }, (_, i) => `user-${i}`);
    const firstCohort = users.filter((u) => controller.route(u) === 'canary');
    expect(firstCohort.length).toBeGreaterThan(0);
    feed(controller, 'canary', 200);
    feed(controller, 'baseline', 200);
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });
    expect(firstCohort.every((u) => controller.route(u) === 'canary')).toBe(true);
  });
});

describe('sample size', () => {
  it('needs 2,364 requests per arm to see an error rate go from 1% to 2% (16 p̄(1 − p̄)/δ² at the pooled rate p̄ = 1.5%)', () => {
    expect(requiredSamplesPerArm(0.01, 0.01)).toBe(2_364);
  });

  it('needs 7,900 per arm to see a rise of half a point, from 1% to 1.5%', () => {
    expect(requiredSamplesPerArm(0.01, 0.005)).toBe(7_900);
  });

  it('stays within 3% above the exact two-proportion size (2,319 and 7,750), never below it', () => {
    for (const [p1, p2] of [
      [0.01, 0.02],
      [0.01, 0.015],
      [0.05, 0.06],
    ] as const) {
      const exact = exactSamplesPerArm(p1, p2);
      const rule = requiredSamplesPerArm(p1, p2 - p1);
      expect(rule).toBeGreaterThanOrEqual(exact);
      expect(rule / exact).toBeLessThan(1.03);
    }
    expect([exactSamplesPerArm(0.01, 0.02), exactSamplesPerArm(0.01, 0.015)]).toEqual([2_319, 7_750]);
  });

  it('rejects rates and deltas that make no sense', () => {
    expect(() => requiredSamplesPerArm(0, 0.01)).toThrow(RangeError);
    expect(() => requiredSamplesPerArm(0.01, 0)).toThrow(RangeError);
    expect(() => requiredSamplesPerArm(0.6, 0.5)).toThrow(RangeError);
  });
});

describe('error-rate test', () => {
  it('computes the pooled two-proportion z statistic', () => {
    // p̄ = 40/2,000 = 2%; z = 0.02 / √(0.02 × 0.98 × (1/1,000 + 1/1,000)) ≈ 3.19
    expect(errorRateZ({ requests: 1_000, errors: 30 }, { requests: 1_000, errors: 10 })).toBeCloseTo(3.194, 3);
  });

  it('reads no difference when neither arm has an error', () => {
    expect(errorRateZ({ requests: 500, errors: 0 }, { requests: 500, errors: 0 })).toBe(0);
  });
});

describe('CanaryController', () => {
  it('waits until both arms have the minimum sample before the z-test, even when the canary looks worse', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 50, { failEvery: 10 }); // 10% errors, under the ceiling, but only 50 requests
    feed(controller, 'baseline', 500);
    advance(120_000);
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: expect.stringMatching(/need 200 requests/) });
    expect(controller.weightPercent).toBe(1);
  });

  it('walks a healthy canary 1 -> 10 -> 50 -> 100 and then reports complete', () => {
    const { controller, advance } = setup();
    const decisions = [];
    for (let step = 0; step < 3; step++) {
      feed(controller, 'canary', 200, { failEvery: 100 });
      feed(controller, 'baseline', 200, { failEvery: 100 });
      advance(60_000);
      decisions.push(controller.evaluate());
    }
    expect(decisions).toEqual([
      { action: 'advance', weightPercent: 10 },
      { action: 'advance', weightPercent: 50 },
      { action: 'complete', weightPercent: 100 },
    ]);
    expect(controller.status).toBe('complete');
    expect(controller.route('anyone')).toBe('canary');
  });

  it('does not promote before the minimum step duration, even when healthy', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 200);
    feed(controller, 'baseline', 200);
    advance(59_999);
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' });
  });

  it('rolls back on a significant error-rate rise without waiting for the step duration, and routes everyone to baseline', () => {
    const { controller } = setup();
    feed(controller, 'canary', 200, { failEvery: 20 }); // 5%
    feed(controller, 'baseline', 200, { failEvery: 100 }); // 1%
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: 'error rate 4.00 points above baseline (z = 2.34)' });
    expect(controller.weightPercent).toBe(0);
    expect(['a', 'b', 'c'].map((u) => controller.route(u))).toEqual(['baseline', 'baseline', 'baseline']);
    expect(controller.evaluate().action).toBe('rollback'); // sticky: no automatic re-ramp
  });

  it('rolls back when canary p95 latency is more than 1.2x the baseline p95', () => {
    const { controller } = setup();
    feed(controller, 'canary', 200, { latencyMs: 70 });
    feed(controller, 'baseline', 200, { latencyMs: 50 });
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: 'p95 latency 1.40x baseline' });
  });

  it('compares the p95s without dividing: both arms at 0 ms are equal and advance, a canary slower than a 0 ms baseline rolls back', () => {
    const equal = setup();
    feed(equal.controller, 'canary', 200, { latencyMs: 0 });
    feed(equal.controller, 'baseline', 200, { latencyMs: 0 });
    equal.advance(60_000);
    expect(equal.controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });

    const slower = setup();
    feed(slower.controller, 'canary', 200, { latencyMs: 5 });
    feed(slower.controller, 'baseline', 200, { latencyMs: 0 });
    slower.advance(60_000);
    expect(slower.controller.evaluate()).toEqual({ action: 'rollback', reason: 'p95 latency 5 ms against a baseline of 0 ms' });
  });

  it('rolls back instead of promoting when a p95 cannot be measured: one NaN latency fails the guard rather than passing it', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 199, { latencyMs: 40 });
    controller.record('canary', { error: false, latencyMs: Number.NaN }); // a request timer that was never started
    feed(controller, 'baseline', 200, { latencyMs: 40 });
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: 'p95 latency cannot be compared: canary NaN ms, baseline 40 ms' });
  });

  it('judges each step on its own window: errors from an earlier step do not carry over', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 200, { failEvery: 200 });
    feed(controller, 'baseline', 200, { failEvery: 200 });
    advance(60_000);
    controller.evaluate();
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: expect.stringMatching(/have 0 canary/) });
  });

  it('weighs a rise by both sample sizes: 3% against 1% is significant against 20,000 baseline requests, not against 200', () => {
    const small = setup().controller;
    feed(small, 'canary', 200, { failEvery: 33 }); // 6 errors
    feed(small, 'baseline', 200, { failEvery: 100 }); // 2 errors: z ≈ 1.43
    expect(small.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' });

    const large = setup().controller;
    feed(large, 'canary', 200, { failEvery: 33 });
    feed(large, 'baseline', 20_000, { failEvery: 100 }); // z ≈ 2.8
    expect(large.evaluate()).toMatchObject({ action: 'rollback', reason: expect.stringMatching(/^error rate 2\.00 points above baseline \(z = 2\.\d\d\)$/) });
  });

  it('tests the error rate once per step, at the planned sample: later evaluations in that step do not look again', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 200, { failEvery: 100 });
    feed(controller, 'baseline', 200, { failEvery: 100 });
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' });
    feed(controller, 'canary', 100, { failEvery: 10 }); // would read z ≈ 2.9 on a second look
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });
  });

  it('catches a canary truly 0.5 points worse (1% -> 1.5%) in about 80% of runs at the planned sample', () => {
    const random = seededRandom(27);
    const n = requiredSamplesPerArm(0.01, 0.005);
    const runs = 300;
    let caught = 0;
    for (let run = 0; run < runs; run++) {
      const { controller } = setup({ steps: [50, 100], minSamplesPerArm: n });
      for (let i = 0; i < n; i++) {
        controller.record('canary', { error: random() < 0.015, latencyMs: 40 });
        controller.record('baseline', { error: random() < 0.01, latencyMs: 40 });
      }
      if (controller.evaluate().action === 'rollback') caught++;
    }
    expect(caught / runs).toBeGreaterThan(0.74);
    expect(caught / runs).toBeLessThan(0.86);
  });

  it('rolls back a healthy canary in only about 2.5% of runs, however often it is evaluated', () => {
    const random = seededRandom(42);
    const runs = 400;
    let falseAlarms = 0;
    for (let run = 0; run < runs; run++) {
      // A 10% error rate is normal here, so the ceiling sits at 30 in 100.
      const { controller } = setup({ steps: [50, 100], minSamplesPerArm: 500, minStepDurationMs: Number.POSITIVE_INFINITY, errorCeiling: { maxErrors: 30, windowRequests: 100 } });
      for (let i = 1; i <= 2_000; i++) {
        controller.record('canary', { error: random() < 0.1, latencyMs: 40 });
        controller.record('baseline', { error: random() < 0.1, latencyMs: 40 });
        if (i % 50 === 0 && controller.evaluate().action === 'rollback') {
          falseAlarms++;
          break;
        }
      }
    }
    expect(falseAlarms / runs).toBeLessThan(0.05);
  });

  it("rolls back a canary that breaks after passing its step's error test, instead of promoting it to ten times the exposure", () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 200, { failEvery: 100 });
    feed(controller, 'baseline', 200, { failEvery: 100 });
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' }); // the z-test passed
    feed(controller, 'canary', 11, { failEvery: 1 }); // a bad config push: every request now fails
    expect(controller.status).toBe('rolled-back');
    expect(controller.route('anyone')).toBe('baseline');
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: '11 errors in the last 100 canary requests, over the ceiling of 10 in 100' });
    expect(controller.weightPercent).toBe(0);
  });

  it('checks the ceiling on every canary request: a canary failing every request is rolled back at its 11th, long before the planned sample', () => {
    const { controller } = setup({ minSamplesPerArm: 7_900 });
    for (let i = 0; i < 10; i++) controller.record('canary', { error: true, latencyMs: 40 });
    expect(controller.status).toBe('running');
    controller.record('canary', { error: true, latencyMs: 40 });
    expect(controller.status).toBe('rolled-back');
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: '11 errors in the last 11 canary requests, over the ceiling of 10 in 100' });
  });

  it('leaves a healthy canary alone: at a 1% error rate the ceiling never fires in 100 runs of 7,900 requests', () => {
    const random = seededRandom(5);
    let tripped = 0;
    for (let run = 0; run < 100; run++) {
      const { controller } = setup({ minSamplesPerArm: 7_900 });
      for (let i = 0; i < 7_900 && controller.status === 'running'; i++) controller.record('canary', { error: random() < 0.01, latencyMs: 40 });
      if (controller.status === 'rolled-back') tripped++;
    }
    expect(tripped).toBe(0);
  });

  it('refuses step plans that do not ramp up to 100%', () => {
    expect(() => setup({ steps: [10, 5, 100] })).toThrow(RangeError);
    expect(() => setup({ steps: [1, 10, 50] })).toThrow(/end at 100/);
    expect(() => setup({ minSamplesPerArm: 0 })).toThrow(/minSamplesPerArm/);
    expect(() => setup({ criticalZ: 0 })).toThrow(/criticalZ/);
    expect(() => setup({ errorCeiling: { maxErrors: 100, windowRequests: 100 } })).toThrow(/errorCeiling/);
  });

  it('refuses a latency guardrail or step duration that is missing, NaN or out of range, instead of promoting a slow canary at once', () => {
    // A config file without both fields: `ratio > undefined` and `elapsed < undefined` are never true, so an 18x slower canary would walk to 100%.
    const { maxP95LatencyRatio: _ratio, minStepDurationMs: _duration, ...withoutBoth } = config;
    expect(() => new CanaryController(withoutBoth as CanaryConfig, () => 0)).toThrow(/maxP95LatencyRatio must be a finite number >= 1, got undefined/);
    expect(() => setup({ maxP95LatencyRatio: Number.NaN })).toThrow(/maxP95LatencyRatio must be a finite number >= 1, got NaN/);
    expect(() => setup({ maxP95LatencyRatio: 0.8 })).toThrow(RangeError);
    expect(() => setup({ minStepDurationMs: Number.NaN })).toThrow(/minStepDurationMs must be a number >= 0, got NaN/);
    expect(() => setup({ minStepDurationMs: -1 })).toThrow(RangeError);
    expect(() => setup({ maxP95LatencyRatio: 1, minStepDurationMs: 0 })).not.toThrow();
    expect(() => setup({ minStepDurationMs: Number.POSITIVE_INFINITY })).not.toThrow(); // holds every step
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([], 95)).toBeNaN();
  });

  it('is NaN when any value is NaN, so an unmeasured latency cannot hide in the sort', () => {
    expect(percentile([1, Number.NaN, 3], 95)).toBeNaN();
    expect(percentile([Number.NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBeNaN();
  });
});
