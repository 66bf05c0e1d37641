import { describe, expect, it } from 'vitest';
import { simulate, type SchedulerConfig, type SimulationResult, type StepCost, type TraceRequest } from './batchScheduler';
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

  it('waits idle for the first arrival, admits it at that instant and measures TTFT from arrival, not from time zero', () => {
    const r = simulate([req('late', 1000, 8, 1)], cost, continuous);
    expect(r.requests[0]).toMatchObject({ ttftMs: 6, finishMs: 1006 });
    expect(r.makespanMs).toBe(6);
  });

  it('measures the makespan from the first arrival even on a trace too long to spread into Math.min', () => {
    // 200,000 one-token requests at 1,000 ms run in one step of 5 + 0.125 x 200,000 = 25,005 ms.
    const trace = Array.from({ length: 200_000 }, (_, i) => req(`r${i}`, 1000, 1, 1));
    const r = simulate(trace, cost, { ...continuous, maxBatch: 200_000, kvTokenBudget: 400_000 });
    expect(r.makespanMs).toBe(25_005);
    expect(r.steps).toBe(1);
  });

  it('returns results in trace order, not in the order requests finish', () => {
    const r = simulate([req('long', 0, 8, 100), req('short', 0, 8, 1)], cost, continuous);
    expect(r.requests.map((q) => q.id)).toEqual(['long', 'short']);
    expect(r.requests[1]!.finishMs).toBeLessThan(r.requests[0]!.finishMs);
  });

  it('admits in arrival order whatever the order of the trace, and reports in trace order', () => {
    const byArrival = [req('a', 0, 8, 20), req('b', 10, 8, 5), req('c', 30, 8, 3)];
    const shuffled = [byArrival[2]!, byArrival[0]!, byArrival[1]!];
    const sorted = simulate(byArrival, cost, { ...continuous, maxBatch: 1 });
    const r = simulate(shuffled, cost, { ...continuous, maxBatch: 1 });
    expect(r.requests.map((q) => q.id)).toEqual(['c', 'a', 'b']);
    expect(r.requests).toEqual([sorted.requests[2], sorted.requests[0], sorted.requests[1]]);
    expect(r.makespanMs).toBe(sorted.makespanMs);
  });

  it('gives a one-token request no TPOT, since it has no token after the first, and leaves it out of the mean', () => {
    // Both prefill in one step of 5 + 0.125 x 16 = 7 ms; then 'long' decodes 10 tokens at 5.5 ms each.
    const r = simulate([req('one', 0, 8, 1), req('long', 0, 8, 11)], cost, continuous);
    expect(r.requests.find((q) => q.id === 'one')!.tpotMs).toBeUndefined();
    expect(r.requests.find((q) => q.id === 'long')!.tpotMs).toBe(5.5);
    expect(r.meanTpotMs).toBe(5.5);
    expect(simulate([req('one', 0, 8, 1)], cost, continuous).meanTpotMs).toBeUndefined();
  });

  it('gives no mean TTFT and no mean TPOT for an empty trace, since there is nothing to average, and no tokens', () => {
    expect(simulate([], cost, continuous)).toEqual({ requests: [], steps: 0, makespanMs: 0, outputTokensPerSecond: 0, meanTtftMs: undefined, meanTpotMs: undefined });
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

  it('admits a request whose prompt and output exactly fill the KV budget, and frees that KV when it finishes', () => {
    const r = simulate([req('a', 0, 90, 10), req('b', 0, 90, 10)], cost, { ...continuous, kvTokenBudget: 100 });
    const [a, b] = r.requests;
    // b joins only after a retires, then prefills its 90 tokens alone.
    expect(b!.ttftMs).toBe(a!.finishMs + 5 + 0.125 * 90);
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
    expect(() => simulate(ok, cost, { ...continuous, kvTokenBudget: Number.NaN })).toThrow(/kvTokenBudget must be a finite positive number, got NaN/);
    expect(() => simulate(ok, cost, { ...continuous, kvTokenBudget: Infinity })).toThrow(/kvTokenBudget must be a finite positive number, got Infinity/);
    expect(() => simulate([req('a', 0, 8, 1), req('a', 1, 8, 1)], cost, continuous)).toThrow(/a appears twice/);
    expect(() => simulate([req('a', -1, 8, 1)], cost, continuous)).toThrow(/arrivalMs/);
    expect(() => simulate([req('a', 0, 0, 1)], cost, continuous)).toThrow(/promptTokens/);
    expect(() => simulate([req('a', 0, 8, 1.5)], cost, continuous)).toThrow(/outputTokens/);
    expect(() => simulate([req('a', 0, 9_000, 2_000)], cost, continuous)).toThrow(/a: needs more than kvTokenBudget \(10,000\)/);
    expect(() => simulate([req('a', 0, 12_000, 1)], cost, { ...continuous, kvTokenBudget: 12_000.5 })).toThrow(/a: needs more than kvTokenBudget \(12,000.5\)/);
  });

  it('refuses a cost model with a field missing rather than skipping it', () => {
    const missing = { fixedMs: 5, perPrefillTokenMs: 0.125 } as StepCost;
    expect(() => simulate([req('a', 0, 8, 2)], missing, continuous)).toThrow(new RangeError('cost.perDecodeSequenceMs must be a finite number >= 0, got undefined'));
  });

  it('refuses a cost model under which a step could take no time, such as a prefill-only step with no fixed or prompt cost', () => {
    const free = { fixedMs: 0, perPrefillTokenMs: 0, perDecodeSequenceMs: 1 };
    expect(() => simulate([req('a', 0, 10, 1)], free, continuous)).toThrow(/a step must take some time/);
    expect(() => simulate([req('a', 0, 10, 1)], { fixedMs: 0, perPrefillTokenMs: 0.1, perDecodeSequenceMs: 0 }, continuous)).toThrow(RangeError);
    // Without a fixed cost, both per-token costs must be positive: every step then has a prompt token or a decode.
    expect(simulate([req('a', 0, 10, 2)], { fixedMs: 0, perPrefillTokenMs: 0.1, perDecodeSequenceMs: 1 }, continuous).makespanMs).toBe(2);
  });

  it('takes a prefill chunk of whole tokens only, so no step processes part of a token', () => {
    expect(() => simulate([req('a', 0, 8, 1)], cost, { ...continuous, prefillChunk: 2.5 })).toThrow(/prefillChunk must be a positive integer or Infinity, got 2.5/);
  });

  it('returns an empty result for an empty trace', () => {
    expect(simulate([], cost, continuous)).toMatchObject({ requests: [], steps: 0, makespanMs: 0, outputTokensPerSecond: 0 });
  });
});

describe('batch size on the demo trace', () => {
  const run = (maxBatch: number, prefillChunk = Infinity) => simulate(demoTrace, demoCost, { mode: 'continuous', maxBatch, kvTokenBudget: 8_192, prefillChunk });

  it('raises throughput up to three sequences: 156 tokens/s one at a time (5.5 ms TPOT), 240 at two, 286 at three', () => {
    expect(run(1).outputTokensPerSecond).toBeCloseTo(156.05, 2);
    expect(run(1).meanTpotMs).toBe(5.5);
    expect(run(2).outputTokensPerSecond).toBeCloseTo(239.88, 2);
    expect(run(3).outputTokensPerSecond).toBeCloseTo(286.4, 1);
  });

  it('stops raising throughput at three, and beyond it trades TPOT and stall length for lower TTFT', () => {
    const [three, four, eight] = [run(3), run(4), run(8)];
    // From three on, the run ends when r2 (300 prompt + 200 output tokens) drains: 480 tokens / 1.676 s.
    for (const r of [three, four, eight]) {
      expect(r.makespanMs).toBe(1676);
      expect(r.requests.find((q) => q.id === 'r2')!.finishMs).toBe(1676);
      expect(r.outputTokensPerSecond).toBeCloseTo(286.4, 1);
    }
    const slowestFirstToken = (r: SimulationResult) => Math.max(...r.requests.map((q) => q.ttftMs));
    const worstGap = (r: SimulationResult) => Math.max(...r.requests.map((q) => q.maxGapMs));
    // Less queueing: mean TTFT 434, 346, 294 ms; the slowest first token 894.5, 734, 394.75 ms.
    expect(three.meanTtftMs).toBeCloseTo(434.41, 2);
    expect(four.meanTtftMs).toBeCloseTo(345.97, 2);
    expect(eight.meanTtftMs).toBeCloseTo(294, 2);
    expect([three, four, eight].map(slowestFirstToken)).toEqual([894.5, 734, 394.75]);
    // Paid for in TPOT, 8.0, 9.7, 11.4 ms, and in longer stalls, 256, 256.5, 337.25 ms.
    expect(three.meanTpotMs).toBeCloseTo(7.96, 2);
    expect(four.meanTpotMs).toBeCloseTo(9.72, 2);
    expect(eight.meanTpotMs).toBeCloseTo(11.39, 2);
    expect([three, four, eight].map(worstGap)).toEqual([256, 256.5, 337.25]);
  });

  it('meets a 500 ms TTFT target for every request only at eight without chunking, where TPOT is still far under 50 ms', () => {
    const slowest = [1, 2, 3, 4, 5, 6, 7, 8].map((b) => Math.max(...run(b).requests.map((q) => q.ttftMs)));
    expect(slowest.map((ms) => ms < 500)).toEqual([false, false, false, false, false, false, false, true]);
    expect(slowest[6]).toBe(511.5);
    expect(run(8).meanTpotMs).toBeLessThan(50);
  });

  it('meets it from seven with 256-token chunks, with a worst stall of 39.5 ms', () => {
    const slowest = [6, 7, 8].map((b) => Math.max(...run(b, 256).requests.map((q) => q.ttftMs)));
    expect(slowest).toEqual([585.5, 493.5, 454.5]);
    expect(Math.max(...run(7, 256).requests.map((q) => q.maxGapMs))).toBe(39.5);
  });
});
