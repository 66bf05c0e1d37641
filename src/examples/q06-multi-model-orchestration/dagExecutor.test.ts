import { afterEach, describe, expect, it, vi } from 'vitest';
import { criticalPathMs, DeadlineError, runDag, TimeoutError, topologicalOrder, UpstreamError, type DagNode, type RunOptions } from './dagExecutor';
import { VirtualClock } from './virtualClock';

/** A model that answers after `latencyMs` of virtual time and records when it ran. */
function model(clock: VirtualClock, log: string[], id: string, latencyMs: number, deps: string[] = [], timeoutMs = 200): DagNode {
  return {
    id,
    deps,
    timeoutMs,
    run: async (inputs, signal) => {
      log.push(`${id}@${clock.now}`);
      await clock.sleep(latencyMs, signal); // an aborted call stops, like fetch with a signal
      return { from: id, inputs: Object.keys(inputs) };
    },
  };
}

function recommendationDag(clock: VirtualClock, log: string[], itemLatencyMs = 40): DagNode[] {
  return [
    model(clock, log, 'userEmb', 40),
    model(clock, log, 'itemEmb', itemLatencyMs),
    model(clock, log, 'interaction', 25, ['userEmb', 'itemEmb']),
    model(clock, log, 'ranking', 15, ['interaction']),
  ];
}

/** Starts the DAG on virtual time, runs the clock out and returns the result with the time it finished. */
async function runOnClock(clock: VirtualClock, nodes: DagNode[], options: Omit<RunOptions, 'sleep' | 'now'> = {}) {
  let finishedAt = -1;
  let timersLeft = -1;
  const done = runDag(nodes, { ...options, sleep: clock.sleep, now: clock.clock }).then((result) => {
    finishedAt = clock.now;
    timersLeft = clock.pendingTimers;
    return result;
  });
  await clock.runAll();
  return { ...(await done), finishedAt, timersLeft };
}

const failing = (message: string) => async () => {
  throw new Error(message);
};

describe('runDag', () => {
  it('runs the two embedding models concurrently and finishes on the critical path: 80 ms, not 120 ms', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    let finishedAt = -1;
    const done = runDag(recommendationDag(clock, log), { sleep: clock.sleep }).then((r) => ((finishedAt = clock.now), r));
    await clock.runAll();
    const result = await done;
    expect(log).toEqual(['userEmb@0', 'itemEmb@0', 'interaction@40', 'ranking@65']);
    expect(finishedAt).toBe(80);
    expect(result.status.get('ranking')).toBe('ok');
    expect(result.outputs.get('ranking')).toEqual({ from: 'ranking', inputs: ['interaction'] });
  });

  it('uses the fallback of a node that times out and carries on with the degraded value', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const nodes = recommendationDag(clock, log, 500).map((n) => (n.id === 'itemEmb' ? { ...n, timeoutMs: 60, fallback: () => 'cached-item-embeddings' } : n));
    const done = runDag(nodes, { sleep: clock.sleep });
    await clock.runAll();
    const result = await done;
    expect(result.status.get('itemEmb')).toBe('fallback');
    expect(result.errors.get('itemEmb')).toBeInstanceOf(TimeoutError);
    expect(result.outputs.get('itemEmb')).toBe('cached-item-embeddings');
    expect(log).toContain('interaction@60'); // Waited for the timeout, not for the 500 ms call.
    expect(result.status.get('ranking')).toBe('ok');
  });

  it('aborts the call that lost the race so it stops using the model server', async () => {
    const clock = new VirtualClock();
    let aborted = false;
    const slow: DagNode = {
      id: 'slow',
      deps: [],
      timeoutMs: 10,
      run: (_inputs, signal) => {
        signal.addEventListener('abort', () => (aborted = true));
        return clock.sleep(1_000);
      },
      fallback: () => null,
    };
    const done = runDag([slow], { sleep: clock.sleep });
    await clock.runAll();
    await done;
    expect(aborted).toBe(true);
  });

  it('catches any error, not only timeouts, and skips just the dependants of a node without fallback', async () => {
    const clock = new VirtualClock();
    const nodes: DagNode[] = [
      {
        id: 'a',
        deps: [],
        timeoutMs: 50,
        run: async () => {
          throw new Error('HTTP 503');
        },
      },
      { id: 'b', deps: ['a'], timeoutMs: 50, run: async () => 'never' },
      { id: 'c', deps: [], timeoutMs: 50, run: async () => 'independent' },
    ];
    const done = runDag(nodes, { sleep: clock.sleep });
    await clock.runAll();
    const result = await done;
    expect(result.status.get('a')).toBe('failed');
    expect(result.status.get('b')).toBe('skipped');
    expect(result.outputs.get('c')).toBe('independent');
  });

  it('awaits an async fallback, so dependants receive its value and not a Promise', async () => {
    let seen: unknown;
    const nodes: DagNode[] = [
      { id: 'itemEmb', deps: [], timeoutMs: 60, run: failing('HTTP 503'), fallback: async () => 'cached-item-embeddings' },
      { id: 'interaction', deps: ['itemEmb'], timeoutMs: 60, run: async (inputs) => (seen = inputs.itemEmb) },
    ];
    const result = await runOnClock(new VirtualClock(), nodes);
    expect(result.status.get('itemEmb')).toBe('fallback');
    expect(result.outputs.get('itemEmb')).toBe('cached-item-embeddings');
    expect(seen).toBe('cached-item-embeddings');
  });

  it('fails a node whose async fallback rejects, keeps both errors and skips its dependants', async () => {
    const nodes: DagNode[] = [
      { id: 'itemEmb', deps: [], timeoutMs: 60, run: failing('HTTP 503'), fallback: failing('cache down') },
      { id: 'interaction', deps: ['itemEmb'], timeoutMs: 60, run: async () => 'scores' },
    ];
    const result = await runOnClock(new VirtualClock(), nodes);
    expect(result.status.get('itemEmb')).toBe('failed');
    const error = result.errors.get('itemEmb');
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map(String)).toEqual(['Error: HTTP 503', 'Error: cache down']);
    expect(result.status.get('interaction')).toBe('skipped');
  });

  it('runs the fallback of a node whose dependency failed (the popularity ranking) and still skips nodes without one', async () => {
    let rankingCalls = 0;
    const nodes: DagNode[] = [
      { id: 'interaction', deps: [], timeoutMs: 60, run: failing('HTTP 503') },
      { id: 'ranking', deps: ['interaction'], timeoutMs: 60, run: async () => ++rankingCalls, fallback: () => 'popularity ranking' },
      { id: 'explanations', deps: ['interaction'], timeoutMs: 60, run: async () => 'why' },
    ];
    const result = await runOnClock(new VirtualClock(), nodes);
    expect(result.status.get('ranking')).toBe('fallback');
    expect(result.outputs.get('ranking')).toBe('popularity ranking');
    expect(result.errors.get('ranking')).toEqual(new UpstreamError('ranking', ['interaction']));
    expect(rankingCalls).toBe(0);
    expect(result.status.get('explanations')).toBe('skipped');
  });

  it('treats a run that throws synchronously like a failed call: fallback used, timeout timer cancelled', async () => {
    let pendingTimers = 0;
    const sleep = (_ms: number, cancel: AbortSignal) =>
      new Promise<void>(() => {
        pendingTimers++;
        cancel.addEventListener('abort', () => pendingTimers--, { once: true });
      });
    const rank: DagNode = {
      id: 'rank',
      deps: [],
      timeoutMs: 2_000,
      run: (inputs) => (inputs as { user: { id: string } }).user.id as unknown as Promise<unknown>, // a non-async client wrapper
      fallback: () => 'popular',
    };
    const result = await runDag([rank], { sleep });
    expect(result.status.get('rank')).toBe('fallback');
    expect(result.errors.get('rank')).toBeInstanceOf(TypeError);
    expect(result.outputs.get('rank')).toBe('popular');
    expect(pendingTimers).toBe(0);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('rejects a node timeoutMs of %s before calling any model', async (timeoutMs) => {
    let calls = 0;
    const nodes: DagNode[] = [{ id: 'x', deps: [], timeoutMs, run: async () => calls++ }];
    await expect(runDag(nodes, { sleep: new VirtualClock().sleep })).rejects.toThrow(
      new RangeError(`node "x" timeoutMs must be a positive number of ms up to 2147483647, got ${timeoutMs}`),
    );
    expect(calls).toBe(0);
  });

  it('rejects cycles and unknown dependencies before calling any model', () => {
    const run = async () => 1;
    expect(() =>
      topologicalOrder([
        { id: 'x', deps: ['y'], timeoutMs: 1, run },
        { id: 'y', deps: ['x'], timeoutMs: 1, run },
      ]),
    ).toThrow(/cycle/);
    expect(() => topologicalOrder([{ id: 'x', deps: ['ghost'], timeoutMs: 1, run }])).toThrow(/unknown dependency "ghost"/);
  });
});

describe('runDag with a request deadline', () => {
  afterEach(() => vi.useRealTimers());

  it('caps each node timeout at the time left: with a 70 ms deadline the ranking gets 5 ms and its fallback answers at 70 ms', async () => {
    const clock = new VirtualClock();
    const nodes = recommendationDag(clock, []).map((n) => (n.id === 'ranking' ? { ...n, fallback: () => 'popularity ranking' } : n));
    const result = await runOnClock(clock, nodes, { deadlineMs: 70 });
    expect(result.status.get('interaction')).toBe('ok'); // done at 65 ms
    expect(result.status.get('ranking')).toBe('fallback');
    expect(result.errors.get('ranking')).toBeInstanceOf(DeadlineError);
    expect(result.outputs.get('ranking')).toBe('popularity ranking');
    expect(result.finishedAt).toBe(70);
    expect(result.timersLeft).toBe(0);
  });

  it('fails a node that would start with no time left without calling it, and applies its fallback', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const nodes: DagNode[] = [
      { id: 'slow', deps: [], timeoutMs: 200, run: (_inputs, signal) => clock.sleep(150, signal), fallback: () => 'cached' },
      { id: 'next', deps: ['slow'], timeoutMs: 200, run: async () => ++calls, fallback: () => 'default' },
    ];
    const result = await runOnClock(clock, nodes, { deadlineMs: 100 });
    expect(result.errors.get('slow')).toEqual(new DeadlineError('slow', 'node "slow" ran out of the request\'s 100 ms deadline'));
    expect(result.status.get('next')).toBe('fallback');
    expect(result.errors.get('next')).toEqual(new DeadlineError('next', 'node "next" ran out of the request\'s 100 ms deadline'));
    expect(calls).toBe(0);
    expect(result.finishedAt).toBe(100);
    expect(result.timersLeft).toBe(0);
  });

  it('stops a hung call at the deadline through the default setTimeout sleep (Vitest fake timers) and leaves no timer pending', async () => {
    vi.useFakeTimers();
    const hung: DagNode = { id: 'hung', deps: [], timeoutMs: 1_000, run: () => new Promise(() => {}) };
    const quick: DagNode = { id: 'quick', deps: [], timeoutMs: 1_000, run: async () => 'ok' };
    const done = runDag([hung, quick], { deadlineMs: 50 });
    await vi.advanceTimersByTimeAsync(50);
    const result = await done;
    expect(result.status.get('quick')).toBe('ok');
    expect(result.status.get('hung')).toBe('failed');
    expect(result.errors.get('hung')).toBeInstanceOf(DeadlineError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a fallback that hangs fails its node within fallbackTimeoutMs after the deadline', async () => {
    const clock = new VirtualClock();
    const hungRun = () => new Promise<never>(() => {});
    const nodes: DagNode[] = [
      { id: 'itemEmb', deps: [], timeoutMs: 200, run: hungRun, fallback: () => new Promise(() => {}) }, // a cache read that never answers
      { id: 'interaction', deps: ['itemEmb'], timeoutMs: 200, run: async () => 'scores' },
    ];
    const result = await runOnClock(clock, nodes, { deadlineMs: 70, fallbackTimeoutMs: 10 });
    expect(result.status.get('itemEmb')).toBe('failed');
    const error = result.errors.get('itemEmb');
    expect(error).toEqual(new DeadlineError('itemEmb', 'fallback of node "itemEmb" did not answer within 10 ms'));
    expect((error as Error).cause).toEqual(new DeadlineError('itemEmb', 'node "itemEmb" ran out of the request\'s 70 ms deadline'));
    expect(result.status.get('interaction')).toBe('skipped');
    expect(result.finishedAt).toBe(80);
    expect(result.timersLeft).toBe(0);
  });

  it('cuts a slow async fallback at the 10 ms default: a run that times out at 50 ms answers at 60 ms, not when the fallback resolves at 350 ms', async () => {
    const clock = new VirtualClock();
    const node: DagNode = { id: 'a', deps: [], timeoutMs: 50, run: () => new Promise(() => {}), fallback: (_inputs, _error, signal) => clock.sleep(300, signal) };
    const result = await runOnClock(clock, [node], { deadlineMs: 70 });
    expect(result.status.get('a')).toBe('failed');
    expect(result.errors.get('a')).toBeInstanceOf(DeadlineError);
    expect((result.errors.get('a') as Error).cause).toEqual(new TimeoutError('a', 50));
    expect(result.finishedAt).toBe(60); // run timed out at 50 ms, the fallback got 10 ms
    expect(result.timersLeft).toBe(0);
  });

  it('answers by deadline + fallbackTimeoutMs even down a chain of slow fallbacks, where only a synchronous fallback still answers', async () => {
    const clock = new VirtualClock();
    const slowCache = (_inputs: unknown, _error: unknown, signal: AbortSignal) => clock.sleep(300, signal);
    const nodes: DagNode[] = [
      { id: 'interaction', deps: [], timeoutMs: 200, run: () => new Promise(() => {}), fallback: slowCache },
      { id: 'ranking', deps: ['interaction'], timeoutMs: 200, run: async () => 'ranked', fallback: slowCache },
      { id: 'popular', deps: ['interaction'], timeoutMs: 200, run: async () => 'ranked', fallback: () => 'popularity ranking' },
    ];
    const result = await runOnClock(clock, nodes, { deadlineMs: 70, fallbackTimeoutMs: 10 });
    expect(result.status.get('interaction')).toBe('failed'); // its fallback lost at 80 ms
    expect(result.status.get('ranking')).toBe('failed'); // no time left for a second slow fallback
    expect(result.outputs.get('popular')).toBe('popularity ranking');
    expect(result.finishedAt).toBe(80);
    expect(result.timersLeft).toBe(0);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('rejects a fallbackTimeoutMs of %s before calling any model', async (fallbackTimeoutMs) => {
    let calls = 0;
    const nodes: DagNode[] = [{ id: 'x', deps: [], timeoutMs: 10, run: async () => calls++ }];
    await expect(runDag(nodes, { fallbackTimeoutMs })).rejects.toThrow(
      new RangeError(`fallbackTimeoutMs must be a positive number of ms up to 2147483647, got ${fallbackTimeoutMs}`),
    );
    expect(calls).toBe(0);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('rejects a deadlineMs of %s before calling any model', async (deadlineMs) => {
    let calls = 0;
    const nodes: DagNode[] = [{ id: 'x', deps: [], timeoutMs: 10, run: async () => calls++ }];
    await expect(runDag(nodes, { deadlineMs })).rejects.toThrow(new RangeError(`deadlineMs must be a positive number of ms up to 2147483647, got ${deadlineMs}`));
    expect(calls).toBe(0);
  });
});

describe('criticalPathMs', () => {
  it('gives the expected latency from typical latencies and the worst case from timeouts', () => {
    const latency: Record<string, number> = { userEmb: 40, itemEmb: 40, interaction: 25, ranking: 15 };
    const nodes = recommendationDag(new VirtualClock(), []);
    expect(criticalPathMs(nodes, (n) => latency[n.id]!)).toBe(80);
    // Three 200 ms timeouts in a row: a 600 ms worst case that a 100 ms SLA cannot absorb.
    expect(criticalPathMs(nodes, (n) => n.timeoutMs)).toBe(600);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('rejects a node weight of %s with an error naming the node', (weight) => {
    const nodes = recommendationDag(new VirtualClock(), []);
    expect(() => criticalPathMs(nodes, (n) => (n.id === 'interaction' ? weight : 10))).toThrow(
      new RangeError(`weight of node "interaction" must be a finite number of ms >= 0, got ${weight}`),
    );
  });
});
