/**
 * Parsing and validation of what a reader types into a calculator. Every
 * problem becomes a short message shown beside the field; a value that
 * passes is a finite number inside its field's realistic range, so the
 * formulas never see (and the page never shows) NaN or Infinity.
 */
import { formatSignificant } from '../formulas/format';

export interface NumberSpec {
  /** Field label as shown, e.g. "Batch size". */
  readonly label: string;
  /** Unit shown after the field and in messages, e.g. "tokens". */
  readonly unit?: string;
  /** Smallest allowed value (inclusive unless `exclusiveMin`). */
  readonly min: number;
  readonly exclusiveMin?: boolean;
  /** Largest realistic value: anything above is taken for a typo. */
  readonly max: number;
  readonly integer?: boolean;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A number as people type it: "1500", "1,500", "1.5e3", " 2.5 ". Not "Infinity", "0x10" or "1,5". */
export function toNumber(raw: string): number | undefined {
  const text = raw.trim().replace(/_/g, '');
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ''));
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const withUnit = (value: number, unit?: string): string => `${formatSignificant(value, 6)}${unit ? ` ${unit}` : ''}`;

export function parseNumber(raw: string, spec: NumberSpec): Parsed<number> {
  if (raw.trim() === '') return { ok: false, message: `Enter a value for ${spec.label.toLowerCase()}.` };
  const value = toNumber(raw);
  if (value === undefined) return { ok: false, message: `"${raw.trim()}" is not a number.` };
  if (value < 0 && spec.min >= 0) return { ok: false, message: `${spec.label} cannot be negative.` };
  if (spec.exclusiveMin ? value <= spec.min : value < spec.min) {
    return { ok: false, message: `${spec.label} must be ${spec.exclusiveMin ? 'more than' : 'at least'} ${withUnit(spec.min, spec.integer ? undefined : spec.unit)}.` };
  }
  if (value > spec.max) return { ok: false, message: `${spec.label} above ${withUnit(spec.max, spec.unit)} is not realistic: check the value.` };
  if (spec.integer && !Number.isInteger(value)) return { ok: false, message: `${spec.label} must be a whole number.` };
  return { ok: true, value };
}

export const MAX_BINS = 100;

/**
 * A histogram typed or pasted as counts or percentages, separated by commas,
 * spaces, tabs, semicolons or new lines (a spreadsheet column pastes as lines).
 */
export function parseHistogram(raw: string, label: string): Parsed<number[]> {
  const tokens = raw.split(/[\s,;]+/).filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, message: `Enter the ${label} bin counts, separated by commas or spaces.` };
  const values: number[] = [];
  for (const token of tokens) {
    const value = toNumber(token.replace(/%$/, ''));
    if (value === undefined) return { ok: false, message: `"${token}" in the ${label} histogram is not a number.` };
    if (value < 0) return { ok: false, message: `The ${label} histogram has a negative count (${token}); counts are zero or more.` };
    values.push(value);
  }
  if (values.length < 2) return { ok: false, message: `The ${label} histogram needs at least two bins.` };
  if (values.length > MAX_BINS) return { ok: false, message: `The ${label} histogram has ${values.length} bins; use at most ${MAX_BINS}.` };
  if (values.every((v) => v === 0)) return { ok: false, message: `Every bin of the ${label} histogram is zero.` };
  if (values.some((v) => v > 1e15)) return { ok: false, message: `A count above 10^15 in the ${label} histogram is not realistic: check the values.` };
  return { ok: true, value: values };
}

export interface FormCheck<K extends string> {
  readonly values: Partial<Record<K, number>>;
  readonly errors: Partial<Record<K, string>>;
}

/** Parses every numeric field of a form; `values` holds the valid ones, `errors` a message per invalid one. */
export function checkFields<K extends string>(raw: Readonly<Partial<Record<string, string>>>, specs: Readonly<Record<K, NumberSpec>>): FormCheck<K> {
  const values: Partial<Record<K, number>> = {};
  const errors: Partial<Record<K, string>> = {};
  for (const key of Object.keys(specs) as K[]) {
    const parsed = parseNumber(raw[key] ?? '', specs[key]);
    if (parsed.ok) values[key] = parsed.value;
    else errors[key] = parsed.message;
  }
  return { values, errors };
}

/** All values when the form is valid, for the formulas; undefined while any field is invalid. */
export function allValid<K extends string>(check: FormCheck<K>): Record<K, number> | undefined {
  return Object.keys(check.errors).length === 0 ? (check.values as Record<K, number>) : undefined;
}

/** What a calculator's form yields: messages per field, a cross-field problem, or a result. */
export interface Evaluation<R, K extends string = string> {
  readonly errors: Partial<Record<K, string>>;
  /** A problem that involves several fields. */
  readonly problem?: string;
  readonly result?: R;
}
