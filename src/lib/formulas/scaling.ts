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

/**
 * One model of a batch: its time is a fixed cost (kernel launches, reading the
 * weights once per step) plus a cost per item, latency = fixed + perItem × batch.
 * One batch runs at a time, so throughput = batch / latency.
 */
export interface BatchCostModel {
  readonly fixedSeconds: number;
  readonly perItemSeconds: number;
}

export function batchLatency(model: BatchCostModel, batchSize: number): number {
  if (!(batchSize > 0)) throw new RangeError(`batchSize must be positive, got ${batchSize}`);
  return model.fixedSeconds + model.perItemSeconds * batchSize;
}

export function batchThroughput(model: BatchCostModel, batchSize: number): number {
  return batchSize / batchLatency(model, batchSize);
}

/**
 * What doubling the batch does when a share `fixedShare` of today's batch time is fixed:
 * latency × (2 − fixedShare), throughput × 2 / (2 − fixedShare). The two always multiply
 * to 2, since twice the items pass per batch. The share falls as batches grow, so each
 * doubling gains less than the one before.
 */
export function doublingFactors(fixedShare: number): { throughput: number; latency: number } {
  if (!(fixedShare >= 0 && fixedShare <= 1)) throw new RangeError(`fixedShare must be in [0, 1], got ${fixedShare}`);
  const latency = 2 - fixedShare;
  return { throughput: 2 / latency, latency };
}

/** Share of the batch time that is fixed in the sheet's example: small batches on a GPU are mostly fixed cost. */
export const TYPICAL_FIXED_SHARE = 0.8;

const typicalDoubling = doublingFactors(TYPICAL_FIXED_SHARE);

export const SCALING_RULES = {
  cpuToGpu: { scenario: 'CPU to GPU, transformer inference', low: 5, high: 20, effect: 'speed-up, larger with larger batches' },
  fp32ToFp16: { scenario: 'FP32 to FP16/BF16', low: 2, high: 2, effect: 'speed-up and half the weight memory' },
  fp32ToInt8: { scenario: 'FP32 to INT8 quantization', low: 2, high: 3, effect: 'speed-up, a quarter of the weight memory' },
  batchDoublingThroughput: {
    scenario: 'Doubling the inference batch',
    low: typicalDoubling.throughput,
    high: typicalDoubling.throughput,
    effect: 'throughput, when 80% of the batch time is fixed cost',
  },
  batchDoublingLatency: {
    scenario: 'Doubling the inference batch',
    low: typicalDoubling.latency,
    high: typicalDoubling.latency,
    effect: 'latency per batch, same batch',
  },
} as const satisfies Record<string, RuleOfThumb>;

export interface BatchPoint {
  readonly throughputRps: number;
  readonly latencySeconds: number;
}

/**
 * The cost model behind a measured point, given the share of its batch time that is fixed:
 * the batch holds throughput × latency requests (Little's law, one batch at a time).
 */
export function batchModelFromPoint(point: BatchPoint, fixedShare: number): { model: BatchCostModel; batchSize: number } {
  if (!(point.throughputRps > 0) || !(point.latencySeconds > 0)) throw new RangeError('throughput and latency must be positive');
  if (!(fixedShare >= 0 && fixedShare < 1)) throw new RangeError(`fixedShare must be in [0, 1), got ${fixedShare}`);
  const batchSize = point.throughputRps * point.latencySeconds;
  return {
    model: { fixedSeconds: fixedShare * point.latencySeconds, perItemSeconds: ((1 - fixedShare) * point.latencySeconds) / batchSize },
    batchSize,
  };
}

/**
 * Throughput and latency after doubling the batch `doublings` times, from the cost model
 * behind the starting point. Stops being true once memory runs out (see `maxBatchSize`).
 */
export function afterBatchDoublings(start: BatchPoint, doublings: number, fixedShare = TYPICAL_FIXED_SHARE): BatchPoint & { readonly batchSize: number } {
  if (!Number.isInteger(doublings) || doublings < 0) throw new RangeError(`doublings must be a whole number of 0 or more, got ${doublings}`);
  const { model, batchSize: startBatch } = batchModelFromPoint(start, fixedShare);
  const batchSize = startBatch * 2 ** doublings;
  return { throughputRps: batchThroughput(model, batchSize), latencySeconds: batchLatency(model, batchSize), batchSize };
}
