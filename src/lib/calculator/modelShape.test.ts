import { describe, expect, it } from 'vitest';
import * as gpu from '../../components/GpuMemoryCalculator/model';
import * as llm from '../../components/LlmServingCalculator/model';
import { MODEL_SHAPE_FIELDS, applyModel, matchingModel, modelShapeFrom } from './modelShape';

describe('the model shape both calculators ask for', () => {
  it('is one definition: both forms check the shape fields and the KV precisions alike', () => {
    for (const key of Object.keys(MODEL_SHAPE_FIELDS) as (keyof typeof MODEL_SHAPE_FIELDS)[]) {
      expect(gpu.NUMBER_FIELDS[key], key).toBe(MODEL_SHAPE_FIELDS[key]);
      expect(llm.NUMBER_FIELDS[key], key).toBe(MODEL_SHAPE_FIELDS[key]);
    }
    expect(gpu.KV_PRECISIONS).toBe(llm.KV_PRECISIONS);
    // The memory calculator also offers FP32 weights; every other precision is shared.
    expect(Object.keys(gpu.PRECISIONS)).toEqual(['fp32', ...Object.keys(llm.PRECISIONS)]);
  });

  it('names the preset the fields match, and "custom" once a field is edited', () => {
    expect(matchingModel(applyModel('70B'))).toBe('70B');
    expect(matchingModel({ ...applyModel('70B'), layers: '81' })).toBe('custom');
  });

  it('refuses a hidden size the heads do not split evenly, and KV heads that do not divide the heads', () => {
    const shape = { params: 7, layers: 32, hidden: 4096, heads: 32, kvHeads: 8 };
    expect(modelShapeFrom(shape)).toEqual({ model: { name: 'custom', parameters: 7e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 } });
    expect(modelShapeFrom({ ...shape, hidden: 4100 })).toEqual({ errors: { hidden: expect.stringMatching(/not divisible by 32 heads/) } });
    expect(modelShapeFrom({ ...shape, kvHeads: 5 })).toEqual({ errors: { kvHeads: expect.stringMatching(/must divide the 32 attention heads/) } });
    expect(modelShapeFrom({ ...shape, kvHeads: 64 })).toHaveProperty('errors.kvHeads');
  });
});
