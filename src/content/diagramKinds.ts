/**
 * The kinds of Mermaid diagram the handbook draws, and the layout that lays
 * them out: one list for the validator, which rejects a diagram of any other
 * kind or layout at its line, and for the site's bundle, which leaves out the
 * code that only other kinds and layouts load (src/plugins/mermaid-kinds).
 * Mermaid ships about forty kinds; bundling them all cost every build a few
 * CPU-seconds and every reader who saves the site for offline reading about
 * 2 MB of scripts that no page runs.
 *
 * A kind is named by the id Mermaid's own detector gives it (the diagram type
 * `mermaid.parse` reports), with the words that start such a diagram.
 */
export interface DiagramKind {
  /** Mermaid's id for the kind. */
  readonly id: string;
  /** The first word of a diagram of this kind, as a writer types it (the usual one first). */
  readonly keywords: readonly string[];
  /** Whether Mermaid places its boxes with a layout algorithm (a sequence diagram places its own). */
  readonly laidOut: boolean;
}

export const DIAGRAM_KINDS: readonly DiagramKind[] = [
  { id: 'flowchart-v2', keywords: ['flowchart', 'graph'], laidOut: true },
  { id: 'sequence', keywords: ['sequenceDiagram'], laidOut: false },
  { id: 'stateDiagram', keywords: ['stateDiagram-v2', 'stateDiagram'], laidOut: true },
];

/**
 * Mermaid's default layout. Mermaid also registers swimlane and cose-bilkent,
 * which the bundle leaves out; elk needs a package the site does not install.
 */
export const DIAGRAM_LAYOUTS: readonly string[] = ['dagre'];

export interface DiagramKindProblem {
  message: string;
  fix: string;
}

/** "a or b", "a, b or c" */
function either(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}

/** "flowchart (or graph), sequenceDiagram or stateDiagram-v2 (or stateDiagram)" */
function kindsInWords(): string {
  return either(DIAGRAM_KINDS.map((k) => (k.keywords.length > 1 ? `${k.keywords[0]} (or ${k.keywords.slice(1).join(', ')})` : k.keywords[0]!)));
}

/**
 * What is wrong with a diagram that Mermaid reads as kind `kind` and would lay
 * out with `layout`: null when the site draws it.
 */
export function diagramKindProblem(kind: string, layout: string): DiagramKindProblem | null {
  const known = DIAGRAM_KINDS.find((k) => k.id === kind);
  if (!known) {
    return {
      message: `Mermaid reads this diagram as kind "${kind}", which is not one the site draws`,
      fix: `draw it as a ${kindsInWords()}, with no "defaultRenderer" in its config; to draw another kind, add its Mermaid id to src/content/diagramKinds.ts, and the site's bundle keeps its code`,
    };
  }
  if (known.laidOut && !DIAGRAM_LAYOUTS.includes(layout)) {
    return {
      message: `this ${known.keywords[0]} asks for the "${layout}" layout; the site lays diagrams out with ${either(DIAGRAM_LAYOUTS)} only`,
      fix: `remove "layout" (and any "defaultRenderer") from the diagram's config, so Mermaid lays it out with ${either(DIAGRAM_LAYOUTS)}; another layout needs its code in the site's bundle (src/content/diagramKinds.ts)`,
    };
  }
  return null;
}
