import { describe, expect, it } from 'vitest';
import { diagramKindProblem } from './diagramKinds';

describe('the diagram kinds the site draws', () => {
  it('accepts flowcharts, sequence and state diagrams laid out by dagre', () => {
    for (const kind of ['flowchart-v2', 'sequence', 'stateDiagram']) expect(diagramKindProblem(kind, 'dagre'), kind).toBeNull();
  });

  it('rejects any other kind, naming it, and says how to draw it as one the site draws or where to add it', () => {
    expect(diagramKindProblem('pie', 'dagre')).toEqual({
      message: 'Mermaid reads this diagram as kind "pie", which is not one the site draws',
      fix:
        'draw it as a flowchart (or graph), sequenceDiagram or stateDiagram-v2 (or stateDiagram), with no "defaultRenderer" in its config; ' +
        "to draw another kind, add its Mermaid id to src/content/diagramKinds.ts, and the site's bundle keeps its code",
    });
    // Kinds that a renderer setting picks for a flowchart or a state diagram are other kinds too.
    for (const kind of ['flowchart-elk', 'flowchart', 'state']) expect(diagramKindProblem(kind, 'dagre')?.message, kind).toMatch(`kind "${kind}"`);
  });

  it('rejects a laid-out kind that asks for another layout, naming the layout, and says to remove it', () => {
    expect(diagramKindProblem('flowchart-v2', 'elk')).toEqual({
      message: 'this flowchart asks for the "elk" layout; the site lays diagrams out with dagre only',
      fix: `remove "layout" (and any "defaultRenderer") from the diagram's config, so Mermaid lays it out with dagre; another layout needs its code in the site's bundle (src/content/diagramKinds.ts)`,
    });
    expect(diagramKindProblem('stateDiagram', 'cose-bilkent')?.message).toMatch(/^this stateDiagram-v2 asks for the "cose-bilkent" layout/);
  });

  it('lets a sequence diagram carry a layout setting, which Mermaid does not use for it', () => {
    expect(diagramKindProblem('sequence', 'elk')).toBeNull();
  });
});
