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

  it('keeps a frozen copy of a registered transform, so the published entry cannot be edited', () => {
    const t = zScore('income_z', 'v1', 'income');
    const registry = new TransformRegistry().register(t);
    const entry = registry.get('income_z:v1');
    expect(() => ((entry as { output: string }).output = 'age')).toThrow(TypeError);
    expect(() => (entry.inputs as string[]).push('age')).toThrow(TypeError);
    (t as { apply: Transform['apply'] }).apply = () => 42; // the caller's own object stays the caller's
    (t.inputs as string[]).push('age');
    expect(registry.get('income_z:v1').inputs).toEqual(['income']);
    expect(registry.get('income_z:v1').apply({ income: 1 }, { mean: 0, std: 1 })).toBe(1);
  });

  it('refuses ":" in a name or version, since x:y + z and x + y:z would share the ref x:y:z', () => {
    const r = new TransformRegistry();
    expect(() => r.register(zScore('x:y', 'z', 'income'))).toThrow(/must not contain ":"/);
    expect(() => r.register(zScore('x', 'y:z', 'income'))).toThrow(/must not contain ":"/);
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

  it('gives one serving row exactly the features fit computed for the same row in training', () => {
    const r = registry();
    const fitted = fit(r, refs, RAW, training);
    // The third training row is also the last golden row of each step: its outputs are the values fit computed.
    const atFit = Object.fromEntries(fitted.steps.map((s) => [r.get(s.ref).output, s.golden[2]?.output]));
    const served = transformRow(r, fitted, { age: 67, income: 90_000, country: 'BR' });
    expect({ age_bucket: served.age_bucket, income_z: served.income_z }).toEqual(atFit);
    expect(served.income_z).toBeCloseTo(30_000 / Math.sqrt(6e8), 12);
  });

  it("serves a pipeline listed out of order the features fit computed, with golden rows taken from each step's input", () => {
    const r = registry();
    const fitted = fit(r, ['income_z:v2', 'log_income:v1'], RAW, training);
    const z2 = fitted.steps.find((s) => s.ref === 'income_z:v2')!;
    expect(z2.golden[0]?.input).toEqual({ log_income: Math.log1p(30_000) });
    expect(transformRow(r, fitted, training[2]!).income_z).toBe(z2.golden[2]?.output);
    expect(() => verifyFitted(r, fitted)).not.toThrow();
  });

  it('passes fit and apply only the declared inputs, in training, serving and the load-time check alike', () => {
    // A transform that reports which fields it was given: it must see only "income" everywhere.
    const seen: Transform = {
      name: 'seen',
      version: 'v1',
      inputs: ['income'],
      output: 'seen',
      fit: (rows) => ({ fields: Object.keys(rows[0]!).length }),
      apply: (row) => Object.keys(row).join(','),
    };
    const r = new TransformRegistry().register(seen);
    const fitted = fit(r, ['seen:v1'], RAW, training);
    expect(fitted.steps[0]?.params).toEqual({ fields: 1 });
    expect(fitted.steps[0]?.golden.map((g) => g.output)).toEqual(['income', 'income', 'income']);
    expect(transformRow(r, fitted, training[0]!).seen).toBe('income');
    // A stored golden row carrying an extra field still replays on the declared inputs only.
    const padded = { ...fitted, steps: fitted.steps.map((s) => ({ ...s, golden: s.golden.map((g) => ({ ...g, input: { ...g.input, age: 23 } })) })) };
    expect(() => verifyFitted(r, padded)).not.toThrow();
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

  it('scales the rounding allowance with the values: large constants are constant, tiny varying values are scaled', () => {
    const r = new TransformRegistry().register(zScore('x_z', 'v1', 'x'));
    // 100,000.1 three times averages to 100,000.10000000002, leaving std 1.5e-11.
    expect(fit(r, ['x_z:v1'], ['x'], [{ x: 100_000.1 }, { x: 100_000.1 }, { x: 100_000.1 }]).steps[0]?.params.std).toBe(1);
    // 1e-13, 2e-13, 3e-13: population std √(2/3) × 1e-13 = 8.2e-14, so 3e-13 is 1.2247 standard deviations up.
    const tiny = fit(r, ['x_z:v1'], ['x'], [{ x: 1e-13 }, { x: 2e-13 }, { x: 3e-13 }]);
    expect(tiny.steps[0]?.params.std).toBeCloseTo(Math.sqrt(2 / 3) * 1e-13, 25);
    expect(transformRow(r, tiny, { x: 3e-13 }).x_z).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  it('refuses non-finite fitted parameters, which JSON would store as null, and null parameters read back', () => {
    const r = registry();
    // 1e308 three times sums past the largest double: the mean is Infinity.
    const huge = training.map((row) => ({ ...row, income: 1e308 }));
    expect(() => fit(r, ['income_z:v1'], RAW, huge)).toThrow(/income_z:v1 fitted mean = Infinity/);
    const fitted = fit(r, ['income_z:v1'], RAW, training);
    const damaged = JSON.parse(JSON.stringify(fitted).replace('"mean":60000', '"mean":null')) as typeof fitted;
    expect(() => transformRow(r, damaged, training[0]!)).toThrow(TypeError);
    const unfitted = { ...fitted, steps: [{ ...fitted.steps[0]!, params: {} }] };
    expect(() => transformRow(r, unfitted, training[0]!)).toThrow(/was the pipeline fitted/);
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

  it('names the step, the golden row and the error when a release now throws on a golden row', () => {
    const fitted = fit(registry(), refs, RAW, training);
    const strict: Transform = {
      ...zScore('income_z', 'v1', 'income'),
      apply: (row, p) => {
        if ((row.income as number) < 50_000) throw new RangeError('income below 50,000');
        return ((row.income as number) - p.mean!) / p.std!;
      },
    };
    expect(() => verifyFitted(new TransformRegistry().register(ageBucketV2).register(strict), fitted)).toThrow(
      'income_z:v1 throws on golden row {"income":30000} (RangeError: income below 50,000); publish a new version and refit',
    );
  });

  it('tolerates last-bit differences, relatively for large outputs, and treats NaN as reproducing NaN', () => {
    const fitted = fit(registry(), refs, RAW, training);
    const z = zScore('income_z', 'v1', 'income');
    const ulpOff: Transform = { ...z, apply: (row, p) => (z.apply(row, p) as number) * (1 + Number.EPSILON) };
    expect(() => verifyFitted(new TransformRegistry().register(ageBucketV2).register(ulpOff), fitted)).not.toThrow();
    // Outputs 30,000 to 90,000 moved by 5e-10 of themselves: up to 4.5e-5 absolute, within 1e-9 relative.
    const copy = (factor: number): Transform => ({
      name: 'copy',
      version: 'v1',
      inputs: ['income'],
      output: 'copy',
      fit: () => ({}),
      apply: (row) => (row.income as number) * factor,
    });
    const copied = fit(new TransformRegistry().register(copy(1)), ['copy:v1'], RAW, training);
    expect(() => verifyFitted(new TransformRegistry().register(copy(1 + 5e-10)), copied)).not.toThrow();
    // 0 / 0 is NaN on the first row, at fit time and at load time alike.
    const ratio: Transform = { name: 'ratio', version: 'v1', inputs: ['age'], output: 'ratio', fit: () => ({}), apply: (row) => (row.age as number) / (row.age as number) };
    const ratios = fit(new TransformRegistry().register(ratio), ['ratio:v1'], ['age'], [{ age: 0 }, { age: 1 }]);
    expect(ratios.steps[0]?.golden[0]?.output).toBeNaN();
    expect(() => verifyFitted(new TransformRegistry().register(ratio), ratios)).not.toThrow();
  });

  it('refuses a release that returns the string "1" where it returned the number 1', () => {
    const adult: Transform = { name: 'adult', version: 'v1', inputs: ['age'], output: 'adult', fit: () => ({}), apply: (row) => ((row.age as number) >= 18 ? 1 : 0) };
    const fitted = fit(new TransformRegistry().register(adult), ['adult:v1'], ['age'], [{ age: 16 }, { age: 20 }, { age: 45 }]);
    // Age 16 still gives 0; age 20 now gives "1".
    const asText: Transform = { ...adult, apply: (row, p) => (adult.apply(row, p) === 1 ? '1' : 0) };
    expect(() => verifyFitted(new TransformRegistry().register(asText), fitted)).toThrow(/adult:v1 no longer reproduces golden row \{"age":20\}: "1" instead of 1/);
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

  it('rejects bad input loudly: empty training data, a missing raw field, a negative age or income, an infinite income', () => {
    const r = registry();
    expect(() => fit(r, refs, RAW, [])).toThrow(/empty training set/);
    const fitted = fit(r, refs, RAW, training);
    expect(() => transformRow(r, fitted, { age: 30, country: 'PT' })).toThrow(/lacks raw input\(s\): income/);
    expect(() => transformRow(r, fitted, { age: -1, income: 1, country: 'PT' })).toThrow(RangeError);
    const logged = fit(r, ['log_income:v1'], RAW, training);
    expect(() => transformRow(r, logged, { age: 30, income: -1, country: 'PT' })).toThrow(RangeError);
    expect(() => transformRow(r, fitted, { age: 30, income: Infinity, country: 'PT' })).toThrow(TypeError);
  });
});
