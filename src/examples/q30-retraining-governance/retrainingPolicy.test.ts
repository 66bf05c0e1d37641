import { describe, expect, it } from 'vitest';
import { promotionGate, psi, psiBand, RetrainingPolicy, type Evaluation, type RetrainingRules } from './retrainingPolicy';
import { seeded } from '../../lib/seededRandom';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
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

  it('rejects mismatched bins, negative or infinite counts and empty samples', () => {
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(/same number of bins/);
    expect(() => psi([1, -2], [1, 2])).toThrow(/non-negative/);
    expect(() => psi([Number.POSITIVE_INFINITY, 1], [1, 1])).toThrow(RangeError);
    expect(() => psi([0, 0], [1, 2])).toThrow(/no observations/);
  });

  it('rejects an epsilon that is negative, zero or not a number, as the Q04 version does', () => {
    expect(() => psi([1, 2], [2, 1], -1e-4)).toThrow(/epsilon/);
    expect(() => psi([1, 2], [2, 1], 0)).toThrow(/epsilon/);
    expect(() => psi([1, 2], [2, 1], Number.NaN)).toThrow(/epsilon/);
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

describe('PSI on windows without drift (the minWindowRows comment)', () => {
  /** Share of 20,000 windows drawn from ten equal-share bins whose PSI is significant (above 0.2). */
  const falseRetrainRate = (rows: number): number => {
    const random = seeded(30);
    let significant = 0;
    for (let trial = 0; trial < 20_000; trial++) {
      const counts = new Array<number>(10).fill(0);
      for (let r = 0; r < rows; r++) counts[Math.floor(random() * 10)]!++;
      if (psiBand(psi(new Array<number>(10).fill(1), counts)) === 'significant') significant++;
    }
    return significant / 20_000;
  };

  it('exceeds 0.2 on about 3 % of 100-row windows, so 20 features misfire in about half the hours', () => {
    const rate = falseRetrainRate(100);
    expect(rate).toBeGreaterThanOrEqual(0.025);
    expect(rate).toBeLessThanOrEqual(0.04);
    expect(1 - (1 - rate) ** 20).toBeCloseTo(0.5, 1);
  });

  it('never exceeds 0.2 on 500-row windows', () => {
    expect(falseRetrainRate(500)).toBe(0);
  });
});

const rules: RetrainingRules = {
  maxModelAgeMs: 30 * DAY,
  coolDownMs: DAY,
  monthlyBudgetUsd: 600,
  estimatedRunCostUsd: 150,
  minWindowRows: 500,
  maxRunMs: 10 * DAY,
  maxRetries: 2,
};
const ROWS = 5_000; // a monitoring window large enough to trust its PSI

describe('RetrainingPolicy.decide', () => {
  it('does nothing while every feature is stable and the model is fresh', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.03, country: 0.01 }, windowRows: ROWS, trainedAt: T0 - 5 * DAY })).toEqual({ action: 'none', reasons: [] });
  });

  it('alerts a person on moderate drift instead of spending a training run', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.15 }, windowRows: ROWS, trainedAt: T0 - DAY })).toEqual({ action: 'alert', reasons: ['watch: amount PSI 0.150'] });
  });

  it('retrains on significant drift, names the feature and returns a run id', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.31, country: 0.02 }, windowRows: ROWS, trainedAt: T0 - DAY })).toEqual({
      action: 'retrain',
      reasons: ['drift: amount PSI 0.310'],
      runId: 'run-1',
    });
  });

  it('retrains a stale model even without drift', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: {}, windowRows: ROWS, trainedAt: T0 - 31 * DAY })).toMatchObject({
      action: 'retrain',
      reasons: ['stale: model is 31 days old'],
    });
  });

  it('retrains only past maxModelAgeMs: a model exactly 30 days old is not stale', () => {
    const policy = new RetrainingPolicy(rules);
    expect(policy.decide({ now: T0, featurePsi: {}, windowRows: ROWS, trainedAt: T0 - 30 * DAY })).toEqual({ action: 'none', reasons: [] });
  });

  it('judges a window of exactly minWindowRows rows, and not one row fewer', () => {
    const drifted = (windowRows: number) => ({ now: T0, featurePsi: { amount: 0.4 }, windowRows, trainedAt: T0 - DAY });
    expect(new RetrainingPolicy(rules).decide(drifted(500)).action).toBe('retrain');
    expect(new RetrainingPolicy(rules).decide(drifted(499)).action).toBe('alert');
  });

  it('alerts a person when the window is smaller than minWindowRows, whatever its PSI, and still retrains a stale model', () => {
    const policy = new RetrainingPolicy(rules);
    const tooSmall = 'window: 100 rows, fewer than 500; PSI not judged, merge windows';
    expect(policy.decide({ now: T0, featurePsi: { amount: 2.5 }, windowRows: 100, trainedAt: T0 - DAY })).toEqual({ action: 'alert', reasons: [tooSmall] });
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.01 }, windowRows: 100, trainedAt: T0 - DAY }).action).toBe('alert');
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.35 }, windowRows: 100, trainedAt: T0 - 31 * DAY })).toMatchObject({
      action: 'retrain',
      reasons: ['stale: model is 31 days old', tooSmall],
    });
  });

  it('launches one run for one persistent shift while that run is still pending (hourly checks for 5 days)', () => {
    const policy = new RetrainingPolicy(rules);
    const launches: number[] = [];
    for (let h = 0; h < 120; h++) {
      const decision = policy.decide({ now: T0 + h * HOUR, featurePsi: { amount: 0.35 }, windowRows: ROWS, trainedAt: T0 - 10 * DAY });
      if (decision.action === 'retrain') launches.push(h);
    }
    expect(launches).toEqual([0]);
    expect(policy.decide({ now: T0 + 120 * HOUR, featurePsi: { amount: 0.35 }, windowRows: ROWS, trainedAt: T0 - 10 * DAY })).toEqual({
      action: 'pending',
      reasons: ['drift: amount PSI 0.350', 'pending: run-1 still in training, gate or canary'],
    });
  });

  it('lets a pending drift run cover staleness too, since any run yields a fresh model', () => {
    const policy = new RetrainingPolicy(rules);
    const snapshot = { featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - 29 * DAY };
    expect(policy.decide({ now: T0, ...snapshot })).toEqual({ action: 'retrain', reasons: ['drift: amount PSI 0.400'], runId: 'run-1' });
    expect(policy.decide({ now: T0 + 2 * DAY, ...snapshot })).toEqual({
      action: 'pending',
      reasons: ['drift: amount PSI 0.400', 'stale: model is 31 days old', 'pending: run-1 still in training, gate or canary'],
    });
  });

  it('still launches for a shift the pending run does not cover, once the cool-down allows', () => {
    const policy = new RetrainingPolicy(rules);
    const trainedAt = T0 - DAY;
    expect(policy.decide({ now: T0, featurePsi: { amount: 0.35 }, windowRows: ROWS, trainedAt }).action).toBe('retrain');
    const newShift = { featurePsi: { amount: 0.35, country: 0.4 }, windowRows: ROWS, trainedAt };
    expect(policy.decide({ now: T0 + HOUR, ...newShift }).action).toBe('blocked');
    expect(policy.decide({ now: T0 + DAY, ...newShift })).toMatchObject({ action: 'retrain', runId: 'run-2' });
  });

  it('lets the same shift launch again after the pending run is rejected, once the cool-down has passed', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = { featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY };
    const first = policy.decide({ now: T0, ...drifted });
    policy.recordOutcome(first.runId!, 'rejected', 140);
    const blocked = policy.decide({ now: T0 + DAY - 1, ...drifted });
    expect(blocked.action).toBe('blocked');
    expect(blocked.reasons).toContain('cool-down: the last run is too recent');
    expect(policy.decide({ now: T0 + DAY, ...drifted }).action).toBe('retrain');
  });

  it('releases the cool-down of a run that failed to launch and charges only its actual cost', () => {
    const policy = new RetrainingPolicy({ ...rules, monthlyBudgetUsd: 150 });
    const drifted = { featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY };
    const first = policy.decide({ now: T0, ...drifted });
    policy.recordOutcome(first.runId!, 'failed', 0);
    expect(policy.decide({ now: T0 + HOUR, ...drifted }).action).toBe('retrain');
  });

  it('pages a person about a run whose outcome was never recorded once it is past maxRunMs, instead of waiting forever', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = (now: number) => ({ now, featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY });
    expect(policy.decide(drifted(T0)).runId).toBe('run-1');
    expect(policy.decide(drifted(T0 + 10 * DAY)).action).toBe('pending');
    expect(policy.decide(drifted(T0 + 90 * DAY))).toEqual({
      action: 'blocked',
      reasons: ['drift: amount PSI 0.400', 'stale: model is 91 days old', 'overdue: run-1 pending for 90 days, past its limit of 10 days; record its outcome'],
    });
    expect(policy.decide({ ...drifted(T0 + 90 * DAY), featurePsi: {}, trainedAt: T0 + 89 * DAY }).action).toBe('blocked');
    policy.recordOutcome('run-1', 'failed', 150);
    expect(policy.decide(drifted(T0 + 90 * DAY))).toMatchObject({ action: 'retrain', runId: 'run-2' });
  });

  it('states an overdue run and its limit in the unit they fill: a limit of hours is not "0 days"', () => {
    const policy = new RetrainingPolicy({ ...rules, maxRunMs: 6 * HOUR });
    const drifted = (now: number) => ({ now, featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY });
    expect(policy.decide(drifted(T0)).runId).toBe('run-1');
    expect(policy.decide(drifted(T0 + 6 * HOUR)).action).toBe('pending');
    expect(policy.decide(drifted(T0 + 7.5 * HOUR)).reasons).toContain('overdue: run-1 pending for 7.5 hours, past its limit of 6 hours; record its outcome');
    expect(policy.decide(drifted(T0 + 36 * HOUR)).reasons).toContain('overdue: run-1 pending for 1.5 days, past its limit of 6 hours; record its outcome');
    expect(policy.decide(drifted(T0 + 24 * HOUR)).reasons).toContain('overdue: run-1 pending for 1 day, past its limit of 6 hours; record its outcome');
  });

  it('stops launching after two automatic retries of a failing pipeline (3 runs, not 24, in 24 hourly checks) until a run succeeds', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = (now: number) => ({ now, featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY });
    const launched: string[] = [];
    for (let h = 0; h < 24; h++) {
      const decision = policy.decide(drifted(T0 + h * HOUR));
      if (decision.runId) {
        launched.push(decision.runId);
        policy.recordOutcome(decision.runId, 'failed', 0);
      }
    }
    expect(launched).toEqual(['run-1', 'run-2', 'run-3']);
    expect(policy.decide(drifted(T0 + 24 * HOUR))).toEqual({
      action: 'blocked',
      reasons: ['drift: amount PSI 0.400', 'failures: the last 3 runs failed (2 automatic retries); fix the pipeline, then call resume()'],
    });
    policy.resume();
    const retry = policy.decide(drifted(T0 + 25 * HOUR));
    expect(retry).toMatchObject({ action: 'retrain', runId: 'run-4' });
    policy.recordOutcome(retry.runId!, 'rejected', 150);
    const next = policy.decide(drifted(T0 + 49 * HOUR));
    policy.recordOutcome(next.runId!, 'failed', 0);
    expect(policy.decide(drifted(T0 + 50 * HOUR)).action).toBe('retrain'); // a success reset the count: one failure is retried
  });

  it('resets the failure streak on any run that did not fail, without resume()', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = (now: number) => ({ now, featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY });
    const outcomes = ['failed', 'failed', 'rejected', 'failed', 'failed'] as const;
    const launched: string[] = [];
    for (let h = 0; h < 48 && launched.length < outcomes.length; h++) {
      const { runId } = policy.decide(drifted(T0 + h * HOUR));
      if (runId) {
        policy.recordOutcome(runId, outcomes[launched.length]!, 0);
        launched.push(runId);
      }
    }
    expect(launched).toEqual(['run-1', 'run-2', 'run-3', 'run-4', 'run-5']);
    expect(policy.decide(drifted(T0 + 48 * HOUR))).toMatchObject({ action: 'retrain', runId: 'run-6' });
  });

  it('stops at the monthly budget (4 runs of 150 USD in 600 USD) and starts again next month', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = { featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY };
    const actions = [0, 2, 4, 6, 8].map((d) => {
      const decision = policy.decide({ now: T0 + d * DAY, ...drifted });
      if (decision.runId) policy.recordOutcome(decision.runId, 'rejected', 150);
      return decision.action;
    });
    expect(actions).toEqual(['retrain', 'retrain', 'retrain', 'retrain', 'blocked']);
    expect(policy.decide({ now: Date.UTC(2025, 3, 1), ...drifted }).action).toBe('retrain');
  });

  it('launches past the budget once a person approves more, for that UTC month only', () => {
    const policy = new RetrainingPolicy(rules);
    const drifted = { featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY };
    for (const d of [0, 1, 2, 3]) policy.recordOutcome(policy.decide({ now: T0 + d * DAY, ...drifted }).runId!, 'rejected', 150);
    expect(policy.decide({ now: T0 + 4 * DAY, ...drifted }).reasons).toContain('budget: 600.00 USD spent of 600 USD this month');
    policy.approveBudget(150, T0 + 4 * DAY);
    const extra = policy.decide({ now: T0 + 4 * DAY, ...drifted });
    expect(extra).toMatchObject({ action: 'retrain', runId: 'run-5' });
    policy.recordOutcome(extra.runId!, 'rejected', 150);
    expect(policy.decide({ now: T0 + 5 * DAY, ...drifted }).reasons).toContain('budget: 750.00 USD spent of 750 USD this month');
    // April starts again at 600 USD: four runs, not five.
    const april = [0, 1, 2, 3, 4].map((d) => {
      const decision = policy.decide({ now: Date.UTC(2025, 3, 1) + d * DAY, ...drifted });
      if (decision.runId) policy.recordOutcome(decision.runId, 'rejected', 150);
      return decision.action;
    });
    expect(april).toEqual(['retrain', 'retrain', 'retrain', 'retrain', 'blocked']);
  });

  it('refuses a budget approval that is not a finite amount of at least one cent, or has no finite time', () => {
    const policy = new RetrainingPolicy(rules);
    expect(() => policy.approveBudget(Number.NaN, T0)).toThrow(/extraUsd must be a finite number of at least 0.01 USD, got NaN/);
    expect(() => policy.approveBudget(0.004, T0)).toThrow(/extraUsd/);
    expect(() => policy.approveBudget(-150, T0)).toThrow(/extraUsd/);
    expect(() => policy.approveBudget(150, Number.NaN)).toThrow(/now must be a finite time/);
  });

  it('counts the budget in whole cents, so three runs of 0.10 USD fit in 0.30 USD', () => {
    const policy = new RetrainingPolicy({ ...rules, coolDownMs: 0, monthlyBudgetUsd: 0.3, estimatedRunCostUsd: 0.1 });
    const drifted = { featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY };
    const actions = [0, 1, 2, 3].map((h) => {
      const decision = policy.decide({ now: T0 + h * HOUR, ...drifted });
      if (decision.runId) policy.recordOutcome(decision.runId, 'rejected', 0.1);
      return decision.action;
    });
    expect(actions).toEqual(['retrain', 'retrain', 'retrain', 'blocked']);
  });

  it('refuses an outcome for an unknown run or one already recorded, and a cost that is not a number', () => {
    const policy = new RetrainingPolicy(rules);
    const { runId } = policy.decide({ now: T0, featurePsi: { amount: 0.4 }, windowRows: ROWS, trainedAt: T0 - DAY });
    expect(() => policy.recordOutcome(runId!, 'promoted', Number.NaN)).toThrow(RangeError);
    policy.recordOutcome(runId!, 'promoted', 150);
    expect(() => policy.recordOutcome(runId!, 'promoted', 150)).toThrow(/no pending run/);
    expect(() => policy.recordOutcome('run-99', 'failed', 0)).toThrow(/no pending run/);
  });

  it('refuses a snapshot whose now or trainedAt is not a finite time, and stays usable afterwards', () => {
    const policy = new RetrainingPolicy(rules);
    expect(() => policy.decide({ now: T0, featurePsi: {}, windowRows: ROWS, trainedAt: Number.NaN })).toThrow(/trainedAt must be a finite time/);
    expect(() => policy.decide({ now: Number.NaN, featurePsi: { amount: 0.5 }, windowRows: ROWS, trainedAt: T0 })).toThrow(/now must be a finite time/);
    expect(policy.decide({ now: T0 + 40 * DAY, featurePsi: { amount: 0.5 }, windowRows: ROWS, trainedAt: T0 }).action).toBe('retrain');
  });

  it('refuses rules that would silently switch a brake or trigger off, such as a NaN run cost', () => {
    expect(() => new RetrainingPolicy({ ...rules, estimatedRunCostUsd: Number.NaN })).toThrow(/estimatedRunCostUsd must be a finite number of at least 0.01 USD.*got NaN/);
    expect(() => new RetrainingPolicy({ ...rules, monthlyBudgetUsd: Number.NaN })).toThrow(RangeError);
    expect(() => new RetrainingPolicy({ ...rules, coolDownMs: Number.NaN })).toThrow(RangeError);
    expect(() => new RetrainingPolicy({ ...rules, maxModelAgeMs: Number.NaN })).toThrow(RangeError);
    expect(() => new RetrainingPolicy({ ...rules, minWindowRows: Number.NaN })).toThrow(RangeError);
    expect(() => new RetrainingPolicy({ ...rules, maxRunMs: Number.NaN })).toThrow(/maxRunMs/);
    expect(() => new RetrainingPolicy({ ...rules, maxRetries: -1 })).toThrow(/maxRetries/);
  });

  it('refuses a run cost under one cent, which the budget would count as a free run', () => {
    expect(() => new RetrainingPolicy({ ...rules, estimatedRunCostUsd: 0.004 })).toThrow(/at least 0.01 USD/);
    expect(new RetrainingPolicy({ ...rules, estimatedRunCostUsd: 0.01 })).toBeInstanceOf(RetrainingPolicy);
  });
});

describe('promotionGate', () => {
  const champion: Evaluation = { overall: 0.9, slices: { new_users: 0.84, high_value: 0.88 }, evaluatedRows: 50_000 };
  const gate = { minRows: 10_000, maxRegression: 0.005, requiredSlices: ['new_users', 'high_value'] };

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

  it("fails a required slice that is missing from the champion's or the candidate's evaluation", () => {
    const championWithoutHighValue: Evaluation = { overall: 0.9, slices: { new_users: 0.84 }, evaluatedRows: 50_000 };
    expect(promotionGate(championWithoutHighValue, championWithoutHighValue, gate)).toEqual({
      promote: false,
      failures: ['slice high_value has no champion score to compare against', 'slice high_value was not evaluated'],
    });
  });

  it('accepts an evaluation set of exactly minRows rows', () => {
    const candidate: Evaluation = { overall: 0.9, slices: { new_users: 0.84, high_value: 0.88 }, evaluatedRows: 10_000 };
    expect(promotionGate(candidate, champion, gate)).toEqual({ promote: true, failures: [] });
  });

  it('also checks a slice the champion was scored on but the rules do not require', () => {
    const championWithExtra: Evaluation = { ...champion, slices: { ...champion.slices, extra: 0.8 } };
    const candidate: Evaluation = { overall: 0.9, slices: { new_users: 0.84, high_value: 0.88 }, evaluatedRows: 50_000 };
    expect(promotionGate(candidate, championWithExtra, gate)).toEqual({ promote: false, failures: ['slice extra was not evaluated'] });
  });

  it('compares in basis points, so a score exactly at the tolerance passes (0.47 vs 0.52, tolerance 0.05)', () => {
    const rules = { minRows: 1, maxRegression: 0.05, requiredSlices: ['s'] };
    const champ: Evaluation = { overall: 0.52, slices: { s: 0.52 }, evaluatedRows: 10 };
    expect(promotionGate({ overall: 0.47, slices: { s: 0.47 }, evaluatedRows: 10 }, champ, rules)).toEqual({ promote: true, failures: [] });
    expect(promotionGate({ overall: 0.52, slices: { s: 0.469 }, evaluatedRows: 10 }, champ, rules)).toEqual({ promote: false, failures: ['slice s: 0.469 vs 0.520'] });
  });

  it('rejects gate rules that would compare against NaN', () => {
    const candidate: Evaluation = { overall: 0.5, slices: { new_users: 0.5, high_value: 0.5 }, evaluatedRows: 50_000 };
    expect(() => promotionGate(candidate, champion, { ...gate, maxRegression: Number.NaN })).toThrow(/maxRegression must be a finite, non-negative number, got NaN/);
    expect(() => promotionGate(candidate, champion, { ...gate, minRows: Number.NaN })).toThrow(/minRows must be a non-negative integer, got NaN/);
  });
});
