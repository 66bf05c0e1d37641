import { describe, expect, it } from 'vitest';
import { criticalPathMs, runDag, TimeoutError, topologicalOrder, type DagNode } from './dagExecutor';

/** Virtual time: sleep() registers a timer, advance() fires timers in time order. */
class FakeClock {
  now = 0;
  private timers: { at: number; fire: () => void }[] = [];
  sleep = (ms: number, cancel?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const timer = { at: this.now + ms, fire: resolve };
      this.timers.push(timer);
      cancel?.addEventListener('abort', () => (this.timers = this.timers.filter((t) => t !== timer)));
    });
  /** Runs until no timers are left, letting promise chains settle between timers. */
  async runAll(): Promise<void> {
    await flush();
    while (this.timers.length > 0) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift()!;
      this.now = Math.max(this.now, next.at);
      next.fire();
      await flush();
    }
  }
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A model that answers after `latencyMs` of virtual time and records when it ran. */
function model(clock: FakeClock, log: string[], id: string, latencyMs: number, deps: string[] = [], timeoutMs = 200): DagNode {
  return {
    id,
    deps,
    timeoutMs,
    run: async (inputs) => {
      log.push(`${id}@${clock.now}`);
      await clock.sleep(latencyMs);
      return { from: id, inputs: Object.keys(inputs) };
    },
  };
}

function recommendationDag(clock: FakeClock, log: string[], itemLatencyMs = 40): DagNode[] {
  return [
    model(clock, log, 'userEmb', 40),
    model(clock, log, 'itemEmb', itemLatencyMs),
    model(clock, log, 'interaction', 25, ['userEmb', 'itemEmb']),
    model(clock, log, 'ranking', 15, ['interaction']),
  ];
}

describe('runDag', () => {
  it('runs the two embedding models concurrently and finishes on the critical path: 80 ms, not 120 ms', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    let finishedAt = -1;
    const done = runDag(recommendationDag(clock, log), clock.sleep).then((r) => ((finishedAt = clock.now), r));
    await clock.runAll();
    const result = await done;
    expect(log).toEqual(['userEmb@0', 'itemEmb@0', 'interaction@40', 'ranking@65']);
    expect(finishedAt).toBe(80);
    expect(result.status.get('ranking')).toBe('ok');
    expect(result.outputs.get('ranking')).toEqual({ from: 'ranking', inputs: ['interaction'] });
  });

  it('uses the fallback of a node that times out and carries on with the degraded value', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const nodes = recommendationDag(clock, log, 500).map((n) => (n.id === 'itemEmb' ? { ...n, timeoutMs: 60, fallback: () => 'cached-item-embeddings' } : n));
    const done = runDag(nodes, clock.sleep);
    await clock.runAll();
    const result = await done;
    expect(result.status.get('itemEmb')).toBe('fallback');
    expect(result.errors.get('itemEmb')).toBeInstanceOf(TimeoutError);
    expect(result.outputs.get('itemEmb')).toBe('cached-item-embeddings');
    expect(log).toContain('interaction@60'); // Waited for the timeout, not for the 500 ms call.
    expect(result.status.get('ranking')).toBe('ok');
  });

  it('aborts the call that lost the race so it stops using the model server', async () => {
    const clock = new FakeClock();
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
    const done = runDag([slow], clock.sleep);
    await clock.runAll();
    await done;
    expect(aborted).toBe(true);
  });

  it('catches any error, not only timeouts, and skips just the dependants of a node without fallback', async () => {
    const clock = new FakeClock();
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
    const done = runDag(nodes, clock.sleep);
    await clock.runAll();
    const result = await done;
    expect(result.status.get('a')).toBe('failed');
    expect(result.status.get('b')).toBe('skipped');
    expect(result.outputs.get('c')).toBe('independent');
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
    const result = await runDag([rank], sleep);
    expect(result.status.get('rank')).toBe('fallback');
    expect(result.errors.get('rank')).toBeInstanceOf(TypeError);
    expect(result.outputs.get('rank')).toBe('popular');
    expect(pendingTimers).toBe(0);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('rejects a node timeoutMs of %s before calling any model', async (timeoutMs) => {
    let calls = 0;
    const nodes: DagNode[] = [{ id: 'x', deps: [], timeoutMs, run: async () => calls++ }];
    await expect(runDag(nodes, new FakeClock().sleep)).rejects.toThrow(new RangeError(`node "x" timeoutMs must be a positive number of ms up to 2147483647, got ${timeoutMs}`));
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

describe('criticalPathMs', () => {
  it('gives the expected latency from typical latencies and the worst case from timeouts', () => {
    const latency: Record<string, number> = { userEmb: 40, itemEmb: 40, interaction: 25, ranking: 15 };
    const nodes = recommendationDag(new FakeClock(), []);
    expect(criticalPathMs(nodes, (n) => latency[n.id]!)).toBe(80);
    // Three 200 ms timeouts in a row: a 600 ms worst case that a 100 ms SLA cannot absorb.
    expect(criticalPathMs(nodes, (n) => n.timeoutMs)).toBe(600);
  });
});
