/**
 * Back-of-the-envelope GPU memory for serving a decoder-only transformer.
 *
 *   weights  = parameters × bytes per parameter
 *   KV cache = 2 (K and V) × batch × sequence length × layers × KV width × bytes per value
 *   total    = (1 + overhead) × (weights + KV cache)
 *
 * KV width is the hidden size for multi-head attention (MHA). With grouped-query
 * attention (GQA) only the KV heads are cached, so the width is KV heads × head dim.
 * The overhead share (20% by default) stands in for activations, the CUDA context
 * and allocator fragmentation: a rule of thumb, not a measurement.
 *
 * Sizes are decimal (1 GB = 1e9 bytes) and a card's nominal size is treated as
 * 1e9 bytes per GB, which errs on the safe side for "80 GB" parts. The whole card
 * counts: a server that claims only a share of it (vLLM's gpu_memory_utilization)
 * leaves less, so pass that share as the card size.
 */

export interface ModelShape {
  readonly name: string;
  /** Nominal parameter count (7B = 7e9); real checkpoints differ by a few percent. */
  readonly parameters: number;
  readonly layers: number;
  /** Model width (d_model). */
  readonly hiddenSize: number;
  /** Query heads. */
  readonly attentionHeads: number;
  /** Key/value heads: equal to attentionHeads for MHA, fewer for GQA, 1 for MQA. */
  readonly kvHeads: number;
}

export const MODEL_PRESETS = {
  '7B': { name: 'Llama 2 7B (MHA)', parameters: 7e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32 },
  '8B': { name: 'Llama 3 8B (GQA)', parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 },
  '13B': { name: 'Llama 2 13B (MHA)', parameters: 13e9, layers: 40, hiddenSize: 5120, attentionHeads: 40, kvHeads: 40 },
  '70B': { name: 'Llama 2 70B (GQA)', parameters: 70e9, layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8 },
} as const satisfies Record<string, ModelShape>;

export type PresetName = keyof typeof MODEL_PRESETS;

/** Common single-GPU memory sizes: 24 GB (L4, A10G), 40 GB (A100 40GB), 48 GB (L40S), 80 GB (A100/H100 80GB). */
export const GPU_MEMORY_GB = [24, 40, 48, 80] as const;

export interface ServingWorkload {
  /** Sequences resident at once (concurrent requests in a continuous batch). */
  readonly batchSize: number;
  /** Prompt plus generated tokens per sequence. */
  readonly sequenceLength: number;
  /** 16 for FP16/BF16, 8 for INT8/FP8, 4 for 4-bit (scales and zero points not counted). */
  readonly weightBits?: number;
  /** 2 for an FP16 KV cache, 1 for an FP8 KV cache. */
  readonly kvBytesPerValue?: number;
  /** Share added for activations and runtime overhead; 0.2 means +20%. */
  readonly overheadFraction?: number;
}

export interface GpuFit {
  readonly memoryGB: number;
  readonly fitsOnOne: boolean;
  /** Lower bound on cards when sharded evenly (tensor parallelism adds its own overhead). */
  readonly minGpus: number;
}

export interface MemoryEstimate {
  readonly weightsBytes: number;
  readonly kvCacheBytes: number;
  readonly overheadBytes: number;
  readonly totalBytes: number;
  readonly kvBytesPerToken: number;
  readonly weightsGB: number;
  readonly kvCacheGB: number;
  readonly totalGB: number;
  readonly fits: readonly GpuFit[];
}

const BYTES_PER_GB = 1e9;

export const toGB = (bytes: number): number => bytes / BYTES_PER_GB;

function requirePositive(label: string, value: number, integer = false): void {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${label} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}

/** One check for both callers, so a negative or NaN overhead cannot inflate a batch or a total. */
function overheadOf(workload: Pick<ServingWorkload, 'overheadFraction'>): number {
  const overhead = workload.overheadFraction ?? 0.2;
  if (!Number.isFinite(overhead) || overhead < 0) throw new RangeError(`overheadFraction must be a finite number >= 0, got ${overhead}`);
  return overhead;
}

/** Width of one cached K (or V) vector per layer: hidden size for MHA, KV heads × head dim for GQA. */
export function kvWidth(model: ModelShape): number {
  // A zero or negative width passes the divisibility checks below and yields memory that "fits".
  requirePositive('hiddenSize', model.hiddenSize, true);
  requirePositive('attentionHeads', model.attentionHeads, true);
  requirePositive('kvHeads', model.kvHeads, true);
  if (model.hiddenSize % model.attentionHeads !== 0) {
    throw new RangeError(`hiddenSize ${model.hiddenSize} is not divisible by ${model.attentionHeads} heads`);
  }
  if (model.attentionHeads % model.kvHeads !== 0) {
    throw new RangeError(`${model.attentionHeads} query heads cannot be grouped over ${model.kvHeads} KV heads`);
  }
  return model.kvHeads * (model.hiddenSize / model.attentionHeads);
}

export function weightBytes(model: ModelShape, weightBits = 16): number {
  requirePositive('parameters', model.parameters);
  requirePositive('weightBits', weightBits);
  return (model.parameters * weightBits) / 8;
}

/** KV cache bytes for one token across all layers (K and V). */
export function kvBytesPerToken(model: ModelShape, kvBytesPerValue = 2): number {
  requirePositive('layers', model.layers, true);
  requirePositive('kvBytesPerValue', kvBytesPerValue);
  return 2 * model.layers * kvWidth(model) * kvBytesPerValue;
}

export function kvCacheBytes(model: ModelShape, workload: ServingWorkload): number {
  requirePositive('batchSize', workload.batchSize, true);
  requirePositive('sequenceLength', workload.sequenceLength, true);
  return workload.batchSize * workload.sequenceLength * kvBytesPerToken(model, workload.kvBytesPerValue);
}

export function estimateServingMemory(model: ModelShape, workload: ServingWorkload, gpuSizesGB: readonly number[] = GPU_MEMORY_GB): MemoryEstimate {
  const overhead = overheadOf(workload);
  // A 0 GB card would need Infinity cards and a negative one 0.
  for (const memoryGB of gpuSizesGB) requirePositive('gpuSizesGB', memoryGB);
  const weights = weightBytes(model, workload.weightBits);
  const kv = kvCacheBytes(model, workload);
  const overheadBytes = overhead * (weights + kv);
  const total = weights + kv + overheadBytes;
  return {
    weightsBytes: weights,
    kvCacheBytes: kv,
    overheadBytes,
    totalBytes: total,
    kvBytesPerToken: kvBytesPerToken(model, workload.kvBytesPerValue),
    weightsGB: toGB(weights),
    kvCacheGB: toGB(kv),
    totalGB: toGB(total),
    fits: gpuSizesGB.map((memoryGB) => {
      const capacity = memoryGB * BYTES_PER_GB;
      return { memoryGB, fitsOnOne: total <= capacity, minGpus: Math.ceil(total / capacity) };
    }),
  };
}

/**
 * Largest batch whose estimate fits on one card of the given size. It is 0 when
 * not even one sequence fits: either the weights plus overhead fill the card, or
 * they fit but one sequence's KV cache is larger than the room they leave.
 */
export function maxBatchSize(model: ModelShape, gpuMemoryGB: number, workload: Omit<ServingWorkload, 'batchSize'>): number {
  requirePositive('gpuMemoryGB', gpuMemoryGB);
  requirePositive('sequenceLength', workload.sequenceLength, true);
  const overhead = overheadOf(workload);
  const kvBudget = (gpuMemoryGB * BYTES_PER_GB) / (1 + overhead) - weightBytes(model, workload.weightBits);
  const perSequence = workload.sequenceLength * kvBytesPerToken(model, workload.kvBytesPerValue);
  return kvBudget <= 0 ? 0 : Math.floor(kvBudget / perSequence);
}
