import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('with no pieces runs no worker: only the orchestrator’s 6,000 tokens and 30 s, and that is the peak context', () => {
    expect(orchestrated({ ...work, subtasks: 0 }, team)).toEqual({ tokens: 6_000, seconds: 30, success: 1, peakContextTokens: 6_000 });
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

  describe('deadlines and retries', () => {
    afterEach(() => vi.useRealTimers());

    it('skips a worker that misses its deadline and tells it to stop, so one hung worker does not hold up the others', async () => {
      vi.useFakeTimers();
      const signals = new Map<string, AbortSignal>();
      const run = fanOut(['a', 'hung', 'b'], (s, signal) => (signals.set(s, signal), s === 'hung' ? new Promise<string>(() => undefined) : Promise.resolve(s.toUpperCase())), 2, {
        deadlineMs: 1_000,
      });
      let settled = false;
      void run.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      expect(await run).toEqual({
        done: [
          { subtask: 'a', value: 'A' },
          { subtask: 'b', value: 'B' },
        ],
        failed: [{ subtask: 'hung', error: 'no result within 1000 ms' }],
      });
      expect(signals.get('hung')!.aborted).toBe(true);
      expect(signals.get('a')!.aborted).toBe(false);
    });

    it('retries a failed piece up to `retries` more times, then reports the last error', async () => {
      const attempts = new Map<string, number>();
      const result = await fanOut(
        ['flaky', 'broken'],
        async (s) => {
          const n = (attempts.get(s) ?? 0) + 1;
          attempts.set(s, n);
          if (s === 'broken' || n === 1) throw new Error(`attempt ${n} of ${s} failed`);
          return `${s} ok`;
        },
        2,
        { retries: 1 },
      );
      expect(result).toEqual({ done: [{ subtask: 'flaky', value: 'flaky ok' }], failed: [{ subtask: 'broken', error: 'attempt 2 of broken failed' }] });
      expect(Object.fromEntries(attempts)).toEqual({ flaky: 2, broken: 2 });
    });

    it('gives a late piece a fresh attempt with its own deadline, once the late attempt has stopped', async () => {
      vi.useFakeTimers();
      let calls = 0;
      const stopsWhenAsked = (signal: AbortSignal) =>
        new Promise<string>((_, reject) => signal.addEventListener('abort', () => setTimeout(() => reject(new Error('stopped')), 50)));
      const run = fanOut(['slow'], (_s, signal) => (++calls === 1 ? stopsWhenAsked(signal) : Promise.resolve('second try')), 1, { deadlineMs: 500, retries: 1 });
      await vi.advanceTimersByTimeAsync(549);
      expect(calls).toBe(1); // told to stop at 500 ms, it takes 50 ms to do so
      await vi.advanceTimersByTimeAsync(1);
      expect(await run).toEqual({ done: [{ subtask: 'slow', value: 'second try' }], failed: [] });
      expect(calls).toBe(2);
    });

    it('keeps a late worker in its slot until it stops, so workers that ignore their signal never exceed the limit', async () => {
      vi.useFakeTimers();
      let running = 0;
      let peak = 0;
      const starts: string[] = [];
      const ignoresSignal = (s: string) => {
        starts.push(`${s}@${Date.now()}`);
        peak = Math.max(peak, ++running);
        return new Promise<string>((resolve) => setTimeout(() => (running--, resolve(s)), 10_000)); // 10 s, whatever the signal says
      };
      const t0 = Date.now();
      const run = fanOut(['a', 'b', 'c', 'd'], (s) => ignoresSignal(s), 1, { deadlineMs: 100, retries: 1 });
      await vi.advanceTimersByTimeAsync(80_000);
      const result = await run;
      expect(peak).toBe(1);
      // Each attempt gives up waiting at 100 ms but holds the only slot for 10 s: the retry, then the next piece, start after it.
      expect(starts).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'].map((s, i) => `${s}@${t0 + i * 10_000}`));
      expect(result.failed.map((f) => f.error)).toEqual(Array(4).fill('no result within 100 ms'));
    });

    it('returns once every piece has an outcome, without waiting for a late worker that never stops', async () => {
      vi.useFakeTimers();
      const run = fanOut(['a', 'hung'], (s) => (s === 'hung' ? new Promise<string>(() => undefined) : Promise.resolve(s)), 2, { deadlineMs: 100 });
      await vi.advanceTimersByTimeAsync(100);
      expect(await run).toEqual({ done: [{ subtask: 'a', value: 'a' }], failed: [{ subtask: 'hung', error: 'no result within 100 ms' }] });
    });

    it('rejects a deadline or retry count that makes no sense', async () => {
      const w = async () => 1;
      await expect(fanOut(['a'], w, 1, { deadlineMs: 0 })).rejects.toThrow(new RangeError('deadlineMs must be a positive number of milliseconds, at most 2147483647, got 0'));
      await expect(fanOut(['a'], w, 1, { retries: -1 })).rejects.toThrow(new RangeError('retries must be a whole number of 0 or more, got -1'));
      await expect(fanOut(['a'], w, 1, { retries: 1.5 })).rejects.toThrow(/retries must be a whole number/);
    });

    it('rejects a deadline a timer cannot wait for: over 2^31 - 1 ms, which Node cuts to 1 ms', async () => {
      const w = async () => 1;
      await expect(fanOut(['a'], w, 1, { deadlineMs: 30 * 86_400_000 })).rejects.toThrow(/deadlineMs must be .* at most 2147483647/);
      await expect(fanOut(['a'], w, 1, { deadlineMs: Number.POSITIVE_INFINITY })).rejects.toThrow(/deadlineMs/);
      expect(await fanOut(['a'], w, 1, { deadlineMs: 2_147_483_647 })).toEqual({ done: [{ subtask: 'a', value: 1 }], failed: [] });
    });
  });

  it('returns empty lists for no subtasks and rejects a limit below 1', async () => {
    expect(await fanOut([], async () => 1, 4)).toEqual({ done: [], failed: [] });
    await expect(fanOut(['a'], async () => 1, 0)).rejects.toThrow(new RangeError('limit must be a whole number of 1 or more, got 0'));
  });
});
