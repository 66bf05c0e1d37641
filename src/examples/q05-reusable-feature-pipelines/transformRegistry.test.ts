import { describe, expect, it } from 'vitest';
import { ageBucketV2, fit, logIncomeV1, plan, refOf, transformRow, TransformRegistry, verifyFitted, zScore, type Row, type Transform } from './transformRegistry';

const RAW = ['age', 'income', 'country'];

function registry(): TransformRegistry {
  return new TransformRegistry()
    .register(ageBucketV2)
    .register(logIncomeV1)
    .register(zScore('income_z', 'v1', 'income'))
    .register(zScore('income_z', 'v2', 'log_income'));
}

const training: Row[] = [
  { age: 23, income: 30_000, country: 'PT' },
  { age: 41, income: 60_000, country: 'DE' },
  { age: 67, income: 90_000, country: 'BR' },
];

/** What a transform that recomputes statistics per batch does (pandas .std() uses n - 1). */
function perBatchZScore(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / (values.length - 1));
  return values.map((x) => (x - mean) / std);
}

describe('TransformRegistry', () => {
  it('keeps versions side by side and refuses to overwrite a published version', () => {
    const r = registry();
    expect(r.get('income_z:v1').inputs).toEqual(['income']);
    expect(r.get('income_z:v2').inputs).toEqual(['log_income']);
    expect(() => r.register(zScore('income_z', 'v1', 'log_income'))).toThrow(/already registered/);
    expect(() => r.get('income_z:v3')).toThrow(/unknown transform income_z:v3/);
  });
});

describe('plan', () => {
  it('seeds the raw inputs and orders by dependency, whatever order the refs are listed in', () => {
    const order = plan(registry(), ['income_z:v2', 'age_bucket:v2', 'log_income:v1'], RAW).map(refOf);
    expect(order.indexOf('log_income:v1')).toBeLessThan(order.indexOf('income_z:v2'));
    expect(order).toHaveLength(3);
  });

  it('names the missing input when nothing produces it', () => {
    expect(() => plan(registry(), ['income_z:v2'], RAW)).toThrow(/income_z:v2 needs "log_income"/);
  });

  const passThrough = (name: string, input: string): Transform => ({
    name,
    version: 'v1',
    inputs: [input],
    output: name,
    fit: () => ({}),
    apply: (row) => row[input] ?? 0,
  });

  it('detects a cycle and names only the transforms in it, not those downstream of it', () => {
    const r = new TransformRegistry().register(passThrough('a', 'b')).register(passThrough('b', 'a')).register(passThrough('c', 'a'));
    expect(() => plan(r, ['a:v1', 'b:v1', 'c:v1'], RAW)).toThrow(/^cycle among a:v1, b:v1$/);
  });

  it('reports two separate cycles separately', () => {
    const r = new TransformRegistry().register(passThrough('a', 'b')).register(passThrough('b', 'a')).register(passThrough('c', 'd')).register(passThrough('d', 'c'));
    expect(() => plan(r, ['a:v1', 'b:v1', 'c:v1', 'd:v1'], RAW)).toThrow(/^cycle among a:v1, b:v1; cycle among c:v1, d:v1$/);
  });

  it('refuses two producers of one output, such as two versions of the same feature', () => {
    expect(() => plan(registry(), ['income_z:v1', 'log_income:v1', 'income_z:v2'], RAW)).toThrow(/already produced by income_z:v1/);
    expect(() => plan(registry(), ['age_bucket:v2'], ['age', 'age_bucket'])).toThrow(/raw data/);
  });
});

describe('fit and transformRow', () => {
  const refs = ['age_bucket:v2', 'income_z:v1'];

  it('stores the training mean and standard deviation with the pipeline', () => {
    const fitted = fit(registry(), refs, RAW, training);
    expect(fitted.steps.find((s) => s.ref === 'income_z:v1')?.params).toEqual({ mean: 60_000, std: Math.sqrt(6e8) });
  });

  it('gives one serving row exactly the features the same row had in training', () => {
    const r = registry();
    const fitted = fit(r, refs, RAW, training);
    const trainingFeatures = training.map((row) => transformRow(r, fitted, row));
    const served = transformRow(r, fitted, { age: 67, income: 90_000, country: 'BR' });
    expect(served).toEqual(trainingFeatures[2]);
    expect(served.income_z).toBeCloseTo(30_000 / Math.sqrt(6e8), 12);
  });

  it('avoids the per-batch statistics bug: a batch of one would otherwise give NaN', () => {
    expect(perBatchZScore([90_000])[0]).toBeNaN();
    const r = registry();
    const served = transformRow(r, fit(r, refs, RAW, training), { age: 30, income: 90_000, country: 'PT' });
    expect(Number.isFinite(served.income_z)).toBe(true);
  });

  it('fits a downstream transform on upstream outputs (income_z:v2 on log_income)', () => {
    const r = registry();
    const fitted = fit(r, ['income_z:v2', 'log_income:v1'], RAW, training);
    const logs = training.map((row) => Math.log1p(row.income as number));
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    expect(fitted.steps.map((s) => s.ref)).toEqual(['log_income:v1', 'income_z:v2']);
    expect(fitted.steps[1]?.params.mean).toBeCloseTo(mean, 12);
  });

  it('survives a JSON round trip, as it must when stored with the model version', () => {
    const r = registry();
    const fitted = fit(r, refs, RAW, training);
    const restored = JSON.parse(JSON.stringify(fitted)) as typeof fitted;
    const row = { age: 35, income: 45_000, country: 'DE' };
    expect(() => verifyFitted(r, restored)).not.toThrow();
    expect(transformRow(r, restored, row)).toEqual(transformRow(r, fitted, row));
  });

  it('buckets every valid age, including 0, the boundaries and ages above 100', () => {
    const r = registry();
    const fitted = fit(r, ['age_bucket:v2'], RAW, training);
    const bucket = (age: number) => transformRow(r, fitted, { age, income: 1, country: 'PT' }).age_bucket;
    expect([0, 17, 18, 35, 50, 104].map(bucket)).toEqual(['under-18', 'under-18', '18-34', '35-49', '50-plus', '50-plus']);
  });

  it('falls back to std 1 for a constant training column: no division by zero, but other values stay unscaled', () => {
    const r = registry();
    const fitted = fit(
      r,
      refs,
      RAW,
      training.map((row) => ({ ...row, income: 50_000 })),
    );
    expect(transformRow(r, fitted, { age: 40, income: 50_000, country: 'PT' }).income_z).toBe(0);
    // (60,000 - 50,000) / 1: scikit-learn's StandardScaler does the same with zero variance.
    expect(transformRow(r, fitted, { age: 40, income: 60_000, country: 'PT' }).income_z).toBe(10_000);
  });

  it('treats a column that is constant up to rounding as constant (0.1 three times gives std 1.4e-17, not 0)', () => {
    const r = new TransformRegistry().register(zScore('x_z', 'v1', 'x'));
    const fitted = fit(r, ['x_z:v1'], ['x'], [{ x: 0.1 }, { x: 0.1 }, { x: 0.1 }]);
    expect(fitted.steps[0]?.params.std).toBe(1);
    expect(transformRow(r, fitted, { x: 0.1 }).x_z).toBeCloseTo(0, 12);
    expect(transformRow(r, fitted, { x: 0.2 }).x_z).toBeCloseTo(0.1, 12);
  });
});

describe('verifyFitted (run once when serving loads a model version)', () => {
  const refs = ['age_bucket:v2', 'income_z:v1'];

  it('stores a few golden input/output rows per step at fit time', () => {
    const fitted = fit(registry(), refs, RAW, training);
    expect(fitted.steps.find((s) => s.ref === 'age_bucket:v2')?.golden).toEqual([
      { input: { age: 23 }, output: '18-34' },
      { input: { age: 41 }, output: '35-49' },
      { input: { age: 67 }, output: '50-plus' },
    ]);
  });

  it('accepts the same behaviour however it was built, such as differently written code in a fresh registry', () => {
    const fitted = fit(registry(), refs, RAW, training);
    const rewritten: Transform = { ...zScore('income_z', 'v1', 'income'), apply: (row, p) => ((row.income as number) - p.mean!) / p.std! };
    expect(() => verifyFitted(new TransformRegistry().register(ageBucketV2).register(rewritten), fitted)).not.toThrow();
  });

  it('refuses, naming the step, a transform whose behaviour changed under the same name:version', () => {
    const fitted = fit(registry(), refs, RAW, training);
    const edited: Transform = { ...zScore('income_z', 'v1', 'income'), apply: (row, p) => ((row.income as number) - p.mean!) / p.std! / 2 };
    expect(() => verifyFitted(new TransformRegistry().register(ageBucketV2).register(edited), fitted)).toThrow(/income_z:v1 .*golden row/);
  });

  it('catches a change made outside the transform body, in a value it captures', () => {
    const adultFrom = (cutOff: number): Transform => ({
      name: 'adult',
      version: 'v1',
      inputs: ['age'],
      output: 'adult',
      fit: () => ({}),
      apply: (row) => ((row.age as number) >= cutOff ? 1 : 0),
    });
    const rows = [16, 20, 45].map((age) => ({ age }));
    const fitted = fit(new TransformRegistry().register(adultFrom(18)), ['adult:v1'], ['age'], rows);
    expect(() => verifyFitted(new TransformRegistry().register(adultFrom(21)), fitted)).toThrow(/adult:v1 .*\{"age":20\}/);
  });
});

describe('input validation', () => {
  const refs = ['age_bucket:v2', 'income_z:v1'];

  it('rejects bad input loudly: empty training data, a missing raw field, a negative age', () => {
    const r = registry();
    expect(() => fit(r, refs, RAW, [])).toThrow(/empty training set/);
    const fitted = fit(r, refs, RAW, training);
    expect(() => transformRow(r, fitted, { age: 30, country: 'PT' })).toThrow(/lacks raw input\(s\): income/);
    expect(() => transformRow(r, fitted, { age: -1, income: 1, country: 'PT' })).toThrow(RangeError);
  });
});
