/**
 * The Markdown math plugins the docs run (remark-math, rehype-katex), as
 * docusaurus.config.ts loads them: from one CommonJS bundle that Node loads
 * itself (scripts/lib/bundledScript.mjs; kept in
 * node_modules/.cache/bundled-scripts until one of its files changes).
 * Imported by the config directly, they and every ES module they import
 * (parse5, the micromark math packages) would go through jiti, which
 * Docusaurus loads its config with and which transpiles each with Babel on a
 * machine's first build or start, KaTeX's one-file build too (jiti takes a
 * comment in it for ES module syntax): about 1.7 s. KaTeX stays outside the
 * bundle, so its own CommonJS build loads natively.
 */
import { requireBundledOr } from '../../scripts/lib/bundledScript.mjs';

export type MarkdownMath = typeof import('./markdownMathPlugins');

export const MARKDOWN_MATH_ENTRY = 'src/content/markdownMathPlugins.ts';

/** remark-math and rehype-katex: from their bundle, or from their packages (with a one-line note) when the bundle cannot be made or loaded. */
export function loadMarkdownMath(root?: string): Promise<MarkdownMath> {
  return requireBundledOr(
    { root, entry: MARKDOWN_MATH_ENTRY, name: 'markdown-math', external: ['katex'] },
    { fallback: () => import('./markdownMathPlugins'), note: '[docusaurus.config] Markdown math loads from its packages' },
  );
}
