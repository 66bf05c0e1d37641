import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './roofline.demo';

afterEach(() => vi.restoreAllMocks());

describe('the prefill and decode roofline demo', () => {
  it('shows prefill compute-bound and decode memory-bound at every batch, with throughput rising less than the batch', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result.ridge).toBe(295);
    expect(result.prefillMs).toBe(16.6);
    expect(result.decode.map((d) => d.batch)).toEqual([1, 8, 32, 128, 512]);
    expect(result.decode.map((d) => d.intensity)).toEqual([1, 7.4, 24.6, 58, 87.8]);
    expect(result.decode.map((d) => d.tokensPerSecond)).toEqual([207, 1557, 5146, 12138, 18382]);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('prefill, 1,024 tokens: 1015 FLOP/byte, compute-bound, 16.6 ms');
    expect(lines.filter((l) => l.startsWith('decode, batch')).every((l) => l.includes('memory-bound'))).toBe(true);
    expect(lines).toContain('decode, batch 128: 58.0 FLOP/byte, memory-bound, 10.55 ms a step, 12,138 tokens/s');
    expect(lines.at(-1)).toBe('decode intensity limit at 1152 tokens: 106 FLOP/byte; no batch reaches the ridge');
  });
});
