/**
 * Runs an example's demo in a Web Worker from the page. The component imports
 * this file lazily, on the first press of Run, so readers who never run code
 * download none of it.
 */
import { collectSources } from './modules';
import { presentOutcome, type OutputView } from './present';
import { runInWorker, type RunOutcome, type WorkerLike } from './runInWorker';

/** The bundler's require.context (webpack and Rspack), in lazy mode. */
interface LazyContext {
  (key: string): Promise<unknown>;
  keys(): string[];
}
declare global {
  // Adding to @types/node's `NodeJS.Require` takes a namespace: declaration merging has no module form.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace NodeJS {
    interface Require {
      context(directory: string, recursive: boolean, filter: RegExp, mode: 'lazy'): LazyContext;
    }
  }
}

/**
 * Every example module as text, one lazy chunk per file: a run fetches only
 * the sibling modules its files import, exactly as they are on disk. Tests
 * are never run, and a demo comes from its page (no file imports a demo), so
 * neither is a chunk: each chunk is an entry in the runtime every page loads.
 */
const exampleFiles = require.context('!!raw-loader!../examples', true, /^\.\/[^/]+\/(?![^/]*\.(?:test|demo)\.ts$)[^/]+\.ts$/, 'lazy');

const PREFIX = 'src/examples/';

async function loadExampleFile(file: string): Promise<string | undefined> {
  if (!file.startsWith(PREFIX)) return undefined;
  const key = `./${file.slice(PREFIX.length)}`;
  if (!exampleFiles.keys().includes(key)) return undefined;
  const loaded = (await exampleFiles(key)) as { default: string };
  return loaded.default;
}

function createWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url)) as unknown as WorkerLike;
}

export interface DemoFiles {
  /** The module and the demo, by repository path, as the reader has them (edited or not). */
  readonly files: Readonly<Record<string, string>>;
  /** The demo's path. */
  readonly entry: string;
}

async function run({ files, entry }: DemoFiles): Promise<RunOutcome> {
  let all: Record<string, string>;
  try {
    all = await collectSources(files, loadExampleFile);
  } catch (error) {
    return { status: 'unavailable', logs: [], message: `Could not load the example's files: ${error instanceof Error ? error.message : String(error)}` };
  }
  const timers = { setTimeout: (callback: () => void, ms: number) => window.setTimeout(callback, ms), clearTimeout: (handle: unknown) => window.clearTimeout(handle as number) };
  return runInWorker({ files: all, entry }, { createWorker, timers });
}

/** Run the demo and describe the outcome for the output panel. */
export async function runDemo(demo: DemoFiles): Promise<OutputView> {
  return presentOutcome(await run(demo));
}

export type { OutputView };
