import { describe, expect, it } from 'vitest';
import { SCALING_RULES, afterBatchDoublings } from './scaling';

describe('scaling rules of thumb', () => {
  it('keep each range in order', () => {
    for (const rule of Object.values(SCALING_RULES)) expect(rule.low).toBeLessThanOrEqual(rule.high);
  });

  it('multiply throughput by 1.5 and latency by 1.2 per batch doubling', () => {
    const after = afterBatchDoublings({ throughputRps: 100, latencySeconds: 0.05 }, 2);
    expect(after.throughputRps).toBeCloseTo(225, 9);
    expect(after.latencySeconds).toBeCloseTo(0.072, 12);
  });

  it('changes nothing with zero doublings and rejects fractional ones', () => {
    expect(afterBatchDoublings({ throughputRps: 100, latencySeconds: 0.05 }, 0)).toEqual({ throughputRps: 100, latencySeconds: 0.05 });
    expect(() => afterBatchDoublings({ throughputRps: 100, latencySeconds: 0.05 }, 1.5)).toThrow(RangeError);
  });
});
