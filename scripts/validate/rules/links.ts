/**
 * Links between pages. The build also refuses broken links, but it names the
 * rendered URL, not the file and line a contributor has to edit; this rule
 * names both, and says which pages or anchors exist instead.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
// The slugger alone, not the package's index, which loads much of Docusaurus' tooling.
import { createSlugger } from '@docusaurus/utils/lib/slugger';
import type { Heading, Link, Root } from 'mdast';
import { referenceAnchor } from '../../../src/content/references/schema';
import { referenceCatalog } from '../../../src/content/references';
import { shortLinkPath } from '../../../src/content/shortLinks';
import { permalinkFor } from '../files';
import { isJsx, jsxAttribute, lineOf, nodeText, walk } from '../mdast';
import type { PageLink } from '../page-record';
import { problem, type Problem, type QuestionPage } from '../types';

/** Routes that plugins add (src/plugins/handbook-content); pages in docs/ and src/pages/ are found on disk. */
const PLUGIN_ROUTES = ['/validation-report'];

/** Anchors that a component renders on the page that uses it, for links such as /references#a13. */
const COMPONENT_ANCHORS: Record<string, () => string[]> = {
  ReferenceCatalog: () => [...new Set(referenceCatalog.map((e) => e.kind)), ...referenceCatalog.map((e) => referenceAnchor(e.id))],
};

/** What the link rule needs to know of one page. */
export interface LinkFacts {
  readonly links: PageLink[];
  /** Ids of headings and of JSX elements with an id. */
  readonly anchors: string[];
  /** Components on the page that render anchors of their own (COMPONENT_ANCHORS), and how many anchors came before each. */
  readonly anchorComponents: { name: string; at: number }[];
}

/** The page's links to pages of the site and the anchors it offers, in document order. */
export function linkFactsOf(tree: Root): LinkFacts {
  const slugger = createSlugger();
  const links: PageLink[] = [];
  const anchors: string[] = [];
  const anchorComponents: { name: string; at: number }[] = [];
  for (const node of walk(tree)) {
    if (node.type === 'heading') {
      const text = nodeText(node as Heading);
      const explicit = /\{#([\w-]+)\}\s*$/.exec(text);
      anchors.push(explicit ? explicit[1]! : slugger.slug(text.trim()));
    } else if (isJsx(node)) {
      const id = jsxAttribute(node, 'id');
      if (id) anchors.push(id);
      const name = (node as { name?: string | null }).name;
      if (name && COMPONENT_ANCHORS[name]) anchorComponents.push({ name, at: anchors.length });
    } else if (node.type === 'link') {
      const url = (node as Link).url;
      if (url && !isExternal(url)) links.push({ url, line: lineOf(node) });
    }
  }
  return { links, anchors, anchorComponents };
}

/** The anchors in page order (the first few are suggested when a link names a missing one). */
function anchorSet(facts: LinkFacts): Set<string> {
  const anchors = new Set<string>();
  let next = 0;
  const addUpTo = (end: number): void => {
    for (; next < end; next++) anchors.add(facts.anchors[next]!);
  };
  for (const { name, at } of facts.anchorComponents) {
    addUpTo(at);
    for (const a of COMPONENT_ANCHORS[name]?.() ?? []) anchors.add(a);
  }
  addUpTo(facts.anchors.length);
  return anchors;
}

/** The ids Docusaurus gives the page's headings (same slugger, so duplicates get -1, -2...), plus ids set in JSX. */
export function anchorsOf(tree: Root): Set<string> {
  return anchorSet(linkFactsOf(tree));
}

/** URL paths of the pages in src/pages/ (index.tsx is "/", practice.tsx is "/practice"). */
function appRoutes(projectRoot: string): string[] {
  const dir = path.join(projectRoot, 'src/pages');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(tsx|jsx|mdx?)$/.test(f))
    .map((f) => `/${f.replace(/\.\w+$/, '').replace(/^index$/, '')}`);
}

function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

/** A page as the link rule sees it; `facts` is undefined when the page is not valid MDX. */
export interface LinkedPage {
  readonly file: string;
  readonly facts: LinkFacts | undefined;
}

/** Checks every Markdown link of every page: target page exists, and so does the anchor. */
export function checkLinks(pages: readonly LinkedPage[], questions: readonly Pick<QuestionPage, 'frontMatter'>[], projectRoot: string): Problem[] {
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const byRoute = new Map(pages.map((p) => [permalinkFor(p.file), p]));
  const routes = new Set<string>([...byRoute.keys(), ...appRoutes(projectRoot), ...PLUGIN_ROUTES]);
  for (const q of questions) {
    const short = shortLinkPath(q.frontMatter.track, q.frontMatter.number);
    if (short) routes.add(short);
  }
  const anchorCache = new Map<LinkedPage, Set<string>>();
  const anchorsFor = (page: LinkedPage): Set<string> | undefined => {
    if (!page.facts) return undefined;
    if (!anchorCache.has(page)) anchorCache.set(page, anchorSet(page.facts));
    return anchorCache.get(page);
  };

  const problems: Problem[] = [];
  for (const page of pages) {
    if (!page.facts) continue;
    for (const { url, line } of page.facts.links) {
      const [target = '', fragment] = url.split('#', 2) as [string, string | undefined];

      let targetPage: LinkedPage | undefined = page;
      if (target !== '') {
        if (/\.mdx?$/.test(target)) {
          const file = path.posix.normalize(path.posix.join(path.posix.dirname(page.file), target));
          targetPage = byFile.get(file);
          if (!targetPage) {
            problems.push(
              problem(
                page.file,
                line,
                'link-broken',
                `the link to "${url}" points at ${file}, which does not exist`,
                'link to an existing page by its path relative to this file (for example ./q02-monolith-decomposition.mdx), or create the page',
              ),
            );
            continue;
          }
        } else if (target.startsWith('/')) {
          const route = target.replace(/\/$/, '') || '/';
          targetPage = byRoute.get(route);
          if (!targetPage && !routes.has(route)) {
            problems.push(
              problem(
                page.file,
                line,
                'link-broken',
                `the link to "${url}" points at ${route}, which is no page of the handbook`,
                'link to a page by its file path (./other-page.mdx), which the build turns into its URL and checks',
              ),
            );
            continue;
          }
        } else {
          problems.push(
            problem(
              page.file,
              line,
              'link-broken',
              `the link to "${url}" is neither a page file (.mdx) nor a path from the site root`,
              'link to a page by its file path relative to this file, for example ../quality/q12-high-availability.mdx',
            ),
          );
          continue;
        }
      }

      if (fragment !== undefined && targetPage) {
        const anchors = anchorsFor(targetPage);
        if (anchors && !anchors.has(fragment)) {
          const where = targetPage === page ? 'this page' : targetPage.file;
          const some = [...anchors]
            .slice(0, 6)
            .map((a) => `#${a}`)
            .join(', ');
          problems.push(
            problem(
              page.file,
              line,
              'anchor-broken',
              `the link "${url}" names the anchor #${fragment}, which ${where} does not have`,
              `use the anchor of an existing heading${some ? ` (${some}${anchors.size > 6 ? ', ...' : ''})` : ''}; a heading's anchor is its text in lower case with spaces as "-"`,
            ),
          );
        }
      }
    }
  }
  return problems;
}
