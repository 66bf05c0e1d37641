/**
 * The page's side of a run: start a worker, send it the files, collect what
 * it prints, and stop it when it runs past the time limit. A worker is the
 * only way to stop a `while (true) {}` without freezing the page: terminate()
 * ends it wherever it is. The worker and the timers are passed in, so the
 * tests drive time by hand.
 */
import type { ExecuteResult, LogLine, RunFailure, RunRequest } from './execute';
import { START_LIMIT_MS, TIME_LIMIT_MS } from './conventions';

export type ToWorker = { readonly type: 'run'; readonly request: RunRequest };

export type FromWorker = { readonly type: 'started' } | { readonly type: 'log'; readonly line: LogLine } | { readonly type: 'done'; readonly result: ExecuteResult };

/** The slice of the Web Worker API a run uses. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type RunOutcome =
  | { readonly status: 'ok'; readonly logs: readonly LogLine[]; readonly result?: string; readonly droppedLines: number }
  | { readonly status: 'error'; readonly logs: readonly LogLine[]; readonly failure: RunFailure; readonly droppedLines: number }
  | { readonly status: 'timeout'; readonly logs: readonly LogLine[]; readonly limitMs: number }
  | { readonly status: 'unavailable'; readonly logs: readonly LogLine[]; readonly message: string };

export interface RunOptions {
  readonly createWorker: () => WorkerLike;
  readonly timers: Timers;
  readonly timeLimitMs?: number;
  readonly startLimitMs?: number;
}

export function runInWorker(request: RunRequest, options: RunOptions): Promise<RunOutcome> {
  const timeLimitMs = options.timeLimitMs ?? TIME_LIMIT_MS;
  const startLimitMs = options.startLimitMs ?? START_LIMIT_MS;
  const { timers } = options;
  return new Promise<RunOutcome>((resolve) => {
    const logs: LogLine[] = [];
    let settled = false;
    let timer: unknown;
    let worker: WorkerLike | undefined;

    const finish = (outcome: RunOutcome): void => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(timer);
      // A fresh worker per run: nothing a run leaves behind (globals, timers) reaches the next one.
      worker?.terminate();
      resolve(outcome);
    };
    const arm = (ms: number, onExpiry: () => RunOutcome): void => {
      timers.clearTimeout(timer);
      timer = timers.setTimeout(() => finish(onExpiry()), ms);
    };

    try {
      worker = options.createWorker();
    } catch (error) {
      finish({ status: 'unavailable', logs, message: `The browser could not start a worker to run the code: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    worker.onmessage = ({ data }) => {
      if (settled) return;
      if (data.type === 'log') logs.push(data.line);
      else if (data.type === 'started') arm(timeLimitMs, () => ({ status: 'timeout', logs: [...logs], limitMs: timeLimitMs }));
      else if (data.result.ok) finish({ status: 'ok', logs, ...(data.result.result === undefined ? {} : { result: data.result.result }), droppedLines: data.result.droppedLines });
      else finish({ status: 'error', logs, failure: data.result.failure, droppedLines: data.result.droppedLines });
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish({ status: 'unavailable', logs, message: `The code runner failed to load${event.message ? `: ${event.message}` : ''}. Reload the page and try again.` });
    };
    arm(startLimitMs, () => ({
      status: 'unavailable',
      logs: [...logs],
      message: `The code runner did not start within ${Math.round(startLimitMs / 1000)} s. Check your connection and try again.`,
    }));
    worker.postMessage({ type: 'run', request });
  });
}
