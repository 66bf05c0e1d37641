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
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireBundled } from '../../../scripts/lib/bundledScript.mjs';

export type ValidatorApi = typeof import('../../../scripts/validate/index');

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const VALIDATOR_ENTRY = 'scripts/validate/index.ts';

/** The validator's API: from its bundle, or from its sources (with a one-line note) when the bundle cannot be made or loaded. */
export async function loadValidatorApi(root: string = PROJECT_ROOT): Promise<ValidatorApi> {
  try {
    return (await requireBundled({ root, entry: VALIDATOR_ENTRY, name: 'validator-api', external: ['mermaid', 'jsdom', 'katex'] })) as ValidatorApi;
  } catch (error) {
    console.warn(
      `[handbook-content] The validator runs from its sources: its bundle could not be made or loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
    );
    return import('../../../scripts/validate/index');
  }
}
