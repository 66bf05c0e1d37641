/**
 * What the link rule (./links) needs to know of one page: its links to other
 * pages of the site and the anchors it offers. Kept apart from the rule, which
 * needs the reference catalog, so that checking a page does not load it.
 */
// The slugger alone, not the package's index, which loads much of Docusaurus' tooling.
import { createSlugger } from '@docusaurus/utils/lib/slugger';
import type { Heading, Link, Root } from 'mdast';
import { isJsx, jsxAttribute, lineOf, nodeText, walk } from '../mdast';
import type { PageLink } from '../page-record';

/** Components that render anchors of their own on the page that uses them (see COMPONENT_ANCHORS in ./links). */
export const ANCHOR_COMPONENTS = ['ReferenceCatalog'] as const;
export type AnchorComponent = (typeof ANCHOR_COMPONENTS)[number];

function isAnchorComponent(name: string | null | undefined): name is AnchorComponent {
  return (ANCHOR_COMPONENTS as readonly (string | null | undefined)[]).includes(name);
}

export function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

/** What the link rule needs to know of one page. */
export interface LinkFacts {
  readonly links: PageLink[];
  /** Ids of headings and of JSX elements with an id. */
  readonly anchors: string[];
  /** Components on the page that render anchors of their own, and how many anchors came before each. */
  readonly anchorComponents: { name: AnchorComponent; at: number }[];
}

/** The page's links to pages of the site and the anchors it offers, in document order. */
export function linkFactsOf(tree: Root): LinkFacts {
  const slugger = createSlugger();
  const links: PageLink[] = [];
  const anchors: string[] = [];
  const anchorComponents: { name: AnchorComponent; at: number }[] = [];
  for (const node of walk(tree)) {
    if (node.type === 'heading') {
      const text = nodeText(node as Heading);
      const explicit = /\{#([\w-]+)\}\s*$/.exec(text);
      anchors.push(explicit ? explicit[1]! : slugger.slug(text.trim()));
    } else if (isJsx(node)) {
      const id = jsxAttribute(node, 'id');
      if (id) anchors.push(id);
      const name = (node as { name?: string | null }).name;
      if (isAnchorComponent(name)) anchorComponents.push({ name, at: anchors.length });
    } else if (node.type === 'link') {
      const url = (node as Link).url;
      if (url && !isExternal(url)) links.push({ url, line: lineOf(node) });
    }
  }
  return { links, anchors, anchorComponents };
}
