/**
 * Links between pages. The build also refuses broken links, but it names the
 * rendered URL, not the file and line a contributor has to edit; this rule
 * names both, and says which pages or anchors exist instead.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { referenceAnchor } from '../../../src/content/references/schema';
import { referenceCatalog } from '../../../src/content/references';
import { shortLinkPath } from '../../../src/content/shortLinks';
import { PLUGIN_ROUTES } from '../../../src/plugins/handbook-content/routes';
import { permalinkFor } from '../files';
import { problem, type Problem, type QuestionPage } from '../types';
import { linkFactsOf, type AnchorComponent, type LinkFacts } from './linkFacts';

/** Routes that plugins add (src/plugins/handbook-content); pages in docs/ and src/pages/ are found on disk. */
const PLUGIN_ROUTE_PATHS: readonly string[] = Object.values(PLUGIN_ROUTES);

/** Anchors that a component renders on the page that uses it, for links such as /references#a13. */
const COMPONENT_ANCHORS: Record<AnchorComponent, () => string[]> = {
  ReferenceCatalog: () => [...new Set(referenceCatalog.map((e) => e.kind)), ...referenceCatalog.map((e) => referenceAnchor(e.id))],
};

/** The anchors in page order (the first few are suggested when a link names a missing one). */
function anchorSet(facts: LinkFacts): Set<string> {
  const anchors = new Set<string>();
  let next = 0;
  const addUpTo = (end: number): void => {
    for (; next < end; next++) anchors.add(facts.anchors[next]!);
  };
  for (const { name, at } of facts.anchorComponents) {
    addUpTo(at);
    for (const a of COMPONENT_ANCHORS[name]()) anchors.add(a);
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

/** A page as the link rule sees it; `facts` is undefined when the page is not valid MDX. */
export interface LinkedPage {
  readonly file: string;
  readonly facts: LinkFacts | undefined;
}

/** Checks every Markdown link of every page: target page exists, and so does the anchor. */
export function checkLinks(pages: readonly LinkedPage[], questions: readonly Pick<QuestionPage, 'frontMatter'>[], projectRoot: string): Problem[] {
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const byRoute = new Map(pages.map((p) => [permalinkFor(p.file), p]));
  const routes = new Set<string>([...byRoute.keys(), ...appRoutes(projectRoot), ...PLUGIN_ROUTE_PATHS]);
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
