import { describe, expect, it } from 'vitest';
import {
  availabilityFromMtbf,
  availabilityWithFailoverGaps,
  downtimeMinutesPerMonth,
  downtimeMinutesPerYear,
  nines,
  parallelAvailability,
  replicasForTarget,
  seriesAvailability,
} from './availability';

describe('downtime budgets', () => {
  it('turns the usual SLOs into downtime per year', () => {
    expect(downtimeMinutesPerYear(0.999) / 60).toBeCloseTo(8.76, 2);
    expect(downtimeMinutesPerYear(0.9995) / 60).toBeCloseTo(4.38, 2);
    expect(downtimeMinutesPerYear(0.9999)).toBeCloseTo(52.56, 2);
  });

  it('uses a 30-day month for monthly budgets', () => {
    expect(downtimeMinutesPerMonth(0.999)).toBeCloseTo(43.2, 6);
    expect(downtimeMinutesPerMonth(0.9999)).toBeCloseTo(4.32, 6);
  });

  it('counts nines', () => {
    expect(nines(0.999)).toBeCloseTo(3, 9);
    expect(nines(0.9995)).toBeCloseTo(3.3, 1);
    expect(nines(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('composition', () => {
  it('multiplies parts in series, so a chain is worse than each link', () => {
    expect(seriesAvailability([0.999, 0.999])).toBeCloseTo(0.998001, 9);
    expect(seriesAvailability([0.9999, 0.999, 0.9995])).toBeLessThan(0.999);
    expect(seriesAvailability([])).toBe(1);
  });

  it('makes two independent 99 % parts in parallel worth 99.99 %', () => {
    expect(parallelAvailability([0.99, 0.99])).toBeCloseTo(0.9999, 12);
    expect(parallelAvailability([0.9])).toBeCloseTo(0.9, 12);
  });

  it('shows a shared dependency in series capping a redundant pair', () => {
    const twoRegions = parallelAvailability([0.9995, 0.9995]);
    const withSharedDns = seriesAvailability([twoRegions, 0.9999]);
    expect(twoRegions).toBeGreaterThan(0.999999);
    expect(withSharedDns).toBeLessThan(0.9999);
  });

  it('rejects percentages passed as if they were fractions', () => {
    expect(() => seriesAvailability([99.9])).toThrow(RangeError);
    expect(() => parallelAvailability([])).toThrow(RangeError);
    expect(() => downtimeMinutesPerYear(-0.1)).toThrow(RangeError);
  });
});

describe('MTBF and MTTR', () => {
  it('computes availability as MTBF / (MTBF + MTTR)', () => {
    expect(availabilityFromMtbf(999, 1)).toBeCloseTo(0.999, 12);
    expect(availabilityFromMtbf(720, 0)).toBe(1);
  });

  it('halving repair time does as much as doubling time between failures', () => {
    expect(availabilityFromMtbf(500, 0.5)).toBeCloseTo(availabilityFromMtbf(1000, 1), 12);
  });

  it('refuses a non-positive MTBF', () => {
    expect(() => availabilityFromMtbf(0, 1)).toThrow(RangeError);
  });
});

describe('redundancy planning', () => {
  it('finds how many independent copies reach a target', () => {
    expect(replicasForTarget(0.99, 0.9999)).toBe(2);
    expect(replicasForTarget(0.99, 0.99999)).toBe(3);
    expect(replicasForTarget(0.9, 0.999)).toBe(3);
    expect(replicasForTarget(0.9995, 0.999)).toBe(1);
  });

  it('refuses targets no number of copies can reach', () => {
    expect(() => replicasForTarget(0.99, 1)).toThrow(RangeError);
    expect(() => replicasForTarget(0, 0.9)).toThrow(RangeError);
  });

  it('charges each failover gap against an active-passive pair', () => {
    // Two primary failures a year with 5-minute failovers cost 10 minutes, not 8.76 hours.
    const pair = availabilityWithFailoverGaps(0.99999, 2, 5);
    expect(downtimeMinutesPerYear(pair)).toBeCloseTo(5.256 + 10, 6);
    // Dropping to 99.9 % would take about 105 failovers of 5 minutes each.
    expect(availabilityWithFailoverGaps(1, 105.12, 5)).toBeCloseTo(0.999, 9);
  });
});
