/**
 * The content validator, as the plugin loads it: from one CommonJS bundle of
 * scripts/validate (esbuild; kept in node_modules/.cache/bundled-scripts until
 * one of its files changes), which Node loads itself. Imported directly, its
 * sources and every ES module they import (the unified and micromark
 * packages, acorn) would go through jiti, which Docusaurus loads plugins with
 * and which transpiles each with Babel on a machine's first build or start:
 * about 2.7 s, against about 0.4 s for esbuild to make the bundle. Mermaid,
 * jsdom and KaTeX stay outside: the validator's worker loads them.
 */
import { requireBundledOr } from '../../../scripts/lib/bundledScript.mjs';

export type ValidatorApi = typeof import('../../../scripts/validate/index');

export const VALIDATOR_ENTRY = 'scripts/validate/index.ts';

/** The validator's API: from its bundle, or from its sources (with a one-line note) when the bundle cannot be made or loaded. */
export function loadValidatorApi(root?: string): Promise<ValidatorApi> {
  return requireBundledOr(
    { root, entry: VALIDATOR_ENTRY, name: 'validator-api', external: ['mermaid', 'jsdom', 'katex'] },
    { fallback: () => import('../../../scripts/validate/index'), note: '[handbook-content] The validator runs from its sources' },
  );
}
