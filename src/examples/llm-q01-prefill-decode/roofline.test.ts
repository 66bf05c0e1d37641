import { describe, expect, it } from 'vitest';
import {
  GPU_PRESETS,
  MODEL_PRESETS,
  computeSeconds,
  decodeIntensity,
  decodeStepSeconds,
  estimateLlmServing,
  forwardFlops,
  kvBytesPerToken,
  ridgePoint as calculatorRidge,
  weightBytes,
} from '../../lib/formulas';
import { H100_SXM, LLAMA3_8B, batchToReachRidge, decodeIntensityLimit, decodeStep, prefillStep, ridgePoint, type Model } from './roofline';

describe('the ridge point', () => {
  it('is peak FLOP/s over bandwidth: 989e12 / 3.35e12 = 295.2 FLOP/byte on an H100', () => {
    expect(ridgePoint(H100_SXM)).toBeCloseTo(295.22, 2);
  });

  it('rejects a GPU with no bandwidth, naming the field', () => {
    expect(() => ridgePoint({ ...H100_SXM, bandwidthBytesPerSecond: 0 })).toThrow(/bandwidthBytesPerSecond must be a positive number/);
  });
});

describe('the Llama 3 8B shape', () => {
  it("has 8.03e9 parameters summed from the shapes in Meta's config, which the model rounds to 8e9", () => {
    // vocabulary 128,256, hidden 4,096, MLP 14,336, 32 layers, 32 query heads and 8 KV heads of 128, untied embeddings.
    const [vocab, hidden, mlp, layers, kvWidth] = [128_256, 4_096, 14_336, 32, 8 * 128];
    const attention = 2 * hidden * hidden + 2 * hidden * kvWidth; // Q and O, K and V
    const perLayer = attention + 3 * hidden * mlp + 2 * hidden; // gate, up, down; two RMSNorm weights
    const total = 2 * vocab * hidden + layers * perLayer + hidden; // embedding, output head, final norm
    expect(total).toBe(8_030_261_248);
    expect(LLAMA3_8B.parameters).toBe(Math.round(total / 1e9) * 1e9);
  });
});

describe('decode at batch 1 (Llama 3 8B, FP16, 1,152 tokens of context)', () => {
  const step = decodeStep(LLAMA3_8B, H100_SXM, 1, 1152);

  it('does 16 GFLOP on 16.15 GB read: about 1 FLOP per byte, far below the ridge', () => {
    expect(step.flops).toBe(16e9);
    expect(step.bytes).toBe(16e9 + 1152 * 131_072);
    expect(step.intensity).toBeCloseTo(0.99, 2);
    expect(step.bound).toBe('memory');
  });

  it('takes 4.82 ms, the memory time; the arithmetic alone would take 0.016 ms', () => {
    expect(step.seconds).toBeCloseTo(step.bytes / 3.35e12, 12);
    expect(step.seconds * 1000).toBeCloseTo(4.82, 2);
    expect((step.flops / 989e12) * 1000).toBeCloseTo(0.016, 3);
  });
});

describe('batching decode', () => {
  it('raises intensity about 25-fold at batch 32 (24.6 FLOP/byte) and costs only 29 % more time per step', () => {
    const one = decodeStep(LLAMA3_8B, H100_SXM, 1, 1152);
    const b32 = decodeStep(LLAMA3_8B, H100_SXM, 32, 1152);
    expect(b32.intensity).toBeCloseTo(24.58, 2);
    expect(b32.seconds * 1000).toBeCloseTo(6.22, 2);
    expect(b32.seconds / one.seconds).toBeCloseTo(1.29, 2);
  });

  it('approaches 106 FLOP/byte as the KV cache dominates the bytes, never the 295 ridge', () => {
    expect(decodeIntensityLimit(LLAMA3_8B, 1152)).toBeCloseTo(105.96, 2);
    expect(decodeStep(LLAMA3_8B, H100_SXM, 4096, 1152).intensity).toBeLessThan(decodeIntensityLimit(LLAMA3_8B, 1152));
    expect(batchToReachRidge(LLAMA3_8B, H100_SXM, 1152)).toBeUndefined();
  });

  it('reaches the ridge at batch 428 when the context is only 128 tokens', () => {
    expect(batchToReachRidge(LLAMA3_8B, H100_SXM, 128)).toBe(428);
    expect(decodeStep(LLAMA3_8B, H100_SXM, 428, 128).bound).toBe('compute');
    expect(decodeStep(LLAMA3_8B, H100_SXM, 427, 128).bound).toBe('memory');
  });

  it('rejects a batch of zero and a negative context', () => {
    expect(() => decodeStep(LLAMA3_8B, H100_SXM, 0, 1152)).toThrow(/batch must be a positive integer/);
    expect(() => decodeStep(LLAMA3_8B, H100_SXM, 1, -1)).toThrow(/contextTokens/);
  });

  it('counts sequences in whole numbers: a batch of half a sequence is refused', () => {
    expect(() => decodeStep(LLAMA3_8B, H100_SXM, 0.5, 1152)).toThrow(RangeError);
    expect(() => decodeStep(LLAMA3_8B, H100_SXM, 32.5, 1152)).toThrow(/batch must be a positive integer/);
  });

  it('finds the ridge batch only for a positive context and a model with parameters, as decodeStep checks them', () => {
    for (const context of [0, -100, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => batchToReachRidge(LLAMA3_8B, H100_SXM, context)).toThrow(/contextTokens must be a positive number/);
    }
    expect(() => batchToReachRidge({ ...LLAMA3_8B, parameters: 0 }, H100_SXM, 128)).toThrow(/parameters must be a positive number/);
    expect(() => batchToReachRidge({ ...LLAMA3_8B, parameters: Number.NaN }, H100_SXM, 128)).toThrow(RangeError);
  });
});

describe('prefill', () => {
  it('is compute-bound: 1,024 prompt tokens do 16.4 TFLOP on 16.1 GB, 1,015 FLOP/byte, 16.6 ms at peak', () => {
    const step = prefillStep(LLAMA3_8B, H100_SXM, 1024);
    expect(step.flops).toBe(2 * 8e9 * 1024);
    expect(step.bytes).toBe(16e9 + 1024 * 131_072);
    expect(step.bytes / 1e9).toBeCloseTo(16.13, 2);
    expect(step.intensity).toBeCloseTo(1015.5, 1);
    expect(step.bound).toBe('compute');
    expect(step.seconds).toBeCloseTo(step.flops / 989e12, 12);
    expect(step.seconds * 1000).toBeCloseTo(16.57, 2);
  });

  it('crosses the 295 ridge at 296 prompt tokens: at FP16 the intensity is at most the number of tokens in the pass', () => {
    expect(prefillStep(LLAMA3_8B, H100_SXM, 295).bound).toBe('memory');
    expect(prefillStep(LLAMA3_8B, H100_SXM, 296).bound).toBe('compute');
    // A prompt of n tokens is the same step as a decode of n sequences with one token of context each.
    expect(batchToReachRidge(LLAMA3_8B, H100_SXM, 1)).toBe(296);
    for (const n of [1, 64, 296, 1024, 8192]) expect(prefillStep(LLAMA3_8B, H100_SXM, n).intensity).toBeLessThanOrEqual(n);
  });

  it('is memory-bound for a one-token prompt: it is then a decode step', () => {
    expect(prefillStep(LLAMA3_8B, H100_SXM, 1)).toEqual(decodeStep(LLAMA3_8B, H100_SXM, 1, 1));
  });

  it('rejects a prompt of zero tokens', () => {
    expect(() => prefillStep(LLAMA3_8B, H100_SXM, 0)).toThrow(/promptTokens/);
  });
});

describe('agreement with the calculator formulas (src/lib/formulas)', () => {
  const preset = MODEL_PRESETS['8B'];
  const gpu = GPU_PRESETS.h100;

  it('uses the same GPU peaks and the same model sizes', () => {
    expect(H100_SXM.peakFlopsPerSecond).toBe(gpu.peakFlopsPerSecond);
    expect(H100_SXM.bandwidthBytesPerSecond).toBe(gpu.bandwidthBytesPerSecond);
    expect(LLAMA3_8B.kvBytesPerToken).toBe(kvBytesPerToken(preset, 2));
    expect(LLAMA3_8B.parameters * LLAMA3_8B.bytesPerWeight).toBe(weightBytes(preset, 16));
    expect(ridgePoint(H100_SXM)).toBe(calculatorRidge(gpu));
  });

  it('gives the calculator decode step at 100 % bandwidth and its intensity', () => {
    const step = decodeStep(LLAMA3_8B, H100_SXM, 32, 1152);
    expect(step.seconds).toBeCloseTo(decodeStepSeconds(step.bytes, gpu.bandwidthBytesPerSecond, 1), 15);
    expect(step.intensity).toBeCloseTo(decodeIntensity(preset.parameters, 32, step.bytes), 12);
  });

  it('gives the calculator prefill time at 100 % MFU', () => {
    expect(prefillStep(LLAMA3_8B, H100_SXM, 1024).seconds).toBeCloseTo(computeSeconds(forwardFlops(preset.parameters, 1024), gpu.peakFlopsPerSecond, 1), 15);
  });

  it('gives the calculator TTFT at 100 % MFU and bandwidth, memory-bound short prompts included', () => {
    for (const promptTokens of [64, 295, 296, 1024]) {
      const e = estimateLlmServing({ model: preset, gpu, batchSize: 1, promptTokens, outputTokens: 1, pricePerGpuHour: 0, mfu: 1, bandwidthEfficiency: 1 });
      expect(e.ttftSeconds).toBeCloseTo(prefillStep(LLAMA3_8B, H100_SXM, promptTokens).seconds, 15);
    }
  });

  it("gives the page's figures under the calculator's default assumptions: 33.1 ms of prefill at 50 % MFU, a 6.89 ms decode step at 70 % bandwidth, and 321 sequences of 1,280 tokens", () => {
    const e = estimateLlmServing({ model: preset, gpu, batchSize: 1, promptTokens: 1024, outputTokens: 256, pricePerGpuHour: 0 });
    expect(e.ttftSeconds).toBeCloseTo(prefillStep(LLAMA3_8B, H100_SXM, 1024).seconds / 0.5, 15);
    expect(e.ttftSeconds * 1000).toBeCloseTo(33.13, 2);
    // The page's decode figures are at peak bandwidth; the calculator's 70 % stretches the batch-1 step to 6.89 ms.
    expect(e.meanContextTokens).toBe(1152);
    expect(e.decodeStepSeconds).toBeCloseTo(decodeStep(LLAMA3_8B, H100_SXM, 1, 1152).seconds / 0.7, 15);
    expect(e.decodeStepSeconds * 1000).toBeCloseTo(6.89, 2);
    // (80e9 x 0.9 - 16e9 of weights - 2e9) / (1,280 x 131,072 bytes) = 321.9: 80 GB read as 80 x 10^9 bytes.
    expect(e.maxBatch).toBe(321);
  });

  it('needs a KV size per token: a model without one is refused', () => {
    const broken: Model = { ...LLAMA3_8B, kvBytesPerToken: 0 };
    expect(() => decodeStep(broken, H100_SXM, 1, 10)).toThrow(/kvBytesPerToken/);
  });
});
