/**
 * The availability calculator: components in series, each with one or more
 * redundant copies, and availability from MTBF and MTTR, with the downtime
 * each allows. Percentages in the form, fractions in the formulas.
 */
import { checkFields, parseNumber, type Evaluation, type NumberSpec } from '../../lib/calculator/input';
import {
  availabilityFromMtbf,
  downtimeMinutesPerMonth,
  downtimeMinutesPerYear,
  formatAvailability,
  formatDecimal,
  formatDuration,
  nines,
  parallelAvailability,
  seriesAvailability,
} from '../../lib/formulas';

export const PREFIX = 'av';
export const MAX_ROWS = 8;

export const ROWS_FIELD: NumberSpec = { label: 'Components', min: 1, max: MAX_ROWS, integer: true };
export const AVAILABILITY_FIELD: NumberSpec = { label: 'Availability', unit: '%', min: 0, exclusiveMin: true, max: 100 };
export const COPIES_FIELD: NumberSpec = { label: 'Redundant copies', min: 1, max: 16, integer: true };
export const MTBF_FIELDS = {
  mtbf: { label: 'MTBF', unit: 'h', min: 0, exclusiveMin: true, max: 10_000_000 },
  mttr: { label: 'MTTR', unit: 'h', min: 0, max: 100_000 },
} as const satisfies Record<string, NumberSpec>;

const rowKeys = (i: number) => [`a${i}`, `n${i}`] as const;
export type RowKey = `a${number}` | `n${number}`;
export type Key = 'rows' | 'mtbf' | 'mttr' | RowKey;
export type Raw = Record<string, string>;

/** Q12's path: a load balancer, two model-server replicas, one feature store. */
const STARTING_ROWS: readonly [string, string][] = [
  ['99.99', '1'],
  ['99.5', '2'],
  ['99.9', '1'],
];

function defaults(): Raw {
  const raw: Raw = { rows: String(STARTING_ROWS.length), mtbf: '1750', mttr: '2' };
  for (let i = 1; i <= MAX_ROWS; i++) {
    const [a, n] = rowKeys(i);
    const [availability, copies] = STARTING_ROWS[i - 1] ?? ['99.9', '1'];
    raw[a] = availability;
    raw[n] = copies;
  }
  return raw;
}

export const DEFAULTS: Raw = defaults();
export const KEYS = Object.keys(DEFAULTS);

export interface Budget {
  readonly availability: string;
  readonly nines: string;
  readonly perYear: string;
  readonly perMonth: string;
}

export interface AvailabilityResult {
  /** Per row: the availability of its redundant group. */
  readonly groups: readonly string[];
  readonly composition?: Budget;
  readonly fromMtbf?: Budget;
}

function budget(a: number): Budget {
  return {
    availability: formatAvailability(a),
    nines: a >= 1 ? 'no downtime' : `${formatDecimal(nines(a), 1)} nines`,
    perYear: `${formatDuration(downtimeMinutesPerYear(a) * 60)} per year`,
    perMonth: `${formatDuration(downtimeMinutesPerMonth(a) * 60)} per month`,
  };
}

/** Number of component rows the form shows (1-8), falling back to the default on a bad link. */
export function rowCount(raw: Raw): number {
  const parsed = parseNumber(raw.rows ?? '', ROWS_FIELD);
  return parsed.ok ? parsed.value : STARTING_ROWS.length;
}

export function evaluate(raw: Raw): Evaluation<AvailabilityResult> {
  const errors: Record<string, string> = {};
  const groups: number[] = [];
  for (let i = 1; i <= rowCount(raw); i++) {
    const [a, n] = rowKeys(i);
    const availability = parseNumber(raw[a] ?? '', { ...AVAILABILITY_FIELD, label: `Availability of component ${i}` });
    const copies = parseNumber(raw[n] ?? '', { ...COPIES_FIELD, label: `Copies of component ${i}` });
    if (!availability.ok) errors[a] = availability.message;
    if (!copies.ok) errors[n] = copies.message;
    if (availability.ok && copies.ok) groups.push(parallelAvailability(Array<number>(copies.value).fill(availability.value / 100)));
  }
  const mtbf = checkFields({ mtbf: raw.mtbf ?? '', mttr: raw.mttr ?? '' }, MTBF_FIELDS);
  Object.assign(errors, mtbf.errors);
  const compositionValid = groups.length === rowCount(raw);
  const mtbfValid = Object.keys(mtbf.errors).length === 0;
  return {
    errors,
    result: {
      groups: groups.map(formatAvailability),
      composition: compositionValid ? budget(seriesAvailability(groups)) : undefined,
      fromMtbf: mtbfValid ? budget(availabilityFromMtbf(mtbf.values.mtbf!, mtbf.values.mttr!)) : undefined,
    },
  };
}
