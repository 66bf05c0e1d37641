import { describe, expect, it } from 'vitest';
import { promotionGate, psi, psiBand, RetrainingPolicy, type Evaluation, type RetrainingRules } from './retrainingPolicy';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 10); // 10 March 2025

describe('psi', () => {
  it('is zero for identical distributions', () => {
    expect(psi([10, 20, 30, 40], [1, 2, 3, 4])).toBeCloseTo(0, 12);
  });

  it('matches the hand-computed value for 25/25/25/25 against 10/20/30/40 (0.228)', () => {
    expect(psi([25, 25, 25, 25], [10, 20, 30, 40])).toBeCloseTo(0.228, 3);
  });

  it('is symmetric in its two arguments', () => {
    expect(psi([5, 15, 80], [30, 30, 40])).toBeCloseTo(psi([30, 30, 40], [5, 15, 80]), 12);
  });

  it('stays finite when a bin is empty, where the unsmoothed formula is infinite', () => {
    const expected = [50, 50, 0];
    const actual = [40, 40, 20];
    const naive = expected.reduce((sum, e, i) => {
      const [ei, ai] = [e / 100, actual[i]! / 100];
      return sum + (ai - ei) * Math.log(ai / ei);
    }, 0);
    expect(naive).toBe(Number.POSITIVE_INFINITY);
    const smoothed = psi(expected, actual);
    expect(Number.isFinite(smoothed)).toBe(true);
    expect(psiBand(smoothed)).toBe('significant');
  });

  it('rejects mismatched bins, negative counts and empty samples', () => {
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(/same number of bins/);
    expect(() => psi([1, -2], [1, 2])).toThrow(/non-negative/);
    expect(() => psi([0, 0], [1, 2])).toThrow(/no observations/);
  });
});

describe('psiBand', () => {
  it('uses under 0.1 stable, 0.1-0.2 moderate, above 0.2 significant', () => {
    expect([0.05, 0.1, 0.2, 0.21].map(psiBand)).toEqual(['stable', 'moderate', 'moderate', 'significant']);
  });

  it('refuses NaN and negative values instead of calling them stable', () => {
    expect(() => psiBand(Number.NaN)).toThrow(RangeError);
    expect(() => psiBand(-0.1)).toThrow(RangeError);
  });
});

const rules: RetrainingRules = { maxModelAgeMs: 30 * DAY, coolDownMs: DAY, monthlyBudgetUsd: 600, estimatedRunCostUsd: 150 };

describe('RetrainingPolicy.decide', () => {
  it('does nothing while every feature is stable and the model is fresh', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.03, country: 0.01 }, trainedAt: T0 - 5 * DAY })).toEqual({ action: 'none', reasons: [] });
  });

  it('alerts a person on moderate drift instead of spending a training run', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.15 }, trainedAt: T0 - DAY })).toEqual({ action: 'alert', reasons: ['watch: amount PSI 0.150'] });
  });

  it('retrains on significant drift and names the feature', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.31, country: 0.02 }, trainedAt: T0 - DAY })).toEqual({
      action: 'retrain',
      reasons: ['drift: amount PSI 0.310'],
    });
  });

  it('retrains a stale model even without drift', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: {}, trainedAt: T0 - 31 * DAY })).toEqual({ action: 'retrain', reasons: ['stale: model is 31 days old'] });
  });

  it('blocks a second run inside the 24 h cool-down, then allows it', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = { featurePsi: { amount: 0.4 }, trainedAt: T0 - DAY };
    expect(policy.decide({ now: T0, ...drifted }).action).toBe('retrain');
    const blocked = policy.decide({ now: T0 + DAY - 1, ...drifted });
    expect(blocked.action).toBe('blocked');
    expect(blocked.reasons).toContain('cool-down: the last run is too recent');
    expect(policy.decide({ now: T0 + DAY, ...drifted }).action).toBe('retrain');
  });

  it('stops at the monthly budget (4 runs of 150 USD in 600 USD) and starts again next month', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = { featurePsi: { amount: 0.4 }, trainedAt: T0 - DAY };
    const actions = [0, 2, 4, 6, 8].map((d) => policy.decide({ now: T0 + d * DAY, ...drifted }).action);
    expect(actions).toEqual(['retrain', 'retrain', 'retrain', 'retrain', 'blocked']);
    expect(policy.decide({ now: Date.UTC(2025, 3, 1), ...drifted }).action).toBe('retrain');
  });

  it('refuses rules that would silently switch a brake or trigger off, such as a NaN run cost', () => {
    expect(() => new RetrainingPolicy({ ...rules, estimatedRunCostUsd: Number.NaN })).toThrow(/estimatedRunCostUsd must be a finite, positive number, got NaN/);
    expect(() => new RetrainingPolicy({ ...rules, monthlyBudgetUsd: Number.NaN })).toThrow(RangeError);
    expect(() => new RetrainingPolicy({ ...rules, coolDownMs: Number.NaN })).toThrow(RangeError);
    expect(() => new RetrainingPolicy({ ...rules, maxModelAgeMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('promotionGate', () => {
  const champion: Evaluation = { overall: 0.9, slices: { new_users: 0.84, high_value: 0.88 }, evaluatedRows: 50_000 };
  const gate = { minRows: 10_000, maxRegression: 0.005 };

  it('promotes a candidate within the allowed regression everywhere', () => {
    const candidate: Evaluation = { overall: 0.897, slices: { new_users: 0.85, high_value: 0.879 }, evaluatedRows: 50_000 };
    expect(promotionGate(candidate, champion, gate)).toEqual({ promote: true, failures: [] });
  });

  it('blocks a candidate that is better overall but worse on one slice', () => {
    const candidate: Evaluation = { overall: 0.93, slices: { new_users: 0.8, high_value: 0.95 }, evaluatedRows: 50_000 };
    expect(promotionGate(candidate, champion, gate)).toEqual({ promote: false, failures: ['slice new_users: 0.800 vs 0.840'] });
  });

  it('treats a missing slice and a too-small evaluation set as failures', () => {
    const candidate: Evaluation = { overall: 0.95, slices: { new_users: 0.9 }, evaluatedRows: 2_000 };
    const result = promotionGate(candidate, champion, gate);
    expect(result.promote).toBe(false);
    expect(result.failures).toEqual(['only 2000 evaluation rows, need 10000', 'slice high_value was not evaluated']);
  });

  it('treats a NaN score (AUC on a one-class slice) as not evaluated, not as a pass', () => {
    const oneClassSlice: Evaluation = { overall: 0.91, slices: { new_users: Number.NaN, high_value: 0.89 }, evaluatedRows: 50_000 };
    expect(promotionGate(oneClassSlice, champion, gate)).toEqual({ promote: false, failures: ['slice new_users has no finite score (got NaN)'] });
    const noOverall: Evaluation = { overall: Number.NaN, slices: { new_users: 0.85, high_value: 0.89 }, evaluatedRows: 50_000 };
    expect(promotionGate(noOverall, champion, gate)).toEqual({ promote: false, failures: ['overall has no finite score (got NaN)'] });
  });

  it('rejects gate rules that would compare against NaN', () => {
    const candidate: Evaluation = { overall: 0.5, slices: { new_users: 0.5, high_value: 0.5 }, evaluatedRows: 50_000 };
    expect(() => promotionGate(candidate, champion, { ...gate, maxRegression: Number.NaN })).toThrow(/maxRegression must be a finite, non-negative number, got NaN/);
    expect(() => promotionGate(candidate, champion, { ...gate, minRows: Number.NaN })).toThrow(/minRows must be a non-negative integer, got NaN/);
  });
});
