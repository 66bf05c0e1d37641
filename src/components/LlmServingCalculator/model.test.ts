import { describe, expect, it } from 'vitest';
import { CHEAT_SHEET_FIGURES, GPU_PRESETS, MODEL_PRESETS, estimateLlmServing, formatDuration, formatSignificant, formatUsd } from '../../lib/formulas';
import { readState, writeState } from '../../lib/calculator/urlState';
import { DEFAULTS, PREFIX, applyGpu, applyModel, evaluate, matchingGpu, matchingModel, type Raw } from './model';

describe('LLM serving calculator', () => {
  it('opens on the cheat sheet example: Llama 3 8B, FP16, H100, batch 32, 1,024 + 256 tokens, $3 per GPU-hour', () => {
    const { result } = evaluate(DEFAULTS);
    expect(result?.step).toBe(CHEAT_SHEET_FIGURES.llmDecodeStep.text);
    expect(result?.throughput).toBe(CHEAT_SHEET_FIGURES.llmTokensPerSecond.text);
    expect(result?.ttft).toBe(CHEAT_SHEET_FIGURES.llmTtft.text);
    // One token per sequence per step: 1 / 8.88 ms.
    expect(result?.perSequence).toBe('113 tokens/s');
    expect(result?.weights).toBe('16 GB');
    expect(result?.maxBatch).toBe(CHEAT_SHEET_FIGURES.llmMaxBatch.text);
    expect(result?.cost).toBe(`${CHEAT_SHEET_FIGURES.llmCostPerMillion.text} per million output tokens`);
    expect(result?.fits).toBe(true);
    expect(result?.intensity).toMatch(/^24.6 FLOP\/byte, ridge 295: memory-bound$/);
  });

  it('computes with the library for a 70B model at INT4 on an A100', () => {
    const raw = { ...DEFAULTS, ...applyModel('70B'), ...applyGpu('a100'), precision: 'int4', batch: '8', prompt: '2000', output: '500', price: '2' };
    const e = estimateLlmServing({ model: MODEL_PRESETS['70B'], gpu: GPU_PRESETS.a100, batchSize: 8, promptTokens: 2000, outputTokens: 500, pricePerGpuHour: 2, weightBits: 4 });
    const { result } = evaluate(raw);
    expect(result?.step).toBe(formatDuration(e.decodeStepSeconds));
    expect(result?.throughput).toBe(`${formatSignificant(e.tokensPerSecond, 3)} tokens/s`);
    expect(result?.cost).toBe(`${formatUsd(e.costPerMillionTokens)} per million output tokens`);
    expect(matchingModel(raw)).toBe('70B');
    expect(matchingGpu(raw)).toBe('a100');
  });

  it('shows the presets the fields match, and custom once a field differs', () => {
    expect(matchingModel(DEFAULTS)).toBe('8B');
    expect(matchingGpu(DEFAULTS)).toBe('h100');
    expect(matchingModel({ ...DEFAULTS, layers: '33' })).toBe('custom');
    expect(matchingGpu({ ...DEFAULTS, bandwidth: '3000' })).toBe('custom');
  });

  it('gives a message per invalid field (empty, negative, not a number, out of range) and no result', () => {
    const evaluation = evaluate({ ...DEFAULTS, batch: '', prompt: '-1', price: 'three', efficiency: '150' });
    expect(evaluation.result).toBeUndefined();
    expect(evaluation.errors).toEqual({
      batch: 'Enter a value for batch size.',
      prompt: 'Prompt length cannot be negative.',
      price: '"three" is not a number.',
      efficiency: 'Bandwidth efficiency above 100 % is not realistic: check the value.',
    });
  });

  it('refuses "NaN", "Infinity", a zero batch and a fractional batch, each with its own message', () => {
    const { errors, result } = evaluate({ ...DEFAULTS, params: 'NaN', tflops: 'Infinity', batch: '0', output: '2.5' });
    expect(result).toBeUndefined();
    expect(errors).toEqual({
      params: '"NaN" is not a number.',
      tflops: '"Infinity" is not a number.',
      batch: 'Batch size must be at least 1.',
      output: 'Output length must be a whole number.',
    });
  });

  it('refuses a zero bandwidth or MFU rather than dividing by it', () => {
    expect(evaluate({ ...DEFAULTS, bandwidth: '0' }).errors.bandwidth).toBe('Memory bandwidth must be more than 0 GB/s.');
    expect(evaluate({ ...DEFAULTS, mfu: '0' }).errors.mfu).toBe('Prefill MFU must be more than 0 %.');
  });

  it('checks the heads against each other', () => {
    expect(evaluate({ ...DEFAULTS, kvHeads: '5' }).errors.kvHeads).toMatch(/must divide the 32 attention heads/);
    expect(evaluate({ ...DEFAULTS, hidden: '4097' }).errors.hidden).toMatch(/not divisible by 32 heads/);
  });

  it('says when the weights leave no room for a KV cache instead of showing a throughput', () => {
    const evaluation = evaluate({ ...DEFAULTS, ...applyModel('70B') });
    expect(evaluation.result).toBeUndefined();
    expect(evaluation.problem).toMatch(/The weights \(140 GB\) .* no room for a KV cache in 72 GB of usable memory/);
  });

  it('says so when the weights fit but the overhead leaves no room: Llama 3 8B FP16 on a 24 GB L4 with 6 GB of overhead', () => {
    // 24 GB × 0.9 = 21.6 GB usable; 16 GB of weights + 6 GB overhead > 21.6 GB.
    const evaluation = evaluate({ ...DEFAULTS, ...applyGpu('l4'), overhead: '6' });
    expect(evaluation.result).toBeUndefined();
    expect(evaluation.problem).toMatch(/The weights \(16 GB\) .* 21.6 GB of usable memory/);
  });

  it('refuses a precision a link cannot mean instead of quietly computing FP16', () => {
    for (const raw of [
      { ...DEFAULTS, precision: 'fp3' },
      { ...DEFAULTS, kv: 'int2' },
    ]) {
      const evaluation = evaluate(raw);
      expect(evaluation.result).toBeUndefined();
      expect(evaluation.problem).toMatch(/precision "(fp3|int2)" in the link: choose one from the list/);
    }
  });

  it('marks a batch larger than the KV cache allows', () => {
    const { result } = evaluate({ ...DEFAULTS, batch: '400' });
    expect(result?.fits).toBe(false);
    expect(result?.maxBatch).toBe('321 sequences');
  });

  it('flags a decode step that has become compute-bound, where the estimate is too optimistic', () => {
    // 4-bit weights and a 4,096 batch of short sequences on an L4: intensity above its ridge of 403.
    const { result } = evaluate({
      ...DEFAULTS,
      ...applyModel('7B'),
      ...applyGpu('l4'),
      precision: 'int4',
      kv: 'fp8',
      batch: '4096',
      prompt: '1',
      output: '1',
      usable: '100',
      overhead: '0',
    });
    expect(result?.intensity).toMatch(/compute-bound/);
  });

  it('keeps every field in the link: a scenario written to the URL reads back equal and gives the same result', () => {
    const keys = Object.keys(DEFAULTS) as (keyof Raw)[];
    const scenarios: Raw[] = [
      DEFAULTS,
      { ...DEFAULTS, ...applyModel('70B'), ...applyGpu('a100'), precision: 'int4', kv: 'fp8', batch: '8', prompt: '2,000', output: '500', price: '2.5' },
      { ...DEFAULTS, ...applyGpu('l4'), params: '7.5', batch: '', efficiency: 'abc' },
    ];
    for (const raw of scenarios) {
      const search = writeState('?utm=x', PREFIX, raw);
      const back = { ...DEFAULTS, ...readState(search, PREFIX, keys) };
      expect(back).toEqual(raw);
      expect(evaluate(back)).toEqual(evaluate(raw));
      expect(matchingModel(back)).toBe(matchingModel(raw));
      expect(matchingGpu(back)).toBe(matchingGpu(raw));
    }
  });
});
