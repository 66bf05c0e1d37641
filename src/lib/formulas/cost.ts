/**
 * Cloud cost per month from hours, storage and egress, and cost per request.
 *
 * The unit prices are illustrative AWS-style list prices (approximate, one
 * region, no discounts): they show the arithmetic and the orders of magnitude,
 * not a quote. Check the provider's current price list before using them.
 */

export interface PriceRange {
  readonly low: number;
  readonly high: number;
}

/** Illustrative list prices in US dollars. */
export const ILLUSTRATIVE_PRICES = {
  /** One A10G-class GPU, on demand, per hour. */
  gpuOnDemandPerHour: { low: 1.5, high: 2.5 },
  /** The same GPU as a spot (interruptible) instance, per hour. */
  gpuSpotPerHour: { low: 0.45, high: 0.8 },
  /** One vCPU, per hour. */
  vcpuPerHour: { low: 0.03, high: 0.05 },
  /** Object storage (S3 Standard class), per GB-month. */
  storagePerGbMonth: 0.023,
  /** Data transfer out to the internet, per GB (within a region costs less). */
  egressPerGb: 0.09,
} as const;

/** Hours in an average month: 8,760 / 12. */
export const HOURS_PER_MONTH = 730;

export interface MonthlyCostInputs {
  readonly gpuHours: number;
  readonly gpuPricePerHour: number;
  readonly vcpuHours: number;
  readonly vcpuPricePerHour: number;
  readonly storageGb: number;
  readonly storagePricePerGbMonth: number;
  readonly egressGb: number;
  readonly egressPricePerGb: number;
}

export interface MonthlyCost {
  readonly gpu: number;
  readonly cpu: number;
  readonly storage: number;
  readonly egress: number;
  readonly total: number;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or more, got ${value}`);
  return value;
}

/** Cost = GPU hours × GPU price + vCPU hours × vCPU price + storage GB × price + egress GB × price. */
export function monthlyCost(inputs: MonthlyCostInputs): MonthlyCost {
  for (const [name, value] of Object.entries(inputs)) nonNegative(value as number, name);
  const gpu = inputs.gpuHours * inputs.gpuPricePerHour;
  const cpu = inputs.vcpuHours * inputs.vcpuPricePerHour;
  const storage = inputs.storageGb * inputs.storagePricePerGbMonth;
  const egress = inputs.egressGb * inputs.egressPricePerGb;
  return { gpu, cpu, storage, egress, total: gpu + cpu + storage + egress };
}

/** Instance-hours of a fleet running all month: count × 730 h (× hours-on share for part-time fleets). */
export function fleetHoursPerMonth(count: number, shareOfMonth = 1): number {
  nonNegative(count, 'count');
  if (!(shareOfMonth >= 0 && shareOfMonth <= 1)) throw new RangeError(`shareOfMonth must be in [0, 1], got ${shareOfMonth}`);
  return count * HOURS_PER_MONTH * shareOfMonth;
}

/** Monthly cost divided by the requests it served. */
export function costPerRequest(monthlyTotal: number, requestsPerMonth: number): number {
  nonNegative(monthlyTotal, 'monthlyTotal');
  if (!Number.isFinite(requestsPerMonth) || requestsPerMonth <= 0) throw new RangeError(`requestsPerMonth must be a positive number, got ${requestsPerMonth}`);
  return monthlyTotal / requestsPerMonth;
}
