import { describe, expect, it } from 'vitest';
import { SCALING_RULES, afterBatchDoublings, batchLatency, batchModelFromPoint, batchThroughput, doublingFactors } from './scaling';

describe('scaling rules of thumb', () => {
  it('keep each range in order', () => {
    for (const rule of Object.values(SCALING_RULES)) expect(rule.low).toBeLessThanOrEqual(rule.high);
  });

  it('give batch-doubling factors that agree with throughput = batch / latency', () => {
    // Twice the requests per batch: throughput factor x latency factor must be 2.
    const { batchDoublingThroughput: t, batchDoublingLatency: l } = SCALING_RULES;
    expect(t.low * l.low).toBeCloseTo(2, 12);
    expect(l.low).toBeCloseTo(1.2, 12);
    expect(t.low).toBeCloseTo(2 / 1.2, 12);
  });
});

describe('one batch cost model: latency = fixed + per item x batch', () => {
  const model = { fixedSeconds: 0.04, perItemSeconds: 0.002 };

  it('derives the doubling rule from the fixed share of the batch time', () => {
    // Batch 5: 40 + 10 = 50 ms, 80% fixed. Batch 10: 40 + 20 = 60 ms.
    expect(batchLatency(model, 10) / batchLatency(model, 5)).toBeCloseTo(doublingFactors(0.8).latency, 12);
    expect(batchThroughput(model, 10) / batchThroughput(model, 5)).toBeCloseTo(doublingFactors(0.8).throughput, 12);
    expect(doublingFactors(0.8)).toEqual({ throughput: 2 / 1.2, latency: 1.2 });
  });

  it('gains less from each doubling as the fixed share falls', () => {
    // Batch 10 is 40 / 60 = 2/3 fixed, so doubling again gives x1.5 throughput and x1.33 latency.
    expect(batchThroughput(model, 20) / batchThroughput(model, 10)).toBeCloseTo(1.5, 12);
    expect(batchLatency(model, 20) / batchLatency(model, 10)).toBeCloseTo(4 / 3, 12);
  });

  it('recovers that model from 100 requests/s at 50 ms: a batch of 5, 40 ms fixed plus 2 ms a request', () => {
    const { model: found, batchSize } = batchModelFromPoint({ throughputRps: 100, latencySeconds: 0.05 }, 0.8);
    expect(batchSize).toBeCloseTo(5, 12);
    expect(found.fixedSeconds).toBeCloseTo(0.04, 12);
    expect(found.perItemSeconds).toBeCloseTo(0.002, 12);
  });

  it('takes 100 requests/s at 50 ms to 250 requests/s at 80 ms in two doublings', () => {
    const after = afterBatchDoublings({ throughputRps: 100, latencySeconds: 0.05 }, 2, 0.8);
    expect(after.batchSize).toBeCloseTo(20, 12);
    expect(after.throughputRps).toBeCloseTo(250, 9);
    expect(after.latencySeconds).toBeCloseTo(0.08, 12);
  });

  it('changes nothing with zero doublings and rejects fractional ones', () => {
    const same = afterBatchDoublings({ throughputRps: 100, latencySeconds: 0.05 }, 0);
    expect(same.throughputRps).toBeCloseTo(100, 9);
    expect(same.latencySeconds).toBeCloseTo(0.05, 12);
    expect(() => afterBatchDoublings({ throughputRps: 100, latencySeconds: 0.05 }, 1.5)).toThrow(RangeError);
    expect(() => doublingFactors(1.2)).toThrow(RangeError);
  });
});
