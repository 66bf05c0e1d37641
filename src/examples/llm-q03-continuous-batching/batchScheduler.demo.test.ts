import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulate } from './batchScheduler';
import { cost, demo, trace } from './batchScheduler.demo';

afterEach(() => vi.restoreAllMocks());

describe('the batching demo', () => {
  it('shows continuous batching cutting mean TTFT from 1,274 to 346 ms and raising throughput from 186 to 286 tokens/s, and chunking cutting the worst stall from 256.5 to 38.5 ms', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const r = demo();
    const worst = (name: string) => Math.max(...r[name]!.requests.map((q) => q.maxGapMs));
    expect(r.static!.meanTtftMs).toBe(1273.75);
    expect(r.continuous!.meanTtftMs).toBeCloseTo(345.97, 2);
    expect(r.static!.outputTokensPerSecond).toBeCloseTo(185.6, 1);
    expect(r.continuous!.outputTokensPerSecond).toBeCloseTo(286.4, 1);
    // The page's arithmetic: 480 tokens / 2.586 s and 480 / 1.676 s.
    expect([r.static!.makespanMs, r.continuous!.makespanMs]).toEqual([2586, 1676]);
    expect([worst('static'), worst('continuous'), worst('continuous, chunk 256')]).toEqual([7, 256.5, 38.5]);
    expect(r['continuous, chunk 256']!.meanTtftMs).toBeCloseTo(348.47, 2);
    // Chunking delays the long prompt (r5) but lets r1 start sooner, and its extra step costs 5 ms of makespan.
    const ttft = (name: string, id: string) => r[name]!.requests.find((q) => q.id === id)!.ttftMs;
    expect([ttft('continuous', 'r5'), ttft('continuous, chunk 256', 'r5')]).toEqual([468.5, 512]);
    expect([ttft('continuous', 'r1'), ttft('continuous, chunk 256', 'r1')]).toEqual([67.5, 37]);
    expect(r['continuous, chunk 256']!.makespanMs).toBe(1681);
    expect(r['continuous, chunk 256']!.outputTokensPerSecond).toBeCloseTo(285.54, 2);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('continuous: mean TTFT 346 ms, mean TPOT 9.7 ms, worst gap 256.5 ms, 286 tokens/s');
  });

  it('prints n/a, not -Infinity, for the worst gap of an empty trace', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    demo([]);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('continuous: mean TTFT n/a, mean TPOT n/a, worst gap n/a, 0 tokens/s');
  });

  it('has a KV budget that does not bind: the result changes only below 3,165 tokens', () => {
    const run = (kvTokenBudget: number) => simulate(trace, cost, { mode: 'continuous', maxBatch: 4, kvTokenBudget, prefillChunk: Infinity });
    expect(trace.reduce((sum, r) => sum + r.promptTokens + r.outputTokens, 0)).toBe(4_000);
    expect(run(3_165)).toEqual(run(8_192));
    expect(run(3_164)).not.toEqual(run(8_192));
  });
});
