/**
 * The Web Worker that runs an example. It is started only when a reader
 * presses Run, so the transpiler it imports is downloaded only then.
 */
import { transform } from 'sucrase';
import { describeError } from './format';
import { executeDemo, type ExecuteResult } from './execute';
import type { FromWorker, ToWorker } from './runInWorker';

interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker): void;
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { error?: unknown; reason?: unknown; message?: string; preventDefault(): void }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
let files: readonly string[] = [];
const post = (message: FromWorker): void => scope.postMessage(message);
const fail = (error: unknown): void => {
  const result: ExecuteResult = { ok: false, failure: { phase: 'runtime', ...describeError(error, files) }, droppedLines: 0 };
  post({ type: 'done', result });
};

// A throw in a timer callback or an unhandled rejection ends the run with that error, rather than running into the time limit.
scope.addEventListener('error', (event) => {
  event.preventDefault();
  fail(event.error ?? new Error(event.message ?? 'unknown error'));
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  fail(event.reason);
});

scope.onmessage = ({ data }) => {
  if (data.type !== 'run') return;
  files = Object.keys(data.request.files);
  void executeDemo(data.request, {
    transform,
    onLog: (line) => post({ type: 'log', line }),
    onStarted: () => post({ type: 'started' }),
  }).then((result) => post({ type: 'done', result }), fail);
};
