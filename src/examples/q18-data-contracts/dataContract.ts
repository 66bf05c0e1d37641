/**
 * A data contract: typed fields with ranges, allowed values and null-rate
 * limits; batch validation that reports violations instead of throwing on the
 * first bad row; and a compatibility check between two contract versions.
 */

export type FieldType = 'number' | 'string' | 'boolean';

export interface FieldSpec {
  readonly type: FieldType;
  /** Whether null (or a missing key) is allowed at all. */
  readonly nullable: boolean;
  /** Largest share of nulls a batch may have; only meaningful when nullable. Default 1. */
  readonly maxNullRate?: number;
  readonly min?: number;
  readonly max?: number;
  /** Closed set of values for categorical strings. */
  readonly allowed?: readonly string[];
}

export interface DataContract {
  readonly name: string;
  readonly version: number;
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

export type Row = Readonly<Record<string, unknown>>;

export type ViolationKind = 'type' | 'null' | 'range' | 'not-allowed' | 'null-rate' | 'empty-batch';

export interface Violation {
  readonly field: string;
  readonly kind: ViolationKind;
  /** Rows affected; for null-rate, the number of nulls. */
  readonly count: number;
  readonly detail: string;
}

function typeOk(value: unknown, type: FieldType): boolean {
  // NaN and Infinity are numbers to JavaScript but never valid measurements.
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === type;
}

/** A value as the report shows it: JSON, except numbers JSON cannot hold (NaN would print as null). */
const describeValue = (value: unknown): string => (typeof value === 'number' ? String(value) : JSON.stringify(value));

/** Validate a whole batch; violations are aggregated per field and kind, with one example each. */
export function validateBatch(contract: DataContract, rows: readonly Row[]): Violation[] {
  if (rows.length === 0) return [{ field: '*', kind: 'empty-batch', count: 0, detail: 'batch has no rows' }];
  const found = new Map<string, Violation>();
  const add = (field: string, kind: ViolationKind, detail: string) => {
    const key = `${field}:${kind}`;
    const prev = found.get(key);
    found.set(key, { field, kind, count: (prev?.count ?? 0) + 1, detail: prev?.detail ?? detail });
  };
  for (const [field, spec] of Object.entries(contract.fields)) {
    let nulls = 0;
    rows.forEach((row, i) => {
      const value = row[field];
      if (value === null || value === undefined) {
        nulls++;
        if (!spec.nullable) add(field, 'null', `row ${i} has no value`);
        return;
      }
      if (!typeOk(value, spec.type)) return add(field, 'type', `row ${i}: expected ${spec.type}, got ${describeValue(value)}`);
      if (typeof value === 'number' && ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))) {
        add(field, 'range', `row ${i}: ${value} outside [${spec.min ?? '-inf'}, ${spec.max ?? 'inf'}]`);
      }
      if (typeof value === 'string' && spec.allowed && !spec.allowed.includes(value)) {
        add(field, 'not-allowed', `row ${i}: "${value}" is not one of ${spec.allowed.join(', ')}`);
      }
    });
    const rate = nulls / rows.length;
    if (spec.nullable && rate > (spec.maxNullRate ?? 1)) {
      found.set(`${field}:null-rate`, { field, kind: 'null-rate', count: nulls, detail: `null rate ${rate.toFixed(3)} exceeds ${spec.maxNullRate}` });
    }
  }
  return [...found.values()];
}

/** The largest null rate a field promises: 0 when not nullable. */
const nullCeiling = (s: FieldSpec) => (s.nullable ? (s.maxNullRate ?? 1) : 0);

/** A bound as prose writes it, 10,000 (code such as `[0, 10000]` keeps the plain number). */
function separated(n: number): string {
  const [whole, fraction] = String(n).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Reasons why contract `b` may reject a batch that contract `a` accepts; an
 * empty list means every batch valid under `a` is valid under `b`. Fields not
 * in `b` are ignored (readers skip unknown fields), fields new in `b` must
 * tolerate a batch where they are entirely missing.
 */
export function rejectionsOf(a: DataContract, b: DataContract): string[] {
  const reasons: string[] = [];
  const [va, vb] = [`v${a.version}`, `v${b.version}`];
  for (const [field, sb] of Object.entries(b.fields)) {
    const sa = a.fields[field];
    if (!sa) {
      // Assumes producers emit only declared fields, so the field is simply absent under `a`.
      if (nullCeiling(sb) < 1) reasons.push(`${field}: absent from ${va} data, required by ${vb}`);
      continue;
    }
    if (sa.type !== sb.type) {
      reasons.push(`${field}: ${sa.type} in ${va}, ${sb.type} in ${vb}`);
      continue; // ranges and categories of different types are not comparable
    }
    if (nullCeiling(sa) > nullCeiling(sb)) {
      reasons.push(`${field}: null rate up to ${nullCeiling(sa)} accepted by ${va}, only ${nullCeiling(sb)} by ${vb}`);
    }
    if (sb.min !== undefined && (sa.min === undefined || sa.min < sb.min)) reasons.push(`${field}: values below ${separated(sb.min)} accepted by ${va}, rejected by ${vb}`);
    if (sb.max !== undefined && (sa.max === undefined || sa.max > sb.max)) reasons.push(`${field}: values above ${separated(sb.max)} accepted by ${va}, rejected by ${vb}`);
    if (sb.allowed) {
      const extra = sa.allowed ? sa.allowed.filter((v) => !sb.allowed!.includes(v)) : ['any string'];
      if (extra.length > 0) reasons.push(`${field}: ${extra.join(', ')} accepted by ${va}, rejected by ${vb}`);
    }
  }
  return reasons;
}

export type Compatibility = 'forward' | 'backward' | 'full';

/**
 * forward:  consumers still on the old contract can read data produced under the new one.
 * backward: consumers on the new contract can read data produced under the old one (retraining on history).
 * full:     both.
 */
export function checkEvolution(previous: DataContract, next: DataContract, mode: Compatibility): { compatible: boolean; breaking: string[] } {
  if (next.version <= previous.version) throw new Error(`version must increase: ${previous.version} -> ${next.version}`);
  const breaking = [
    ...(mode !== 'backward' ? rejectionsOf(next, previous).map((r) => `forward: ${r}`) : []),
    ...(mode !== 'forward' ? rejectionsOf(previous, next).map((r) => `backward: ${r}`) : []),
  ];
  return { compatible: breaking.length === 0, breaking };
}
