/**
 * Warns (does not fail) when a Mermaid diagram is likely wider than the
 * desktop text column, so its author redraws it before a reader has to
 * scroll it sideways. Mermaid's own parser reads the diagram; the width is
 * then estimated from label lengths and Mermaid's default spacing. The
 * constants are rules of thumb fitted to this site's diagrams as drawn in
 * Chromium (16 px labels): estimates land within about 15 % of the drawn
 * width. The browser test (scripts/site-tests/diagrams.test.ts) measures the
 * real thing; this catches it earlier, at `npm run validate`.
 */
import { problem, type Problem } from '../types';

/** The text column of a question page on a 1280-px desktop. */
export const COLUMN_PX = 703;
/** Average width of a character of a 16 px label (rule of thumb). */
const CHAR_PX = 8.5;
/** Mermaid wraps node labels at 200 px and pads a node by 15 px a side. */
const WRAP_PX = 200;
const NODE_PADDING_PX = 30;
/** Mermaid's default gap between nodes in a row and between rows (flowchart nodeSpacing/rankSpacing). */
const NODE_GAP_PX = 50;
const RANK_GAP_PX = 50;
/** The site's sequence settings (docusaurus.config.ts): actor box width and margin. */
const ACTOR_PX = 130;
const ACTOR_GAP_PX = 30;

const FIX =
  'redraw it narrower: draw it top-down (flowchart TB) instead of left to right, break long labels with <br/>, stack a wide row with invisible links (A ~~~ B), or split it into two diagrams if it tells two stories; check it at 1280 px with the Expand view';

function lines(label: string): string[] {
  return label
    .replace(/<[^>]+>/g, (tag) => (/^<br\s*\/?>$/i.test(tag) ? '\n' : ''))
    .replace(/&[a-z]+;|&#\d+;/gi, 'x')
    .split('\n');
}

/** Width of a label as Mermaid draws it, in px; node labels wrap at WRAP_PX. */
export function labelWidth(label: string, wraps = true): number {
  const longest = Math.max(0, ...lines(label).map((l) => l.trim().length)) * CHAR_PX;
  return wraps ? Math.min(longest, WRAP_PX) : longest;
}

interface Vertex {
  text?: string;
}
interface Edge {
  start: string;
  end: string;
  text?: string;
}

/** Rank of each node: the longest path from a node with no incoming edge (edges closing a cycle are ignored). */
export function ranks(nodes: readonly string[], edges: readonly { start: string; end: string }[]): Map<string, number> {
  const out = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) out.get(e.start)?.push(e.end);
  // Drop back edges (found by depth-first search), so the rest is acyclic.
  const state = new Map<string, 'open' | 'done'>();
  const forward = new Map<string, string[]>(nodes.map((n) => [n, []]));
  const visit = (n: string): void => {
    state.set(n, 'open');
    for (const m of out.get(n) ?? []) {
      if (state.get(m) === 'open') continue;
      forward.get(n)!.push(m);
      if (!state.has(m)) visit(m);
    }
    state.set(n, 'done');
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
  const rank = new Map<string, number>();
  const rankOf = (n: string): number => {
    const known = rank.get(n);
    if (known !== undefined) return known;
    const predecessors = nodes.filter((p) => forward.get(p)!.includes(n));
    const r = predecessors.length === 0 ? 0 : Math.max(...predecessors.map((p) => rankOf(p) + 1));
    rank.set(n, r);
    return r;
  };
  for (const n of nodes) rankOf(n);
  return rank;
}

export interface WidthEstimate {
  px: number;
  /** What makes it wide, for the message. */
  reason: string;
}

/** Estimated width of a flowchart drawn top-down (TB/TD) or left to right (LR/RL). */
export function estimateFlowchart(direction: string, vertices: ReadonlyMap<string, Vertex>, edges: readonly Edge[]): WidthEstimate {
  const nodes = [...vertices.keys()];
  const width = (id: string) => labelWidth(vertices.get(id)?.text ?? id) + NODE_PADDING_PX;
  const rank = ranks(nodes, edges);
  const byRank = new Map<number, string[]>();
  for (const n of nodes) byRank.set(rank.get(n)!, [...(byRank.get(rank.get(n)!) ?? []), n]);
  const labelsBetween = (r: number) => edges.filter((e) => e.text && rank.get(e.start) === r && rank.get(e.end)! > r).map((e) => labelWidth(e.text!));
  if (direction === 'LR' || direction === 'RL') {
    let px = 0;
    const ordered = [...byRank.keys()].sort((a, b) => a - b);
    for (const r of ordered) {
      px += Math.max(...byRank.get(r)!.map(width));
      const labels = labelsBetween(r);
      if (r !== ordered.at(-1)) px += RANK_GAP_PX + (labels.length ? Math.max(...labels) : 0);
    }
    const chain = ordered.map((r) => vertices.get(byRank.get(r)![0]!)?.text ?? byRank.get(r)![0]!);
    return { px, reason: `a left-to-right chain of ${ordered.length} nodes (${chain.map((t) => `"${lines(t).join(' ')}"`).join(' → ')})` };
  }
  let widest: WidthEstimate = { px: 0, reason: '' };
  for (const [r, row] of byRank) {
    const nodesPx = row.reduce((sum, n) => sum + width(n), 0) + NODE_GAP_PX * (row.length - 1);
    if (nodesPx > widest.px)
      widest = { px: nodesPx, reason: `${row.length} nodes side by side in one row (${row.map((n) => `"${lines(vertices.get(n)?.text ?? n).join(' ')}"`).join(', ')})` };
    const labels = labelsBetween(r);
    const labelsPx = labels.reduce((a, b) => a + b, 0) + NODE_GAP_PX * (labels.length - 1);
    if (labels.length > 1 && labelsPx > widest.px) widest = { px: labelsPx, reason: `${labels.length} edge labels side by side in one row` };
  }
  return widest;
}

interface Message {
  from?: string;
  to?: string;
  message?: string;
  /** Mermaid's line type; 2 is a note. */
  type?: number;
}

const NOTE = 2;

/** Estimated width of a sequence diagram: actor boxes plus, between neighbours, room for the longest message. */
export function estimateSequence(actors: readonly { id: string; description: string }[], messages: readonly Message[]): WidthEstimate {
  const index = new Map(actors.map((a, i) => [a.id, i]));
  const gaps = actors.slice(1).map(() => ACTOR_PX + ACTOR_GAP_PX);
  let widestMessage = '';
  let tail = 0;
  for (const m of messages) {
    const a = index.get(m.from ?? '');
    const b = index.get(m.to ?? '');
    if (a === undefined || b === undefined || !m.message) continue;
    const w = labelWidth(m.message, false) + 2 * CHAR_PX;
    if (w > labelWidth(widestMessage, false)) widestMessage = m.message;
    if (a === b) {
      // A message to itself is written to the right of its actor.
      if (a === actors.length - 1) tail = Math.max(tail, w / 2 - ACTOR_PX / 2);
      else gaps[a] = Math.max(gaps[a]!, w / 2 + ACTOR_PX / 2);
      continue;
    }
    const [lo, hi] = a < b ? [a, b] : [b, a];
    // A note over two actors may reach half a box past each of them.
    const spanned = gaps.slice(lo, hi).reduce((x, y) => x + y, 0) + (m.type === NOTE ? ACTOR_PX : 0);
    if (w > spanned) for (let g = lo; g < hi; g++) gaps[g] = gaps[g]! + (w - spanned) / (hi - lo);
  }
  const px = ACTOR_PX + gaps.reduce((x, y) => x + y, 0) + Math.max(0, tail);
  return { px, reason: `${actors.length} participants${widestMessage ? `, longest message "${lines(widestMessage).join(' ')}"` : ''}` };
}

interface Subgraph {
  nodes: string[];
  dir?: string;
}

/**
 * Mermaid lays out a subgraph with no edge crossing its border on its own,
 * in its `direction` or else across the parent's (an LR diagram's isolated
 * subgraph is drawn top-down). Estimate each such part on its own and the
 * rest as one; the widest part decides.
 */
export function estimateFlowchartWithSubgraphs(direction: string, vertices: ReadonlyMap<string, Vertex>, edges: readonly Edge[], subgraphs: readonly Subgraph[]): WidthEstimate {
  const flipped = direction === 'LR' || direction === 'RL' ? 'TB' : 'LR';
  const parts: { dir: string; nodes: Set<string> }[] = [];
  const taken = new Set<string>();
  for (const sg of subgraphs) {
    const inside = new Set(sg.nodes.filter((n) => vertices.has(n)));
    if (inside.size === 0 || [...inside].some((n) => taken.has(n))) continue;
    const crosses = edges.some((e) => inside.has(e.start) !== inside.has(e.end));
    if (crosses) continue;
    parts.push({ dir: sg.dir ?? flipped, nodes: inside });
    for (const n of inside) taken.add(n);
  }
  parts.push({ dir: direction, nodes: new Set([...vertices.keys()].filter((n) => !taken.has(n))) });
  let widest: WidthEstimate = { px: 0, reason: '' };
  for (const part of parts) {
    if (part.nodes.size === 0) continue;
    const v = new Map([...vertices].filter(([id]) => part.nodes.has(id)));
    const e = edges.filter((x) => part.nodes.has(x.start) && part.nodes.has(x.end));
    const estimate = estimateFlowchart(part.dir, v, e);
    if (estimate.px > widest.px) widest = estimate;
  }
  return widest;
}

interface DiagramDb {
  getSubGraphs?: () => Subgraph[];
  getDirection?: () => string;
  getVertices?: () => Map<string, Vertex>;
  getEdges?: () => Edge[];
  getActors?: () => Map<string, { description?: string }>;
  getActorKeys?: () => string[];
  getMessages?: () => Message[];
}

/** Estimated drawn width of a parsed diagram, or undefined for kinds it does not estimate. */
export function estimateDiagram(type: string, db: DiagramDb): WidthEstimate | undefined {
  if (type.startsWith('flowchart') && db.getVertices && db.getEdges) {
    return estimateFlowchartWithSubgraphs(db.getDirection?.() ?? 'TB', db.getVertices(), db.getEdges(), db.getSubGraphs?.() ?? []);
  }
  if (type === 'sequence' && db.getActors && db.getMessages) {
    const actors = db.getActors();
    const keys = db.getActorKeys?.() ?? [...actors.keys()];
    return estimateSequence(
      keys.map((id) => ({ id, description: actors.get(id)?.description ?? id })),
      db.getMessages(),
    );
  }
  return undefined;
}

/**
 * What the estimate reads of a parsed diagram, as plain data (the renderer
 * worker sends it, see ../renderer-worker.mjs): a part is absent when the
 * diagram's kind has no such part.
 */
export interface DiagramData {
  type: string;
  direction?: string | undefined;
  vertices?: [string, Vertex][] | undefined;
  edges?: Edge[] | undefined;
  subgraphs?: Subgraph[] | undefined;
  actors?: [string, { description?: string | undefined }][] | undefined;
  actorKeys?: string[] | undefined;
  messages?: Message[] | undefined;
}

function dbOf(data: DiagramData): DiagramDb {
  const { direction, vertices, edges, subgraphs, actors, actorKeys, messages } = data;
  return {
    getDirection: () => direction as string,
    getSubGraphs: () => subgraphs as Subgraph[],
    getActorKeys: () => actorKeys as string[],
    ...(vertices ? { getVertices: () => new Map(vertices) } : {}),
    ...(edges ? { getEdges: () => edges } : {}),
    ...(actors ? { getActors: () => new Map(actors) as Map<string, { description?: string }> } : {}),
    ...(messages ? { getMessages: () => messages } : {}),
  };
}

/**
 * The verdict kept for one diagram (see ../cache.ts): null when it fits the
 * column, is of a kind this does not estimate, or could not be read;
 * otherwise the warning's message.
 */
export function widthVerdict(data: DiagramData | null): string | null {
  let estimate: WidthEstimate | undefined;
  try {
    estimate = data ? estimateDiagram(data.type, dbOf(data)) : undefined;
  } catch {
    return null;
  }
  if (!estimate || estimate.px <= COLUMN_PX) return null;
  return `this diagram is likely about ${Math.round(estimate.px / 10) * 10} px wide, more than the ${COLUMN_PX}-px desktop column, because of ${estimate.reason}`;
}

/** The warning for a diagram at `line` whose width verdict is `message`. */
export function wideDiagram(file: string, line: number | undefined, message: string): Problem {
  return problem(file, line, 'diagram-wide', message, FIX);
}
