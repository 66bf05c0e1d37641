import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_TRIGGER, hoursToFullRollout, Rollout, type GateResult } from './retrainingPolicy';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const healthy = { maxFeaturePsi: 0.04, recentAccuracy: 0.91, baselineAccuracy: 0.92, modelAgeMs: 5 * DAY };
const allGreen: GateResult = { errorRateOk: true, latencyOk: true, businessMetricsOk: true, slicesOk: true };

describe('decide (retraining trigger)', () => {
  it('does nothing while inputs are stable and accuracy holds', () => {
    expect(decide(healthy, 0, undefined)).toEqual({ action: 'none' });
  });

  it('raises an alert, not a job, for a moderate shift (PSI 0.15)', () => {
    expect(decide({ ...healthy, maxFeaturePsi: 0.15 }, 0, undefined).action).toBe('alert');
  });

  it('retrains on a significant shift (PSI above 0.2)', () => {
    expect(decide({ ...healthy, maxFeaturePsi: 0.31 }, 0, undefined)).toMatchObject({ action: 'retrain' });
  });

  it('retrains on an accuracy drop above 5 points even when inputs look stable (concept drift)', () => {
    const decision = decide({ ...healthy, recentAccuracy: 0.85 }, 0, undefined);
    expect(decision).toMatchObject({ action: 'retrain', reason: 'accuracy dropped 7.00 points' });
  });

  it('does not retrain on a drop of exactly 5 points, whatever the floating-point rounding', () => {
    expect(decide({ ...healthy, baselineAccuracy: 0.92, recentAccuracy: 0.87 }, 0, undefined).action).toBe('none');
    expect(decide({ ...healthy, baselineAccuracy: 0.95, recentAccuracy: 0.9 }, 0, undefined).action).toBe('none');
    expect(decide({ ...healthy, baselineAccuracy: 0.92, recentAccuracy: 0.8699 }, 0, undefined).action).toBe('retrain');
  });

  it('reports a 5.01-point drop as 5.01 points, not as a 5.0 that looks under the threshold', () => {
    expect(decide({ ...healthy, baselineAccuracy: 0.92, recentAccuracy: 0.8699 }, 0, undefined)).toEqual({ action: 'retrain', reason: 'accuracy dropped 5.01 points' });
  });

  it('judges data drift alone while labels have not arrived yet', () => {
    expect(decide({ ...healthy, recentAccuracy: undefined }, 0, undefined).action).toBe('none');
  });

  it('retrains a model older than the scheduled floor (30 days) even when nothing drifts', () => {
    expect(decide({ ...healthy, modelAgeMs: 31 * DAY }, 0, undefined)).toEqual({ action: 'retrain', reason: 'scheduled floor: model is 31 days old' });
  });

  it('suppresses a second job inside the 24-hour cooldown and says when to retry', () => {
    const decision = decide({ ...healthy, maxFeaturePsi: 0.4 }, 5 * HOUR, 0);
    expect(decision).toMatchObject({ action: 'suppressed', retryAfterMs: 19 * HOUR });
    expect(decide({ ...healthy, maxFeaturePsi: 0.4 }, 24 * HOUR, 0).action).toBe('retrain');
  });

  it('rejects a PSI that cannot be one', () => {
    expect(() => decide({ ...healthy, maxFeaturePsi: Number.NaN }, 0, undefined)).toThrow(RangeError);
  });

  it('rejects NaN or out-of-range accuracies instead of silently switching the concept-drift trigger off', () => {
    expect(() => decide({ ...healthy, recentAccuracy: Number.NaN }, 0, undefined)).toThrow(RangeError);
    expect(() => decide({ ...healthy, baselineAccuracy: Number.NaN }, 0, undefined)).toThrow(RangeError);
    expect(() => decide({ ...healthy, recentAccuracy: 1.2 }, 0, undefined)).toThrow(RangeError);
    expect(() => decide({ ...healthy, modelAgeMs: Number.NaN }, 0, undefined)).toThrow(RangeError);
  });

  it('rejects a NaN cooldown or clock, which would let a retrain through the cooldown', () => {
    const drifted = { ...healthy, maxFeaturePsi: 0.4 };
    expect(() => decide(drifted, HOUR, 0, { ...DEFAULT_TRIGGER, cooldownMs: Number.NaN })).toThrow(RangeError);
    expect(() => decide(drifted, Number.NaN, 0)).toThrow(RangeError);
    expect(() => decide(drifted, HOUR, Number.NaN)).toThrow(RangeError);
  });

  it('rejects an alert threshold above the retrain threshold, which would retrain on what should only alert', () => {
    const inverted = { ...DEFAULT_TRIGGER, psiAlert: 0.3, psiRetrain: 0.1 };
    expect(() => decide({ ...healthy, maxFeaturePsi: 0.15 }, 0, undefined, inverted)).toThrow(/psiAlert 0.3 above psiRetrain 0.1/);
  });
});

/** A rollout whose router moves traffic, except to 0% while `down` is true: it throws instead. */
function rolloutWithFailingRollback() {
  const router = { down: true, traffic: 0 };
  const rollout = new Rollout(0, (share) => {
    if (share === 0 && router.down) throw new Error('router down');
    router.traffic = share;
  });
  return { router, rollout };
}

describe('Rollout', () => {
  it('walks 1% -> 10% -> 50% -> 100%, reaching 100% once the candidate has been live a full week (168 h)', () => {
    const shares: number[] = [];
    const rollout = new Rollout(0, (s) => shares.push(s));
    rollout.evaluate(allGreen, 12 * HOUR); // too early for the next stage
    rollout.evaluate(allGreen, 1 * DAY);
    rollout.evaluate(allGreen, 2 * DAY);
    rollout.evaluate(allGreen, 6 * DAY); // 50% holds for 5 days, until day 7
    expect(rollout.share).toBe(0.5);
    expect(rollout.evaluate(allGreen, 7 * DAY)).toBe('complete');
    expect(shares).toEqual([0.01, 0.1, 0.5, 1]);
  });

  it("counts each stage's dwell from when that stage began, so a late evaluator cannot skip stages", () => {
    const rollout = new Rollout(0, () => undefined);
    rollout.evaluate(allGreen, 6 * DAY); // evaluator was down until day 6: 1% -> 10% now
    rollout.evaluate(allGreen, 6 * DAY);
    expect(rollout.evaluate(allGreen, 6 * DAY)).toBe('rolling-out');
    expect(rollout.share).toBe(0.1);
    rollout.evaluate(allGreen, 7 * DAY);
    expect(rollout.share).toBe(0.5);
  });

  it('drops the candidate to 0% on the first failed gate and stays there', () => {
    const shares: number[] = [];
    const rollout = new Rollout(0, (s) => shares.push(s));
    rollout.evaluate(allGreen, 1 * DAY);
    expect(rollout.evaluate({ ...allGreen, slicesOk: false }, 2 * DAY)).toBe('rolled-back');
    expect(rollout.evaluate(allGreen, 3 * DAY)).toBe('rolled-back');
    expect(shares.at(-1)).toBe(0);
    expect(rollout.log).toContain('rolled back from 10%');
  });

  it('keeps the rollout open and retries the rollback when the router fails to move traffic to 0%', () => {
    const { router, rollout } = rolloutWithFailingRollback();
    rollout.evaluate(allGreen, DAY);
    const failing = { ...allGreen, errorRateOk: false };
    expect(() => rollout.evaluate(failing, 2 * DAY)).toThrow('router down');
    expect([rollout.state, rollout.share, router.traffic]).toEqual(['rolling-out', 0.1, 0.1]);
    router.down = false;
    expect(rollout.evaluate(failing, 2 * DAY + HOUR)).toBe('rolled-back');
    expect([rollout.share, router.traffic]).toEqual([0, 0]);
  });

  it('retries an owed rollback at the next evaluation even when that gate is green, instead of advancing the candidate', () => {
    const { router, rollout } = rolloutWithFailingRollback();
    rollout.evaluate(allGreen, DAY); // 10%
    expect(() => rollout.evaluate({ ...allGreen, errorRateOk: false }, 2 * DAY)).toThrow('router down');
    router.down = false;
    expect(rollout.evaluate(allGreen, 2 * DAY + HOUR)).toBe('rolled-back');
    expect([rollout.share, router.traffic]).toEqual([0, 0]);
    expect(rollout.log).toEqual(['advanced to 10%', 'rolled back from 10%']);
  });

  it('refuses a start time or a clock that is not a finite time, which would hold 1% forever', () => {
    expect(() => new Rollout(Number.NaN, () => undefined)).toThrow(/startedAt/);
    const rollout = new Rollout(0, () => undefined);
    expect(() => rollout.evaluate(allGreen, Number.NaN)).toThrow(/now/);
    expect(rollout.evaluate(allGreen, DAY)).toBe('rolling-out');
    expect(rollout.share).toBe(0.1);
  });

  it('stays on the current stage, and reports its share, when the router fails to advance', () => {
    const rollout = new Rollout(0, (s) => {
      if (s === 0.1) throw new Error('router down');
    });
    expect(() => rollout.evaluate(allGreen, DAY)).toThrow('router down');
    expect([rollout.state, rollout.share]).toEqual(['rolling-out', 0.01]);
    expect(rollout.log).toEqual([]);
  });

  it('ignores business metrics at 1%, where the sample is too small to judge them', () => {
    const rollout = new Rollout(0, () => undefined);
    expect(rollout.evaluate({ ...allGreen, businessMetricsOk: false }, 1 * DAY)).toBe('rolling-out');
    expect(rollout.evaluate({ ...allGreen, businessMetricsOk: false }, 2 * DAY)).toBe('rolled-back');
  });
});

describe('hoursToFullRollout', () => {
  it('takes 194 hours (about 8 days) from detection to 100%: 2 h training, 24 h shadow, 168 h of stages', () => {
    expect(hoursToFullRollout(2, 24)).toBe(194);
    expect(hoursToFullRollout(2, 24) / 24).toBeGreaterThan(8);
  });
});
