import { describe, expect, it } from 'vitest';
import { seeded } from './seededRandom';

describe('the seeded generator', () => {
  it('gives the same numbers for the same seed and others for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seeded(seed));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('draws in [0, 1) with a mean near one half', () => {
    const random = seeded(7);
    const values = Array.from({ length: 10_000 }, random);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});
