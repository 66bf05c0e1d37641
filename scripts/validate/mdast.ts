/** Small helpers over the MDX tree: sections, text, JSX attributes. */
import type { Heading, Root, RootContent, Table } from 'mdast';

export function nodeText(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'code' && node.type !== 'mdxjsEsm') {
    return node.value;
  }
  if ('children' in node) return (node.children as RootContent[]).map(nodeText).join('');
  return '';
}

export interface Section {
  readonly heading: Heading;
  readonly title: string;
  /** Nodes after the heading up to the next heading of the same or higher level. */
  readonly nodes: RootContent[];
}

export function sections(tree: Root, depth: 2 | 3): Section[] {
  const out: Section[] = [];
  let current: Section | null = null;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= depth) {
      current = node.depth === depth ? { heading: node, title: nodeText(node).trim(), nodes: [] } : null;
      if (current) out.push(current);
      continue;
    }
    current?.nodes.push(node);
  }
  return out;
}

/** Every node in document order (depth first). */
export function* walk(node: Root | RootContent): Generator<RootContent> {
  if (node.type !== 'root') yield node;
  if ('children' in node) for (const child of node.children as RootContent[]) yield* walk(child);
}

export function lineOf(node: { position?: { start: { line: number } } } | undefined): number {
  return node?.position?.start.line ?? 1;
}

export function tableHeader(table: Table): string[] {
  return (table.children[0]?.children ?? []).map((cell) => nodeText(cell as unknown as RootContent).trim());
}

interface JsxLike {
  type: string;
  name?: string | null;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
}

export function isJsx(node: RootContent, name?: string): boolean {
  const n = node as unknown as JsxLike;
  return (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && (!name || n.name === name);
}

/** A JSX attribute as written: a string literal, or the source of an expression. */
export function jsxAttribute(node: RootContent, attribute: string): string | undefined {
  const attr = (node as unknown as JsxLike).attributes?.find((a) => a.name === attribute);
  if (!attr) return undefined;
  if (typeof attr.value === 'string') return attr.value;
  const expression = attr.value as { value?: string } | null | undefined;
  return expression?.value;
}
