import { describe, expect, it } from 'vitest';
import type { RunRequest } from './execute';
import { runInWorker, type FromWorker, type RunOutcome, type Timers, type ToWorker, type WorkerLike } from './runInWorker';

/** Timers driven by hand: advance(ms) fires what is due. */
function manualTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout(callback, ms) {
      const id = nextId++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        due.delete(id);
        timer.callback();
      }
    },
    pending: () => due.size,
  };
}

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  received: ToWorker[] = [];
  terminated = false;
  postMessage(message: ToWorker): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(message: FromWorker): void {
    this.onmessage?.({ data: message });
  }
}

const request: RunRequest = { files: { 'src/examples/q/x.demo.ts': 'export function demo() {}' }, entry: 'src/examples/q/x.demo.ts' };

function start(options: { timeLimitMs?: number; startLimitMs?: number } = {}) {
  const worker = new FakeWorker();
  const timers = manualTimers();
  let outcome: RunOutcome | undefined;
  void runInWorker(request, { createWorker: () => worker, timers, timeLimitMs: 5_000, startLimitMs: 30_000, ...options }).then((o) => (outcome = o));
  const settled = async (): Promise<RunOutcome | undefined> => {
    await Promise.resolve();
    await Promise.resolve();
    return outcome;
  };
  return { worker, timers, settled };
}

describe('runInWorker', () => {
  it('sends the files to a fresh worker and returns its logs and result, then ends the worker', async () => {
    const { worker, timers, settled } = start();
    expect(worker.received).toEqual([{ type: 'run', request }]);
    worker.send({ type: 'started' });
    worker.send({ type: 'log', line: { level: 'log', text: 'hello' } });
    worker.send({ type: 'done', result: { ok: true, result: '42', droppedLines: 0 } });
    expect(await settled()).toEqual({ status: 'ok', logs: [{ level: 'log', text: 'hello' }], result: '42', droppedLines: 0 });
    expect(worker.terminated).toBe(true);
    expect(timers.pending()).toBe(0);
  });

  it('stops a run that passes the time limit and keeps what it printed before', async () => {
    const { worker, timers, settled } = start();
    worker.send({ type: 'started' });
    worker.send({ type: 'log', line: { level: 'log', text: 'entering the loop' } });
    timers.advance(4_999);
    expect(await settled()).toBeUndefined();
    expect(worker.terminated).toBe(false);
    timers.advance(1);
    expect(await settled()).toEqual({ status: 'timeout', logs: [{ level: 'log', text: 'entering the loop' }], limitMs: 5_000 });
    expect(worker.terminated).toBe(true);
  });

  it('counts the time limit from the start of the code, not from loading the transpiler', async () => {
    const { worker, timers, settled } = start();
    timers.advance(20_000); // a slow network: still loading
    worker.send({ type: 'started' });
    timers.advance(4_000);
    worker.send({ type: 'done', result: { ok: true, droppedLines: 0 } });
    expect(await settled()).toMatchObject({ status: 'ok' });
  });

  it('gives up with a clear message when the runner never starts', async () => {
    const { worker, timers, settled } = start();
    timers.advance(30_000);
    expect(await settled()).toEqual({ status: 'unavailable', logs: [], message: 'The code runner did not start within 30 s. Check your connection and try again.' });
    expect(worker.terminated).toBe(true);
  });

  it('passes an error in the code on, with the output before it', async () => {
    const { worker, settled } = start();
    worker.send({ type: 'started' });
    worker.send({ type: 'log', line: { level: 'log', text: 'step 1' } });
    const failure = { phase: 'runtime' as const, name: 'Error', message: 'boom', location: { file: 'src/examples/q/x.demo.ts', line: 3 } };
    worker.send({ type: 'done', result: { ok: false, failure, droppedLines: 0 } });
    expect(await settled()).toEqual({ status: 'error', logs: [{ level: 'log', text: 'step 1' }], failure, droppedLines: 0 });
  });

  it('reports a worker script that fails to load, and ignores messages after the end', async () => {
    const { worker, timers, settled } = start();
    worker.onerror?.({ message: 'NetworkError' });
    worker.send({ type: 'done', result: { ok: true, droppedLines: 0 } });
    expect(await settled()).toMatchObject({ status: 'unavailable', message: 'The code runner failed to load: NetworkError. Reload the page and try again.' });
    expect(timers.pending()).toBe(0);
  });

  it('reports a browser that cannot start workers', async () => {
    const outcome = await runInWorker(request, {
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
      timers: manualTimers(),
    });
    expect(outcome).toEqual({ status: 'unavailable', logs: [], message: 'The browser could not start a worker to run the code: Worker is not defined' });
  });
});
