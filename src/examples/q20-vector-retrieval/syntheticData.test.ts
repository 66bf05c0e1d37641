import { describe, expect, it } from 'vitest';
import { clusteredData } from './syntheticData';

describe('clusteredData', () => {
  it('gives the same vectors for the same seed, and different ones for another seed', () => {
    expect(clusteredData(7, 50, 16, 5, 0.6)).toEqual(clusteredData(7, 50, 16, 5, 0.6));
    expect(clusteredData(8, 50, 16, 5, 0.6)).not.toEqual(clusteredData(7, 50, 16, 5, 0.6));
  });

  it('returns the requested number of vectors of the requested dimension, all finite', () => {
    const data = clusteredData(99, 37, 5, 4, 0.6);
    expect(data).toHaveLength(37);
    for (const v of data) {
      expect(v).toHaveLength(5);
      expect(v.every(Number.isFinite)).toBe(true);
    }
  });

  it('keeps each vector near its centre: with no noise, vectors of the same cluster coincide', () => {
    const data = clusteredData(7, 6, 3, 3, 0);
    expect(data[3]).toEqual(data[0]);
    expect(data[4]).toEqual(data[1]);
    expect(data[1]).not.toEqual(data[0]);
  });
});
