/**
 * The cloud cost calculator: GPU and CPU hours, storage and egress per month,
 * and the cost per request. Default prices are the cheat sheet's illustrative
 * list prices, not a quote.
 */
import { checkFields, type Evaluation, type NumberSpec } from '../../lib/calculator/input';
import { HOURS_PER_MONTH, ILLUSTRATIVE_PRICES, costPerRequest, formatUsd, monthlyCost } from '../../lib/formulas';

export const PREFIX = 'cost';

const HOURS_IN_LONGEST_MONTH = 31 * 24;
const price = (label: string, unit: string, max: number): NumberSpec => ({ label, unit, min: 0, max });

export const NUMBER_FIELDS = {
  gpus: { label: 'GPUs', min: 0, max: 100_000 },
  gpuHours: { label: 'Hours per GPU', unit: 'h per month', min: 0, max: HOURS_IN_LONGEST_MONTH },
  gpuPrice: price('GPU price', '$ per hour', 200),
  vcpus: { label: 'vCPUs', min: 0, max: 1_000_000 },
  vcpuHours: { label: 'Hours per vCPU', unit: 'h per month', min: 0, max: HOURS_IN_LONGEST_MONTH },
  vcpuPrice: price('vCPU price', '$ per hour', 10),
  storageGb: { label: 'Storage', unit: 'GB', min: 0, max: 1e10 },
  storagePrice: price('Storage price', '$ per GB-month', 10),
  egressGb: { label: 'Egress', unit: 'GB per month', min: 0, max: 1e10 },
  egressPrice: price('Egress price', '$ per GB', 10),
  requests: { label: 'Requests', unit: 'per month', min: 0, exclusiveMin: true, max: 1e14 },
} as const satisfies Record<string, NumberSpec>;
export type Key = keyof typeof NUMBER_FIELDS;
export type Raw = Record<Key, string>;

/** The cheat sheet's example month. */
export const DEFAULTS: Raw = {
  gpus: '2',
  gpuHours: String(HOURS_PER_MONTH),
  gpuPrice: String(ILLUSTRATIVE_PRICES.gpuOnDemandPerHour.low),
  vcpus: '16',
  vcpuHours: String(HOURS_PER_MONTH),
  vcpuPrice: '0.04',
  storageGb: '1000',
  storagePrice: String(ILLUSTRATIVE_PRICES.storagePerGbMonth),
  egressGb: '500',
  egressPrice: String(ILLUSTRATIVE_PRICES.egressPerGb),
  requests: '10000000',
};
export const KEYS = Object.keys(DEFAULTS) as Key[];

export interface CostResult {
  readonly gpu: string;
  readonly cpu: string;
  readonly storage: string;
  readonly egress: string;
  readonly total: string;
  readonly perRequest: string;
  readonly perMillion: string;
}

export function evaluate(raw: Raw): Evaluation<CostResult, Key> {
  const { values, errors } = checkFields(raw, NUMBER_FIELDS);
  if (Object.keys(errors).length > 0) return { errors };
  const v = values as Record<Key, number>;
  const cost = monthlyCost({
    gpuHours: v.gpus * v.gpuHours,
    gpuPricePerHour: v.gpuPrice,
    vcpuHours: v.vcpus * v.vcpuHours,
    vcpuPricePerHour: v.vcpuPrice,
    storageGb: v.storageGb,
    storagePricePerGbMonth: v.storagePrice,
    egressGb: v.egressGb,
    egressPricePerGb: v.egressPrice,
  });
  const perRequest = costPerRequest(cost.total, v.requests);
  return {
    errors: {},
    result: {
      gpu: formatUsd(cost.gpu),
      cpu: formatUsd(cost.cpu),
      storage: formatUsd(cost.storage),
      egress: formatUsd(cost.egress),
      total: `${formatUsd(cost.total)} per month`,
      perRequest: `${formatUsd(perRequest)} per request`,
      perMillion: `${formatUsd(perRequest * 1e6)} per million requests`,
    },
  };
}
