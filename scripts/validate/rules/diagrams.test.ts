import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { checkMermaidWidths } from './markup';
import { COLUMN_PX, estimateSequence, labelWidth, ranks } from './diagrams';

/** A page whose only content is one Mermaid block starting on line 5. */
function page(diagram: string): Root {
  return { type: 'root', children: [{ type: 'code', lang: 'mermaid', value: diagram, position: { start: { line: 5, column: 1 }, end: { line: 9, column: 1 } } }] };
}

describe('the wide-diagram warning', () => {
  it('warns about a long left-to-right chain, naming the file, the line and the fix', async () => {
    const warnings = await checkMermaidWidths(
      'docs/x.mdx',
      page('flowchart LR\n  A[Ingestion service] --> B[Feature pipeline] --> C[Training job] --> D[Evaluation gate] --> E[Model registry]'),
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        file: 'docs/x.mdx',
        line: 5,
        rule: 'diagram-wide',
        message: expect.stringMatching(/more than the 703-px desktop column, because of a left-to-right chain of 5 nodes \("Ingestion service" → /),
        fix: expect.stringMatching(/top-down \(flowchart TB\)/),
      }),
    ]);
  });

  it('does not warn about the same chain drawn top-down', async () => {
    expect(
      await checkMermaidWidths('docs/x.mdx', page('flowchart TB\n  A[Ingestion service] --> B[Feature pipeline] --> C[Training job] --> D[Evaluation gate] --> E[Model registry]')),
    ).toEqual([]);
  });

  it('warns about a top-down row of many wide nodes, and not once its labels are broken and its row stacked', async () => {
    const wide =
      'flowchart TB\n  T[Trace] --> Q["Saturation or stuck batching: utilisation, batch size"] & I["Input sizes? CPU fallback? GPU memory?"] & D["Dependency p99: feature store, registry"] & L["Leak: memory against pod age"]';
    const [warning] = await checkMermaidWidths('docs/x.mdx', page(wide));
    expect(warning?.message).toMatch(/4 nodes side by side in one row/);
    const redrawn =
      'flowchart TB\n  T[Trace] --> Q["Saturation or<br/>stuck batching"] & I["Input sizes,<br/>CPU fallback"] & D["Dependency p99"] & L["Leak"]\n  Q ~~~ D\n  I ~~~ L';
    expect(await checkMermaidWidths('docs/x.mdx', page(redrawn))).toEqual([]);
  });

  it('estimates a left-to-right diagram whose subgraphs stand alone as Mermaid draws them, top-down', async () => {
    const diagram = 'flowchart LR\n  subgraph One\n    A[Checkout service] --> B[Model API] --> C[Result topic] --> D[Search index] --> E[Analytics]\n  end';
    expect(await checkMermaidWidths('docs/x.mdx', page(diagram))).toEqual([]);
  });

  it('warns about a sequence diagram whose long messages push its participants apart', async () => {
    const diagram = [
      'sequenceDiagram',
      '  participant C as Client',
      '  participant E as Endpoint',
      '  participant S as Store',
      '  participant M as Model',
      '  C->>E: POST /v2/predict with an idempotency key and the full payload',
      '  E->>S: reserve the key with a fingerprint of the payload for replay',
      '  E->>M: score the features with the current production model',
    ].join('\n');
    const [warning] = await checkMermaidWidths('docs/x.mdx', page(diagram));
    expect(warning?.message).toMatch(/4 participants, longest message "reserve the key/);
    const broken = diagram.replace(/: (.*)$/gm, (_, m: string) => `: ${m.split(' ').slice(0, 3).join(' ')}`);
    expect(await checkMermaidWidths('docs/x.mdx', page(broken))).toEqual([]);
  });

  it('leaves kinds it cannot estimate, and diagrams that do not parse, alone', async () => {
    expect(await checkMermaidWidths('docs/x.mdx', page('stateDiagram-v2\n  [*] --> A\n  A --> B'))).toEqual([]);
    expect(await checkMermaidWidths('docs/x.mdx', page('flowchart LR\n  A --> '))).toEqual([]);
  });
});

describe('the width estimate', () => {
  it('measures the longest line of a label, and wraps node labels at 200 px', () => {
    expect(labelWidth('abcd<br/>ab')).toBe(4 * 8.5);
    expect(labelWidth('x'.repeat(100))).toBe(200);
    expect(labelWidth('x'.repeat(100), false)).toBe(850);
  });

  it('ranks nodes by their longest path and ignores an edge that closes a cycle', () => {
    const r = ranks(
      ['A', 'B', 'C'],
      [
        { start: 'A', end: 'B' },
        { start: 'B', end: 'C' },
        { start: 'C', end: 'A' },
      ],
    );
    expect([...r]).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
    ]);
  });

  it('gives a short two-party exchange a width well inside the column', () => {
    expect(
      estimateSequence(
        [
          { id: 'a', description: 'A' },
          { id: 'b', description: 'B' },
        ],
        [{ from: 'a', to: 'b', message: 'hi' }],
      ).px,
    ).toBeLessThan(COLUMN_PX / 2);
  });
});
