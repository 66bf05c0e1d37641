import { describe, expect, it } from 'vitest';
import { Z_P99_NORMAL, concurrentThroughput, singleThreadThroughput, tailLatencyEstimate } from './latency';

describe('singleThreadThroughput', () => {
  it('serves 1 / latency requests per second: 20 at 50 ms', () => {
    expect(singleThreadThroughput(0.05)).toBeCloseTo(20, 12);
  });

  it('rejects a latency of zero instead of returning Infinity', () => {
    expect(() => singleThreadThroughput(0)).toThrow(RangeError);
    expect(() => singleThreadThroughput(-0.01)).toThrow(RangeError);
  });
});

describe('concurrentThroughput', () => {
  it('divides concurrency by latency plus overhead: 8 slots at 50 + 10 ms serve 133 requests/s', () => {
    expect(concurrentThroughput(8, 0.05, 0.01)).toBeCloseTo(133.33, 2);
  });

  it('equals the single-thread ceiling with one slot and no overhead', () => {
    expect(concurrentThroughput(1, 0.05)).toBeCloseTo(singleThreadThroughput(0.05), 12);
  });

  it('rejects zero concurrency and negative overhead', () => {
    expect(() => concurrentThroughput(0, 0.05)).toThrow(RangeError);
    expect(() => concurrentThroughput(4, 0.05, -0.001)).toThrow(RangeError);
  });
});

describe('tailLatencyEstimate', () => {
  it('adds three standard deviations by default: 40 ms ± 10 ms gives about 70 ms', () => {
    expect(tailLatencyEstimate(0.04, 0.01)).toBeCloseTo(0.07, 12);
  });

  it('uses 2.326 standard deviations for the p99 of a normal distribution', () => {
    expect(tailLatencyEstimate(0.04, 0.01, Z_P99_NORMAL)).toBeCloseTo(0.06326, 5);
  });

  it('rejects a negative standard deviation', () => {
    expect(() => tailLatencyEstimate(0.04, -0.01)).toThrow(RangeError);
  });
});
