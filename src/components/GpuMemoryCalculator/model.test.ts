import { describe, expect, it } from 'vitest';
import { CHEAT_SHEET_FIGURES, MODEL_PRESETS, estimateServingMemory, formatGB, toGB, weightBytes } from '../../lib/formulas';
import { DEFAULTS, applyModel, evaluate, matchingModel } from './model';

describe('GPU memory calculator', () => {
  it('opens on the cheat sheet example: Llama 2 7B, FP16, batch 32, 2,048 tokens', () => {
    const { result } = evaluate(DEFAULTS);
    expect(result?.weights).toBe(CHEAT_SHEET_FIGURES.weights7b.text);
    expect(result?.kvCache).toBe(CHEAT_SHEET_FIGURES.kv7b.text);
    expect(result?.total).toBe(CHEAT_SHEET_FIGURES.total7b.text);
    expect(result?.fits.map((f) => [f.memoryGB, f.fitsOnOne])).toEqual([
      [24, false],
      [40, false],
      [48, false],
      [80, true],
    ]);
    expect(result?.attention).toBe('multi-head attention (MHA)');
  });

  it('computes with the library for a preset with grouped-query attention and INT4 weights', () => {
    const raw = { ...DEFAULTS, ...applyModel('70B'), precision: 'int4', batch: '8', seq: '4096' };
    const expected = estimateServingMemory(MODEL_PRESETS['70B'], { batchSize: 8, sequenceLength: 4096, weightBits: 4 });
    const { result } = evaluate(raw);
    expect(result?.weights).toBe(formatGB(toGB(weightBytes(MODEL_PRESETS['70B'], 4))));
    expect(result?.total).toBe(formatGB(expected.totalGB));
    expect(result?.attention).toMatch(/GQA, 8 query heads per KV head/);
    expect(matchingModel(raw)).toBe('70B');
  });

  it('shows the preset that the fields match, and custom once a field differs', () => {
    expect(matchingModel(DEFAULTS)).toBe('7B');
    expect(matchingModel({ ...DEFAULTS, layers: '33' })).toBe('custom');
  });

  it('gives a message per invalid field and no result', () => {
    const evaluation = evaluate({ ...DEFAULTS, batch: '', seq: '-1', params: 'seven' });
    expect(evaluation.result).toBeUndefined();
    expect(evaluation.errors).toEqual({ batch: 'Enter a value for batch size.', seq: 'Sequence length cannot be negative.', params: '"seven" is not a number.' });
  });

  it('explains head counts that cannot work together', () => {
    expect(evaluate({ ...DEFAULTS, heads: '30' }).errors.hidden).toMatch(/not divisible by 30 heads/);
    expect(evaluate({ ...DEFAULTS, kvHeads: '5' }).errors.kvHeads).toMatch(/must divide the 32 attention heads/);
    expect(evaluate({ ...DEFAULTS, kvHeads: '64' }).errors.kvHeads).toBeDefined();
  });

  it('never produces NaN or Infinity, even for the largest accepted inputs', () => {
    const { result } = evaluate({ ...DEFAULTS, params: '10000', batch: '4096', seq: '2000000', layers: '1000', hidden: '131072', heads: '1024', kvHeads: '1024', overhead: '200' });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('falls back to FP16 for an unknown precision from a hand-edited link', () => {
    expect(evaluate({ ...DEFAULTS, precision: 'fp64' }).result?.weights).toBe('14 GB');
  });
});
