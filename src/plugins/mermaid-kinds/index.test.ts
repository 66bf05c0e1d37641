import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rspack } from '@docusaurus/faster';
import type { Configuration } from 'webpack';
import { describe, expect, it, vi } from 'vitest';
import { DIAGRAM_KINDS, DIAGRAM_LAYOUTS } from '../../content/diagramKinds';
import { tempDirsRemovedAfterAll } from '../../../scripts/lib/tempDirs';
import mermaidKindsPlugin, { chunksToLeaveOut, keyPersistentCache, STAND_IN, type MermaidKindsOptions } from './index';
import { chunkPattern, kindChunks, leftOutChunks, readMermaidChunks } from './mermaidChunks';

const require = createRequire(import.meta.url);
const DIST = path.dirname(require.resolve('mermaid/dist/mermaid.core.mjs'));
const installed = readMermaidChunks(DIST);
const leftOut = leftOutChunks(installed, { kinds: DIAGRAM_KINDS.map((k) => k.id), layouts: DIAGRAM_LAYOUTS });
const tempDir = tempDirsRemovedAfterAll();

/** Every module file of Mermaid's dist/ folder that `file` imports, statically or on demand, relative to dist/. */
function importsOf(file: string): { target: string; onDemand: boolean }[] {
  const source = readFileSync(path.join(DIST, file), 'utf8');
  const found = [
    ...[...source.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.mjs)"/g)].map((m) => ({ spec: m[1]!, onDemand: false })),
    ...[...source.matchAll(/import\("(\.{1,2}\/[^"]+\.mjs)"\)/g)].map((m) => ({ spec: m[1]!, onDemand: true })),
  ];
  return found.map(({ spec, onDemand }) => ({ target: path.posix.join(path.posix.dirname(file), spec), onDemand }));
}

describe("the installed Mermaid's diagram kinds and layouts", () => {
  it('are all found, each with a chunk that exists', () => {
    expect(installed.kinds.size).toBeGreaterThanOrEqual(30);
    expect([...installed.kinds.keys()]).toEqual(expect.arrayContaining(['flowchart-v2', 'sequence', 'stateDiagram', 'pie', 'gantt', 'c4', 'mindmap']));
    expect([...installed.layouts.keys()]).toEqual(expect.arrayContaining(['dagre', 'cose-bilkent']));
    for (const file of [...installed.kinds.values(), ...installed.layouts.values()]) expect(existsSync(path.join(DIST, file)), file).toBe(true);
  });

  it("account for every diagram chunk Mermaid's entry loads, so none is kept by a reading that missed it", () => {
    const imported = importsOf('mermaid.core.mjs').filter((i) => i.onDemand);
    expect(imported.map((i) => i.target).filter((file) => ![...installed.kinds.values()].includes(file))).toEqual([]);
  });

  it('leave each left-out chunk reachable only from its own loader, so leaving it out takes nothing a kept kind runs', () => {
    const files = ['mermaid.core.mjs', ...readdirSync(path.join(DIST, 'chunks/mermaid.core')).map((f) => `chunks/mermaid.core/${f}`)];
    const referrers = new Map<string, { from: string; onDemand: boolean }[]>();
    for (const from of files.filter((f) => f.endsWith('.mjs'))) {
      for (const { target, onDemand } of importsOf(from)) referrers.set(target, [...(referrers.get(target) ?? []), { from, onDemand }]);
    }
    const layoutRegistrar = files.find((f) => f.startsWith('chunks/mermaid.core/chunk-') && readFileSync(path.join(DIST, f), 'utf8').includes('registerDefaultLayoutLoaders'));
    for (const file of leftOut) {
      const registrar = [...installed.layouts.values()].includes(file) ? layoutRegistrar : 'mermaid.core.mjs';
      expect(referrers.get(file), file).toEqual([{ from: registrar, onDemand: true }]);
    }
  });
});

describe('what the bundle leaves out', () => {
  it("keeps the chunks of the kinds and layout the handbook draws, and of kinds that share them (graph's and elk's flowchart code)", () => {
    for (const kind of ['flowchart-v2', 'flowchart', 'flowchart-elk', 'sequence', 'stateDiagram']) expect(leftOut, kind).not.toContain(installed.kinds.get(kind));
    expect(leftOut).not.toContain(installed.layouts.get('dagre'));
  });

  it('leaves out the chunk of every other kind and layout', () => {
    for (const kind of ['pie', 'gantt', 'c4', 'mindmap', 'architecture', 'state']) expect(leftOut, kind).toContain(installed.kinds.get(kind));
    expect(leftOut).toEqual(expect.arrayContaining([installed.layouts.get('cose-bilkent'), installed.layouts.get('swimlane')]));
    expect(chunksToLeaveOut()).toEqual({ distDir: DIST, files: leftOut });
  });

  it('matches a left-out chunk by its path, with either separator, and nothing else', () => {
    const pattern = chunkPattern(leftOut);
    const pie = installed.kinds.get('pie')!;
    expect(pattern.test(path.join(DIST, pie))).toBe(true);
    expect(pattern.test(`C:\\site\\node_modules\\mermaid\\dist\\${pie.replace(/\//g, '\\')}`)).toBe(true);
    expect(pattern.test(path.join(DIST, installed.kinds.get('flowchart-v2')!))).toBe(false);
    expect(pattern.test(path.join(DIST, `${pie}.map`))).toBe(false);
    expect(pattern.test(`/elsewhere/dist/${pie}`)).toBe(false);
  });

  it('leaves out nothing, says what it missed, and keeps the site building, when Mermaid registers its kinds in a way it does not read', async () => {
    const dist = await tempDir('mermaid-kinds-');
    mkdirSync(path.join(dist, 'chunks/mermaid.core'), { recursive: true });
    writeFileSync(path.join(dist, 'mermaid.core.mjs'), 'const detectors = { pie: () => import("./chunks/mermaid.core/pie.mjs") };\n');
    expect(chunksToLeaveOut({ distDir: dist })).toEqual({
      reason: 'found no loader for the diagram kind "flowchart-v2", diagram kind "sequence", diagram kind "stateDiagram", layout "dagre"',
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(mermaidKindsPlugin(undefined, { distDir: dist }).configureWebpack!({} as Configuration, false, {} as never, {} as never)).toEqual({});
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^\[mermaid-kinds\] Every Mermaid diagram kind stays in the bundle: Mermaid's chunks were not understood \(found no loader for the diagram kind "flowchart-v2"/,
        ),
      );
    } finally {
      warn.mockRestore();
    }
    expect(kindChunks('var id = "pie";\nconst loader = async () => 1;\nvar id2 = "gantt";\nimport("./chunks/mermaid.core/gantt-X.mjs");\n')).toEqual(
      new Map([['gantt', 'chunks/mermaid.core/gantt-X.mjs']]),
    );
  });
});

/** The plugin's settings for the browser's bundle, on a config with Rspack's persistent cache. */
function configure(options: MermaidKindsOptions = {}, cacheDir?: string): Configuration & { experiments: { cache: { version: string } } } {
  const config = { experiments: { cache: { type: 'persistent', version: 'site', ...(cacheDir ? { storage: { type: 'filesystem', directory: cacheDir } } : {}) } } };
  const added = mermaidKindsPlugin(undefined, options).configureWebpack!(config as never, false, { currentBundler: { name: 'rspack', instance: rspack } } as never, {} as never);
  return { ...config, ...(added as object) } as never;
}

/** Bundles, for Node, a module that loads two left-out chunks as Mermaid does; returns the modules built and the loaders. */
async function bundleLoaders(settings: Configuration, dir: string): Promise<{ modules: string[]; chunks: string[]; load: Record<string, () => Promise<unknown>> }> {
  const entry = path.join(dir, 'entry.mjs');
  const chunk = (kind: string) => JSON.stringify(path.join(DIST, installed.kinds.get(kind)!));
  writeFileSync(entry, `export const pie = () => import(${chunk('pie')});\nexport const gantt = () => import(${chunk('gantt')});\n`);
  const out = path.join(dir, `out-${Date.now()}`);
  const compiler = rspack({
    context: dir,
    mode: 'none',
    target: 'node',
    entry,
    output: { path: out, filename: 'main.cjs', chunkFilename: '[id].cjs', library: { type: 'commonjs2' } },
    ...(settings.experiments ? { cache: true, experiments: settings.experiments as never } : {}),
    plugins: settings.plugins as never,
    optimization: settings.optimization as never,
  });
  const stats = await new Promise<NonNullable<Parameters<Parameters<typeof compiler.run>[0]>[1]>>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result))),
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  const json = stats.toJson({ all: false, errors: true, modules: true, chunks: true });
  expect(json.errors ?? []).toEqual([]);
  return {
    modules: (json.modules ?? []).map((m) => m.nameForCondition ?? m.name ?? ''),
    chunks: (json.chunks ?? []).map((c) => c.names?.[0] ?? String(c.id)),
    load: require(path.join(out, 'main.cjs')) as Record<string, () => Promise<unknown>>,
  };
}

const STAND_IN_MESSAGE = "This kind of Mermaid diagram, or its layout, is left out of the handbook's bundle: see src/content/diagramKinds.ts.";

describe('the plugin', () => {
  it('leaves the server bundle alone', () => {
    expect(mermaidKindsPlugin().configureWebpack!({} as Configuration, true, {} as never, {} as never)).toEqual({});
  });

  it('gives every left-out chunk one shared stand-in in a real Rspack bundle, which fails with its message', async () => {
    const built = await bundleLoaders(configure(), await tempDir('mermaid-kinds-bundle-'));
    expect(built.modules.filter((m) => m === STAND_IN)).toHaveLength(1);
    expect(built.modules.filter((m) => /[\\/]mermaid[\\/]/.test(m))).toEqual([]);
    expect(built.chunks.sort(), 'the entry and one chunk for the stand-in').toEqual(['main', 'mermaid-left-out']);
    // As Mermaid uses a kind's chunk (it registers `diagram`) and a layout's (it calls `render`), each time.
    for (const kind of ['pie', 'gantt', 'pie']) {
      const { diagram, render } = (await built.load[kind]!()) as { diagram: { styles?: unknown }; render: () => void };
      expect(() => diagram.styles, kind).toThrow(STAND_IN_MESSAGE);
      expect(() => render(), kind).toThrow(STAND_IN_MESSAGE);
    }
  });

  it("keys Rspack's persistent cache on what it leaves out, so a warm build bundles a kind added to the list", async () => {
    const cacheDir = await tempDir('mermaid-kinds-cache-');
    const withPie = { kinds: [...DIAGRAM_KINDS.map((k) => k.id), 'pie'] };
    expect(configure().experiments.cache.version).toMatch(/^site-mermaid-kinds-[0-9a-f]{16}$/);
    expect(configure(withPie).experiments.cache.version).not.toBe(configure().experiments.cache.version);
    // The same entry in the same folder, with the same cache folder: only the plugin's decision differs.
    const dir = await tempDir('mermaid-kinds-bundle-');
    const cold = await bundleLoaders(configure({}, cacheDir), dir);
    expect(cold.modules).toContain(STAND_IN);
    const warm = await bundleLoaders(configure(withPie, cacheDir), dir);
    expect(warm.modules.some((m) => m.endsWith(installed.kinds.get('pie')!.split('/').pop()!))).toBe(true);
    const gantt = (await warm.load.gantt!()) as { diagram: { styles?: unknown } };
    expect(() => gantt.diagram.styles).toThrow(STAND_IN_MESSAGE);
    const other = { experiments: { cache: { type: 'memory', version: 'x' } } };
    keyPersistentCache(other, 'k');
    expect(other.experiments.cache.version, 'a cache that is not persistent keeps its setting').toBe('x');
  });

  it("is registered in the site's config", async () => {
    const config = await (await import('../../../docusaurus.config')).default();
    expect(config.plugins).toContain('./src/plugins/mermaid-kinds/index.ts');
  });
});
