/**
 * KaTeX and Mermaid, asked from the main thread: both run in a worker thread
 * (./renderer-worker.mjs) started the first time a formula or diagram has no
 * kept verdict, so a run that finds every verdict kept starts none, and a
 * cold run keeps parsing pages while the worker loads jsdom and Mermaid.
 *
 * The worker holds the process open only while an answer is awaited. If it
 * stops (a crash, a renderer that fails to load), every awaited answer fails
 * with a plain error naming the cause, and the next request starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { MERMAID_OPTIONS } from '../../src/content/mermaidOptions';
import type { Verdict } from './cache';
import type { DiagramData } from './rules/diagrams';

/**
 * What the worker answers about one diagram: its parse verdict and, when it parses, what the width estimate
 * reads, the kind Mermaid reads it as ('flowchart-v2', 'sequence', …) and the layout it would draw it with.
 */
export interface DiagramAnswer {
  verdict: Verdict;
  diagram: DiagramData | null;
  kind: string | null;
  layout: string | null;
}

type Answer = { verdict?: Verdict; diagram?: DiagramData | null; kind?: string | null; layout?: string | null; failure?: string };
type Request = { kind: 'katex'; value: string; displayMode: boolean } | { kind: 'mermaid'; source: string };

export interface Renderers {
  typeset(value: string, displayMode: boolean): Promise<Verdict>;
  diagram(source: string): Promise<DiagramAnswer>;
  /** Starts the worker loading KaTeX, jsdom and Mermaid before the first question; it does not hold the process open. */
  warm(): void;
  /**
   * Stops the worker as soon as no answer is awaited, which frees the memory jsdom and Mermaid hold (a production
   * build, which asks nothing more after its one check, peaked about 100 MB lower). A later question starts a new worker.
   */
  release(): void;
}

export const WORKER_FILE = new URL('./renderer-worker.mjs', import.meta.url);

/**
 * Renderers in a worker started from `workerFile` (a test passes one that fails), whose Mermaid reads diagrams
 * with the site's settings (`mermaidOptions`: another set, for a test).
 */
export function workerRenderers(workerFile: URL = WORKER_FILE, mermaidOptions: object = MERMAID_OPTIONS): Renderers {
  let worker: Worker | undefined;
  let nextId = 0;
  let releaseWhenIdle = false;
  const waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();

  const stop = (cause: string): void => {
    worker = undefined;
    const error = new Error(`the KaTeX and Mermaid checks stopped (${cause}); run the validator again, and if it fails the same way, reinstall with "npm ci"`);
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  const release = (): void => {
    releaseWhenIdle = false;
    const current = worker;
    worker = undefined;
    void current?.terminate();
  };

  const start = (): Worker => {
    const started = new Worker(workerFile, { workerData: { mermaidOptions } });
    started.on('message', (answer: Answer & { id: number }) => {
      const entry = waiting.get(answer.id);
      if (!entry) return;
      waiting.delete(answer.id);
      entry.resolve(answer);
      if (waiting.size > 0) return;
      started.unref();
      if (releaseWhenIdle && worker === started) release();
    });
    started.on('error', (error) => {
      if (worker === started) stop(error.message.split('\n')[0] ?? String(error));
    });
    started.on('exit', (code) => {
      if (worker === started) stop(`the worker exited with code ${code}`);
    });
    started.unref();
    return started;
  };

  const ask = async (request: Request): Promise<Answer> => {
    worker ??= start();
    const current = worker;
    const id = nextId++;
    const answer = new Promise<Answer>((resolve, reject) => waiting.set(id, { resolve, reject }));
    current.ref();
    current.postMessage({ id, ...request });
    const result = await answer;
    if (result.failure !== undefined) throw new Error(`the ${request.kind === 'katex' ? 'KaTeX' : 'Mermaid'} check could not run: ${result.failure}`);
    return result;
  };

  return {
    release() {
      if (waiting.size === 0) release();
      else releaseWhenIdle = true;
    },
    warm() {
      worker ??= start();
      worker.postMessage({ kind: 'warm' });
    },
    typeset: async (value, displayMode) => (await ask({ kind: 'katex', value, displayMode })).verdict ?? null,
    async diagram(source) {
      const answer = await ask({ kind: 'mermaid', source });
      return { verdict: answer.verdict ?? null, diagram: answer.diagram ?? null, kind: answer.kind ?? null, layout: answer.layout ?? null };
    },
  };
}

/** The process's renderers: one worker for every page and every validator. */
let shared: Renderers | undefined;
export const renderers = (): Renderers => (shared ??= workerRenderers());

/** Stops the process's renderer worker once it has answered, if one was started (see Renderers.release). */
export function releaseRenderers(): void {
  shared?.release();
}
