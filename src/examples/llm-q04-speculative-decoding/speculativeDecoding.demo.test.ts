import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './speculativeDecoding.demo';

afterEach(() => vi.restoreAllMocks());

describe('the speculative decoding demo', () => {
  it('shows 3.36 tokens per pass, a 2.80x speed-up, gamma 8 as best (3.09x) and a slow-down when compute-bound', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const r = demo();
    expect(r.expected).toBeCloseTo(3.3616, 10);
    expect(Math.abs(r.simulated - r.expected)).toBeLessThan(0.03);
    expect(r.speedup).toBeCloseTo(2.8013, 4);
    expect(r.best.gamma).toBe(8);
    expect(r.best.speedup).toBeCloseTo(3.0921, 4);
    expect(r.computeBound).toBeCloseTo(0.6465, 4);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('best gamma up to 16: 8, 3.09x');
  });
});
