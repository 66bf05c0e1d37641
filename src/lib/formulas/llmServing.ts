/**
 * First-order LLM serving estimates for one GPU: the roofline of a decode
 * step (memory-bound), prefill (compute-bound), the batch the KV cache allows
 * and the cost per million output tokens.
 *
 *   decode step  = (weight bytes + KV bytes of the batch) / (bandwidth × efficiency)
 *   tokens/s     = batch / decode step
 *   TTFT         = max(2 × parameters × prompt tokens / (peak FLOP/s × MFU),
 *                      (weight bytes + prompt KV bytes) / (bandwidth × efficiency))
 *   largest batch = ⌊(memory × usable share − weights − overhead) / KV bytes per sequence⌋
 *   $ per 1M     = price per GPU-hour / (tokens/s × 3,600) × 10^6
 *
 * KV bytes come from the GPU memory example (one KV formula in the handbook).
 * TTFT is the prefill alone: its last position yields the first token, and
 * queueing, tokenisation and network time are left out. A prompt shorter than
 * the ridge point in tokens is memory-bound like a decode step, so TTFT is
 * never less than one read of the weights. Attention FLOP and
 * activation traffic are left out too, which is close below a few thousand tokens.
 */
import { kvBytesPerToken, weightBytes, type ModelShape } from '../../examples/interview-q23-gpu-memory/gpuMemory';
import { computeSeconds, forwardFlops } from './compute';

export interface GpuSpec {
  readonly name: string;
  readonly memoryGB: number;
  /** Peak memory bandwidth, bytes per second. */
  readonly bandwidthBytesPerSecond: number;
  /** Dense (no sparsity) BF16/FP16 Tensor Core peak, FLOP per second. */
  readonly peakFlopsPerSecond: number;
}

/** Where the GPU presets come from; the figures are the vendor's peaks, not measurements. */
export const GPU_SPEC_SOURCE = 'NVIDIA A100, H100 and L4 datasheets, as of December 2026';

export const GPU_PRESETS = {
  a100: { name: 'A100 80GB SXM', memoryGB: 80, bandwidthBytesPerSecond: 2.039e12, peakFlopsPerSecond: 312e12 },
  h100: { name: 'H100 SXM', memoryGB: 80, bandwidthBytesPerSecond: 3.35e12, peakFlopsPerSecond: 989e12 },
  l4: { name: 'L4', memoryGB: 24, bandwidthBytesPerSecond: 300e9, peakFlopsPerSecond: 121e12 },
} as const satisfies Record<string, GpuSpec>;

export type GpuPresetName = keyof typeof GPU_PRESETS;

/** Rules of thumb, not measurements: change them to what your own profiling shows. */
export const SERVING_ASSUMPTIONS = {
  /** Share of peak bandwidth a decode step achieves. */
  bandwidthEfficiency: 0.7,
  /** Model FLOPs utilisation of prefill. */
  mfu: 0.5,
  /** Share of GPU memory the server may use: an assumption. vLLM's gpu_memory_utilization defaulted to 0.9 in v0.10 and is 0.92 in its stable docs (December 2026); 0.9 leaves a little more headroom. */
  usableMemoryFraction: 0.9,
  /** Activations, CUDA context and runtime buffers, in bytes. */
  overheadBytes: 2e9,
} as const;

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function share(value: number, name: string): number {
  if (!(value > 0 && value <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${value}`);
  return value;
}

/** Seconds of one memory-bound decode step: every weight and every cached K and V is read once. */
export function decodeStepSeconds(bytesRead: number, bandwidthBytesPerSecond: number, efficiency: number): number {
  return positive(bytesRead, 'bytesRead') / (positive(bandwidthBytesPerSecond, 'bandwidthBytesPerSecond') * share(efficiency, 'efficiency'));
}

/** FLOP per byte read of a decode step: 2 × parameters per sequence in the batch over the bytes read. */
export function decodeIntensity(parameters: number, batchSize: number, bytesRead: number): number {
  return (2 * positive(parameters, 'parameters') * positive(batchSize, 'batchSize')) / positive(bytesRead, 'bytesRead');
}

/** The GPU's ridge point, FLOP per byte: below it a step waits on memory, above it on arithmetic. */
export function ridgePoint(gpu: GpuSpec): number {
  return positive(gpu.peakFlopsPerSecond, 'peakFlopsPerSecond') / positive(gpu.bandwidthBytesPerSecond, 'bandwidthBytesPerSecond');
}

/** Largest batch whose KV cache fits beside the weights, or 0 when the weights and overhead do not fit. */
export function maxBatchForKv(usableBytes: number, weightsBytes: number, overheadBytes: number, kvBytesPerSequence: number): number {
  const left = positive(usableBytes, 'usableBytes') - weightsBytes - overheadBytes;
  return left <= 0 ? 0 : Math.floor(left / positive(kvBytesPerSequence, 'kvBytesPerSequence'));
}

/** US dollars per million output tokens from a GPU-hour price and a sustained token rate. */
export function costPerMillionTokens(pricePerGpuHour: number, tokensPerSecond: number): number {
  if (!Number.isFinite(pricePerGpuHour) || pricePerGpuHour < 0) throw new RangeError(`pricePerGpuHour must be >= 0, got ${pricePerGpuHour}`);
  return (pricePerGpuHour / (positive(tokensPerSecond, 'tokensPerSecond') * 3600)) * 1e6;
}

export interface LlmServingScenario {
  readonly model: ModelShape;
  readonly gpu: GpuSpec;
  readonly batchSize: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly pricePerGpuHour: number;
  /** 16 for FP16/BF16 weights, 8 for INT8/FP8, 4 for INT4. */
  readonly weightBits?: number;
  /** 2 for an FP16 KV cache, 1 for FP8. */
  readonly kvBytesPerValue?: number;
  readonly bandwidthEfficiency?: number;
  readonly mfu?: number;
  readonly usableMemoryFraction?: number;
  readonly overheadBytes?: number;
}

export interface LlmServingEstimate {
  readonly weightsBytes: number;
  /** Mean context over a generation: prompt plus half the output. */
  readonly meanContextTokens: number;
  /** KV bytes the batch reads in a step at the mean context. */
  readonly kvBytesRead: number;
  readonly decodeStepSeconds: number;
  readonly tokensPerSecond: number;
  readonly ttftSeconds: number;
  /** From the KV cache at the full length, prompt plus output. */
  readonly maxBatch: number;
  readonly fits: boolean;
  readonly costPerMillionTokens: number;
  readonly decodeIntensity: number;
  readonly ridgePoint: number;
}

export function estimateLlmServing(s: LlmServingScenario): LlmServingEstimate {
  const a = SERVING_ASSUMPTIONS;
  positive(s.batchSize, 'batchSize');
  positive(s.promptTokens, 'promptTokens');
  positive(s.outputTokens, 'outputTokens');
  const weights = weightBytes(s.model, s.weightBits ?? 16);
  const perToken = kvBytesPerToken(s.model, s.kvBytesPerValue ?? 2);
  // The context grows from the prompt to prompt + output, so the mean step sees half the output.
  const meanContext = s.promptTokens + s.outputTokens / 2;
  const kvRead = s.batchSize * meanContext * perToken;
  const efficiency = s.bandwidthEfficiency ?? a.bandwidthEfficiency;
  const step = decodeStepSeconds(weights + kvRead, s.gpu.bandwidthBytesPerSecond, efficiency);
  const tokensPerSecond = s.batchSize / step;
  const usable = s.gpu.memoryGB * 1e9 * share(s.usableMemoryFraction ?? a.usableMemoryFraction, 'usableMemoryFraction');
  const overhead = s.overheadBytes ?? a.overheadBytes;
  if (!Number.isFinite(overhead) || overhead < 0) throw new RangeError(`overheadBytes must be >= 0, got ${overhead}`);
  const maxBatch = maxBatchForKv(usable, weights, overhead, (s.promptTokens + s.outputTokens) * perToken);
  return {
    weightsBytes: weights,
    meanContextTokens: meanContext,
    kvBytesRead: kvRead,
    decodeStepSeconds: step,
    tokensPerSecond,
    ttftSeconds: Math.max(
      computeSeconds(forwardFlops(s.model.parameters, s.promptTokens), s.gpu.peakFlopsPerSecond, s.mfu ?? a.mfu),
      decodeStepSeconds(weights + s.promptTokens * perToken, s.gpu.bandwidthBytesPerSecond, efficiency),
    ),
    maxBatch,
    fits: s.batchSize <= maxBatch,
    costPerMillionTokens: costPerMillionTokens(s.pricePerGpuHour, tokensPerSecond),
    decodeIntensity: decodeIntensity(s.model.parameters, s.batchSize, weights + kvRead),
    ridgePoint: ridgePoint(s.gpu),
  };
}
