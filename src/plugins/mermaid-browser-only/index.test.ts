import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rspack } from '@docusaurus/faster';
import type { Configuration } from 'webpack';
import { afterAll, describe, expect, it } from 'vitest';
import mermaidBrowserOnlyPlugin from './index';

const configure = (isServer: boolean) => mermaidBrowserOnlyPlugin().configureWebpack!({} as Configuration, isServer, {} as never, {} as never) as Configuration;

const dir = mkdtempSync(path.join(tmpdir(), 'mermaid-browser-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles, as the server bundle would, a module that loads Mermaid the way the theme does; returns what Rspack built. */
async function serverBundleOfThemeImport(): Promise<{ errors: string[]; modules: string[]; output: string }> {
  const entry = path.join(dir, 'entry.mjs');
  writeFileSync(entry, "export const loadMermaid = async () => (await import('mermaid')).default;\n");
  const compiler = rspack({
    context: process.cwd(),
    mode: 'none',
    target: 'node',
    entry,
    output: { path: path.join(dir, 'out'), filename: 'server.js', chunkFilename: '[id].js' },
    resolve: configure(true).resolve as never,
  });
  const stats = await new Promise<NonNullable<Parameters<Parameters<typeof compiler.run>[0]>[1]>>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result))),
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  const json = stats.toJson({ all: false, errors: true, modules: true, assets: true });
  return {
    errors: (json.errors ?? []).map((e) => e.message),
    modules: (json.modules ?? []).map((m) => m.name ?? ''),
    output: (json.assets ?? []).map((a) => a.name).join(' '),
  };
}

describe('Mermaid in the bundles', () => {
  it("gives the server bundle an empty module for the theme's import('mermaid'): it builds, with nothing of Mermaid in it", async () => {
    const built = await serverBundleOfThemeImport();
    expect(built.errors).toEqual([]);
    expect(built.output).toContain('server.js');
    expect(built.modules.some((m) => m.includes('entry.mjs'))).toBe(true);
    expect(built.modules.filter((m) => m.includes('node_modules/mermaid') || m.includes('node_modules/d3'))).toEqual([]);
  });

  it("leaves the browser's bundle as the theme has it, so diagrams load the tree-shaken Mermaid", () => {
    expect(configure(false)).toEqual({});
  });

  it("is registered in the site's config", async () => {
    const config = await (await import('../../../docusaurus.config')).default();
    expect(config.plugins).toContain('./src/plugins/mermaid-browser-only/index.ts');
  });
});
