import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './transformRegistry.demo';

afterEach(() => vi.restoreAllMocks());

describe('the reusable feature pipeline demo', () => {
  it('refuses an overwrite, serves one row the features it had in training, plans churn model v2 by dependency, refuses a missing input and a duplicate output, and lets the golden rows refuse an edit they exercise', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result.overwriteRefused).toBe(true);
    // Incomes 30,000, 60,000 and 90,000: mean 60,000; population variance (30,000² + 0 + 30,000²) / 3 = 6e8.
    expect(result.incomeZv1).toEqual({ mean: 60_000, std: Math.sqrt(6e8) });
    // Golden rows are the first, middle and last of three training rows: all three, for each of the two steps.
    expect(result.goldenRowsPerStep).toEqual([3, 3]);
    // Age 67 falls in 50-plus; income 90,000 is (90,000 - 60,000) / √6e8 = 1.2247 standard deviations up.
    expect(result.served).toEqual({ age_bucket: '50-plus', income_z: 30_000 / Math.sqrt(6e8) });
    expect(result.sameAsTraining).toBe(true);
    // Half-open buckets: 0 < 18 is under-18, 18 opens 18-34, and 104 >= 50 is 50-plus.
    expect(result.edgeAges).toEqual(['under-18', '18-34', '50-plus']);
    expect(result.unchangedAfterV2).toBe(true);
    // income_z:v2 reads log_income, so log_income:v1 must run first whatever order the model lists them in.
    expect(result.churnOrder).toEqual(['log_income:v1', 'income_z:v2']);
    // Alone, income_z:v2 lacks its input; beside income_z:v1, two transforms write the output income_z.
    expect(result.planErrors).toEqual({
      missingInput: 'income_z:v2 needs "log_income", which is neither a raw input nor produced by the pipeline',
      duplicateOutput: 'output "income_z" of income_z:v2 is already produced by income_z:v1',
    });
    // The golden outputs are -1.2247, 0 and 1.2247: a clip at 3 changes none of them, a clip at 1 changes two.
    expect(result.load).toEqual({ sameLibrary: 'loaded', clippedAt3: 'loaded', clippedAt1: 'refused: income_z:v1' });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('re-publishing income_z:v1 with another input: refused (income_z:v1 is already registered; publish a new version instead)');
    expect(lines).toContain(
      'fraud model v3 pins age_bucket:v2, income_z:v1, fitted on 3 training rows: income_z:v1 stores 2 numbers, mean 60,000 and std 24,494.9; golden rows per step: 3, 3',
    );
    expect(lines).toContain('serving one row (age 67, income 90,000): age_bucket 50-plus, income_z 1.2247, the values fit computed for that training row');
    // A batch of one row: its mean is the row itself and pandas' std divides 0 by n - 1 = 0, so (x - mean) / std is 0 / NaN.
    expect(lines).toContain("the naive z-score, with that single row's own batch statistics: NaN");
    expect(lines).toContain('ages 0, 18 and 104: under-18, 18-34, 50-plus');
    // (log 30,001 + log 60,001 + log 90,001) / 3 = (10.309 + 11.002 + 11.408) / 3 = 10.906.
    expect(lines).toContain(
      "churn model v2 lists income_z:v2, log_income:v1; fitted in the order log_income:v1, income_z:v2: income_z:v2 stores mean 10.906, the mean of log(1 + income), so it fitted on log_income:v1's output",
    );
    expect(lines).toContain('training rows (illustrative; the page gives none): age 23 income 30,000, age 41 income 60,000, age 67 income 90,000');
    expect(lines).toContain(
      'plan, income_z:v2 without log_income:v1: refused: income_z:v2 needs "log_income", which is neither a raw input nor produced by the pipeline; beside income_z:v1: refused: output "income_z" of income_z:v2 is already produced by income_z:v1',
    );
    expect(lines).toContain('a release clipping income_z:v1 to [-3, 3]: loaded (its golden outputs reach only 1.2247, so the check cannot see the edit)');
    expect(lines).toContain(
      'a release clipping income_z:v1 to [-1, 1]: refused: income_z:v1 no longer reproduces golden row {"income":30000}: -1 instead of -1.2247448713915892; publish a new version and refit',
    );
  });
});
