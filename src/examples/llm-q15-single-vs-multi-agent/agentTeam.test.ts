import { describe, expect, it } from 'vitest';
import { breakEvenDollarsPerHourSaved, fanOut, orchestrated, singleAgent, type Team, type Workload } from './agentTeam';

// The page's example: eight independent research pieces, four workers.
const work: Workload = { subtasks: 8, tokensPerSubtask: 20_000, carriedTokens: 2_000, secondsPerSubtask: 60, stepSuccess: 0.97 };
const team: Team = { workers: 4, workerOverheadTokens: 8_000, summaryTokens: 1_000, orchestratorTokens: 6_000, orchestratorSeconds: 30, handoffSuccess: 0.98 };

describe('the single agent', () => {
  it('re-reads what earlier pieces left: 8 × 20,000 + 2,000 × (8 × 7 / 2) = 216,000 tokens, 480 s, peak context 34,000', () => {
    expect(singleAgent(work)).toMatchObject({ tokens: 216_000, seconds: 480, peakContextTokens: 34_000 });
  });

  it('succeeds only if every piece does: 0.97⁸ ≈ 0.784', () => {
    expect(singleAgent(work).success).toBeCloseTo(0.7837, 4);
  });

  it('grows tokens with the square of the pieces: doubling them to 16 costs 560,000 tokens, 2.59 times as much', () => {
    expect(singleAgent({ ...work, subtasks: 16 }).tokens).toBe(560_000);
    expect(singleAgent({ ...work, subtasks: 16 }).tokens / singleAgent(work).tokens).toBeCloseTo(2.59, 2);
  });

  it('costs nothing and always succeeds on no work', () => {
    expect(singleAgent({ ...work, subtasks: 0 })).toEqual({ tokens: 0, seconds: 0, success: 1, peakContextTokens: 0 });
  });
});

describe('the orchestrator with workers', () => {
  it('multiplies tokens by the per-worker overhead: 8 × (20,000 + 8,000 + 1,000) + 6,000 = 238,000, 1.1 times the single agent', () => {
    expect(orchestrated(work, team).tokens).toBe(238_000);
    expect(orchestrated(work, team).tokens / singleAgent(work).tokens).toBeCloseTo(1.1, 2);
  });

  it('cuts wall time by running pieces in parallel: 30 + ⌈8 / 4⌉ × 60 = 150 s', () => {
    expect(orchestrated(work, team).seconds).toBe(150);
  });

  it('stops getting faster once there are as many workers as pieces', () => {
    expect(orchestrated(work, { ...team, workers: 8 }).seconds).toBe(90);
    expect(orchestrated(work, { ...team, workers: 32 }).seconds).toBe(90);
  });

  it('compounds handoff losses: (0.97 × 0.98)⁸ ≈ 0.667, 12 points below the single agent', () => {
    const success = orchestrated(work, team).success;
    expect(success).toBeCloseTo(0.6668, 4);
    expect(singleAgent(work).success - success).toBeCloseTo(0.117, 3);
  });

  it('keeps each context small: a worker holds 28,000 tokens, the orchestrator 6,000 + 8 × 1,000', () => {
    expect(orchestrated(work, team).peakContextTokens).toBe(28_000);
    expect(orchestrated(work, { ...team, summaryTokens: 5_000 }).peakContextTokens).toBe(46_000);
  });

  it('rejects a team or workload that cannot exist, naming the field', () => {
    expect(() => orchestrated(work, { ...team, workers: 0 })).toThrow(new RangeError('workers must be a whole number of 1 or more, got 0'));
    expect(() => orchestrated(work, { ...team, workers: 2.5 })).toThrow(/workers/);
    expect(() => orchestrated(work, { ...team, handoffSuccess: 1.2 })).toThrow(new RangeError('handoffSuccess is a probability, got 1.2'));
    expect(() => singleAgent({ ...work, tokensPerSubtask: -1 })).toThrow(/tokensPerSubtask must be a finite number/);
    expect(() => singleAgent({ ...work, stepSuccess: Number.NaN })).toThrow(/stepSuccess/);
    expect(() => singleAgent({ ...work, subtasks: 2.5 })).toThrow(new RangeError('subtasks must be a whole number, got 2.5'));
    expect(() => orchestrated({ ...work, subtasks: 2.5 }, team)).toThrow(/subtasks must be a whole number/);
  });
});

describe('the break-even', () => {
  it('pays when an hour of waiting is worth more than 22,000 extra tokens at $3 per million over 330 s saved: $0.72', () => {
    expect(breakEvenDollarsPerHourSaved(singleAgent(work), orchestrated(work, team), 3)).toBeCloseTo((0.066 / 330) * 3600, 10);
    expect(breakEvenDollarsPerHourSaved(singleAgent(work), orchestrated(work, team), 3)).toBeCloseTo(0.72, 2);
  });

  it('is 0 when the team uses no more tokens, and infinite when it is more expensive and no faster', () => {
    const single = { tokens: 100, seconds: 60, success: 1, peakContextTokens: 0 };
    expect(breakEvenDollarsPerHourSaved(single, { ...single, tokens: 90, seconds: 90 }, 3)).toBe(0);
    expect(breakEvenDollarsPerHourSaved(single, { ...single, tokens: 200, seconds: 60 }, 3)).toBe(Infinity);
  });
});

describe('fanOut', () => {
  function deferredWorker() {
    const started: string[] = [];
    const resolvers = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>();
    let inFlight = 0;
    let maxInFlight = 0;
    const worker = (subtask: string) =>
      new Promise<string>((resolve, reject) => {
        started.push(subtask);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        const settle = () => inFlight--;
        resolvers.set(subtask, { resolve: (v) => (settle(), resolve(v)), reject: (e) => (settle(), reject(e)) });
      });
    return { worker, started, resolvers, max: () => maxInFlight };
  }
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('never runs more workers at once than the limit, and starts the next as soon as one finishes', async () => {
    const { worker, started, resolvers, max } = deferredWorker();
    const run = fanOut(['a', 'b', 'c', 'd', 'e'], worker, 2);
    await tick();
    expect(started).toEqual(['a', 'b']);
    resolvers.get('b')!.resolve('B');
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const s of ['a', 'c', 'd', 'e']) {
      await tick();
      resolvers.get(s)!.resolve(s.toUpperCase());
    }
    const result = await run;
    expect(max()).toBe(2);
    expect(result.done.map((d) => d.value)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('collects partial failures instead of failing the whole task, keeping input order', async () => {
    const result = await fanOut(
      ['pricing', 'competitors', 'regulation'],
      async (s) => {
        if (s === 'competitors') throw new Error('search quota exceeded');
        return s.length;
      },
      3,
    );
    expect(result.done).toEqual([
      { subtask: 'pricing', value: 7 },
      { subtask: 'regulation', value: 10 },
    ]);
    expect(result.failed).toEqual([{ subtask: 'competitors', error: 'search quota exceeded' }]);
  });

  it('gives each subtask to exactly one worker, even when two fan-outs run at once', async () => {
    const seen: string[] = [];
    const worker = async (s: string) => (seen.push(s), s);
    const [x, y] = await Promise.all([fanOut(['1', '2', '3'], worker, 2), fanOut(['4', '5'], worker, 2)]);
    expect(seen.sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(x.done).toHaveLength(3);
    expect(y.done).toHaveLength(2);
  });

  it('returns empty lists for no subtasks and rejects a limit below 1', async () => {
    expect(await fanOut([], async () => 1, 4)).toEqual({ done: [], failed: [] });
    await expect(fanOut(['a'], async () => 1, 0)).rejects.toThrow(new RangeError('limit must be a whole number of 1 or more, got 0'));
  });
});
