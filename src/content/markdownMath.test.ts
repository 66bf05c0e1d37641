import { createRequire } from 'node:module';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFresh, readManifest } from '../../scripts/lib/bundledScript.mjs';
import { tempDirsRemovedAfterAll } from '../../scripts/lib/tempDirs';
import { PROJECT_ROOT } from '../../scripts/validate/index';
import { loadMarkdownMath, MARKDOWN_MATH_ENTRY } from './markdownMath';

const tempDir = tempDirsRemovedAfterAll();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Markdown math plugins as the config loads them', () => {
  it('come from a CommonJS bundle that Node loads itself, with KaTeX outside it, and parse and typeset as the site writes math', async () => {
    const warn = vi.spyOn(console, 'warn');
    const { remarkMath, rehypeKatex } = await loadMarkdownMath();
    expect(warn).not.toHaveBeenCalled();
    const manifest = readManifest(path.join(PROJECT_ROOT, 'node_modules/.cache/bundled-scripts/markdown-math'));
    expect(isFresh(PROJECT_ROOT, manifest, MARKDOWN_MATH_ENTRY, 'cjs')).toBe(true);
    expect(
      Object.keys(manifest!.inputs).some((file) => file.includes('node_modules/katex/')),
      'KaTeX is loaded by Node, not bundled',
    ).toBe(false);
    expect(Object.keys(createRequire(import.meta.url).cache).some((file) => file.endsWith(path.join('bundled-scripts', 'markdown-math', 'main.cjs')))).toBe(true);

    // "$$…$$" is math, a single "$" is money (the config's option).
    const mdast = unified().use(remarkParse).use(remarkMath, { singleDollarTextMath: false }).parse('Costs $5 and $6; the load is $$\\rho = \\lambda / \\mu$$.');
    const types = JSON.stringify(mdast);
    expect(types).toContain('"type":"inlineMath"');
    expect(types).toContain('"value":"\\\\rho = \\\\lambda / \\\\mu"');
    expect(types).toContain('Costs $5 and $6');

    // rehype-katex typesets what remark-rehype makes of inline math.
    const hast: HastRoot = {
      type: 'root',
      children: [{ type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-inline'] }, children: [{ type: 'text', value: 'x^2' }] }],
    };
    const typeset = JSON.stringify(await unified().use(rehypeKatex).run(hast));
    expect(typeset).toContain('katex');
    expect(typeset).not.toContain('katex-error');
  }, 60_000);

  it('come from their packages, with a one-line note, when their bundle cannot be made', async () => {
    const root = await tempDir('handbook-no-bundler-');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { remarkMath, rehypeKatex } = await loadMarkdownMath(root);
    expect([typeof remarkMath, typeof rehypeKatex]).toEqual(['function', 'function']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[docusaurus\.config\] Markdown math loads from its packages: its bundle could not be made or loaded \([^\n]+\)\.$/);
  });
});
