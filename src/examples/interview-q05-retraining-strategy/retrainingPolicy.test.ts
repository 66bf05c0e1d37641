import { describe, expect, it } from 'vitest';
import { decide, hoursToFullRollout, Rollout, type GateResult } from './retrainingPolicy';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const healthy = { maxFeaturePsi: 0.04, recentAccuracy: 0.91, baselineAccuracy: 0.92 };
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
    expect(decision).toMatchObject({ action: 'retrain', reason: 'accuracy dropped 7.0 points' });
  });

  it('judges data drift alone while labels have not arrived yet', () => {
    expect(decide({ ...healthy, recentAccuracy: undefined }, 0, undefined).action).toBe('none');
  });

  it('suppresses a second job inside the 12-hour cooldown and says when to retry', () => {
    const decision = decide({ ...healthy, maxFeaturePsi: 0.4 }, 5 * HOUR, 0);
    expect(decision).toMatchObject({ action: 'suppressed', retryAfterMs: 7 * HOUR });
    expect(decide({ ...healthy, maxFeaturePsi: 0.4 }, 12 * HOUR, 0).action).toBe('retrain');
  });

  it('rejects a PSI that cannot be one', () => {
    expect(() => decide({ ...healthy, maxFeaturePsi: Number.NaN }, 0, undefined)).toThrow(RangeError);
  });
});

describe('Rollout', () => {
  it('walks 1% -> 10% -> 50% -> 100% on days 1, 2, 3 and 7 when every gate passes', () => {
    const shares: number[] = [];
    const rollout = new Rollout(0, (s) => shares.push(s));
    rollout.evaluate(allGreen, 12 * HOUR); // too early for the next stage
    rollout.evaluate(allGreen, 1 * DAY);
    rollout.evaluate(allGreen, 2 * DAY);
    rollout.evaluate(allGreen, 3 * DAY); // 100% is not due before day 7
    expect(rollout.share).toBe(0.5);
    expect(rollout.evaluate(allGreen, 6 * DAY)).toBe('complete');
    expect(shares).toEqual([0.01, 0.1, 0.5, 1]);
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

  it('ignores business metrics at 1%, where the sample is too small to judge them', () => {
    const rollout = new Rollout(0, () => undefined);
    expect(rollout.evaluate({ ...allGreen, businessMetricsOk: false }, 1 * DAY)).toBe('rolling-out');
    expect(rollout.evaluate({ ...allGreen, businessMetricsOk: false }, 2 * DAY)).toBe('rolled-back');
  });
});

describe('hoursToFullRollout', () => {
  it('takes 170 hours from detection to 100%: a 3-day staleness promise only covers the 50% stage', () => {
    expect(hoursToFullRollout(2, 24)).toBe(170);
    expect(hoursToFullRollout(2, 24) / 24).toBeGreaterThan(3);
  });
});
