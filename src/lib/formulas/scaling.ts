/**
 * Scaling rules of thumb: typical factors, not measurements. They depend on
 * the model, batch size and hardware; measure before committing to a number.
 * The largest batch that fits in memory is computed, not guessed: see
 * `maxBatchSize` in the GPU memory example.
 */

export interface RuleOfThumb {
  readonly scenario: string;
  /** Factor range; equal bounds for a single typical factor. */
  readonly low: number;
  readonly high: number;
  readonly effect: string;
}

export const SCALING_RULES = {
  cpuToGpu: { scenario: 'CPU to GPU, transformer inference', low: 5, high: 20, effect: 'speed-up, larger with larger batches' },
  fp32ToFp16: { scenario: 'FP32 to FP16/BF16', low: 2, high: 2, effect: 'speed-up and half the weight memory' },
  fp32ToInt8: { scenario: 'FP32 to INT8 quantization', low: 2, high: 3, effect: 'speed-up, a quarter of the weight memory' },
  batchDoublingThroughput: { scenario: 'Doubling the inference batch', low: 1.5, high: 1.5, effect: 'throughput' },
  batchDoublingLatency: { scenario: 'Doubling the inference batch', low: 1.2, high: 1.2, effect: 'latency per batch' },
} as const satisfies Record<string, RuleOfThumb>;

export interface BatchPoint {
  readonly throughputRps: number;
  readonly latencySeconds: number;
}

/**
 * Throughput and latency after doubling the batch `doublings` times under the
 * rule of thumb (×1.5 throughput, ×1.2 latency per doubling). Stops being true
 * once the GPU is compute-bound or memory runs out.
 */
export function afterBatchDoublings(start: BatchPoint, doublings: number): BatchPoint {
  if (!Number.isInteger(doublings) || doublings < 0) throw new RangeError(`doublings must be a whole number of 0 or more, got ${doublings}`);
  if (!(start.throughputRps > 0) || !(start.latencySeconds > 0)) throw new RangeError('throughput and latency must be positive');
  return {
    throughputRps: start.throughputRps * SCALING_RULES.batchDoublingThroughput.low ** doublings,
    latencySeconds: start.latencySeconds * SCALING_RULES.batchDoublingLatency.low ** doublings,
  };
}
