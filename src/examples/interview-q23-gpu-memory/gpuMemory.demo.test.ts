import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './gpuMemory.demo';

afterEach(() => vi.restoreAllMocks());

describe('the GPU memory demo', () => {
  it('sizes every preset at batch 16 and 4,096 tokens: grouped-query attention lets the 8B model batch far more than the 7B', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result['7B']).toEqual({ fp16GB: 58, int4GB: 45.4, maxBatchOn80GB: 24 });
    expect(result['8B']!.maxBatchOn80GB).toBe(94);
    expect(result['70B']).toMatchObject({ fp16GB: 193.8, maxBatchOn80GB: 0 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('  needs 3 x 80 GB cards; 67.8 GB with 4-bit weights; largest batch on one 80 GB card: 0');
  });
});
