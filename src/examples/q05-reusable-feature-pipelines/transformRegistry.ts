/**
 * A versioned feature-transform registry and the DAG that runs it.
 *
 * Each transform is an immutable `name:version` entry with declared inputs
 * and one output. `fit` learns parameters from training data only; `apply`
 * turns one row into one value using those stored parameters. Training and
 * serving call the same `apply`, so a single serving row gets exactly the
 * value the model saw in training.
 */

export type Value = number | string;
export type Row = Readonly<Record<string, Value>>;
/** Fitted parameters: plain numbers, so they serialize with the model version. */
export type Params = Readonly<Record<string, number>>;

export interface Transform {
  readonly name: string;
  readonly version: string;
  readonly inputs: readonly string[];
  readonly output: string;
  fit(trainingRows: readonly Row[]): Params;
  apply(row: Row, params: Params): Value;
}

export const refOf = (t: Pick<Transform, 'name' | 'version'>): string => `${t.name}:${t.version}`;

export class TransformRegistry {
  private readonly entries = new Map<string, Transform>();

  /** A published version never changes; a new behaviour is a new version. */
  register(transform: Transform): this {
    const ref = refOf(transform);
    if (this.entries.has(ref)) throw new Error(`${ref} is already registered; publish a new version instead`);
    this.entries.set(ref, transform);
    return this;
  }

  get(ref: string): Transform {
    const transform = this.entries.get(ref);
    if (!transform) throw new Error(`unknown transform ${ref}`);
    return transform;
  }
}

/**
 * Orders transforms so each runs after its inputs exist (Kahn's algorithm).
 * Raw inputs are available from the start; the order the caller lists refs in
 * does not matter. Fails on a missing input, two producers of one output, or a cycle.
 */
export function plan(registry: TransformRegistry, refs: readonly string[], rawInputs: readonly string[]): Transform[] {
  const transforms = refs.map((ref) => registry.get(ref));
  const producer = new Map<string, Transform>();
  for (const t of transforms) {
    if (rawInputs.includes(t.output) || producer.has(t.output)) {
      throw new Error(`output "${t.output}" of ${refOf(t)} is already produced by ${producer.has(t.output) ? refOf(producer.get(t.output)!) : 'the raw data'}`);
    }
    producer.set(t.output, t);
  }
  const waitingOn = new Map<Transform, number>();
  const dependents = new Map<Transform, Transform[]>();
  for (const t of transforms) {
    const upstream = t.inputs.filter((input) => !rawInputs.includes(input));
    for (const input of upstream) {
      const source = producer.get(input);
      if (!source) throw new Error(`${refOf(t)} needs "${input}", which is neither a raw input nor produced by the pipeline`);
      dependents.set(source, [...(dependents.get(source) ?? []), t]);
    }
    waitingOn.set(t, upstream.length);
  }
  const ready = transforms.filter((t) => waitingOn.get(t) === 0);
  const ordered: Transform[] = [];
  while (ready.length > 0) {
    const next = ready.shift()!;
    ordered.push(next);
    for (const d of dependents.get(next) ?? []) {
      const left = waitingOn.get(d)! - 1;
      waitingOn.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  if (ordered.length < transforms.length) {
    const stuck = transforms.filter((t) => !ordered.includes(t)).map(refOf);
    throw new Error(`cycle between ${stuck.join(', ')}`);
  }
  return ordered;
}

/** What is stored with a model version: pinned refs in run order and their fitted parameters. */
export interface FittedPipeline {
  readonly rawInputs: readonly string[];
  readonly steps: readonly { readonly ref: string; readonly params: Params }[];
}

/** Training: fit each step on training rows, after the steps it depends on have been applied. */
export function fit(registry: TransformRegistry, refs: readonly string[], rawInputs: readonly string[], trainingRows: readonly Row[]): FittedPipeline {
  if (trainingRows.length === 0) throw new Error('cannot fit transforms on an empty training set');
  let rows = trainingRows;
  const steps: { ref: string; params: Params }[] = [];
  for (const t of plan(registry, refs, rawInputs)) {
    const params = Object.freeze({ ...t.fit(rows) });
    rows = rows.map((row) => ({ ...row, [t.output]: t.apply(row, params) }));
    steps.push({ ref: refOf(t), params });
  }
  return { rawInputs: [...rawInputs], steps };
}

/** Training and serving: one row in, the same features out, whatever the batch size. */
export function transformRow(registry: TransformRegistry, fitted: FittedPipeline, row: Row): Row {
  const missing = fitted.rawInputs.filter((input) => !(input in row));
  if (missing.length > 0) throw new Error(`row lacks raw input(s): ${missing.join(', ')}`);
  const out: Record<string, Value> = { ...row };
  for (const step of fitted.steps) {
    const t = registry.get(step.ref);
    out[t.output] = t.apply(out, step.params);
  }
  return out;
}

function num(row: Row, field: string): number {
  const v = row[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`"${field}" must be a finite number, got ${String(v)}`);
  return v;
}

function param(params: Params, key: string): number {
  const v = params[key];
  if (v === undefined) throw new Error(`fitted parameter "${key}" is missing; was the pipeline fitted?`);
  return v;
}

/** Stateless: half-open buckets cover every age from 0 upwards, including ages above 100. */
export const ageBucketV2: Transform = {
  name: 'age_bucket',
  version: 'v2',
  inputs: ['age'],
  output: 'age_bucket',
  fit: () => ({}),
  apply(row) {
    const age = num(row, 'age');
    if (age < 0) throw new RangeError(`age must be non-negative, got ${age}`);
    return age < 18 ? 'under-18' : age < 35 ? '18-34' : age < 50 ? '35-49' : '50-plus';
  },
};

export const logIncomeV1: Transform = {
  name: 'log_income',
  version: 'v1',
  inputs: ['income'],
  output: 'log_income',
  fit: () => ({}),
  apply(row) {
    const income = num(row, 'income');
    if (income < 0) throw new RangeError(`income must be non-negative for log_income:v1, got ${income}`);
    return Math.log1p(income);
  },
};

/** Fitted: mean and standard deviation come from training data and are stored, never recomputed per batch. */
export function zScore(name: string, version: string, input: string): Transform {
  return {
    name,
    version,
    inputs: [input],
    output: name,
    fit(rows) {
      const xs = rows.map((r) => num(r, input));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const std = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
      return { mean, std: std > 0 ? std : 1 }; // a constant column scales to 0, not to NaN
    },
    apply: (row, p) => (num(row, input) - param(p, 'mean')) / param(p, 'std'),
  };
}
