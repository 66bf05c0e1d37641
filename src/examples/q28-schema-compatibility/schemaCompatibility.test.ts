import { describe, expect, it } from 'vitest';
import { admit, checkCompatibility, readProblems, satisfies, type Field, type RecordSchema } from './schemaCompatibility';

const v1: RecordSchema = {
  name: 'Transaction',
  fields: [
    { name: 'user_id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'country', type: 'string' },
    { name: 'items', type: 'int' },
  ],
};

const withFields = (...fields: Field[]): RecordSchema => ({ name: 'Transaction', fields: [...v1.fields, ...fields] });
const without = (name: string): RecordSchema => ({ name: 'Transaction', fields: v1.fields.filter((f) => f.name !== name) });
const replacing = (field: Field): RecordSchema => ({ name: 'Transaction', fields: v1.fields.map((f) => (f.name === field.name ? field : f)) });

describe('checkCompatibility', () => {
  it('rates adding an optional field with a default as FULL: new readers fill the default, old readers skip the field', () => {
    const report = checkCompatibility(v1, withFields({ name: 'channel', type: 'string', default: 'web' }));
    expect(report).toEqual({ level: 'FULL', backward: [], forward: [] });
  });

  it('rates adding a required field as FORWARD only: new readers cannot read old records', () => {
    const report = checkCompatibility(v1, withFields({ name: 'merchant_id', type: 'string' }));
    expect(report.level).toBe('FORWARD');
    expect(report.backward).toEqual(['"merchant_id" is missing from the data and has no default']);
  });

  it('rates removing a required field as BACKWARD only: old readers still expect it, so existing consumers break', () => {
    const report = checkCompatibility(v1, without('country'));
    expect(report.level).toBe('BACKWARD');
    expect(report.forward).toEqual(['"country" is missing from the data and has no default']);
    expect(satisfies(report.level, 'FORWARD')).toBe(false);
  });

  it('rates removing a field that had a default as FULL', () => {
    const before = withFields({ name: 'channel', type: 'string', default: 'web' });
    expect(checkCompatibility(before, v1).level).toBe('FULL');
  });

  it('rates changing a type from string to int as NONE', () => {
    const report = checkCompatibility(v1, replacing({ name: 'country', type: 'int' }));
    expect(report.level).toBe('NONE');
    expect(report.backward).toEqual(['"country" is string in the data but int in the reader']);
    expect(report.forward).toEqual(['"country" is int in the data but string in the reader']);
  });

  it('rates widening int to long as BACKWARD: old int readers cannot take longs', () => {
    const report = checkCompatibility(v1, replacing({ name: 'items', type: 'long' }));
    expect(report.level).toBe('BACKWARD');
    expect(report.forward).toEqual(['"items" is long in the data but int in the reader']);
  });

  it('rates making a field nullable as BACKWARD: old readers would meet nulls', () => {
    const report = checkCompatibility(v1, replacing({ name: 'country', type: 'string', nullable: true }));
    expect(report.level).toBe('BACKWARD');
    expect(report.forward[0]).toMatch(/may be null in the data/);
  });

  it('rejects a default that does not fit its type instead of filling it in silently', () => {
    expect(() => checkCompatibility(v1, withFields({ name: 'score', type: 'int', default: 0.5 }))).toThrow(/not a valid int/);
    expect(() => checkCompatibility(v1, withFields({ name: 'note', type: 'string', default: null }))).toThrow(/not a valid string/);
    expect(checkCompatibility(v1, withFields({ name: 'note', type: 'string', nullable: true, default: null })).level).toBe('FULL');
  });
});

describe('readProblems', () => {
  it('ignores fields the writer sends and the reader does not know', () => {
    expect(readProblems(v1, withFields({ name: 'extra', type: 'boolean' }))).toEqual([]);
  });
});

describe('admit (registry enforcement)', () => {
  const v2 = withFields({ name: 'channel', type: 'string', default: 'web' });
  const v3 = withFields({ name: 'channel', type: 'string' }); // the default was dropped

  it('lets a change through under BACKWARD when it only breaks versions older than the latest', () => {
    expect(admit([v1, v2], v3, 'BACKWARD')).toEqual({ ok: true, problems: [] });
  });

  it('catches the same change under BACKWARD_TRANSITIVE, naming the version it breaks', () => {
    expect(admit([v1, v2], v3, 'BACKWARD', true)).toEqual({
      ok: false,
      problems: ['v1: "channel" is missing from the data and has no default'],
    });
  });

  it('blocks a type change under FULL with the problems in both directions', () => {
    const result = admit([v1], replacing({ name: 'amount', type: 'string' }), 'FULL');
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(2);
  });
});
