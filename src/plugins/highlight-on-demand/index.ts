/**
 * Keeps the syntax highlighter light and off pages without code.
 *
 * - The classic theme registers Prism's extra languages from a client module,
 *   which put Prism into main.js, the home page and the 404 included. That
 *   module is replaced by an empty one; src/theme/CodeBlock registers the same
 *   languages when the first code block loads.
 * - The theme's `prism-react-renderer` bundles Prism with about twenty grammars
 *   and twenty colour themes (25 KiB gzipped). The bundler gets
 *   src/lib/highlight instead: the same API on Prism's core with the grammars
 *   this site shows (10 KiB). It gives tokens only their class names, which
 *   src/plugins/code-colours colours with a stylesheet.
 * - The search bar, on every page, imports mark.js to highlight a result's
 *   words on the page it opens. The bundler gets src/lib/lazyMark instead,
 *   which fetches mark.js only when there is something to highlight.
 */
import path from 'node:path';
import type { Plugin } from '@docusaurus/types';

/** The file the search plugin imports for `Mark`. */
export const MARK_JS = require.resolve('mark.js');

/** The classic theme's client module that imports Prism. */
export const PRISM_CLIENT_MODULE = path.join(path.dirname(require.resolve('@docusaurus/theme-classic')), 'prism-include-languages.js');

export default function highlightOnDemandPlugin(): Plugin {
  return {
    name: 'highlight-on-demand',
    configureWebpack() {
      return {
        resolve: {
          alias: {
            [PRISM_CLIENT_MODULE]: path.join(__dirname, 'emptyClientModule.ts'),
            // `$`: the package itself, not paths inside it.
            'prism-react-renderer$': path.resolve(__dirname, '../../lib/highlight/index.ts'),
            [MARK_JS]: path.resolve(__dirname, '../../lib/lazyMark/index.ts'),
          },
        },
      };
    },
  };
}
