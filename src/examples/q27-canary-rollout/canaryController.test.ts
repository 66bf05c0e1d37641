import { describe, expect, it } from 'vitest';
import { bucketOf, CanaryController, hash32, percentile, requiredSamplesPerArm, type Arm, type CanaryConfig } from './canaryController';

const config: CanaryConfig = {
  steps: [1, 10, 50, 100],
  salt: 'fraud-v8',
  minSamplesPerArm: 200,
  minStepDurationMs: 60_000,
  maxErrorRateIncrease: 0.02,
  maxP95LatencyRatio: 1.2,
};

function setup(overrides: Partial<CanaryConfig> = {}) {
  let t = 0;
  const controller = new CanaryController({ ...config, ...overrides }, () => t);
  return { controller, advance: (ms: number) => (t += ms) };
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
  it('needs 1,584 requests per arm to detect a 1-point rise over a 1% error rate (16σ²/δ²)', () => {
    expect(requiredSamplesPerArm(0.01, 0.01)).toBe(1_584);
  });

  it('needs four times as many to detect half the difference', () => {
    expect(requiredSamplesPerArm(0.01, 0.005)).toBe(6_336);
  });

  it('rejects rates and deltas that make no sense', () => {
    expect(() => requiredSamplesPerArm(0, 0.01)).toThrow(RangeError);
    expect(() => requiredSamplesPerArm(0.01, 0)).toThrow(RangeError);
  });
});

describe('CanaryController', () => {
  it('waits until both arms have the minimum sample, whatever the canary looks like', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 50, { failEvery: 1 }); // 100% errors, but only 50 requests
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

  it('rolls back on an error-rate breach without waiting for the step duration, and routes everyone to baseline', () => {
    const { controller } = setup();
    feed(controller, 'canary', 200, { failEvery: 20 }); // 5%
    feed(controller, 'baseline', 200, { failEvery: 100 }); // 1%
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: 'error rate 4.00 points above baseline' });
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

  it('judges each step on its own window: errors from an earlier step do not carry over', () => {
    const { controller, advance } = setup({ maxErrorRateIncrease: 0.01 });
    feed(controller, 'canary', 200, { failEvery: 200 });
    feed(controller, 'baseline', 200, { failEvery: 200 });
    advance(60_000);
    controller.evaluate();
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: expect.stringMatching(/have 0 canary/) });
  });

  it('refuses step plans that do not ramp up to 100%', () => {
    expect(() => setup({ steps: [10, 5, 100] })).toThrow(RangeError);
    expect(() => setup({ steps: [1, 10, 50] })).toThrow(/end at 100/);
    expect(() => setup({ minSamplesPerArm: 0 })).toThrow(/minSamplesPerArm/);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([], 95)).toBeNaN();
  });
});
