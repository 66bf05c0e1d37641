/**
 * A versioned feature-transform registry and the DAG that runs it.
 *
 * Each transform is an immutable `name:version` entry with declared inputs
 * and one output. `fit` learns parameters from training data only; `apply`
 * turns one row into one value using those stored parameters. Both see only
 * the declared inputs. Training and serving call the same `apply`, so a
 * single serving row gets exactly the value the model saw in training. A
 * name:version is immutable only within one registry, so each fitted step
 * also stores up to three golden input/output rows, which serving replays
 * once when it loads the model.
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

  /**
   * A published version never changes; a new behaviour is a new version. The entry is frozen, so it cannot be
   * edited once registered. ':' is refused in names and versions: `x:y` + `z` and `x` + `y:z` would share one ref.
   */
  register(transform: Transform): this {
    if (transform.name.includes(':') || transform.version.includes(':')) {
      throw new Error(`name and version must not contain ":", got name "${transform.name}" and version "${transform.version}"`);
    }
    const ref = refOf(transform);
    if (this.entries.has(ref)) throw new Error(`${ref} is already registered; publish a new version instead`);
    // A frozen copy: the caller keeps an object it may change, and the published entry cannot be edited.
    this.entries.set(ref, Object.freeze({ ...transform, inputs: Object.freeze([...transform.inputs]) }));
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
  const stuck = transforms.filter((t) => !ordered.includes(t));
  if (stuck.length > 0) throw new Error(describeCycles(stuck, dependents));
  return ordered;
}

/** Names each group of mutually dependent transforms on its own; transforms merely downstream of one are left out. */
function describeCycles(stuck: readonly Transform[], dependents: ReadonlyMap<Transform, Transform[]>): string {
  const downstream = (start: Transform): Set<Transform> => {
    const seen = new Set<Transform>();
    const stack = [...(dependents.get(start) ?? [])];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (seen.has(t)) continue;
      seen.add(t);
      stack.push(...(dependents.get(t) ?? []));
    }
    return seen;
  };
  const named = new Set<Transform>();
  const cycles: string[] = [];
  for (const t of stuck) {
    if (named.has(t) || !downstream(t).has(t)) continue;
    const cycle = stuck.filter((u) => downstream(t).has(u) && downstream(u).has(t));
    cycle.forEach((u) => named.add(u));
    cycles.push(`cycle among ${cycle.map(refOf).join(', ')}`);
  }
  return cycles.join('; ');
}

/** One example a step must reproduce: its declared inputs and the output it gave at fit time. */
export interface GoldenRow {
  readonly input: Row;
  readonly output: Value;
}

/** What is stored with a model version: pinned refs in run order, fitted parameters and golden rows. */
export interface FittedPipeline {
  readonly rawInputs: readonly string[];
  readonly steps: readonly { readonly ref: string; readonly params: Params; readonly golden: readonly GoldenRow[] }[];
}

/** The row cut down to a transform's declared inputs: all that `fit` and `apply` see, and all a golden row stores. */
function pick(row: Row, fields: readonly string[]): Row {
  return Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]!]));
}

/** Training: fit each step on training rows, after the steps it depends on have been applied. */
export function fit(registry: TransformRegistry, refs: readonly string[], rawInputs: readonly string[], trainingRows: readonly Row[]): FittedPipeline {
  if (trainingRows.length === 0) throw new Error('cannot fit transforms on an empty training set');
  const last = trainingRows.length - 1;
  const sample = [...new Set([0, Math.floor(last / 2), last])]; // golden rows: the first, middle and last training rows
  let rows = trainingRows;
  const steps: FittedPipeline['steps'][number][] = [];
  for (const t of plan(registry, refs, rawInputs)) {
    const ref = refOf(t);
    const inputs = rows.map((row) => pick(row, t.inputs));
    const params = Object.freeze({ ...t.fit(inputs) });
    for (const [key, value] of Object.entries(params)) {
      // JSON would store Infinity or NaN as null; refuse it here, where the cause is still visible.
      if (!Number.isFinite(value)) throw new Error(`${ref} fitted ${key} = ${String(value)}; stored parameters must be finite numbers`);
    }
    const outputs = inputs.map((row) => t.apply(row, params));
    const golden = sample.map((i) => ({ input: inputs[i]!, output: outputs[i]! }));
    rows = rows.map((row, i) => ({ ...row, [t.output]: outputs[i]! }));
    steps.push({ ref, params, golden });
  }
  return { rawInputs: [...rawInputs], steps };
}

/**
 * Serving calls this once when it loads a model version: every step must still
 * give its golden outputs. It compares behaviour, not code, so it passes
 * whatever the build and catches edits to helpers and captured values; it
 * sees only what the golden rows exercise.
 */
export function verifyFitted(registry: TransformRegistry, fitted: FittedPipeline): void {
  const fix = 'publish a new version and refit';
  const shown = (v: Value): string => (typeof v === 'string' ? JSON.stringify(v) : String(v)); // "1" vs 1 must look different
  for (const step of fitted.steps) {
    const t = registry.get(step.ref);
    for (const { input, output } of step.golden) {
      let now: Value;
      try {
        now = t.apply(pick(input, t.inputs), step.params);
      } catch (error) {
        // The transform's own message would not say which step of which model failed.
        throw new Error(`${step.ref} throws on golden row ${JSON.stringify(input)} (${String(error)}); ${fix}`, { cause: error });
      }
      if (!reproduces(now, output)) throw new Error(`${step.ref} no longer reproduces golden row ${JSON.stringify(input)}: ${shown(now)} instead of ${shown(output)}; ${fix}`);
    }
  }
}

/**
 * Numbers may differ in the last bits (another math library), so they match within 1e-9: relative to the golden
 * output above 1, absolute below, so outputs near 0 are not held to a vanishing tolerance. NaN matches NaN.
 */
function reproduces(now: Value, golden: Value): boolean {
  if (Object.is(now, golden)) return true;
  return typeof now === 'number' && typeof golden === 'number' && Math.abs(now - golden) <= 1e-9 * Math.max(1, Math.abs(golden));
}

/** Training and serving: one row in, the same features out, whatever the batch size. */
export function transformRow(registry: TransformRegistry, fitted: FittedPipeline, row: Row): Row {
  const missing = fitted.rawInputs.filter((input) => !(input in row));
  if (missing.length > 0) throw new Error(`row lacks raw input(s): ${missing.join(', ')}`);
  const out: Record<string, Value> = { ...row };
  for (const step of fitted.steps) {
    const t = registry.get(step.ref);
    out[t.output] = t.apply(pick(out, t.inputs), step.params);
  }
  return out;
}

function num(row: Row, field: string): number {
  const v = row[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`"${field}" must be a finite number, got ${String(v)}`);
  return v;
}

function param(params: Params, key: string): number {
  const v: unknown = params[key];
  if (v === undefined) throw new Error(`fitted parameter "${key}" is missing; was the pipeline fitted?`);
  // Stored models are read back from JSON, where a non-finite number became null.
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`fitted parameter "${key}" must be a finite number, got ${String(v)}`);
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
      // A constant column gets std 1, as in scikit-learn: its value maps to 0, not NaN; others stay unscaled.
      // "Constant" allows for rounding relative to the values' size: 0.1 three times gives std 1.4e-17, which
      // would map 0.2 to 7.2e15, while 1e-13, 2e-13 and 3e-13 (std 8.2e-14) really vary.
      const largest = xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      const constant = std <= 1e-12 * largest;
      return { mean, std: constant ? 1 : std };
    },
    apply: (row, p) => (num(row, input) - param(p, 'mean')) / param(p, 'std'),
  };
}
