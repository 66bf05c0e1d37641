import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf, CanaryController, errorRateZ, hash32, LatencyHistogram, requiredCanarySamples, type Arm, type CanaryConfig, type Ticket } from './canaryController';
import { seeded as seededRandom } from '../../lib/seededRandom';

const config: CanaryConfig = {
  steps: [1, 10, 50, 100],
  salt: 'fraud-v8',
  // A large planned rise (1% -> 6%) keeps the planned samples small: 65 canary / 6,435 baseline requests at 1%.
  detectableRise: { baselineRate: 0.01, delta: 0.05 },
  minStepDurationMs: 60_000,
  criticalZ: 1.96,
  maxP95LatencyRatio: 1.2,
  timeoutMs: 1_000,
  errorCeiling: { maxErrors: 10, windowRequests: 100 },
};

function setup(overrides: Partial<CanaryConfig> = {}) {
  let t = 0;
  const controller = new CanaryController({ ...config, ...overrides }, () => t);
  return { controller, advance: (ms: number) => (t += ms), setClock: (ms: number) => (t = ms) };
}

/** 40,000 users and their buckets under the tests' salt. */
const userBuckets = Array.from({ length: 40_000 }, (_, i) => bucketOf(`user-${i}`, config.salt));

/** Feeds n requests to one arm of the current step, one per user in turn, through route(): every k-th one fails. */
function feed(c: CanaryController, arm: Arm, n: number, opts: { failEvery?: number; latencyMs?: number } = {}): Ticket[] {
  const cut = c.weightPercent * 100;
  const users = userBuckets.flatMap((bucket, i) => (bucket < cut === (arm === 'canary') ? [`user-${i}`] : []));
  const tickets: Ticket[] = [];
  for (let i = 1; i <= n; i++) {
    const ticket = c.route(users[i % users.length]!);
    c.record(ticket, { error: opts.failEvery !== undefined && i % opts.failEvery === 0, latencyMs: opts.latencyMs ?? 40 + (i % 10) });
    tickets.push(ticket);
  }
  return tickets;
}

/** Feeds the current step's planned sample to both arms. */
function feedPlan(c: CanaryController, step: number, opts: { canaryFailEvery?: number; baselineFailEvery?: number } = {}) {
  feed(c, 'canary', c.plans[step]!.canary, { failEvery: opts.canaryFailEvery });
  feed(c, 'baseline', c.plans[step]!.baseline, { failEvery: opts.baselineFailEvery });
}

/** A ticket for a random user of one arm, without hashing: for simulations of many thousands of requests. */
function randomTicket(random: () => number, arm: Arm, weightPercent: number, step = 0): Ticket {
  const cut = weightPercent * 100;
  const bucket = arm === 'canary' ? Math.floor(random() * cut) : cut + Math.floor(random() * (BUCKETS - cut));
  return { arm, bucket, step };
}

/** Per-bucket counts for errorRateZ, one arm at a time. */
function bucketCounts(size: number) {
  return { requests: new Float64Array(size), errors: new Float64Array(size) };
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
    const firstCohort = users.filter((u) => controller.route(u).arm === 'canary');
    expect(firstCohort.length).toBeGreaterThan(0);
    feedPlan(controller, 0);
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });
    expect(firstCohort.every((u) => controller.route(u).arm === 'canary')).toBe(true);
  });
});

describe('sample size', () => {
  it('plans 3,580 canary requests at a 1% step to catch 1% -> 1.5% with 80% power, 4,011 at 10% and 7,750 per arm at 50%', () => {
    expect(requiredCanarySamples(0.01, 0.005, 99)).toBe(3_580);
    expect(requiredCanarySamples(0.01, 0.005, 9)).toBe(4_011);
    expect(requiredCanarySamples(0.01, 0.005, 1)).toBe(7_750);
  });

  it('stays just under the 16 p̄(1 − p̄)/δ² rule of thumb with equal arms, and needs about half of it when the baseline is 99 times larger', () => {
    const rule = (p1: number, delta: number) => (16 * (p1 + delta / 2) * (1 - p1 - delta / 2)) / delta ** 2;
    for (const [p1, delta] of [
      [0.01, 0.01],
      [0.01, 0.005],
      [0.05, 0.01],
    ] as const) {
      const equal = requiredCanarySamples(p1, delta, 1);
      expect(equal).toBeLessThanOrEqual(Math.ceil(rule(p1, delta)));
      expect(equal / rule(p1, delta)).toBeGreaterThan(0.97);
      expect(requiredCanarySamples(p1, delta, 99) / equal).toBeLessThan(0.55);
    }
    expect([requiredCanarySamples(0.01, 0.01, 1), Math.round(rule(0.01, 0.01))]).toEqual([2_319, 2_364]);
    expect([requiredCanarySamples(0.01, 0.005, 1), Math.round(rule(0.01, 0.005))]).toEqual([7_750, 7_900]);
  });

  it('needs about a third more requests at z = 2.39, the per-step value that holds a three-step rollout to 2.5% false rollbacks', () => {
    for (const ratio of [99, 9, 1]) {
      const growth = requiredCanarySamples(0.01, 0.005, ratio, 2.39) / requiredCanarySamples(0.01, 0.005, ratio);
      expect(growth).toBeGreaterThan(1.28);
      expect(growth).toBeLessThan(1.36);
    }
    expect(1 - 0.975 ** 3).toBeCloseTo(0.073, 3);
  });

  it('rejects rates, deltas and ratios that make no sense', () => {
    expect(() => requiredCanarySamples(0, 0.01, 1)).toThrow(RangeError);
    expect(() => requiredCanarySamples(0.01, 0, 1)).toThrow(RangeError);
    expect(() => requiredCanarySamples(0.6, 0.5, 1)).toThrow(RangeError);
    expect(() => requiredCanarySamples(0.01, 0.01, 0)).toThrow(/ratio/);
    expect(() => requiredCanarySamples(0.01, 0.01, Number.POSITIVE_INFINITY)).toThrow(/ratio/);
  });
});

describe('error-rate test', () => {
  it('is the pooled two-proportion z when every bucket holds one request', () => {
    const canary = bucketCounts(1_000);
    const baseline = bucketCounts(1_000);
    canary.requests.fill(1);
    baseline.requests.fill(1);
    canary.errors.fill(1, 0, 30);
    baseline.errors.fill(1, 0, 10);
    // p̄ = 40/2,000 = 2%; z = 0.02 / √(0.02 × 0.98 × (1/1,000 + 1/1,000)) ≈ 3.19
    expect(errorRateZ(canary, baseline)).toBeCloseTo(3.194, 3);
  });

  it('reads no difference when neither arm has an error', () => {
    const canary = bucketCounts(100);
    const baseline = bucketCounts(100);
    canary.requests.fill(5);
    baseline.requests.fill(5);
    expect(errorRateZ(canary, baseline)).toBe(0);
  });

  it("discounts failures that come from one user's many requests: the same 30 errors weigh less in 3 buckets than in 30", () => {
    const spread = { canary: bucketCounts(1_000), baseline: bucketCounts(1_000) };
    const clumped = { canary: bucketCounts(1_000), baseline: bucketCounts(1_000) };
    for (const arms of [spread, clumped]) {
      arms.canary.requests.fill(1);
      arms.baseline.requests.fill(1);
      arms.baseline.errors.fill(1, 0, 10);
    }
    spread.canary.errors.fill(1, 0, 30);
    // Three users sent 10 requests each and every one failed.
    for (const bucket of [0, 1, 2]) {
      clumped.canary.requests[bucket] = 10;
      clumped.canary.errors[bucket] = 10;
    }
    clumped.canary.requests.fill(1, 3, 973); // the same 1,000 canary requests in total
    clumped.canary.requests.fill(0, 973);
    expect(errorRateZ(spread.canary, spread.baseline)).toBeGreaterThan(1.96);
    expect(errorRateZ(clumped.canary, clumped.baseline)).toBeLessThan(1.96);
  });

  it('keeps false rollbacks near 2.5% when users send 20 requests each and a few users fail often, where a request-level z-test rolls back about 13%', () => {
    const random = seededRandom(5);
    const runs = 1_000;
    let designEffect = 0;
    let requestLevel = 0;
    for (let run = 0; run < runs; run++) {
      // 50% step: buckets 0..4999 are the canary. Same model in both arms; 5% of users fail 15% of the time, the rest 0.26% (mean about 1%).
      const requests = new Float64Array(BUCKETS);
      const errors = new Float64Array(BUCKETS);
      for (let user = 0; user < 776; user++) {
        const bucket = Math.floor(random() * BUCKETS);
        const rate = random() < 0.05 ? 0.15 : 0.0026;
        for (let i = 0; i < 20; i++) {
          requests[bucket]!++;
          if (random() < rate) errors[bucket]!++;
        }
      }
      const canary = { requests: requests.subarray(0, 5_000), errors: errors.subarray(0, 5_000) };
      const baseline = { requests: requests.subarray(5_000), errors: errors.subarray(5_000) };
      if (errorRateZ(canary, baseline) > 1.96) designEffect++;
      // The same data read as independent requests: one bucket per request.
      const perRequest = (arm: typeof canary) => {
        const n = arm.requests.reduce((a, b) => a + b, 0);
        const e = arm.errors.reduce((a, b) => a + b, 0);
        const out = bucketCounts(n);
        out.requests.fill(1);
        out.errors.fill(1, 0, e);
        return out;
      };
      if (errorRateZ(perRequest(canary), perRequest(baseline)) > 1.96) requestLevel++;
    }
    expect(designEffect / runs).toBeGreaterThan(0.01);
    expect(designEffect / runs).toBeLessThan(0.04);
    expect(requestLevel / runs).toBeGreaterThan(0.08);
  });

  it('would roll back about 16% of healthy canaries if it tested at each of 30 evaluations instead of once (peeking), against 2.5%', () => {
    const random = seededRandom(7);
    const runs = 400;
    let peeking = 0;
    for (let run = 0; run < runs; run++) {
      // A 1% step (canary buckets 0..99), 40 canary and 3,960 baseline requests between evaluations, 10% errors in both arms.
      const requests = new Float64Array(BUCKETS);
      const errors = new Float64Array(BUCKETS);
      for (let look = 1; look <= 30; look++) {
        for (let i = 0; i < 4_000; i++) {
          const bucket = i < 40 ? Math.floor(random() * 100) : 100 + Math.floor(random() * 9_900);
          requests[bucket]!++;
          if (random() < 0.1) errors[bucket]!++;
        }
        const z = errorRateZ({ requests: requests.subarray(0, 100), errors: errors.subarray(0, 100) }, { requests: requests.subarray(100), errors: errors.subarray(100) });
        if (z > 1.96) {
          peeking++;
          break;
        }
      }
    }
    expect(peeking / runs).toBeGreaterThan(0.12);
    expect(peeking / runs).toBeLessThan(0.2);
  });
});

describe('latency histogram', () => {
  it('uses the nearest rank, to 0.1 ms', () => {
    const h = new LatencyHistogram(1_000);
    for (let ms = 1; ms <= 10; ms++) h.add(ms + 0.04);
    expect(h.percentile(95)).toBe(10);
    expect(h.percentile(50)).toBe(5);
    expect(new LatencyHistogram(1_000).percentile(95)).toBeNaN();
  });

  it('holds at most timeoutMs × 10 + 1 counters however many latencies it sees, with latencies past the timeout counted at it', () => {
    const random = seededRandom(12);
    const h = new LatencyHistogram(1_000);
    for (let i = 0; i < 1_000_000; i++) h.add(random() * 5_000);
    expect(h.size).toBeLessThanOrEqual(10_001);
    expect(h.percentile(95)).toBe(1_000); // 80% of these latencies are past the 1,000 ms timeout
  });

  it('is NaN when any latency is not a finite number >= 0, so an unmeasured latency cannot hide', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1]) {
      const h = new LatencyHistogram(1_000);
      h.add(40);
      h.add(bad);
      expect(h.percentile(50)).toBeNaN();
    }
  });
});

describe('CanaryController', () => {
  it("plans each tested step from the detectable rise: the canary's sample from requiredCanarySamples, the baseline's in proportion to its share", () => {
    const { controller } = setup({ detectableRise: { baselineRate: 0.01, delta: 0.005 } });
    expect(controller.plans).toEqual([
      { canary: 3_580, baseline: 354_420 },
      { canary: 4_011, baseline: 36_099 },
      { canary: 7_750, baseline: 7_750 },
    ]);
  });

  it('waits until both arms hold the planned sample before the z-test, even when the canary looks worse', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 50, { failEvery: 10 }); // 10% errors, under the ceiling, but only 50 requests
    feed(controller, 'baseline', 20_000);
    advance(120_000);
    expect(controller.evaluate()).toEqual({ action: 'wait', reason: 'need 65 canary / 6,435 baseline requests, have 50 / 20,000' });
    expect(controller.weightPercent).toBe(1);
  });

  it('walks a healthy canary 1 -> 10 -> 50 -> 100 and then reports complete', () => {
    const { controller, advance } = setup();
    const decisions = [];
    for (let step = 0; step < 3; step++) {
      feedPlan(controller, step, { canaryFailEvery: 100, baselineFailEvery: 100 });
      advance(60_000);
      decisions.push(controller.evaluate());
    }
    expect(decisions).toEqual([
      { action: 'advance', weightPercent: 10 },
      { action: 'advance', weightPercent: 50 },
      { action: 'complete', weightPercent: 100 },
    ]);
    expect(controller.status).toBe('complete');
    expect(controller.route('anyone').arm).toBe('canary');
  });

  it('does not promote before the minimum step duration, even when healthy', () => {
    const { controller, advance } = setup();
    feedPlan(controller, 0);
    advance(59_999);
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' });
  });

  it('waits instead of promoting when the clock returns NaN', () => {
    const { controller, setClock } = setup();
    feedPlan(controller, 0);
    setClock(Number.NaN);
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' });
  });

  it('rolls back on a significant error-rate rise without waiting for the step duration, and routes everyone to baseline', () => {
    const { controller } = setup();
    feedPlan(controller, 0, { canaryFailEvery: 10, baselineFailEvery: 100 }); // 10% against 1%
    expect(controller.evaluate()).toMatchObject({ action: 'rollback', reason: expect.stringMatching(/^error rate 8\.\d\d points above baseline \(z = \d+\.\d\d\)$/) });
    expect(controller.weightPercent).toBe(0);
    expect(['a', 'b', 'c'].map((u) => controller.route(u).arm)).toEqual(['baseline', 'baseline', 'baseline']);
    expect(controller.evaluate().action).toBe('rollback'); // sticky: no automatic re-ramp
  });

  it('rolls back when canary p95 latency is more than 1.2x the baseline p95', () => {
    const { controller } = setup();
    feed(controller, 'canary', 65, { latencyMs: 70 });
    feed(controller, 'baseline', 6_435, { latencyMs: 50 });
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: 'p95 latency 1.40x baseline' });
  });

  it('lets a canary p95 of exactly 1.2 times the baseline pass (3.6 ms against 3 ms), although 1.2 × 3 is 3.5999999999999996 in floating point', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 65, { latencyMs: 3.6 });
    feed(controller, 'baseline', 6_435, { latencyMs: 3 });
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });
  });

  it('compares the p95s without dividing: both arms at 0 ms are equal and advance, a canary slower than a 0 ms baseline rolls back', () => {
    const equal = setup();
    feed(equal.controller, 'canary', 65, { latencyMs: 0 });
    feed(equal.controller, 'baseline', 6_435, { latencyMs: 0 });
    equal.advance(60_000);
    expect(equal.controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });

    const slower = setup();
    feed(slower.controller, 'canary', 65, { latencyMs: 5 });
    feed(slower.controller, 'baseline', 6_435, { latencyMs: 0 });
    slower.advance(60_000);
    expect(slower.controller.evaluate()).toEqual({ action: 'rollback', reason: 'p95 latency 5 ms against a baseline of 0 ms' });
  });

  it('rolls back instead of promoting when a p95 cannot be measured: one NaN or Infinity latency fails the guard rather than passing it', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const { controller, advance } = setup();
      feed(controller, 'canary', 64, { latencyMs: 40 });
      feed(controller, 'canary', 1, { latencyMs: bad }); // a request timer that was never started, or never stopped
      feed(controller, 'baseline', 6_435, { failEvery: 100, latencyMs: 40 });
      advance(60_000);
      expect(controller.evaluate()).toEqual({ action: 'rollback', reason: 'p95 latency cannot be compared: canary NaN ms, baseline 40 ms' });
    }
  });

  it('counts a request at or past the timeout as failed: a canary ten times slower than a 40 ms baseline, past a 200 ms timeout, is rolled back 5.5 s into the 1% step at 2 rps', () => {
    const { controller, advance } = setup({ timeoutMs: 200, detectableRise: { baselineRate: 0.01, delta: 0.005 } });
    const canaryUsers = userBuckets.flatMap((bucket, i) => (bucket < 100 ? [`user-${i}`] : []));
    let seconds = 0;
    for (let i = 0; i < 60 && controller.status === 'running'; i++) {
      controller.record(controller.route(canaryUsers[i]!), { error: false, latencyMs: 400 });
      if (i % 2 === 1) seconds = advance(1_000) / 1_000;
    }
    expect(seconds).toBe(5); // the 11th slow request comes in the sixth second
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: '11 errors in the last 11 canary requests, over the ceiling of 10 in 100' });
  });

  it('judges each step on its own window: requests from an earlier step do not carry over', () => {
    const { controller, advance } = setup();
    feedPlan(controller, 0);
    advance(60_000);
    controller.evaluate();
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: expect.stringMatching(/have 0 \/ 0$/) });
  });

  it("leaves outcomes reported after their step was judged out of the next step's test", () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 65);
    const servedAtOnePercent = feed(controller, 'canary', 10); // answered, but their outcomes not yet reported
    feed(controller, 'baseline', 6_435);
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });
    // The ten requests served at 1% time out and are reported now, at 10%.
    for (const ticket of servedAtOnePercent) controller.record(ticket, { error: true, latencyMs: 1_000 });
    feedPlan(controller, 1, { canaryFailEvery: 100, baselineFailEvery: 100 });
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'advance', weightPercent: 50 });
  });

  it('still counts late canary failures toward the ceiling, which judges the version rather than the step', () => {
    const { controller, advance } = setup();
    feed(controller, 'canary', 65);
    const servedAtOnePercent = feed(controller, 'canary', 11);
    feed(controller, 'baseline', 6_435);
    advance(60_000);
    controller.evaluate();
    for (const ticket of servedAtOnePercent) controller.record(ticket, { error: true, latencyMs: 40 });
    expect(controller.status).toBe('rolled-back');
  });

  it('tests the error rate once per step, at the planned sample: later evaluations in that step do not look again', () => {
    const { controller, advance } = setup();
    feedPlan(controller, 0, { canaryFailEvery: 100, baselineFailEvery: 100 });
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' });
    feed(controller, 'canary', 100, { failEvery: 10 }); // 10 more errors: a second look would read z ≈ 5
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'advance', weightPercent: 10 });
  });

  it('catches a canary truly 5 points worse (10% -> 15%) in about 80% of runs at the 1% step, where the baseline arm is 99 times larger', () => {
    const random = seededRandom(27);
    const runs = 300;
    let caught = 0;
    for (let run = 0; run < runs; run++) {
      const { controller } = setup({ detectableRise: { baselineRate: 0.1, delta: 0.05 }, errorCeiling: { maxErrors: 40, windowRequests: 100 } });
      const plan = controller.plans[0]!; // 320 canary / 31,680 baseline
      for (let i = 0; i < plan.canary; i++) controller.record(randomTicket(random, 'canary', 1), { error: random() < 0.15, latencyMs: 40 });
      for (let i = 0; i < plan.baseline; i++) controller.record(randomTicket(random, 'baseline', 1), { error: random() < 0.1, latencyMs: 40 });
      if (controller.evaluate().action === 'rollback') caught++;
    }
    expect(caught / runs).toBeGreaterThan(0.74);
    expect(caught / runs).toBeLessThan(0.86);
  });

  it('rolls back a healthy canary in about 2.5% of runs (under 4%), however often it is evaluated', () => {
    const random = seededRandom(42);
    const runs = 800;
    let falseAlarms = 0;
    for (let run = 0; run < runs; run++) {
      // A 10% error rate is normal here, so the ceiling sits at 30 in 100.
      const { controller } = setup({
        steps: [50, 100],
        detectableRise: { baselineRate: 0.1, delta: 0.05 },
        minStepDurationMs: Number.POSITIVE_INFINITY,
        errorCeiling: { maxErrors: 30, windowRequests: 100 },
      });
      for (let i = 1; i <= 4 * controller.plans[0]!.canary; i++) {
        controller.record(randomTicket(random, 'canary', 50), { error: random() < 0.1, latencyMs: 40 });
        controller.record(randomTicket(random, 'baseline', 50), { error: random() < 0.1, latencyMs: 40 });
        if (i % 50 === 0 && controller.evaluate().action === 'rollback') {
          falseAlarms++;
          break;
        }
      }
    }
    expect(falseAlarms / runs).toBeGreaterThan(0.01);
    expect(falseAlarms / runs).toBeLessThan(0.04);
  });

  it("rolls back a canary that breaks after passing its step's error test, instead of promoting it to ten times the exposure", () => {
    const { controller, advance } = setup();
    feedPlan(controller, 0, { canaryFailEvery: 100, baselineFailEvery: 100 });
    expect(controller.evaluate()).toMatchObject({ action: 'wait', reason: 'minimum step duration not reached' }); // the z-test passed
    // A bad config push: every request now fails. The first 65 requests had no error, so the 11th failure trips the ceiling.
    feed(controller, 'canary', 10, { failEvery: 1 });
    expect(controller.status).toBe('running');
    feed(controller, 'canary', 1, { failEvery: 1 });
    expect(controller.status).toBe('rolled-back');
    expect(controller.route('anyone').arm).toBe('baseline');
    advance(60_000);
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: '11 errors in the last 76 canary requests, over the ceiling of 10 in 100' });
    expect(controller.weightPercent).toBe(0);
  });

  it('checks the ceiling on every canary request: a canary failing every request is rolled back at its 11th, long before the planned sample', () => {
    const { controller } = setup({ detectableRise: { baselineRate: 0.01, delta: 0.005 } });
    feed(controller, 'canary', 10, { failEvery: 1 });
    expect(controller.status).toBe('running');
    feed(controller, 'canary', 1, { failEvery: 1 });
    expect(controller.status).toBe('rolled-back');
    expect(controller.evaluate()).toEqual({ action: 'rollback', reason: '11 errors in the last 11 canary requests, over the ceiling of 10 in 100' });
  });

  it('leaves a healthy canary alone: at a 1% error rate the ceiling never fires in 100 runs of 3,580 requests', () => {
    const random = seededRandom(5);
    let tripped = 0;
    for (let run = 0; run < 100; run++) {
      const { controller } = setup();
      for (let i = 0; i < 3_580 && controller.status === 'running'; i++) controller.record(randomTicket(random, 'canary', 1), { error: random() < 0.01, latencyMs: 40 });
      if (controller.status === 'rolled-back') tripped++;
    }
    expect(tripped).toBe(0);
  });

  it('refuses step plans that do not ramp up to 100% or leave an arm under 100 buckets', () => {
    expect(() => setup({ steps: [10, 5, 100] })).toThrow(RangeError);
    expect(() => setup({ steps: [1, 10, 50] })).toThrow(/end at 100/);
    expect(() => setup({ steps: [0.5, 10, 100] })).toThrow(/between 1 and 99/);
    expect(() => setup({ steps: [1, 99.5, 100] })).toThrow(/between 1 and 99/);
  });

  it('refuses settings that would silently switch a guardrail off', () => {
    expect(() => setup({ criticalZ: 0 })).toThrow(/criticalZ/);
    expect(() => setup({ criticalZ: Number.POSITIVE_INFINITY })).toThrow(/criticalZ must be a finite number > 0, got Infinity/);
    expect(() => setup({ criticalZ: Number.NaN })).toThrow(/criticalZ/);
    expect(() => setup({ errorCeiling: { maxErrors: 100, windowRequests: 100 } })).toThrow(/errorCeiling/);
    expect(() => setup({ errorCeiling: { maxErrors: 10.5, windowRequests: 100 } })).toThrow(/errorCeiling/);
    expect(() => setup({ timeoutMs: Number.POSITIVE_INFINITY })).toThrow(/timeoutMs/);
    expect(() => setup({ timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => setup({ detectableRise: { baselineRate: 0.01, delta: 0 } })).toThrow(RangeError);
    expect(() => setup({ salt: '' })).toThrow(/salt/);
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
