/**
 * A roofline model of one transformer forward step on one GPU.
 *
 * A step does 2 × parameters FLOP per token it processes and reads every
 * weight once, plus the KV cache it attends over. Its time is the larger of
 * compute time (FLOP / peak FLOP/s) and memory time (bytes / bandwidth): the
 * step is memory-bound when its arithmetic intensity (FLOP per byte) is below
 * the GPU's ridge point (peak FLOP/s / bandwidth), compute-bound above it.
 *
 * Ideal peaks, no efficiency factors: real steps reach a share of each
 * (the calculator on /tools applies them). Attention FLOP and activation
 * traffic are left out, a small error below a few thousand tokens.
 */

export interface Gpu {
  readonly name: string;
  /** Dense BF16/FP16 Tensor Core peak, FLOP per second. */
  readonly peakFlopsPerSecond: number;
  /** Peak memory bandwidth, bytes per second. */
  readonly bandwidthBytesPerSecond: number;
}

export interface Model {
  readonly parameters: number;
  /** 2 for FP16/BF16, 1 for INT8/FP8, 0.5 for INT4. */
  readonly bytesPerWeight: number;
  /** K and V for one token across all layers: 2 × layers × KV width × bytes. */
  readonly kvBytesPerToken: number;
}

/** NVIDIA H100 SXM datasheet (as of December 2026): 989 TFLOP/s dense BF16, 3.35 TB/s. */
export const H100_SXM: Gpu = { name: 'H100 SXM', peakFlopsPerSecond: 989e12, bandwidthBytesPerSecond: 3.35e12 };

/**
 * Llama 3 8B at FP16, shaped as in Meta's published config (meta-llama/Meta-Llama-3-8B). The config lists
 * shapes, not a count: summed from them, the parameters come to 8.03e9, rounded here to 8e9.
 * KV: 32 layers × 2 (K, V) × 8 KV heads × 128 × 2 bytes = 131,072 bytes per token.
 */
export const LLAMA3_8B: Model = { parameters: 8e9, bytesPerWeight: 2, kvBytesPerToken: 2 * 32 * 8 * 128 * 2 };

export interface Step {
  readonly flops: number;
  readonly bytes: number;
  /** FLOP per byte read. */
  readonly intensity: number;
  readonly bound: 'memory' | 'compute';
  readonly seconds: number;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** FLOP per byte at which compute time equals memory time. H100: 989e12 / 3.35e12 = 295. */
export function ridgePoint(gpu: Gpu): number {
  return positive(gpu.peakFlopsPerSecond, 'peakFlopsPerSecond') / positive(gpu.bandwidthBytesPerSecond, 'bandwidthBytesPerSecond');
}

const weightBytes = (model: Model): number => positive(model.parameters, 'parameters') * positive(model.bytesPerWeight, 'bytesPerWeight');

function roofline(flops: number, bytes: number, gpu: Gpu): Step {
  const computeSeconds = flops / gpu.peakFlopsPerSecond;
  const memorySeconds = bytes / gpu.bandwidthBytesPerSecond;
  const intensity = flops / bytes;
  return { flops, bytes, intensity, bound: intensity < ridgePoint(gpu) ? 'memory' : 'compute', seconds: Math.max(computeSeconds, memorySeconds) };
}

/** Prefill: the whole prompt in one pass; the weights are read once for all its tokens and its K and V are written. */
export function prefillStep(model: Model, gpu: Gpu, promptTokens: number): Step {
  positive(promptTokens, 'promptTokens');
  return roofline(2 * model.parameters * promptTokens, weightBytes(model) + promptTokens * positive(model.kvBytesPerToken, 'kvBytesPerToken'), gpu);
}

/** Decode: one new token for each of `batch` sequences; the weights are read once, each sequence's KV cache in full. */
export function decodeStep(model: Model, gpu: Gpu, batch: number, contextTokens: number): Step {
  positiveInteger(batch, 'batch');
  positive(contextTokens, 'contextTokens');
  return roofline(2 * model.parameters * batch, weightBytes(model) + batch * contextTokens * positive(model.kvBytesPerToken, 'kvBytesPerToken'), gpu);
}

/**
 * The intensity decode approaches as the batch grows: the weights are shared,
 * the KV cache is not, so each sequence adds 2 × parameters FLOP and
 * context × KV bytes per token. Below the ridge, no batch makes decode compute-bound.
 */
export function decodeIntensityLimit(model: Model, contextTokens: number): number {
  return (2 * positive(model.parameters, 'parameters')) / (positive(contextTokens, 'contextTokens') * positive(model.kvBytesPerToken, 'kvBytesPerToken'));
}

/** The smallest batch at which decode reaches the ridge, or undefined when the KV cache keeps it below for ever. */
export function batchToReachRidge(model: Model, gpu: Gpu, contextTokens: number): number | undefined {
  const ridge = ridgePoint(gpu);
  positive(contextTokens, 'contextTokens');
  const weights = weightBytes(model);
  // 2PB / (W + B·c·k) = R  =>  B = R·W / (2P − R·c·k), possible only while 2P > R·c·k.
  const denominator = 2 * model.parameters - ridge * contextTokens * positive(model.kvBytesPerToken, 'kvBytesPerToken');
  return denominator <= 0 ? undefined : Math.ceil((ridge * weights) / denominator);
}
