import { describe, expect, it } from 'vitest';
import { checkEvolution, validateBatch, type DataContract, type Row } from './dataContract';

const v1: DataContract = {
  name: 'payments',
  version: 1,
  fields: {
    amount: { type: 'number', nullable: false, min: 0, max: 10_000 },
    currency: { type: 'string', nullable: false, allowed: ['EUR', 'USD'] },
    merchant_age_days: { type: 'number', nullable: true, maxNullRate: 0.2, min: 0 },
  },
};

const good = (over: Partial<Record<string, unknown>> = {}): Row => ({ amount: 12.5, currency: 'EUR', merchant_age_days: 40, ...over });

describe('validateBatch', () => {
  it('accepts a batch that keeps every promise', () => {
    expect(validateBatch(v1, [good(), good({ merchant_age_days: null }), good(), good(), good()])).toEqual([]);
  });

  it('reports type, range and allowed-value violations with a count and one example each', () => {
    const violations = validateBatch(v1, [good({ amount: '12' }), good({ amount: -1 }), good({ amount: -5 }), good({ currency: 'GBP' })]);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'amount', kind: 'type', count: 1 }),
        expect.objectContaining({ field: 'amount', kind: 'range', count: 2, detail: expect.stringContaining('row 1') }),
        expect.objectContaining({ field: 'currency', kind: 'not-allowed', count: 1 }),
      ]),
    );
    expect(violations).toHaveLength(3);
  });

  it('treats NaN and Infinity as type errors, not as numbers', () => {
    const kinds = validateBatch(v1, [good({ amount: Number.NaN }), good({ amount: Number.POSITIVE_INFINITY })]).map((v) => v.kind);
    expect(kinds).toEqual(['type']);
  });

  it('names the value it refused as it is, NaN included (JSON would print null)', () => {
    expect(validateBatch(v1, [good({ amount: Number.NaN })])[0]?.detail).toBe('row 0: expected number, got NaN');
    expect(validateBatch(v1, [good({ amount: '12' })])[0]?.detail).toBe('row 0: expected number, got "12"');
  });

  it('flags a null in a non-nullable field, and a missing key counts as null', () => {
    const { amount: _dropped, ...withoutAmount } = good();
    expect(validateBatch(v1, [withoutAmount, good({ currency: null })]).map((v) => `${v.field}:${v.kind}`)).toEqual(['amount:null', 'currency:null']);
  });

  it('fails the batch when the null rate passes the limit, even though each null row is allowed', () => {
    const rows = [...Array(7)].map(() => good()).concat([...Array(3)].map(() => good({ merchant_age_days: null })));
    const [violation] = validateBatch(v1, rows);
    expect(violation).toMatchObject({ field: 'merchant_age_days', kind: 'null-rate', count: 3 });
    expect(validateBatch(v1, rows.slice(1))).toHaveLength(1); // 3 of 9 = 0.33: still too many
    expect(validateBatch(v1, rows.slice(0, 8))).toEqual([]); // 1 of 8 = 0.125: fine
  });

  it('rejects an empty batch: an upstream job that wrote nothing is an incident, not a pass', () => {
    expect(validateBatch(v1, [])).toEqual([expect.objectContaining({ kind: 'empty-batch' })]);
  });
});

const next = (fields: DataContract['fields']): DataContract => ({ ...v1, version: 2, fields });

describe('checkEvolution', () => {
  it('lets a producer add an optional field without breaking old consumers', () => {
    const v2 = next({ ...v1.fields, device: { type: 'string', nullable: true } });
    expect(checkEvolution(v1, v2, 'full')).toEqual({ compatible: true, breaking: [] });
  });

  it('breaks retraining on history when a new field promises a low null rate', () => {
    const v2 = next({ ...v1.fields, device: { type: 'string', nullable: true, maxNullRate: 0.05 } });
    expect(checkEvolution(v1, v2, 'forward').compatible).toBe(true);
    const backward = checkEvolution(v1, v2, 'backward');
    expect(backward.compatible).toBe(false);
    expect(backward.breaking[0]).toMatch(/device: absent from v1 data/);
  });

  it('treats removing a required field and changing a type as breaking', () => {
    const { currency: _removed, ...rest } = v1.fields;
    expect(checkEvolution(v1, next(rest), 'forward').breaking).toEqual(['forward: currency: absent from v2 data, required by v1']);
    const retyped = next({ ...v1.fields, amount: { type: 'string', nullable: false } });
    expect(checkEvolution(v1, retyped, 'full').breaking).toHaveLength(2);
  });

  it('treats a widened range or a new category as breaking for old consumers, with a row that proves it', () => {
    const v2 = next({ ...v1.fields, amount: { ...v1.fields.amount!, max: 50_000 }, currency: { ...v1.fields.currency!, allowed: ['EUR', 'USD', 'GBP'] } });
    const result = checkEvolution(v1, v2, 'forward');
    expect(result.breaking).toHaveLength(2);
    const witness = [good({ amount: 20_000, currency: 'GBP' })];
    expect(validateBatch(v2, witness)).toEqual([]);
    expect(validateBatch(v1, witness)).toHaveLength(2);
    expect(checkEvolution(v1, v2, 'backward').compatible).toBe(true);
  });

  it('allows tightening for old consumers but not for new consumers reading old data', () => {
    const v2 = next({ ...v1.fields, merchant_age_days: { type: 'number', nullable: true, maxNullRate: 0.1, min: 0 } });
    expect(checkEvolution(v1, v2, 'forward').compatible).toBe(true);
    expect(checkEvolution(v1, v2, 'backward').breaking).toEqual(['backward: merchant_age_days: null rate up to 0.2 accepted by v1, only 0.1 by v2']);
  });

  it('refuses a version number that does not increase', () => {
    expect(() => checkEvolution(v1, { ...v1 }, 'full')).toThrow(/version must increase/);
  });
});
