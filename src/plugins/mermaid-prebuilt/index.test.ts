import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'webpack';
import { describe, expect, it } from 'vitest';
import mermaidPrebuiltPlugin, { MERMAID_PREBUILT } from './index';

const aliasFor = (isServer: boolean) => {
  const configure = mermaidPrebuiltPlugin().configureWebpack!;
  const result = configure({} as Configuration, isServer, {} as never, {} as never) as Configuration;
  return (result.resolve?.alias as Record<string, string | false>)['mermaid$'];
};

describe('Mermaid for the bundler', () => {
  it("gives the client Mermaid's own prebuilt ES module build of the installed version", () => {
    expect(aliasFor(false)).toBe(MERMAID_PREBUILT);
    expect(existsSync(MERMAID_PREBUILT), `${MERMAID_PREBUILT} exists`).toBe(true);
    const packageDir = path.dirname(require.resolve('mermaid/package.json'));
    expect(path.relative(packageDir, MERMAID_PREBUILT)).toBe(path.join('dist', 'mermaid.esm.min.mjs'));
    // A module with a default export, as the theme reads it: `(await import('mermaid')).default`.
    expect(readFileSync(MERMAID_PREBUILT, 'utf8')).toMatch(/export\s*\{[^}]*\bas default\b/);
  });

  it('gives the server bundle no Mermaid: static generation never draws a diagram', () => {
    expect(aliasFor(true)).toBe(false);
  });

  it('is the file the validator checks diagrams with, so both read diagrams alike', () => {
    const worker = readFileSync(path.join(__dirname, '../../../scripts/validate/renderer-worker.mjs'), 'utf8');
    expect(worker).toContain(`'mermaid/${path.relative(path.dirname(require.resolve('mermaid/package.json')), MERMAID_PREBUILT)}'`);
  });
});
