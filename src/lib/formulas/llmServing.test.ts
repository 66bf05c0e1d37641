import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS, kvBytesPerToken } from '../../examples/interview-q23-gpu-memory/gpuMemory';
import {
  GPU_PRESETS,
  SERVING_ASSUMPTIONS,
  costPerMillionTokens,
  decodeIntensity,
  decodeStepSeconds,
  estimateLlmServing,
  maxBatchForKv,
  ridgePoint,
  type LlmServingScenario,
} from './llmServing';

const llama3 = MODEL_PRESETS['8B'];
const base: LlmServingScenario = { model: llama3, gpu: GPU_PRESETS.h100, batchSize: 32, promptTokens: 1024, outputTokens: 256, pricePerGpuHour: 3 };

describe('decode step (memory-bound)', () => {
  it('reads every byte once at the achievable bandwidth: 16 GB at 70 % of 3.35 TB/s takes 6.82 ms', () => {
    expect(decodeStepSeconds(16e9, 3.35e12, 0.7)).toBeCloseTo(16e9 / 2.345e12, 12);
    expect(decodeStepSeconds(16e9, 3.35e12, 0.7) * 1000).toBeCloseTo(6.82, 2);
  });

  it('rejects an efficiency outside (0, 1] and a bandwidth of zero, naming the field', () => {
    expect(() => decodeStepSeconds(1e9, 3e12, 0)).toThrow(/efficiency must be in \(0, 1\]/);
    expect(() => decodeStepSeconds(1e9, 3e12, 1.2)).toThrow(RangeError);
    expect(() => decodeStepSeconds(1e9, 0, 0.7)).toThrow(/bandwidthBytesPerSecond/);
  });
});

describe('arithmetic intensity and the ridge point', () => {
  it('is about 1 FLOP per byte at batch 1 for FP16 weights (2 FLOP per 2-byte weight)', () => {
    expect(decodeIntensity(8e9, 1, 16e9)).toBe(1);
  });

  it('grows with the batch while the weights dominate the bytes', () => {
    expect(decodeIntensity(8e9, 32, 16e9)).toBe(32);
  });

  it('puts the H100 ridge at 295 FLOP/byte, the A100 at 153 and the L4 at 403: peak over bandwidth', () => {
    expect(ridgePoint(GPU_PRESETS.h100)).toBeCloseTo(989e12 / 3.35e12, 9);
    expect(Math.round(ridgePoint(GPU_PRESETS.h100))).toBe(295);
    expect(Math.round(ridgePoint(GPU_PRESETS.a100))).toBe(153);
    expect(Math.round(ridgePoint(GPU_PRESETS.l4))).toBe(403);
  });
});

describe('largest batch the KV cache allows', () => {
  it('divides the memory left after weights and overhead by one sequence of KV cache, rounded down', () => {
    // 80 GB × 0.9 − 16 GB − 2 GB = 54 GB; 1,280 tokens × 131,072 B = 167.8 MB per sequence; 54e9 / 167.77e6 = 321.9.
    expect(maxBatchForKv(72e9, 16e9, 2e9, 1280 * 131_072)).toBe(321);
  });

  it('is 0 when the weights and overhead alone fill the memory', () => {
    expect(maxBatchForKv(20e9, 16e9, 4e9, 1e6)).toBe(0);
    expect(maxBatchForKv(20e9, 30e9, 0, 1e6)).toBe(0);
  });
});

describe('cost per million output tokens', () => {
  it('is price / (tokens/s × 3,600) × 10^6: $3 an hour at 1,000 tokens/s is $0.833', () => {
    expect(costPerMillionTokens(3, 1000)).toBeCloseTo(0.8333, 4);
  });

  it('is free at a price of zero and refuses a negative price or zero throughput', () => {
    expect(costPerMillionTokens(0, 1000)).toBe(0);
    expect(() => costPerMillionTokens(-1, 1000)).toThrow(/pricePerGpuHour/);
    expect(() => costPerMillionTokens(3, 0)).toThrow(/tokensPerSecond/);
  });
});

describe('estimateLlmServing: Llama 3 8B, FP16, H100, batch 32, 1,024 in, 256 out, $3 per GPU-hour', () => {
  const e = estimateLlmServing(base);

  it('reuses the GPU memory example for the KV bytes: 131,072 B per token (32 layers × 2 × 1,024 × 2 B)', () => {
    expect(kvBytesPerToken(llama3, 2)).toBe(131_072);
  });

  it('reads the KV cache at the mean context, prompt plus half the output: 1,152 tokens, 4.83 GB for 32 sequences', () => {
    expect(e.meanContextTokens).toBe(1152);
    expect(e.kvBytesRead).toBe(32 * 1152 * 131_072);
  });

  it('takes (16 GB + 4.83 GB) / 2.345 TB/s = 8.88 ms a step, so 3,602 tokens/s', () => {
    expect(e.decodeStepSeconds).toBeCloseTo((16e9 + 4_831_838_208) / 2.345e12, 12);
    expect(e.decodeStepSeconds * 1000).toBeCloseTo(8.884, 3);
    expect(Math.round(e.tokensPerSecond)).toBe(3602);
  });

  it('puts TTFT at 2 × 8e9 × 1,024 / (989 TFLOP/s × 0.5) = 33.1 ms (prefill only)', () => {
    expect(e.ttftSeconds).toBeCloseTo((2 * 8e9 * 1024) / (989e12 * 0.5), 12);
    expect(e.ttftSeconds * 1000).toBeCloseTo(33.13, 2);
  });

  it('keeps TTFT at the compute time when prefill is compute-bound: the 1,024-token read takes only 6.88 ms', () => {
    expect(((16e9 + 1024 * 131_072) / 2.345e12) * 1000).toBeCloseTo(6.88, 2);
    expect(e.ttftSeconds).toBeGreaterThan((16e9 + 1024 * 131_072) / 2.345e12);
  });

  it('fits 321 sequences of 1,280 tokens, so batch 32 fits', () => {
    expect(e.maxBatch).toBe(321);
    expect(e.fits).toBe(true);
  });

  it('costs $3 / (3,602 × 3,600) × 10^6 = $0.231 per million output tokens', () => {
    expect(e.costPerMillionTokens).toBeCloseTo(0.2313, 4);
  });

  it('stays memory-bound: intensity 24.6 FLOP/byte, far below the 295 ridge', () => {
    expect(e.decodeIntensity).toBeCloseTo((2 * 8e9 * 32) / (16e9 + 4_831_838_208), 9);
    expect(e.decodeIntensity).toBeLessThan(e.ridgePoint);
  });

  it('uses the stated rules of thumb when the scenario leaves them out', () => {
    const explicit = estimateLlmServing({ ...base, ...SERVING_ASSUMPTIONS, weightBits: 16, kvBytesPerValue: 2 });
    expect(explicit).toEqual(e);
  });
});

describe('estimateLlmServing: what changes the answer', () => {
  it('raises tokens/s with the batch, but less than in proportion, as the KV cache adds bytes', () => {
    const one = estimateLlmServing({ ...base, batchSize: 1 });
    const big = estimateLlmServing({ ...base, batchSize: 64 });
    expect(big.tokensPerSecond).toBeGreaterThan(one.tokensPerSecond * 30);
    expect(big.tokensPerSecond).toBeLessThan(one.tokensPerSecond * 64);
  });

  it('halves the weight bytes at 8 bits, so a batch-1 step is nearly twice as fast', () => {
    const fp16 = estimateLlmServing({ ...base, batchSize: 1 });
    const int8 = estimateLlmServing({ ...base, batchSize: 1, weightBits: 8 });
    expect(fp16.decodeStepSeconds / int8.decodeStepSeconds).toBeGreaterThan(1.9);
    expect(fp16.decodeStepSeconds / int8.decodeStepSeconds).toBeLessThan(2);
  });

  it('never puts TTFT below one read of the weights: a 64-token prompt is memory-bound, 6.83 ms, not the 2.07 ms of its FLOP', () => {
    // FLOP: 2 × 8e9 × 64 / (989e12 × 0.5) = 2.07 ms. Bytes: (16e9 + 64 × 131,072) / (3.35e12 × 0.7) = 6.83 ms.
    const short = estimateLlmServing({ ...base, promptTokens: 64 });
    expect(short.ttftSeconds).toBeCloseTo((16e9 + 64 * 131_072) / 2.345e12, 12);
    expect(short.ttftSeconds * 1000).toBeCloseTo(6.83, 2);
  });

  it('says a batch above the largest one does not fit', () => {
    const e = estimateLlmServing({ ...base, batchSize: 400 });
    expect(e.maxBatch).toBe(321);
    expect(e.fits).toBe(false);
  });

  it('finds no room for a 70B FP16 model on one 80 GB card', () => {
    const e = estimateLlmServing({ ...base, model: MODEL_PRESETS['70B'] });
    expect(e.maxBatch).toBe(0);
    expect(e.fits).toBe(false);
  });

  it('rejects bad input with the field named', () => {
    expect(() => estimateLlmServing({ ...base, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => estimateLlmServing({ ...base, promptTokens: Number.NaN })).toThrow(/promptTokens/);
    expect(() => estimateLlmServing({ ...base, outputTokens: -5 })).toThrow(/outputTokens/);
    expect(() => estimateLlmServing({ ...base, mfu: 0 })).toThrow(/utilisation/);
    expect(() => estimateLlmServing({ ...base, usableMemoryFraction: 1.5 })).toThrow(/usableMemoryFraction/);
    expect(() => estimateLlmServing({ ...base, overheadBytes: -1 })).toThrow(/overheadBytes/);
  });
});
