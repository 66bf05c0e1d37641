/**
 * Leaves Mermaid out of the server bundle.
 *
 * The theme loads Mermaid with `import('mermaid')` inside an effect: diagrams
 * are drawn in the browser, and static generation never runs that code. Yet
 * the server bundle compiled Mermaid too: `mermaid.core.mjs` and what it
 * imports module by module (its 21 runtime dependencies: d3 with its 30
 * packages, cytoscape and a parser built on langium among them), parsed and
 * bundled on every cold build for nothing. Here the server bundle gets an
 * empty module in its place; the browser's bundle is unchanged. (Code that
 * needed Mermaid during static generation would get that empty module:
 * import it inside an effect, as the theme does.)
 *
 * Why not hand the browser Mermaid's prebuilt `dist/mermaid.esm.min.mjs`
 * too, which would spare the client bundle the same work (an estimated
 * second more of a cold build)? Its shared chunk carries what the bundler
 * otherwise tree-shakes from Mermaid's dependencies: a page with a flowchart
 * loaded 29 KiB more (gzipped) of JavaScript. Readers come first.
 */
import type { Plugin } from '@docusaurus/types';

export default function mermaidBrowserOnlyPlugin(): Plugin {
  return {
    name: 'mermaid-browser-only',
    configureWebpack(_config, isServer) {
      // `$`: the package itself. `false`: an empty module, which static generation never calls.
      return isServer ? { resolve: { alias: { mermaid$: false } } } : {};
    },
  };
}
