import { describe, expect, it } from 'vitest';
import { simulate, type SchedulerConfig, type StepCost, type TraceRequest } from './batchScheduler';
import { cost as demoCost, trace as demoTrace } from './batchScheduler.demo';

const cost: StepCost = { fixedMs: 5, perPrefillTokenMs: 0.125, perDecodeSequenceMs: 0.5 };
const continuous: SchedulerConfig = { mode: 'continuous', maxBatch: 4, kvTokenBudget: 10_000, prefillChunk: Infinity };
const staticBatch: SchedulerConfig = { ...continuous, mode: 'static' };
const req = (id: string, arrivalMs: number, promptTokens: number, outputTokens: number): TraceRequest => ({ id, arrivalMs, promptTokens, outputTokens });

describe('the step-cost model', () => {
  it('charges one request fixed + prompt cost for its first token and fixed + one decode for each later token', () => {
    const r = simulate([req('a', 0, 400, 5)], cost, continuous);
    expect(r.requests[0]).toEqual({ id: 'a', ttftMs: 5 + 0.125 * 400, tpotMs: 5.5, maxGapMs: 5.5, finishMs: 55 + 4 * 5.5 });
    expect(r.steps).toBe(5);
    expect(r.outputTokensPerSecond).toBeCloseTo((5 / 77) * 1000, 9);
  });

  it('waits idle for the first arrival and measures TTFT from arrival, not from time zero', () => {
    const r = simulate([req('late', 1000, 8, 1)], cost, continuous);
    expect(r.requests[0]).toMatchObject({ ttftMs: 6, tpotMs: 0, finishMs: 1006 });
    expect(r.makespanMs).toBe(6);
  });

  it('returns zeros for an empty trace', () => {
    expect(simulate([], cost, continuous)).toEqual({ requests: [], steps: 0, makespanMs: 0, outputTokensPerSecond: 0, meanTtftMs: 0, meanTpotMs: 0 });
  });
});

describe('static batching', () => {
  it('makes a request that arrives after the batch started wait until the whole batch has finished', () => {
    const r = simulate([req('long', 0, 8, 100), req('next', 1, 8, 1)], cost, staticBatch);
    const long = r.requests.find((q) => q.id === 'long')!;
    const next = r.requests.find((q) => q.id === 'next')!;
    expect(next.finishMs).toBe(long.finishMs + 6);
    expect(next.ttftMs).toBe(long.finishMs + 6 - 1);
  });

  it('keeps computing a finished sequence until the batch drains (padding), so the survivor decodes at batch cost', () => {
    const r = simulate([req('short', 0, 8, 2), req('long', 0, 8, 4)], cost, staticBatch);
    // Every decode step still counts two sequences: 5 + 2 x 0.5 = 6 ms.
    expect(r.requests.find((q) => q.id === 'long')!.tpotMs).toBe(6);
  });
});

describe('continuous batching', () => {
  it('admits a new request at the next step and lets a finished one leave at once', () => {
    const r = simulate([req('long', 0, 8, 100), req('next', 1, 8, 1)], cost, continuous);
    const next = r.requests.find((q) => q.id === 'next')!;
    // It joins after the first step (6 ms), in a step with its 8 prompt tokens and one decoder: 5 + 1 + 0.5 ms.
    expect(next).toMatchObject({ ttftMs: 6 + 6.5 - 1, finishMs: 12.5 });
    const long = r.requests.find((q) => q.id === 'long')!;
    expect(long.maxGapMs).toBe(6.5);
    expect(long.finishMs).toBe(6 + 6.5 + 98 * 5.5);
  });

  it('never runs more than maxBatch sequences at once', () => {
    const trace = ['a', 'b', 'c'].map((id) => req(id, 0, 8, 10));
    const r = simulate(trace, cost, { ...continuous, maxBatch: 2 });
    expect(r.requests.find((q) => q.id === 'c')!.ttftMs).toBe(r.requests.find((q) => q.id === 'a')!.finishMs + 6);
  });

  it('holds a request back while its prompt and output would exceed the KV budget, even with a free slot, and keeps FIFO order', () => {
    const trace = [req('big', 0, 600, 10), req('huge', 0, 500, 10), req('small', 0, 10, 1)];
    const r = simulate(trace, cost, { ...continuous, kvTokenBudget: 1_000 });
    const big = r.requests.find((q) => q.id === 'big')!;
    // 610 + 510 > 1,000: huge waits for big to finish, and small, which would fit, may not overtake it.
    expect(r.requests.find((q) => q.id === 'huge')!.ttftMs).toBeGreaterThan(big.finishMs);
    expect(r.requests.find((q) => q.id === 'small')!.ttftMs).toBeGreaterThan(big.finishMs);
  });

  it('stalls every decoder for a whole long prefill, and chunked prefill bounds that gap by the chunk size', () => {
    const trace = [req('chat', 0, 8, 50), req('document', 20, 4_000, 2)];
    const whole = simulate(trace, cost, continuous).requests.find((q) => q.id === 'chat')!;
    const chunked = simulate(trace, cost, { ...continuous, prefillChunk: 256 }).requests.find((q) => q.id === 'chat')!;
    expect(whole.maxGapMs).toBe(5 + 0.125 * 4_000 + 0.5);
    expect(chunked.maxGapMs).toBe(5 + 0.125 * 256 + 0.5);
  });

  it("delays the long prompt's first token when its prefill is chunked: the latency moves, it does not vanish", () => {
    const trace = [req('chat', 0, 8, 50), req('document', 20, 4_000, 2)];
    const doc = (chunk: number) => simulate(trace, cost, { ...continuous, prefillChunk: chunk }).requests.find((q) => q.id === 'document')!;
    expect(doc(256).ttftMs).toBeGreaterThan(doc(Infinity).ttftMs);
  });
});

describe('input checks', () => {
  it('names the field it rejects', () => {
    const ok = [req('a', 0, 8, 1)];
    expect(() => simulate(ok, { ...cost, fixedMs: -1 }, continuous)).toThrow(new RangeError('cost.fixedMs must be a finite number >= 0, got -1'));
    expect(() => simulate(ok, { fixedMs: 0, perPrefillTokenMs: 0, perDecodeSequenceMs: 0 }, continuous)).toThrow(/a step must take some time/);
    expect(() => simulate(ok, cost, { ...continuous, maxBatch: 0 })).toThrow(/maxBatch/);
    expect(() => simulate(ok, cost, { ...continuous, prefillChunk: 0 })).toThrow(/prefillChunk/);
    expect(() => simulate(ok, cost, { ...continuous, kvTokenBudget: Number.NaN })).toThrow(/kvTokenBudget must be a positive number/);
    expect(() => simulate([req('a', 0, 8, 1), req('a', 1, 8, 1)], cost, continuous)).toThrow(/a appears twice/);
    expect(() => simulate([req('a', -1, 8, 1)], cost, continuous)).toThrow(/arrivalMs/);
    expect(() => simulate([req('a', 0, 0, 1)], cost, continuous)).toThrow(/promptTokens/);
    expect(() => simulate([req('a', 0, 8, 1.5)], cost, continuous)).toThrow(/outputTokens/);
    expect(() => simulate([req('a', 0, 9_000, 2_000)], cost, continuous)).toThrow(/a: needs more than kvTokenBudget \(10000\)/);
  });

  it('takes a prefill chunk of whole tokens only, so no step processes part of a token', () => {
    expect(() => simulate([req('a', 0, 8, 1)], cost, { ...continuous, prefillChunk: 2.5 })).toThrow(/prefillChunk must be a positive integer or Infinity, got 2.5/);
  });

  it('returns an empty result for an empty trace', () => {
    expect(simulate([], cost, continuous)).toMatchObject({ requests: [], steps: 0, makespanMs: 0, outputTokensPerSecond: 0 });
  });
});

describe('batch size', () => {
  it('raises throughput and time per output token together: one at a time 156 tokens/s at 5.5 ms, four at once 286 tokens/s at 9.7 ms', () => {
    const run = (maxBatch: number) => simulate(demoTrace, demoCost, { mode: 'continuous', maxBatch, kvTokenBudget: 8_192, prefillChunk: Infinity });
    const one = run(1);
    const four = run(4);
    expect(one.outputTokensPerSecond).toBeCloseTo(156.0, 1);
    expect(one.meanTpotMs).toBe(5.5);
    expect(four.outputTokensPerSecond).toBeCloseTo(286.4, 1);
    expect(four.meanTpotMs).toBeCloseTo(9.72, 2);
  });
});
