/**
 * How figures are written on the cheat sheet and in the calculators: one
 * formatter per kind of quantity, always with its unit, US number style
 * (1,234.5), and a thin space before "%" as in the rest of the handbook.
 * Every formatter refuses NaN and Infinity, so they can never reach a page.
 */

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${what}: ${value} is not a finite number`);
  return value;
}

const trimZeros = (text: string): string => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);

/** Fixed decimals, trailing zeros dropped, thousands grouped: 14.0 -> "14", 1234.56 -> "1,234.6". */
export function formatDecimal(value: number, maxFractionDigits = 1): string {
  finite(value, 'a number');
  return value.toLocaleString('en-US', { maximumFractionDigits: maxFractionDigits, minimumFractionDigits: 0 });
}

/** Significant digits, thousands grouped, never in exponent notation: 133.33 -> "133". */
export function formatSignificant(value: number, digits = 3): string {
  finite(value, 'a number');
  return value.toLocaleString('en-US', { maximumSignificantDigits: digits });
}

/** Whole numbers with grouping: 10000 -> "10,000". */
export function formatCount(value: number): string {
  finite(value, 'a count');
  return Math.round(value).toLocaleString('en-US');
}

/** Decimal gigabytes (1e9 bytes): one decimal from 1 GB up, two significant digits below. */
export function formatGB(gigabytes: number): string {
  finite(gigabytes, 'a size');
  return `${gigabytes >= 1 || gigabytes === 0 ? formatDecimal(gigabytes, 1) : formatSignificant(gigabytes, 2)} GB`;
}

/** Binary gibibytes from bytes (1 GiB = 2^30 bytes). */
export function formatGiBFromBytes(bytes: number): string {
  finite(bytes, 'a size');
  return `${formatDecimal(bytes / 2 ** 30, 1)} GiB`;
}

const FLOP_PREFIXES = [
  [1e21, 'Z'],
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
] as const;

/** An amount of floating-point operations with an SI prefix: 2.867e13 -> "28.7 TFLOP". */
export function formatFlop(amount: number): string {
  finite(amount, 'a FLOP count');
  const [scale, prefix] = FLOP_PREFIXES.find(([s]) => Math.abs(amount) >= s) ?? [1, ''];
  return `${formatSignificant(amount / scale, 3)} ${prefix}FLOP`;
}

/** A fraction as a percentage with a fixed number of decimals, trailing zeros dropped: 0.25 -> "25 %". */
export function formatPercent(fraction: number, maxFractionDigits = 1): string {
  finite(fraction, 'a percentage');
  return `${trimZeros((fraction * 100).toFixed(maxFractionDigits))} %`;
}

/**
 * An availability with as many decimals as its nines need, so 0.9999 shows as
 * "99.99 %" rather than "100 %": decimals = nines - 1, between 1 and 6.
 */
export function formatAvailability(fraction: number): string {
  finite(fraction, 'an availability');
  if (fraction < 0 || fraction > 1) throw new RangeError(`an availability is between 0 and 1, got ${fraction}`);
  const unavailable = 1 - fraction;
  const decimals = unavailable <= 0 ? 6 : Math.min(6, Math.max(1, Math.ceil(-Math.log10(unavailable) - 1e-9) - 1));
  return formatPercent(fraction, decimals);
}

/** A duration in the largest unit that keeps it readable: ms, s, min or h. */
export function formatDuration(seconds: number): string {
  finite(seconds, 'a duration');
  if (seconds < 1) return `${formatSignificant(seconds * 1000, 3)} ms`;
  if (seconds < 60) return `${formatSignificant(seconds, 3)} s`;
  if (seconds < 3600) return `${formatSignificant(seconds / 60, 3)} min`;
  return `${formatSignificant(seconds / 3600, 3)} h`;
}

/** US dollars: cents from $1 up ("$2,725.20"), three significant digits below ("$0.80", "$0.000273"). */
export function formatUsd(amount: number): string {
  finite(amount, 'an amount of money');
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (abs === 0) return '$0';
  if (abs >= 1) return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  // Below $1: three significant digits, but never fewer than two decimals ("$0.80", "$0.023", "$0.000273").
  return `${sign}$${Number(abs.toPrecision(3)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 20 })}`;
}

/** A price range with the currency written once: "$1.50-2.50". */
export function formatUsdRange(range: { readonly low: number; readonly high: number }): string {
  return `${formatUsd(range.low)}-${formatUsd(range.high).replace(/^\$/, '')}`;
}

/** Requests per second with three significant digits. */
export function formatRps(requestsPerSecond: number): string {
  finite(requestsPerSecond, 'a request rate');
  return `${formatSignificant(requestsPerSecond, 3)} requests/s`;
}
