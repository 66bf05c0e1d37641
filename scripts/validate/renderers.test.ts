/**
 * KaTeX and Mermaid answer from a worker thread: with plain data the main
 * thread turns into verdicts, never holding the process open once answered,
 * and a worker that stops turns every awaited answer into a plain error
 * rather than a hang.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDirsRemovedAfterAll } from '../lib/tempDirs';
import { PROJECT_ROOT } from './files';
import { renderers, workerRenderers } from './renderers';

const tempDir = tempDirsRemovedAfterAll();

/** A stand-in for the renderer worker, made of `body`. */
async function fakeWorker(body: string): Promise<URL> {
  const file = path.join(await tempDir('handbook-renderer-'), 'worker.mjs');
  await writeFile(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}

describe('the renderer worker', () => {
  it('answers a diagram with its parse verdict and what the width estimate reads of it', async () => {
    const answer = await renderers().diagram('flowchart LR\n  A[Ingestion] -->|rows| B[Features]');
    expect(answer.verdict).toBeNull();
    expect(answer.diagram).toMatchObject({
      type: 'flowchart-v2',
      direction: 'LR',
      vertices: [
        ['A', { text: 'Ingestion' }],
        ['B', { text: 'Features' }],
      ],
      edges: [{ start: 'A', end: 'B', text: 'rows' }],
    });
  });

  it("answers a broken diagram with the first two lines of Mermaid's error and nothing to measure", async () => {
    const answer = await renderers().diagram('flowchart LR\n  A --> ');
    expect(answer.verdict).toMatch(/^Parse error on line \d+: \.\.\.\w+ LR {2}A --> /);
    expect(answer).toMatchObject({ diagram: null, kind: null, layout: null });
  });

  it('names the kind Mermaid reads a diagram as, and the layout it would draw it with', async () => {
    const asked = await Promise.all(
      [
        'flowchart TB\n  A --> B',
        'graph TD\n  A --> B',
        'sequenceDiagram\n  A->>B: hi',
        'stateDiagram-v2\n  [*] --> Open',
        'pie\n  "a": 1',
        // The diagram's own config sets the layout, in frontmatter or in a directive; the next diagram is back to the default.
        '---\nconfig:\n  layout: elk\n---\nflowchart TB\n  A --> B',
        '%%{init: {"layout": "cose-bilkent"}}%%\nflowchart TB\n  A --> B',
        'flowchart LR\n  C --> D',
      ].map((source) => renderers().diagram(source)),
    );
    expect(asked.map((a) => [a.kind, a.layout])).toEqual([
      ['flowchart-v2', 'dagre'],
      ['flowchart-v2', 'dagre'],
      ['sequence', 'dagre'],
      ['stateDiagram', 'dagre'],
      ['pie', 'dagre'],
      ['flowchart-v2', 'elk'],
      ['flowchart-v2', 'cose-bilkent'],
      ['flowchart-v2', 'dagre'],
    ]);
  });

  it("reads diagrams with the site's Mermaid settings, which can change the kind Mermaid picks", async () => {
    const { MERMAID_OPTIONS } = await import('../../src/content/mermaidOptions');
    const config = await (await import('../../docusaurus.config')).default();
    expect(config.themeConfig.mermaid.options, 'the theme draws with the settings the validator reads with').toBe(MERMAID_OPTIONS);
    // A renderer setting turns a state diagram and a flowchart into kinds the site leaves out: the validator sees it.
    const otherSettings = workerRenderers(undefined, { state: { defaultRenderer: 'dagre-d3' }, flowchart: { defaultRenderer: 'elk' } });
    const asked = await Promise.all(['stateDiagram\n  [*] --> Open', 'flowchart TB\n  A --> B'].map((source) => otherSettings.diagram(source)));
    expect(asked.map((a) => a.kind)).toEqual(['state', 'flowchart-elk']);
  });

  it('answers a formula with null, or with KaTeX’s message when it does not typeset', async () => {
    expect(await renderers().typeset('\\frac{a}{b}', false)).toBeNull();
    expect(await renderers().typeset('\\frac{a}', true)).toMatch(/^KaTeX parse error: /);
  });

  it('lets the process end on its own once every answer has come, and when it was only warmed up', async () => {
    const dir = await tempDir('handbook-renderer-');
    const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
    const run = async (body: string): Promise<string> => {
      const script = path.join(dir, 'ask.ts');
      await writeFile(script, `import { renderers } from ${JSON.stringify(path.join(PROJECT_ROOT, 'scripts/validate/renderers.ts'))};\n${body}\n`);
      // A worker left holding the process open would run into the timeout and fail this.
      return (await promisify(execFile)(tsx, [script], { cwd: PROJECT_ROOT, timeout: 120_000 })).stdout.trim();
    };
    expect(await run("renderers().warm();\nvoid renderers().diagram('flowchart TB\\n  A --> B').then((answer) => console.log(JSON.stringify(answer.verdict)));")).toBe('null');
    expect(await run("renderers().warm();\nconsole.log('warmed');")).toBe('warmed');
  });

  it('can be released: the worker stops once it has answered what was asked, and a later question starts a new one', async () => {
    // Answers with the id of the thread it runs in, after a short pause, so a test sees which worker answered.
    const threadEcho = await fakeWorker(
      "import { threadId } from 'node:worker_threads';\nparentPort.on('message', (r) => setTimeout(() => parentPort.postMessage({ id: r.id, verdict: String(threadId) }), 20));",
    );
    const worker = workerRenderers(threadEcho);
    const first = await worker.typeset('a', false);
    expect(await worker.typeset('b', false), 'without a release the same worker answers').toBe(first);

    const awaited = worker.typeset('c', false);
    worker.release();
    expect(await awaited, 'an answer awaited when the release came still arrives').toBe(first);
    const afterRelease = await worker.typeset('d', false);
    expect(afterRelease).not.toBe(first);

    worker.release();
    expect(await worker.typeset('e', false), 'released while idle').not.toBe(afterRelease);
  });

  it('that exits fails every awaited answer with a plain error, and the next question starts a new worker', async () => {
    const worker = workerRenderers(await fakeWorker("parentPort.on('message', () => process.exit(3));"));
    const asked = [worker.diagram('flowchart TB\n  A --> B'), worker.typeset('x', false)];
    for (const answer of asked) await expect(answer).rejects.toThrow('the KaTeX and Mermaid checks stopped (the worker exited with code 3)');
    await expect(worker.typeset('y', false)).rejects.toThrow(/exited with code 3/);
  });

  it('that fails as it starts names the cause', async () => {
    const worker = workerRenderers(await fakeWorker("throw new Error('no jsdom here');"));
    await expect(worker.diagram('flowchart TB\n  A --> B')).rejects.toThrow('the KaTeX and Mermaid checks stopped (no jsdom here)');
  });

  it('that cannot load a renderer says which check could not run', async () => {
    const worker = workerRenderers(await fakeWorker("parentPort.on('message', (r) => parentPort.postMessage({ id: r.id, failure: 'Cannot find package mermaid' }));"));
    await expect(worker.diagram('flowchart TB\n  A --> B')).rejects.toThrow('the Mermaid check could not run: Cannot find package mermaid');
    await expect(worker.typeset('x', false)).rejects.toThrow('the KaTeX check could not run: Cannot find package mermaid');
  });
});
