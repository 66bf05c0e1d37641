/**
 * `npm run validate` starts here: it runs scripts/validate.ts from a bundle
 * (see scripts/lib/bundledScript.mjs), which starts in a fraction of the time
 * tsx takes. Mermaid, jsdom and KaTeX stay outside the bundle: the validator
 * loads them only when a diagram or formula has no kept verdict.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundled } from './lib/bundledScript.mjs';

await runBundled({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  entry: 'scripts/validate.ts',
  name: 'validate',
  external: ['mermaid', 'jsdom', 'katex'],
});
