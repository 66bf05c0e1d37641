import type { MermaidConfig } from 'mermaid';

/**
 * Mermaid's settings for the site's diagrams: the theme draws with them
 * (docusaurus.config.ts, themeConfig.mermaid.options) and the validator reads
 * every diagram with them, so both take a diagram for the same kind (a
 * `defaultRenderer` here would change the kind Mermaid picks).
 *
 * Diagrams are drawn at their natural size, so labels stay readable: the
 * wrapper in src/theme/Mermaid fits them to the column, Expand shows them
 * full-size, print fits the page. Sequence diagrams get narrower gaps and
 * margins than Mermaid's defaults so four participants fit the 703-px desktop
 * column; long messages are broken with <br/>.
 */
export const MERMAID_OPTIONS = {
  flowchart: { useMaxWidth: false },
  sequence: { useMaxWidth: false, actorMargin: 30, width: 130, diagramMarginX: 8 },
  state: { useMaxWidth: false },
} satisfies MermaidConfig;
