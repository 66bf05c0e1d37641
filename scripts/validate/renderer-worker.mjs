// @ts-check
/**
 * The validator's KaTeX and Mermaid checks, in a worker thread of their own
 * (see ./renderers.ts): loading jsdom and Mermaid takes a second or two,
 * during which the main thread keeps parsing pages. Plain JavaScript, so
 * that every way the validator runs (its bundle, tsx, vitest, Docusaurus'
 * jiti) can start it without a TypeScript loader. It answers with plain
 * data only; the width estimate is made on the main thread (rules/diagrams.ts).
 *
 * Started with workerData { mermaidOptions }: the site's Mermaid settings.
 * Requests: { id, kind: 'katex', value, displayMode } and { id, kind: 'mermaid', source };
 * { kind: 'warm' } starts loading the renderers before the first of them.
 * Answers: { id, verdict } for a formula; { id, verdict, diagram, kind, layout }
 * for a diagram, where diagram is what the width estimate reads of Mermaid's
 * parsed diagram, kind the diagram type Mermaid read it as and layout the
 * layout it would draw it with (each null when it does not parse);
 * { id, failure } when the check itself could not run (a renderer failed to load).
 */
import { parentPort, workerData } from 'node:worker_threads';

/** @type {Promise<typeof import('katex').default> | undefined} */
let katex;
/** @type {Promise<typeof import('mermaid').default> | undefined} */
let mermaid;

const loadKatex = () => (katex ??= import('katex').then((m) => m.default));

/**
 * Mermaid sanitises labels with DOMPurify, which needs a DOM: this thread
 * holds nothing else, so a jsdom window can stay as its global for good.
 */
const loadMermaid = () =>
  (mermaid ??= (async () => {
    const { JSDOM } = (await import('jsdom')).default;
    const window = new JSDOM('<!doctype html><html><body></body></html>').window;
    Object.assign(globalThis, { window, document: window.document, DOMParser: window.DOMParser });
    // Mermaid's own one-file build of the same version: the same parsers, loaded in a tenth of the time its
    // default entry takes to load d3, lodash-es and the rest file by file. (It carries its own DOMPurify.)
    const entry = 'mermaid/dist/mermaid.esm.min.mjs';
    const m = /** @type {{ default: typeof import('mermaid').default }} */ (await import(entry)).default;
    // The site's settings (workerData.mermaidOptions, as the theme passes them), which decide the kind of some diagrams.
    m.initialize({ startOnLoad: false, ...workerData?.mermaidOptions });
    return m;
  })());

/** Set once parse() has run: its first call registers the diagram kinds that getDiagramFromText() looks up. */
let registered = false;

/** @param {unknown} error */
const messageOf = (error) => String(/** @type {Error} */ (error)?.message ?? error);

/** The first two lines of Mermaid's error: the position and what it expected. */
const parseError = (/** @type {unknown} */ error) => messageOf(error).split('\n').slice(0, 2).join(' ');

/**
 * @param {string} value
 * @param {boolean} displayMode
 */
async function typeset(value, displayMode) {
  const renderer = await loadKatex();
  try {
    renderer.renderToString(value, { throwOnError: true, displayMode, strict: 'ignore' });
    return { verdict: null };
  } catch (error) {
    return { verdict: /** @type {Error} */ (error).message };
  }
}

/**
 * What the width estimate reads of a parsed diagram: only the parts its db
 * has (an absent part tells the estimate the kind has none).
 * @param {string} type
 * @param {Record<string, ((...args: unknown[]) => unknown) | undefined>} db
 */
function diagramData(type, db) {
  /** @param {string} name */
  const call = (name) => /** @type {any} */ (typeof db[name] === 'function' ? db[name]() : undefined);
  /** @type {Map<string, { text?: string }> | undefined} */
  const vertices = call('getVertices');
  /** @type {Map<string, { description?: string }> | undefined} */
  const actors = call('getActors');
  /** @type {{ start: string, end: string, text?: string }[] | undefined} */
  const edges = call('getEdges');
  /** @type {{ nodes: string[], dir?: string }[] | undefined} */
  const subgraphs = call('getSubGraphs');
  /** @type {{ from?: string, to?: string, message?: string, type?: number }[] | undefined} */
  const messages = call('getMessages');
  return {
    type,
    direction: /** @type {string | undefined} */ (call('getDirection')),
    vertices: vertices && [...vertices].map(([id, v]) => [id, { text: v.text }]),
    edges: edges?.map((e) => ({ start: e.start, end: e.end, text: e.text })),
    subgraphs: subgraphs?.map((s) => ({ nodes: [...s.nodes], dir: s.dir })),
    actors: actors && [...actors].map(([id, a]) => [id, { description: a.description }]),
    actorKeys: /** @type {string[] | undefined} */ (call('getActorKeys')),
    messages: messages?.map((m) => ({ from: m.from, to: m.to, message: m.message, type: m.type })),
  };
}

/**
 * Parses a diagram as mermaid.parse() does and keeps the parsed diagram for
 * the width estimate, so each diagram is parsed once. parse() resets the
 * configuration and applies the diagram's own (frontmatter, %%{init}%%)
 * before it reads the diagram; for a diagram with none, reset() does the
 * same. A diagram that may carry some (a line starting "---", or "%%{"),
 * and the first one, go through parse() itself and are then read again.
 * @param {string} source
 */
async function diagram(source) {
  const m = await loadMermaid();
  const exact = !registered || /^\s*---/m.test(source) || source.includes('%%{');
  let parsed;
  /** @type {string} */
  let kind;
  try {
    if (exact) {
      registered = true;
      kind = (await m.parse(source)).diagramType;
    } else {
      m.mermaidAPI.reset();
      parsed = await m.mermaidAPI.getDiagramFromText(source);
      kind = parsed.type;
    }
  } catch (error) {
    return { verdict: parseError(error), diagram: null, kind: null, layout: null };
  }
  // The layout in force for this diagram: Mermaid's default unless the diagram's own config (applied by parse()) sets one.
  const layout = m.mermaidAPI.getConfig().layout ?? null;
  try {
    parsed ??= await m.mermaidAPI.getDiagramFromText(source);
    return { verdict: null, diagram: diagramData(parsed.type, /** @type {never} */ (parsed.db)), kind, layout };
  } catch {
    // As before: a diagram that parses but cannot be read again is not measured.
    return { verdict: null, diagram: null, kind, layout };
  }
}

/** Diagrams one at a time, as mermaid.parse() queues them: Mermaid keeps the diagram being read in module state. */
let lastDiagram = Promise.resolve();

parentPort?.on('message', async (/** @type {{ id: number, kind: string, value?: string, displayMode?: boolean, source?: string }} */ request) => {
  if (request.kind === 'warm') {
    // Loading ahead of the first question; a renderer that fails to load fails that question, with its message.
    loadKatex().catch(() => undefined);
    loadMermaid().catch(() => undefined);
    return;
  }
  try {
    let answer;
    if (request.kind === 'katex') answer = await typeset(request.value ?? '', request.displayMode === true);
    else {
      const next = lastDiagram.then(() => diagram(request.source ?? ''));
      lastDiagram = next.then(
        () => undefined,
        () => undefined,
      );
      answer = await next;
    }
    parentPort?.postMessage({ id: request.id, ...answer });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, failure: messageOf(error) });
  }
});
