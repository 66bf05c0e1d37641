import { describe, expect, it } from 'vitest';
import { A100_PEAK_BF16_FLOPS, computeSeconds, forwardFlops, forwardFlopsPerToken, trainingFlops } from './compute';

describe('transformer compute', () => {
  it('does 2 × parameters FLOP per token: 14 GFLOP for 7B (an amount, not a rate)', () => {
    expect(forwardFlopsPerToken(7e9)).toBe(14e9);
  });

  it('does 28.7 TFLOP for a 2,048-token forward pass of a 7B model', () => {
    expect(forwardFlops(7e9, 2048)).toBe(2.8672e13);
  });

  it('needs about 6 × parameters × tokens to train: 84 ZFLOP for 7B on 2T tokens', () => {
    expect(trainingFlops(7e9, 2e12)).toBeCloseTo(8.4e22, -18);
  });

  it('turns an amount into time only with a rate: 28.7 TFLOP on an A100 at 50 % takes about 0.18 s', () => {
    expect(computeSeconds(2.8672e13, A100_PEAK_BF16_FLOPS, 0.5)).toBeCloseTo(0.1838, 4);
  });

  it('rejects a utilisation above 100 % and non-positive sizes', () => {
    expect(() => computeSeconds(1e12, 1e12, 1.5)).toThrow(RangeError);
    expect(() => forwardFlopsPerToken(0)).toThrow(RangeError);
    expect(() => forwardFlops(7e9, Number.NaN)).toThrow(RangeError);
  });
});
