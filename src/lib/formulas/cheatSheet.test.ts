import { describe, expect, it } from 'vitest';
import { CHEAT_SHEET_FIGURES, cheatSheetFigure } from './cheatSheet';

/**
 * The sheet's worked examples, checked by hand against the formulas (see the
 * comments): if a function or an input changes, the sheet changes, and this says so.
 */
describe('cheat-sheet worked examples', () => {
  const text = (id: keyof typeof CHEAT_SHEET_FIGURES) => CHEAT_SHEET_FIGURES[id].text;

  it('weights of a 7B model in FP16: 7e9 × 2 B = 14 GB', () => {
    expect(CHEAT_SHEET_FIGURES.weights7b.value).toBe(14e9);
    expect(text('weights7b')).toBe('14 GB');
  });

  it('KV cache of Llama 2 7B (MHA), batch 32, 2,048 tokens, FP16: 2×32×2048×32×4096×2 B = 34.4 GB = 32 GiB', () => {
    expect(CHEAT_SHEET_FIGURES.kv7b.value).toBe(2 * 32 * 2048 * 32 * 4096 * 2);
    expect(text('kv7b')).toBe('34.4 GB');
    expect(text('kv7bGiB')).toBe('32 GiB');
  });

  it('KV cache of Llama 3 8B with GQA (8 KV heads): 8.6 GB at FP16, 4.3 GB with an FP8 cache', () => {
    expect(text('kv8bGqa')).toBe('8.6 GB');
    expect(text('kv8bGqaFp8')).toBe('4.3 GB');
  });

  it('total ≈ 1.2 × (weights + KV) = 58 GB: fits one 80 GB card', () => {
    expect(CHEAT_SHEET_FIGURES.total7b.value).toBeCloseTo(1.2 * (14e9 + 34359738368), 0);
    expect(text('total7b')).toBe('58 GB');
  });

  it('FLOP is an amount: 14 GFLOP per token, 28.7 TFLOP for 2,048 tokens', () => {
    expect(text('flopsPerToken7b')).toBe('14 GFLOP');
    expect(text('flops7b2048')).toBe('28.7 TFLOP');
  });

  it('99.9 % allows 8.76 h of downtime a year and 43.2 min a month', () => {
    expect(text('downtime999Year')).toBe('8.76 h per year');
    expect(text('downtime999Month')).toBe('43.2 min per month');
  });

  it('two 99 % parts in parallel give 99.99 %', () => {
    expect(CHEAT_SHEET_FIGURES.parallel99x2.value).toBeCloseTo(0.9999, 12);
    expect(text('parallel99x2')).toBe('99.99 %');
  });

  it('PSI of 25/25/25/25 against 10/20/30/40 is 0.228: above 0.2, act', () => {
    expect(text('psiExample')).toBe('0.228');
    expect(text('psiExampleBand')).toBe('significant');
  });

  it('the cost example adds up to $2,725.20 a month, $0.000273 per request at 10 M requests', () => {
    expect(text('costTotal')).toBe('$2,725.20 per month');
    expect(text('costPerRequest')).toBe('$0.000273 per request');
  });

  it('two batch doublings from 100 requests/s at 50 ms, 80% fixed: batch 20, 40 + 20 × 2 = 80 ms, 20 / 0.08 = 250 requests/s', () => {
    expect(text('batchedThroughput')).toBe('250 requests/s');
    expect(text('batchedLatency')).toBe('80 ms');
  });

  it('LLM serving, Llama 3 8B FP16 on an H100, batch 32, 1,024 + 256 tokens: (16 GB + 4.83 GB) / (3.35 TB/s × 0.7) = 8.88 ms a step', () => {
    expect(text('llmDecodeStep')).toBe('8.88 ms');
    // 32 / 8.8835 ms = 3,602 tokens/s, shown to three significant digits.
    expect(text('llmTokensPerSecond')).toBe('3,600 tokens/s');
    // 2 × 8e9 × 1,024 / (989e12 × 0.5) = 33.1 ms.
    expect(text('llmTtft')).toBe('33.1 ms');
    // (72 GB − 16 GB − 2 GB) / (1,280 × 131,072 B) = 321.9.
    expect(text('llmMaxBatch')).toBe('321 sequences');
    // $3 / (3,602 × 3,600) × 10^6.
    expect(text('llmCostPerMillion')).toBe('$0.231');
    // 989e12 / 3.35e12.
    expect(text('llmRidgeH100')).toBe('295 FLOP/byte');
  });

  it('every figure has a unit or is a dimensionless score, and no figure is NaN', () => {
    for (const [id, f] of Object.entries(CHEAT_SHEET_FIGURES)) {
      expect(Number.isFinite(f.value), id).toBe(true);
      expect(f.text, id).not.toMatch(/NaN|Infinity/);
    }
  });

  it('names the known figures when asked for an unknown one', () => {
    expect(() => cheatSheetFigure('kv7bb')).toThrow(/Unknown cheat-sheet figure "kv7bb".*kv7b/);
  });
});
