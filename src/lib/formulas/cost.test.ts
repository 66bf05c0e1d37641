import { describe, expect, it } from 'vitest';
import { HOURS_PER_MONTH, ILLUSTRATIVE_PRICES, costPerRequest, fleetHoursPerMonth, monthlyCost } from './cost';

describe('monthlyCost', () => {
  const inputs = {
    gpuHours: fleetHoursPerMonth(2),
    gpuPricePerHour: 1.5,
    vcpuHours: fleetHoursPerMonth(16),
    vcpuPricePerHour: 0.04,
    storageGb: 1000,
    storagePricePerGbMonth: ILLUSTRATIVE_PRICES.storagePerGbMonth,
    egressGb: 500,
    egressPricePerGb: ILLUSTRATIVE_PRICES.egressPerGb,
  };

  it('adds GPU, CPU, storage and egress: 2 GPUs and 16 vCPUs all month, 1 TB stored, 500 GB out is $2,725.20', () => {
    const cost = monthlyCost(inputs);
    expect(cost.gpu).toBeCloseTo(2190, 9);
    expect(cost.cpu).toBeCloseTo(467.2, 9);
    expect(cost.storage).toBeCloseTo(23, 9);
    expect(cost.egress).toBeCloseTo(45, 9);
    expect(cost.total).toBeCloseTo(2725.2, 9);
  });

  it('names the input that is negative', () => {
    expect(() => monthlyCost({ ...inputs, egressGb: -1 })).toThrow(/egressGb/);
  });
});

describe('fleet hours and cost per request', () => {
  it('counts 730 hours in a month', () => {
    expect(HOURS_PER_MONTH * 12).toBe(8760);
    expect(fleetHoursPerMonth(3, 0.5)).toBe(1095);
  });

  it('divides the monthly cost by the requests served', () => {
    expect(costPerRequest(2725.2, 10_000_000)).toBeCloseTo(0.00027252, 12);
  });

  it('rejects zero requests instead of returning Infinity', () => {
    expect(() => costPerRequest(100, 0)).toThrow(RangeError);
    expect(() => fleetHoursPerMonth(1, 2)).toThrow(RangeError);
  });
});
