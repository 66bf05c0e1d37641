import { describe, expect, it } from 'vitest';
import { estimateServingMemory, kvBytesPerToken, kvCacheBytes, kvWidth, maxBatchSize, MODEL_PRESETS, weightBytes, type ModelShape } from './gpuMemory';

const batch32 = { batchSize: 32, sequenceLength: 2048 } as const;

describe('the 7B worked example (MHA, batch 32, 2,048 tokens, FP16)', () => {
  const estimate = estimateServingMemory(MODEL_PRESETS['7B'], batch32);

  it('needs 14 GB of weights', () => {
    expect(estimate.weightsBytes).toBe(14e9);
    expect(estimate.weightsGB).toBe(14);
  });

  it('needs 34.4 GB (exactly 32 GiB) of KV cache', () => {
    expect(estimate.kvCacheBytes).toBe(2 * 32 * 2048 * 32 * 4096 * 2);
    expect(estimate.kvCacheBytes).toBe(32 * 2 ** 30);
    expect(estimate.kvCacheGB).toBeCloseTo(34.36, 2);
  });

  it('needs about 58 GB in total with 20% overhead', () => {
    expect(estimate.totalGB).toBeCloseTo(58.03, 2);
    expect(estimate.overheadBytes).toBeCloseTo(0.2 * (14e9 + 32 * 2 ** 30), 0);
  });

  it('fits one 80 GB card but not a 24, 40 or 48 GB card', () => {
    const fits = Object.fromEntries(estimate.fits.map((f) => [f.memoryGB, f.fitsOnOne]));
    expect(fits).toEqual({ 24: false, 40: false, 48: false, 80: true });
    expect(estimate.fits.find((f) => f.memoryGB === 40)?.minGpus).toBe(2);
  });
});

describe('grouped-query attention', () => {
  it('caches only the KV heads: Llama 3 8B has a KV width of 8 x 128 = 1,024', () => {
    expect(kvWidth(MODEL_PRESETS['8B'])).toBe(1024);
    expect(kvWidth(MODEL_PRESETS['7B'])).toBe(4096);
  });

  it('cuts the KV cache for the same batch by the grouping factor (4x: 34.4 GB to 8.6 GB)', () => {
    const mha = kvCacheBytes(MODEL_PRESETS['7B'], batch32);
    const gqa = kvCacheBytes(MODEL_PRESETS['8B'], batch32);
    expect(mha / gqa).toBe(4);
    expect(gqa / 1e9).toBeCloseTo(8.59, 2);
  });

  it('halves the KV cache again with an FP8 cache (4.3 GB)', () => {
    const fp8 = kvCacheBytes(MODEL_PRESETS['8B'], { ...batch32, kvBytesPerValue: 1 });
    expect(fp8 / 1e9).toBeCloseTo(4.29, 2);
  });

  it('lets the 8B model with batch 32 fit a 40 GB card (about 29.5 GB)', () => {
    const estimate = estimateServingMemory(MODEL_PRESETS['8B'], batch32);
    expect(estimate.totalGB).toBeCloseTo(29.5, 1);
    expect(estimate.fits.map((f) => f.fitsOnOne)).toEqual([false, true, true, true]);
  });
});

describe('larger presets', () => {
  it('13B MHA at batch 32 exceeds one 80 GB card because of its KV cache', () => {
    const estimate = estimateServingMemory(MODEL_PRESETS['13B'], batch32);
    expect(estimate.kvCacheGB).toBeCloseTo(53.7, 1);
    expect(estimate.totalGB).toBeGreaterThan(80);
  });

  it('70B needs at least three 80 GB cards at FP16, and its weights alone are 140 GB', () => {
    const estimate = estimateServingMemory(MODEL_PRESETS['70B'], batch32);
    expect(estimate.weightsGB).toBe(140);
    expect(estimate.fits.find((f) => f.memoryGB === 80)).toEqual({ memoryGB: 80, fitsOnOne: false, minGpus: 3 });
  });
});

describe('quantized weights', () => {
  it('stores a 7B model in 3.5 GB at 4 bits and 7 GB at 8 bits', () => {
    expect(weightBytes(MODEL_PRESETS['7B'], 4)).toBe(3.5e9);
    expect(weightBytes(MODEL_PRESETS['7B'], 8)).toBe(7e9);
  });
});

describe('maxBatchSize', () => {
  it('finds the largest batch that still fits, and one more does not', () => {
    const workload = { sequenceLength: 2048 };
    const batch = maxBatchSize(MODEL_PRESETS['7B'], 80, workload);
    expect(batch).toBe(49);
    expect(estimateServingMemory(MODEL_PRESETS['7B'], { ...workload, batchSize: batch }, [80]).fits[0]?.fitsOnOne).toBe(true);
    expect(estimateServingMemory(MODEL_PRESETS['7B'], { ...workload, batchSize: batch + 1 }, [80]).fits[0]?.fitsOnOne).toBe(false);
  });

  it('returns 0 when the weights and overhead alone exceed the card', () => {
    expect(maxBatchSize(MODEL_PRESETS['70B'], 80, { sequenceLength: 2048 })).toBe(0);
  });

  it('returns 0 when the weights fit but one sequence of 200,000 tokens does not (105 GB of KV cache)', () => {
    const sequenceLength = 200_000;
    expect(kvCacheBytes(MODEL_PRESETS['7B'], { batchSize: 1, sequenceLength }) / 1e9).toBeCloseTo(104.9, 1);
    expect(maxBatchSize(MODEL_PRESETS['7B'], 80, { sequenceLength: 2048 })).toBeGreaterThan(0);
    expect(maxBatchSize(MODEL_PRESETS['7B'], 80, { sequenceLength })).toBe(0);
  });

  it('holds 42 sequences instead of 49 in the 72 GB that vLLM claims by default on an 80 GB card', () => {
    expect(maxBatchSize(MODEL_PRESETS['7B'], 72, { sequenceLength: 2048 })).toBe(42);
  });
});

describe('input validation', () => {
  it('rejects head counts that cannot be grouped', () => {
    const broken: ModelShape = { ...MODEL_PRESETS['8B'], kvHeads: 5 };
    expect(() => kvBytesPerToken(broken)).toThrow(/cannot be grouped/);
  });

  it('rejects a zero or fractional batch and a negative overhead', () => {
    expect(() => kvCacheBytes(MODEL_PRESETS['7B'], { batchSize: 0, sequenceLength: 2048 })).toThrow(RangeError);
    expect(() => kvCacheBytes(MODEL_PRESETS['7B'], { batchSize: 1.5, sequenceLength: 2048 })).toThrow(/integer/);
    expect(() => estimateServingMemory(MODEL_PRESETS['7B'], { ...batch32, overheadFraction: -0.1 })).toThrow(/overhead/);
  });

  it('rejects a negative or NaN overhead in maxBatchSize too, instead of returning a larger, infinite or NaN batch', () => {
    for (const overheadFraction of [-0.5, -1, Number.NaN]) {
      expect(() => maxBatchSize(MODEL_PRESETS['7B'], 80, { sequenceLength: 2048, overheadFraction })).toThrow(/overheadFraction must be/);
    }
  });

  it('rejects a zero, negative or fractional hidden size instead of computing a zero or negative KV width', () => {
    for (const hiddenSize of [0, -4096, 4096.5]) {
      expect(() => kvWidth({ ...MODEL_PRESETS['7B'], hiddenSize })).toThrow(/hiddenSize must be a positive integer/);
    }
  });

  it('rejects a card size of 0 GB or less instead of asking for Infinity or 0 cards', () => {
    for (const size of [0, -80, Number.NaN]) {
      expect(() => estimateServingMemory(MODEL_PRESETS['7B'], batch32, [size])).toThrow(/gpuSizesGB must be a positive number/);
    }
  });
});
