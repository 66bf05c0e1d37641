/**
 * The throughput and concurrency calculator: per-replica throughput from
 * concurrency and latency, Little's law for the requests in flight, and the
 * replicas a target load needs at a utilisation target.
 */
import { checkFields, type Evaluation, type NumberSpec } from '../../lib/calculator/input';
import { concurrentThroughput, formatCount, formatRps, formatSignificant, inFlightPerPod, replicasForLoad, singleThreadThroughput } from '../../lib/formulas';

export const PREFIX = 'tp';

export const NUMBER_FIELDS = {
  rps: { label: 'Target load', unit: 'requests/s', min: 0, exclusiveMin: true, max: 100_000_000 },
  latency: { label: 'Latency per request', unit: 'ms', min: 0, exclusiveMin: true, max: 3_600_000 },
  overhead: { label: 'Overhead per request', unit: 'ms', min: 0, max: 3_600_000 },
  concurrency: { label: 'Concurrent requests per replica', min: 1, max: 100_000, integer: true },
  utilisation: { label: 'Target utilisation', unit: '%', min: 0, exclusiveMin: true, max: 100 },
} as const satisfies Record<string, NumberSpec>;
export type Key = keyof typeof NUMBER_FIELDS;
export type Raw = Record<Key, string>;

/**
 * Q13's scenario: 10,000 requests/s at a 50 ms mean, 70 % target. A pod serving
 * 800 requests/s holds 800 × 0.05 = 40 in flight, so 40 slots per replica make
 * the calculator show the page's 18 replicas.
 */
export const DEFAULTS: Raw = { rps: '10000', latency: '50', overhead: '0', concurrency: '40', utilisation: '70' };
export const KEYS = Object.keys(DEFAULTS) as Key[];

export interface ThroughputResult {
  readonly singleThread: string;
  readonly perReplica: string;
  readonly inFlight: string;
  readonly replicas: string;
  readonly inFlightPerReplica: string;
}

export function evaluate(raw: Raw): Evaluation<ThroughputResult, Key> {
  const { values, errors } = checkFields(raw, NUMBER_FIELDS);
  if (Object.keys(errors).length > 0) return { errors };
  const v = values as Record<Key, number>;
  const latency = v.latency / 1000;
  const overhead = v.overhead / 1000;
  const perReplica = concurrentThroughput(v.concurrency, latency, overhead);
  const replicas = replicasForLoad(v.rps, perReplica, v.utilisation / 100);
  // Little's law uses the time a request spends in the system: latency plus overhead.
  const inFlight = inFlightPerPod(v.rps, latency + overhead);
  return {
    errors: {},
    result: {
      singleThread: formatRps(singleThreadThroughput(latency + overhead)),
      perReplica: formatRps(perReplica),
      inFlight: `${formatSignificant(inFlight, 4)} requests`,
      replicas: `${formatCount(replicas)} replica${replicas === 1 ? '' : 's'}`,
      inFlightPerReplica: `${formatSignificant(inFlight / replicas, 3)} of ${formatCount(v.concurrency)} slots`,
    },
  };
}
