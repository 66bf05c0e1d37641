/**
 * Demo: a payments contract with a 2 % null-rate limit checks four batches: a
 * clean one, one with a negative amount and a NaN, one whose null rate jumps
 * from 1 % to 30 % although every row is fine, and an empty one. It then finds
 * where the limit starts to reject at 100 and at 10,000 rows, and rates three
 * proposed v2 contracts for forward and backward compatibility.
 */
import { checkEvolution, validateBatch, type DataContract, type Row, type Violation } from './dataContract';

const v1: DataContract = {
  name: 'payments',
  version: 1,
  fields: {
    amount: { type: 'number', nullable: false, min: 0, max: 10_000 },
    currency: { type: 'string', nullable: false, allowed: ['EUR', 'USD'] },
    device: { type: 'string', nullable: true, maxNullRate: 0.02 },
  },
};

/** `size` valid rows whose first `nullDevices` rows have no device. */
function batch(size: number, nullDevices: number): Row[] {
  return Array.from({ length: size }, (_, i) => ({ amount: 10 + (i % 1000), currency: i % 2 ? 'USD' : 'EUR', device: i < nullDevices ? null : 'ios' }));
}

/** "amount range x2": the field, the kind and how many rows (an empty batch has no count). */
const name = (v: Violation): string => `${v.field} ${v.kind}${v.count > 0 ? ` x${v.count}` : ''}`;
const report = (violations: Violation[]): string => (violations.length === 0 ? 'no violations' : violations.map((v) => `${name(v)} (${v.detail})`).join('; '));

const rejects = (size: number, nulls: number): boolean => validateBatch(v1, batch(size, nulls)).length > 0;

/**
 * Where the null-rate limit starts to reject a batch of `size` rows: the `nulls`
 * count the contract rejects while it accepts one null fewer, found by bisection.
 */
function firstAlarm(size: number): number {
  if (rejects(size, 0) || !rejects(size, size)) throw new Error('expected a clean batch to pass and an all-null one to fail');
  let [accepted, rejected] = [0, size];
  while (rejected - accepted > 1) {
    const middle = Math.floor((accepted + rejected) / 2);
    if (rejects(size, middle)) rejected = middle;
    else accepted = middle;
  }
  return rejected;
}

/** Demo arithmetic, not the module: P(at least k nulls in n rows) when each row is null with chance p. */
function binomialTail(n: number, p: number, k: number): number {
  const logFactorial = [0];
  for (let i = 1; i <= n; i++) logFactorial.push(logFactorial[i - 1]! + Math.log(i));
  let tail = 0;
  for (let j = k; j <= n; j++) tail += Math.exp(logFactorial[n]! - logFactorial[j]! - logFactorial[n - j]! + j * Math.log(p) + (n - j) * Math.log(1 - p));
  return tail;
}

const v2 = (change: Partial<DataContract['fields']>): DataContract => ({ ...v1, version: 2, fields: { ...v1.fields, ...change } as DataContract['fields'] });

export function demo(): {
  batches: Record<string, string[]>;
  firstAlarm: { rows100: number; rows10000: number };
  falseAlarmPercentAt100Rows: number;
  breaking: Record<string, string[]>;
  witnessViolations: { v1: number; v2: number };
} {
  console.log('contract payments v1: amount 0..10000, currency EUR or USD, device may be null in up to 2 % of a batch');
  const badValues = batch(100, 1).map((row, i) => (i === 3 ? { ...row, amount: -12 } : i === 7 ? { ...row, amount: Number.NaN } : i === 8 ? { ...row, amount: -1 } : row));
  const batches: [string, string, Row[]][] = [
    ['clean', '100 rows, 1 null device (1 %)', batch(100, 1)],
    ['badValues', '100 rows, amounts -12, NaN, -1 in rows 3, 7, 8', badValues],
    ['nullBurst', '100 rows, 30 null devices (30 %)', batch(100, 30)],
    ['empty', '0 rows', []],
  ];
  const results: Record<string, string[]> = {};
  for (const [id, label, rows] of batches) {
    const violations = validateBatch(v1, rows);
    results[id] = violations.map(name);
    console.log(`${label}: ${report(violations)}`);
  }

  const rows100 = firstAlarm(100);
  const rows10000 = firstAlarm(10_000);
  const tail100 = binomialTail(100, 0.01, rows100);
  const tail10000 = binomialTail(10_000, 0.01, rows10000);
  console.log(
    `100 rows: ${rows100 - 1} nulls pass, ${rows100} fail; at a true 1 % null rate, ${rows100} or more occur in ${(100 * tail100).toFixed(1)} % of batches, a false alarm on one in ${Math.round(1 / tail100)} (binomial, demo arithmetic)`,
  );
  console.log(
    `10,000 rows: ${rows10000 - 1} nulls pass, ${rows10000} fail; at a true 1 % null rate, ${rows10000} or more occur with a chance of ${tail10000.toExponential(0)} (demo arithmetic)`,
  );

  const widened = v2({ amount: { ...v1.fields.amount!, max: 50_000 }, currency: { ...v1.fields.currency!, allowed: ['EUR', 'USD', 'GBP'] } });
  const proposals: [string, string, DataContract][] = [
    ['addOptional', 'v2 adds an optional "channel"', v2({ channel: { type: 'string', nullable: true } })],
    ['widen', 'v2 raises the amount max to 50,000 and adds GBP', widened],
    ['lowNullField', 'v2 adds "merchant_age_days", null in at most 5 %', v2({ merchant_age_days: { type: 'number', nullable: true, maxNullRate: 0.05 } })],
  ];
  // A row that proves the widening breaks old consumers: v2 accepts it, v1 does not.
  const witness: Row[] = [{ amount: 20_000, currency: 'GBP', device: 'ios' }];
  const witnessViolations = { v1: validateBatch(v1, witness).length, v2: validateBatch(widened, witness).length };
  const breaking: Record<string, string[]> = {};
  for (const [id, label, next] of proposals) {
    const result = checkEvolution(v1, next, 'full');
    breaking[id] = result.breaking;
    console.log(`${label}: ${result.compatible ? 'fully compatible' : result.breaking.join('; ')}`);
    if (id === 'widen') console.log(`  the row { amount: 20000, currency: "GBP" }: ${witnessViolations.v2} violations under v2, ${witnessViolations.v1} under v1`);
  }
  return { batches: results, firstAlarm: { rows100, rows10000 }, falseAlarmPercentAt100Rows: Math.round(1000 * tail100) / 10, breaking, witnessViolations };
}
