/**
 * What the worker does with a run request: compile every file, link them,
 * call the demo's exported `demo()` function and describe what it printed
 * and returned. Kept free of worker globals so the unit tests run the same
 * path in Node with the same transpiler.
 */
import { describeError, formatLogArgs, formatValue, type DescribedError } from './format';
import { requireModule, type ModuleFunction, type SourceMap } from './modules';
import { CompileError, transpile, type TransformFn } from './transpile';

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface LogLine {
  readonly level: LogLevel;
  readonly text: string;
}

/** A runaway loop that logs must not flood the page: later lines are counted, not sent. */
export const MAX_LOG_LINES = 200;

/** The console an example sees. */
export type DemoConsole = Record<LogLevel | 'dir' | 'table', (...args: unknown[]) => void>;

export function createConsole(onLine: (line: LogLine) => void, maxLines = MAX_LOG_LINES): { console: DemoConsole; dropped: () => number } {
  let sent = 0;
  let dropped = 0;
  const emit =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      if (sent >= maxLines) {
        dropped++;
        return;
      }
      sent++;
      onLine({ level, text: formatLogArgs(args) });
    };
  const console: DemoConsole = {
    log: emit('log'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    debug: emit('debug'),
    dir: emit('log'),
    table: emit('log'),
  };
  return { console, dropped: () => dropped };
}

/** Turns compiled code into a module function; each module sees `console` as the capturing one. */
export type Evaluate = (code: string, file: string, console: DemoConsole) => ModuleFunction;

type Factory = (exports: unknown, require: unknown, module: unknown, console: DemoConsole) => void;

/**
 * Indirect eval runs the code in global scope, so nothing of the runner leaks
 * into it. The wrapper shares the first line with the code, so line numbers
 * are the reader's, and sourceURL names the file in stack traces.
 */
export const evaluateInGlobalScope: Evaluate = (code, file, console) => {
  const factory = (0, eval)(`(function (exports, require, module, console) {${code}\n})\n//# sourceURL=${file}`) as Factory;
  return (exports, require, module) => factory(exports, require, module, console);
};

export interface RunRequest {
  /** Every file the run needs, by repository path: the demo, its module and their siblings. */
  readonly files: SourceMap;
  /** The demo file; it exports `demo()`. */
  readonly entry: string;
}

export interface RunFailure extends DescribedError {
  readonly phase: 'compile' | 'runtime';
  /** For a syntax error: the line with a caret under the column. */
  readonly frame?: string;
}

export type ExecuteResult =
  { readonly ok: true; readonly result?: string; readonly droppedLines: number } | { readonly ok: false; readonly failure: RunFailure; readonly droppedLines: number };

export interface ExecuteOptions {
  readonly transform: TransformFn;
  readonly onLog: (line: LogLine) => void;
  /** Called once the code compiled, right before it starts running: the time limit starts here. */
  readonly onStarted?: () => void;
  readonly evaluate?: Evaluate;
  readonly maxLogLines?: number;
}

export async function executeDemo(request: RunRequest, options: ExecuteOptions): Promise<ExecuteResult> {
  const { console, dropped } = createConsole(options.onLog, options.maxLogLines);
  const evaluate = options.evaluate ?? evaluateInGlobalScope;
  const modules: Record<string, ModuleFunction> = {};
  try {
    for (const [file, source] of Object.entries(request.files)) {
      modules[file] = evaluate(transpile(source, file, options.transform), file, console);
    }
  } catch (error) {
    if (error instanceof CompileError) {
      const failure: RunFailure = { phase: 'compile', name: error.name, message: error.message, location: { file: error.file, line: error.line }, frame: error.frame };
      return { ok: false, failure, droppedLines: dropped() };
    }
    // eval itself rejects what the transpiler let through (rare: e.g. a duplicate declaration).
    return { ok: false, failure: { phase: 'compile', ...describeError(error, Object.keys(request.files)) }, droppedLines: dropped() };
  }
  options.onStarted?.();
  try {
    const exports = requireModule(request.entry, modules);
    const demo = exports.demo;
    if (typeof demo !== 'function') {
      throw new TypeError(`${request.entry.split('/').pop()} exports no demo() function to run`);
    }
    const value: unknown = await (demo as () => unknown)();
    return { ok: true, ...(value === undefined ? {} : { result: formatValue(value) }), droppedLines: dropped() };
  } catch (error) {
    return { ok: false, failure: { phase: 'runtime', ...describeError(error, Object.keys(request.files)) }, droppedLines: dropped() };
  }
}
