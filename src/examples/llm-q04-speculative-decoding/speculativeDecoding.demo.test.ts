import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './speculativeDecoding.demo';

afterEach(() => vi.restoreAllMocks());

describe('the speculative decoding demo', () => {
  it('prints six lines: 3.36 tokens per pass, a 2.80x speed-up, gamma 8 as best (3.09x) and a slow-down when compute-bound', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const r = demo();
    expect(r.expected).toBeCloseTo(3.3616, 10);
    expect(Math.abs(r.simulated - r.expected)).toBeLessThan(0.03);
    expect(r.speedup).toBeCloseTo(2.8013, 4);
    expect(r.best.gamma).toBe(8);
    expect(r.best.speedup).toBeCloseTo(3.0921, 4);
    expect(r.computeBound).toBeCloseTo(0.6465, 4);
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([
      'alpha 0.8, gamma 4: 3.3616 tokens per target pass (Monte Carlo, 100,000 passes: 3.3675)',
      'measured acceptance: 0.801 per draft position scored, 0.592 per draft token proposed',
      'speed-up with a draft at c = 0.05: 2.80x',
      'best gamma up to 16: 8, 3.09x',
      'if verifying 5 tokens costs 5 passes (compute-bound): 0.65x, slower than no speculation',
      'best gamma if verifying gamma + 1 tokens costs gamma + 1 passes: 0 (do not speculate)',
    ]);
  });

  it('measures acceptance per position scored (about 0.80), not per draft token proposed (about 0.59), and turns speculation off when verification is compute-bound', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const r = demo();
    expect(Math.abs(r.acceptancePerScored - 0.8)).toBeLessThan(0.005);
    expect(Math.abs(r.acceptancePerProposed - (r.expected - 1) / 4)).toBeLessThan(0.005);
    expect(r.bestComputeBound).toEqual({ gamma: 0, speedup: 1 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('measured acceptance: 0.801 per draft position scored, 0.592 per draft token proposed');
    expect(lines).toContain('best gamma if verifying gamma + 1 tokens costs gamma + 1 passes: 0 (do not speculate)');
  });
});
