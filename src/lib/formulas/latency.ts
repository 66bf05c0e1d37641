/**
 * Latency and throughput arithmetic for a service that answers requests.
 * Latencies are in seconds, throughputs in requests per second. Little's law
 * (in flight = throughput × latency) and replica counts come from the Q13
 * example and are re-exported by the formulas index.
 */

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or more, got ${value}`);
  return value;
}

/** Ceiling of a worker that serves one request at a time: 1 / latency. 50 ms gives 20 requests/s. */
export function singleThreadThroughput(latencySeconds: number): number {
  return 1 / positive(latencySeconds, 'latencySeconds');
}

/**
 * Throughput with parallelism: concurrency / (latency + overhead). The overhead
 * (serialisation, network, scheduling) is paid per request on each slot.
 */
export function concurrentThroughput(concurrency: number, latencySeconds: number, overheadSeconds = 0): number {
  positive(concurrency, 'concurrency');
  return concurrency / (positive(latencySeconds, 'latencySeconds') + nonNegative(overheadSeconds, 'overheadSeconds'));
}

/** For a normal distribution the 99th percentile is 2.326 standard deviations above the mean. */
export const Z_P99_NORMAL = 2.326;

/**
 * Rough tail estimate: mean + k × standard deviation. k = 3 is the usual rule of
 * thumb; a normal distribution would need only 2.326, but real latency has a long
 * right tail (queueing, GC pauses, cache misses), so measure the percentile itself.
 */
export function tailLatencyEstimate(meanSeconds: number, stdDevSeconds: number, k = 3): number {
  return nonNegative(meanSeconds, 'meanSeconds') + positive(k, 'k') * nonNegative(stdDevSeconds, 'stdDevSeconds');
}
