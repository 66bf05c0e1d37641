/**
 * Availability arithmetic: pure functions, no I/O, safe to reuse in
 * calculators. Availabilities are fractions (0.999, not 99.9).
 *
 * Two rules carry most of the reasoning:
 * - parts in SERIES (every one must work) multiply: the chain is weaker than its weakest part;
 * - REDUNDANT parts (any one suffices) fail only together: 1 - product of their unavailabilities.
 * Both assume independent failures; shared dependencies (one DNS provider, one
 * config push, one model registry) break that assumption and belong in series.
 */

export const HOURS_PER_YEAR = 365 * 24; // 8,760
export const MINUTES_PER_YEAR = HOURS_PER_YEAR * 60; // 525,600
/** A 30-day month, the usual convention for monthly SLOs. */
export const MINUTES_PER_MONTH = 30 * 24 * 60; // 43,200

function checkFraction(a: number, what = 'availability'): number {
  if (!Number.isFinite(a) || a < 0 || a > 1) {
    throw new RangeError(`${what} must be a fraction between 0 and 1, got ${a}`);
  }
  return a;
}

/** All parts must work: A = a1 × a2 × … × an. */
export function seriesAvailability(parts: readonly number[]): number {
  return parts.reduce((product, a) => product * checkFraction(a), 1);
}

/** Any one part suffices: A = 1 - (1 - a1) × … × (1 - an). */
export function parallelAvailability(parts: readonly number[]): number {
  if (parts.length === 0) throw new RangeError('a redundant group needs at least one part');
  return 1 - parts.reduce((product, a) => product * (1 - checkFraction(a)), 1);
}

/** Steady-state availability from mean time between failures and mean time to repair. */
export function availabilityFromMtbf(mtbfHours: number, mttrHours: number): number {
  if (!(mtbfHours > 0) || !(mttrHours >= 0)) throw new RangeError('MTBF must be positive and MTTR zero or more');
  return mtbfHours / (mtbfHours + mttrHours);
}

/** Expected downtime in minutes per 365-day year: 99.9 % gives 525.6 min (8.76 h). */
export function downtimeMinutesPerYear(availability: number): number {
  return (1 - checkFraction(availability)) * MINUTES_PER_YEAR;
}

/** Expected downtime in minutes per 30-day month: 99.9 % gives 43.2 min. */
export function downtimeMinutesPerMonth(availability: number): number {
  return (1 - checkFraction(availability)) * MINUTES_PER_MONTH;
}

/** "Number of nines": 0.999 gives 3, 0.9995 gives about 3.3. */
export function nines(availability: number): number {
  const unavailable = 1 - checkFraction(availability);
  return unavailable === 0 ? Number.POSITIVE_INFINITY : -Math.log10(unavailable);
}

/** Smallest number of independent copies of a part that reaches the target. */
export function replicasForTarget(partAvailability: number, target: number): number {
  checkFraction(partAvailability, 'part availability');
  checkFraction(target, 'target');
  if (target === 1) throw new RangeError('no finite number of copies reaches 100 %');
  if (partAvailability === 0) throw new RangeError('copies of a part that never works never help');
  if (partAvailability >= target) return 1;
  // 1 - (1 - a)^n >= target  <=>  n >= log(1 - target) / log(1 - a); a small epsilon absorbs rounding.
  return Math.ceil(Math.log(1 - target) / Math.log(1 - partAvailability) - 1e-9);
}

/** Availability an active-passive pair really gets when each primary failure costs a failover gap. */
export function availabilityWithFailoverGaps(base: number, failuresPerYear: number, failoverMinutes: number): number {
  checkFraction(base);
  if (!(failuresPerYear >= 0) || !(failoverMinutes >= 0)) throw new RangeError('failures and failover time must be zero or more');
  return Math.max(0, base - (failuresPerYear * failoverMinutes) / MINUTES_PER_YEAR);
}
