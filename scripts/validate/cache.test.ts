/**
 * The validator's cache only ever saves work: a kept verdict on a broken
 * diagram still reports it, a changed diagram is parsed again, and a cache
 * file that is damaged, tampered with or of another version counts as empty.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FORMAT, cacheVersion, memoryVerdicts, openVerdicts, RULE_SOURCES, verdictKey, writeCacheFile } from './cache';
import { createValidator, PROJECT_ROOT, validateContent } from './index';
import { tempDirsRemovedAfterAll } from '../lib/tempDirs';

const GOOD = path.join(PROJECT_ROOT, 'scripts/validate/fixtures/good');
const Q1 = 'docs/architecture/structural/q01-component-boundaries.mdx';
const GOOD_DIAGRAM = 'A[Ingestion] --> B[Features] --> C[Training]';
const tempDir = tempDirsRemovedAfterAll();

async function goodFixture(): Promise<string> {
  const dir = await tempDir('handbook-cache-');
  await cp(GOOD, dir, { recursive: true });
  return dir;
}

async function edit(dir: string, file: string, from: string, to: string): Promise<void> {
  const text = await readFile(path.join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`fixture edit did not apply: ${from}`);
  await writeFile(
    path.join(dir, file),
    text.replace(from, () => to),
  );
}

/** The fixture's diagram, as the page holds it between the fences. */
async function diagramOf(dir: string): Promise<string> {
  const text = await readFile(path.join(dir, Q1), 'utf8');
  return /```mermaid\n([\s\S]*?)\n```/.exec(text)![1]!;
}

const mermaidProblems = async (dir: string, cacheDir: string): Promise<string[]> =>
  (await validateContent({ rootDir: dir, cacheDir })).problems.filter((p) => p.rule === 'mermaid').map((p) => p.message);

describe('kept verdicts', () => {
  it('report a broken diagram again from the kept verdict, word for word', async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    await edit(dir, Q1, GOOD_DIAGRAM, 'A[Ingestion] --> ');
    const first = await mermaidProblems(dir, cacheDir);
    expect(first).toEqual([expect.stringMatching(/^the Mermaid diagram does not parse \(/)]);
    expect(await mermaidProblems(dir, cacheDir)).toEqual(first);

    // A verdict that only the cache could give proves the second run read it rather than parsing again.
    const version = await cacheVersion();
    await writeCacheFile(path.join(cacheDir, 'verdicts.json'), version, [[verdictKey('mermaid', await diagramOf(dir)), 'kept verdict']]);
    expect(await mermaidProblems(dir, cacheDir)).toEqual(['the Mermaid diagram does not parse (kept verdict)']);
  });

  it("keep both of a diagram's verdicts (does it parse, is it too wide) and each formula's, as the worker gave them", async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    await validateContent({ rootDir: dir, cacheDir });
    const kept = JSON.parse(await readFile(path.join(cacheDir, 'verdicts.json'), 'utf8')) as { body: [string, string | null][] };
    const verdicts = new Map(kept.body);
    const diagram = await diagramOf(dir);
    expect(verdicts.get(verdictKey('mermaid', diagram))).toBeNull();
    expect(verdicts.get(verdictKey('mermaid-width', diagram))).toBeNull();
    expect(verdicts.get(verdictKey('katex-inline', '\\frac{\\text{fake}}{\\text{all}}'))).toBeNull();
  });

  it('tell a cold cache (nothing kept, so the renderers are needed) from a warm one', async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    expect((await openVerdicts(cacheDir)).isEmpty()).toBe(true);
    await validateContent({ rootDir: dir, cacheDir });
    expect((await openVerdicts(cacheDir)).isEmpty()).toBe(false);
    expect(memoryVerdicts().isEmpty()).toBe(true);
  });

  it('are not used for a diagram that changed: the new text is parsed', async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    expect(await mermaidProblems(dir, cacheDir)).toEqual([]);
    await edit(dir, Q1, GOOD_DIAGRAM, 'A[Ingestion] --> ');
    expect(await mermaidProblems(dir, cacheDir)).toHaveLength(1);
    await edit(dir, Q1, 'A[Ingestion] --> ', GOOD_DIAGRAM);
    expect(await mermaidProblems(dir, cacheDir)).toEqual([]);
  });

  it("are kept for a diagram's width too, and a kept width verdict is reported as a warning, never a problem", async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    // A verdict only the cache could give: the fixture's three-node diagram fits the column.
    const version = await cacheVersion();
    await writeCacheFile(path.join(cacheDir, 'verdicts.json'), version, [[verdictKey('mermaid-width', await diagramOf(dir)), 'kept width verdict']]);
    const { problems, warnings } = await validateContent({ rootDir: dir, cacheDir });
    expect(problems).toEqual([]);
    expect(warnings.map((w) => `${w.file} [${w.rule}] ${w.message}`)).toEqual([`${Q1} [diagram-wide] kept width verdict`]);
  });

  it('on width are not looked at for a diagram that does not parse: the mermaid rule reports it, and nothing warns', async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    await edit(dir, Q1, GOOD_DIAGRAM, 'A[Ingestion] --> ');
    const version = await cacheVersion();
    await writeCacheFile(path.join(cacheDir, 'verdicts.json'), version, [[verdictKey('mermaid-width', await diagramOf(dir)), 'kept width verdict']]);
    const { problems, warnings } = await validateContent({ rootDir: dir, cacheDir });
    expect(problems.map((p) => p.rule)).toEqual(['mermaid']);
    expect(warnings).toEqual([]);
  });

  it('are kept per formula, so a formula KaTeX rejects is reported from the cache too', async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    await edit(dir, Q1, '| count |', '| $$\\frac{a}$$ |');
    const katex = async () => (await validateContent({ rootDir: dir, cacheDir })).problems.filter((p) => p.rule === 'katex').map((p) => p.message);
    const first = await katex();
    expect(first).toEqual([expect.stringMatching(/^the formula does not typeset: /)]);
    expect(await katex()).toEqual(first);
  });
});

describe('a damaged or foreign cache', () => {
  /** A fixture whose Q1 has a problem, validated once so that the cache holds its result. */
  async function cachedProblem(): Promise<{ dir: string; cacheDir: string; problem: string }> {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    await edit(dir, Q1, GOOD_DIAGRAM, 'A[Ingestion] --> ');
    const { problems } = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(problems.map((p) => p.rule)).toEqual(['mermaid']);
    return { dir, cacheDir, problem: problems[0]!.message };
  }

  const cacheFiles = async (cacheDir: string): Promise<string[]> => (await readdir(cacheDir)).filter((f) => f.endsWith('.json')).map((f) => path.join(cacheDir, f));

  it('is ignored when a file is cut short', async () => {
    const { dir, cacheDir, problem } = await cachedProblem();
    for (const file of await cacheFiles(cacheDir)) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.slice(0, text.length / 2));
    }
    const run = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(run.checked).toEqual(expect.arrayContaining([Q1]));
    expect(run.problems.map((p) => p.message)).toEqual([problem]);
  });

  it('is ignored when its content no longer matches its checksum (a kept result edited to hide the problem)', async () => {
    const { dir, cacheDir, problem } = await cachedProblem();
    for (const file of await cacheFiles(cacheDir)) {
      // Every verdict says "fine" and every page "no problems", under the checksum of the true content.
      const cache = JSON.parse(await readFile(file, 'utf8')) as { body: [string, string | null][] | { pages: Record<string, { record: { problems: unknown[] } }> } };
      if (Array.isArray(cache.body)) for (const entry of cache.body) entry[1] = null;
      else for (const entry of Object.values(cache.body.pages)) entry.record.problems = [];
      await writeFile(file, JSON.stringify(cache));
    }
    const run = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(run.checked).toEqual(expect.arrayContaining([Q1]));
    expect(run.problems.map((p) => p.message)).toEqual([problem]);
  });

  it('is ignored when it was written by another version of the rules or renderers', async () => {
    const { dir, cacheDir, problem } = await cachedProblem();
    for (const file of await cacheFiles(cacheDir)) {
      const cache = JSON.parse(await readFile(file, 'utf8')) as { version: string; body: unknown };
      // The same body under another version: correct for the other version, so not to be trusted by this one.
      await writeCacheFile(file, `${cache.version}-other`, cache.body);
    }
    const run = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(run.checked).toEqual(expect.arrayContaining([Q1]));
    expect(run.problems.map((p) => p.message)).toEqual([problem]);
  });

  it('is ignored when it is not JSON at all, and a cache folder that cannot be written only costs speed', async () => {
    const dir = await goodFixture();
    const cacheDir = await tempDir('handbook-cache-dir-');
    await writeFile(path.join(cacheDir, 'verdicts.json'), '\u0000not json');
    await edit(dir, Q1, GOOD_DIAGRAM, 'A[Ingestion] --> ');
    expect(await mermaidProblems(dir, cacheDir)).toHaveLength(1);
    // A file where the folder should be: nothing can be written, and the problem is still found.
    const blocked = path.join(cacheDir, 'blocked');
    await writeFile(blocked, '');
    const run = await createValidator({ rootDir: dir, cacheDir: blocked }).validateAll();
    expect(run.problems.map((p) => p.rule)).toEqual(['mermaid']);
  });
});

describe('the cache version', () => {
  it('changes with the format, so an old layout is never read', async () => {
    expect(CACHE_FORMAT).toBeGreaterThanOrEqual(1);
    expect(await cacheVersion()).toMatch(/^[\w-]{43}$/);
  });

  it("covers the renderer worker's source, which no rule imports (the validator starts it as a worker)", async () => {
    const root = await tempDir('handbook-cache-root-');
    const worker = path.join(root, 'scripts/validate/renderer-worker.mjs');
    await mkdir(path.dirname(worker), { recursive: true });
    await writeFile(worker, '// one version\n');
    const before = await cacheVersion(root);
    await writeFile(worker, '// another version\n');
    expect(await cacheVersion(root)).not.toBe(before);
  });

  it('covers every file of the project that the per-page rules run, so editing a rule or the schema empties the cache', async () => {
    // Walk the runtime imports of the per-page rules (./page) through the project's files.
    const covered = new Set([...RULE_SOURCES]);
    const seen = new Set<string>();
    const queue = ['scripts/validate/page.ts'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = await readFile(path.join(PROJECT_ROOT, file), 'utf8');
      const imports = [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gm)].map((m) => m[1] ?? m[2]!);
      for (const specifier of imports) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const resolved = [`${target}.ts`, `${target}/index.ts`, target].find((f) => existsSync(path.join(PROJECT_ROOT, f)));
        if (resolved) queue.push(resolved);
      }
    }
    const outside = [...seen].filter((f) => !f.startsWith('scripts/validate/') && !covered.has(f));
    expect(outside, 'files the page rules load that the cache version does not cover: add them to RULE_SOURCES').toEqual([]);
    expect([...seen].length).toBeGreaterThan(10);
    for (const file of RULE_SOURCES) expect(existsSync(path.join(PROJECT_ROOT, file)), file).toBe(true);
  });
});
