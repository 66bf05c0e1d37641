import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './hybridSearch.demo';

afterEach(() => vi.restoreAllMocks());

describe('the hybrid search demo', () => {
  it('splits the long SSO section in two and fuses to the chunk both retrievers rank high', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result.chunks).toBe(4);
    expect(result.keyword).toEqual(['handbook#0', 'handbook#1']);
    // handbook#1: 1/62 + 1/61 = 0.0325 beats handbook#0: 1/61 + 1/63 = 0.0323.
    expect(result.fused).toEqual(['handbook#1', 'handbook#0', 'handbook#2', 'handbook#3']);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('RRF (k = 60): handbook#1 0.0325, handbook#0 0.0323, handbook#2 0.0161, handbook#3 0.0156');
  });
});
