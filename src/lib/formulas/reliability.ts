/**
 * MTBF and MTTR from an incident log's totals. Availability from them, series
 * and parallel composition and downtime budgets come from the Q12 example
 * (re-exported by the formulas index).
 */

function check(hours: number, failures: number, what: string): void {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`${what} must be zero or more hours, got ${hours}`);
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError(`failures must be a whole number of at least 1, got ${failures}`);
}

/** Mean time between failures: total uptime / number of failures. */
export function mtbfHours(totalUptimeHours: number, failures: number): number {
  check(totalUptimeHours, failures, 'total uptime');
  return totalUptimeHours / failures;
}

/** Mean time to recover: total downtime / number of failures. */
export function mttrHours(totalDowntimeHours: number, failures: number): number {
  check(totalDowntimeHours, failures, 'total downtime');
  return totalDowntimeHours / failures;
}
