import { describe, expect, it } from 'vitest';
import { allValid, checkFields, parseHistogram, parseNumber, toNumber, type NumberSpec } from './input';

const batch: NumberSpec = { label: 'Batch size', unit: 'sequences', min: 1, max: 4096, integer: true };
const latency: NumberSpec = { label: 'Latency', unit: 'ms', min: 0, exclusiveMin: true, max: 600_000 };

describe('toNumber', () => {
  it('reads numbers as people type them', () => {
    expect(toNumber(' 2.5 ')).toBe(2.5);
    expect(toNumber('1,500')).toBe(1500);
    expect(toNumber('1_000_000')).toBe(1e6);
    expect(toNumber('7e9')).toBe(7e9);
    expect(toNumber('.5')).toBe(0.5);
  });

  it('refuses what is not a plain finite number', () => {
    for (const text of ['', 'abc', 'Infinity', '1e999', '0x10', '1,5', '1.2.3', 'NaN', '12px']) expect(toNumber(text), text).toBeUndefined();
  });
});

describe('parseNumber', () => {
  it('accepts a value in range', () => {
    expect(parseNumber('32', batch)).toEqual({ ok: true, value: 32 });
  });

  it('says what to do with an empty field', () => {
    expect(parseNumber('  ', batch)).toEqual({ ok: false, message: 'Enter a value for batch size.' });
  });

  it('rejects text, negatives, fractions of whole things and zero where zero is meaningless', () => {
    expect(parseNumber('lots', batch)).toEqual({ ok: false, message: '"lots" is not a number.' });
    expect(parseNumber('-4', batch)).toEqual({ ok: false, message: 'Batch size cannot be negative.' });
    expect(parseNumber('2.5', batch)).toEqual({ ok: false, message: 'Batch size must be a whole number.' });
    expect(parseNumber('0', latency)).toEqual({ ok: false, message: 'Latency must be more than 0 ms.' });
    expect(parseNumber('0', batch)).toEqual({ ok: false, message: 'Batch size must be at least 1.' });
  });

  it('takes an absurd value for a typo', () => {
    expect(parseNumber('100000', batch)).toEqual({ ok: false, message: 'Batch size above 4,096 sequences is not realistic: check the value.' });
    expect(parseNumber('1e308', latency).ok).toBe(false);
  });
});

describe('parseHistogram', () => {
  it('reads counts separated by commas, spaces, semicolons or lines, and percentages', () => {
    expect(parseHistogram('10, 20 30;40', 'reference')).toEqual({ ok: true, value: [10, 20, 30, 40] });
    expect(parseHistogram('25%\n25%\n50%\n', 'current')).toEqual({ ok: true, value: [25, 25, 50] });
  });

  it('explains what is wrong with a histogram', () => {
    expect(parseHistogram('', 'reference')).toEqual({ ok: false, message: 'Enter the reference bin counts, separated by commas or spaces.' });
    expect(parseHistogram('10, x, 30', 'reference')).toEqual({ ok: false, message: '"x" in the reference histogram is not a number.' });
    expect(parseHistogram('10, -3', 'current')).toEqual({ ok: false, message: 'The current histogram has a negative count (-3); counts are zero or more.' });
    expect(parseHistogram('100', 'current')).toEqual({ ok: false, message: 'The current histogram needs at least two bins.' });
    expect(parseHistogram('0 0 0', 'current')).toEqual({ ok: false, message: 'Every bin of the current histogram is zero.' });
    expect(parseHistogram(Array(101).fill('1').join(','), 'current').ok).toBe(false);
  });
});

describe('checkFields', () => {
  it('collects a message per invalid field and the values of the valid ones', () => {
    const check = checkFields({ batch: '8', latency: '' }, { batch, latency });
    expect(check.values).toEqual({ batch: 8 });
    expect(check.errors).toEqual({ latency: 'Enter a value for latency.' });
    expect(allValid(check)).toBeUndefined();
    expect(allValid(checkFields({ batch: '8', latency: '50' }, { batch, latency }))).toEqual({ batch: 8, latency: 50 });
  });
});
