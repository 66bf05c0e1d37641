/**
 * The built site keeps the promises readers rely on: stable URLs at the root,
 * question pages that carry their key insight, tested code and diagrams,
 * math served without a CDN, and pages derived from the content.
 */
// Garbled amounts the built pages must never contain:
// cspell:ignore pertoken dayforcompute engineerstomaintain annualsavings
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceAnchor, referenceCatalog } from '../../src/content/references';
import type { ValidationReport } from '../../src/content/report';
import { formatDay } from '../../src/content/review';
import { runCanonicalAddressScript } from '../../src/components/CanonicalAddress/runScript';
import { siteContent, type SiteQuestion } from './builtSite';
import {
  assertBuilt,
  attributeValues,
  BUILD_DIR,
  builtPages,
  DOWNLOADS_MADE_AFTER_THE_SITE,
  decodeEntities,
  hasAttribute,
  htmlFor,
  listFiles,
  metaContent,
  PROJECT_ROOT,
} from './buildOutput';

const content = siteContent();

describe('the build the site tests run on', () => {
  it('is complete, and one without the downloads made after the site is refused with the command that makes them', () => {
    expect(() => assertBuilt()).not.toThrow();
    const partial = mkdtempSync(path.join(tmpdir(), 'handbook-partial-build-'));
    try {
      expect(() => assertBuilt(partial)).toThrow(/^No build found in .*\. Run "npm run build" before "npm run test:site"\.$/);
      cpSync(path.join(BUILD_DIR, 'index.html'), path.join(partial, 'index.html'));
      expect(() => assertBuilt(partial)).toThrow(`has the site but not ${DOWNLOADS_MADE_AFTER_THE_SITE.join(', ')}, which its pages link to`);
      expect(() => assertBuilt(partial)).toThrow(/Run "npm run build", which makes them after the site\.$/);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });

  it('is the one `npm run build` writes: pages as the static generation wrote them, their HTML not minified (package.json, build:site)', () => {
    // Minifying gave 0.4 % of the HTML (1.1 % gzipped) for 4 s of a 30 s cold build. The minifier (html-minifier-terser,
    // scripts/htmlMinifier.test.ts) writes the doctype in lower case; the generation's template writes it as here.
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(content.questions.length);
    expect(pages.filter((p) => !htmlFor(p).startsWith('<!DOCTYPE html>'))).toEqual([]);
  });
});

describe('URLs', () => {
  it('serves docs at the site root, without a /docs prefix', () => {
    expect(existsSync(path.join(BUILD_DIR, 'docs'))).toBe(false);
    expect(decodeEntities(htmlFor('/architecture'))).toContain('Architecture Q&A');
  });

  it('serves every question at /<track>/<topic>/qNN-<slug>', () => {
    for (const q of content.questions) {
      expect(q.permalink).toMatch(/^\/(architecture|architect-interview|llm-systems)\/[a-z-]+\/q\d{2}-[a-z0-9-]+$/);
      expect(() => htmlFor(q.permalink)).not.toThrow();
    }
  });

  it('has the fixed pages', () => {
    for (const page of ['/references', '/validation-report']) expect(() => htmlFor(page)).not.toThrow();
  });
});

describe('question pages', () => {
  it('carry the key insight as the page description and in the key insight callout', () => {
    for (const q of content.questions) {
      const html = htmlFor(q.permalink);
      expect(decodeEntities(metaContent(html, 'name', 'description') ?? '')).toBe(q.frontMatter.keyInsight);
      expect(decodeEntities(metaContent(html, 'property', 'og:description') ?? '')).toBe(q.frontMatter.keyInsight);
      expect(hasAttribute(html, 'aria-label', 'Key insight'), q.permalink).toBe(true);
      expect(decodeEntities(html).includes(q.frontMatter.keyInsight), q.permalink).toBe(true);
    }
  });

  it('say beside the difficulty on which day their facts were last checked', () => {
    for (const q of content.questions) {
      const html = decodeEntities(htmlFor(q.permalink));
      // As React writes it (dateTime, quoted), or as a minified build does (a plain `docusaurus build`: datetime, unquoted).
      expect(html, q.permalink).toMatch(new RegExp(`Facts checked <time date[tT]ime="?${q.frontMatter.reviewed}"?>${formatDay(q.frontMatter.reviewed)}</time>`));
    }
  });

  it('show the example module exactly as it is on disk', () => {
    const q1 = content.questions.find((q) => q.frontMatter.questionId === 'arch-01');
    expect(q1).toBeDefined();
    const html = decodeEntities(htmlFor(q1!.permalink).replace(/<[^>]+>/g, ''));
    const source = readFileSync(path.join(PROJECT_ROOT, 'src/examples/q01-component-boundaries/featurePipeline.ts'), 'utf8');
    for (const line of source
      .split('\n')
      .filter((l) => l.trim().length > 20)
      .slice(0, 15)) {
      expect(html).toContain(line.trim());
    }
  });

  it('typeset their formulas without a KaTeX error', () => {
    const withMath = content.questions.filter((q) => q.source.includes('$$'));
    expect(withMath.length).toBeGreaterThan(0);
    for (const q of withMath) {
      const html = htmlFor(q.permalink);
      expect(html.includes('class=katex') || html.includes('class="katex"'), q.permalink).toBe(true);
      expect(html.includes('katex-error'), q.permalink).toBe(false);
    }
  });

  it('render their references with links to the references page', () => {
    for (const q of content.questions) {
      const html = htmlFor(q.permalink);
      for (const id of q.frontMatter.references) expect(hasAttribute(html, 'href', `/references#${referenceAnchor(id)}`), `${q.permalink} cites ${id}`).toBe(true);
    }
  });

  it('link to the source on the repository for editing', () => {
    const html = htmlFor(content.questions[0]!.permalink);
    expect(attributeValues(html, 'href').some((href) => /^https:\/\/github\.com\/.+\/edit\/main\/docs\//.test(href))).toBe(true);
  });
});

describe('math is served by the site itself', () => {
  it('bundles the KaTeX stylesheet and its fonts, and loads nothing from a CDN', () => {
    const files = listFiles();
    const css = files
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(css).toContain('.katex');
    expect(css).toMatch(/KaTeX_Main/);
    expect(files.some((f) => /KaTeX_Main-Regular.*\.woff2$/.test(f))).toBe(true);
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/cdn\.jsdelivr|unpkg\.com|cdnjs/);
    }
  });
});

describe('the 404 page a static host answers with', () => {
  /** Inline scripts (no src) of a page, as tag and text. */
  const inlineScripts = (html: string): { tag: string; body: string }[] =>
    [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)].filter(([, tag]) => !/\ssrc=/.test(tag!)).map(([, tag, body]) => ({ tag: tag!, body: body! }));
  const redirects = (body: string): boolean => body.includes('.stop()') && body.includes('location.replace(');

  it("sends an address that differs from a page's only in case or a trailing slash to the page, before its stylesheets and scripts load", () => {
    const html = htmlFor('/404');
    const found = inlineScripts(html).filter(({ body }) => redirects(body));
    expect(found, 'one script that sends the reader on').toHaveLength(1);
    const at = html.indexOf(found[0]!.tag);
    expect(at).toBeLessThan(html.search(/<link[^>]+rel=["']?stylesheet/));
    expect(at).toBeLessThan(html.search(/<script\b[^>]*\ssrc=/));
    // The text as shipped (compiled and minified with the server bundle), run as a browser reading the page would.
    const q = content.questions[0]!;
    const run = (address: string): string | undefined => runCanonicalAddressScript(found[0]!.body, address).replacedBy;
    expect(run(`${q.permalink.toUpperCase()}/?from=wiki#key-insight`)).toBe(`${q.permalink}?from=wiki#key-insight`);
    expect(run('/Tools')).toBe('/tools');
    expect(run(q.permalink)).toBeUndefined();
    expect(run('/no-such-page')).toBeUndefined();
  });

  it('is the only page that carries the script', () => {
    const others = listFiles()
      .filter((file) => file.endsWith('.html') && path.basename(file) !== '404.html')
      .filter((file) => inlineScripts(readFileSync(file, 'utf8')).some(({ body }) => redirects(body)));
    expect(others.map((file) => path.relative(BUILD_DIR, file))).toEqual([]);
  });
});

describe('derived pages', () => {
  it('the references page has an anchor for every catalog entry', () => {
    const html = htmlFor('/references');
    const ids = new Set(attributeValues(html, 'id'));
    for (const entry of referenceCatalog) expect(ids.has(referenceAnchor(entry.id)), entry.id).toBe(true);
  });

  it('the validation report is generated from the content and passes', () => {
    const report = JSON.parse(readFileSync(path.join(BUILD_DIR, 'validation-report.json'), 'utf8')) as ValidationReport;
    expect(report.verdict).toBe('pass');
    expect(report.questions.map((q) => q.questionId).sort()).toEqual(content.questions.map((q) => q.frontMatter.questionId).sort());
    const html = htmlFor('/validation-report');
    expect(html).toContain('PASS');
    for (const q of content.questions) expect(decodeEntities(html)).toContain(q.frontMatter.label);
  });

  it('the home page links only to pages that exist', () => {
    const html = htmlFor('/');
    const links = attributeValues(html, 'href')
      .filter((href) => href.startsWith('/') && !href.startsWith('/assets/') && !/\.(svg|png|ico|xml|json|css|js)$/.test(href))
      .map((href) => href.replace(/[#?].*$/, ''));
    expect(links.length).toBeGreaterThan(3);
    // The book's downloads are files, not pages.
    const [files, pages] = [links.filter((l) => /\.(pdf|epub)$/.test(l)), links.filter((l) => !/\.(pdf|epub)$/.test(l))];
    for (const link of pages) expect(() => htmlFor(link), link).not.toThrow();
    for (const file of files) expect(existsSync(path.join(BUILD_DIR, file)), file).toBe(true);
    expect(files).toHaveLength(3);
    expect(links).toContain('/architecture');
  });
});

describe('related questions', () => {
  it('a link stated on one page is shown on both pages', () => {
    const pairs = content.questions.flatMap((q) => q.frontMatter.related.map((id) => [q, content.questions.find((o) => o.frontMatter.questionId === id)] as const));
    expect(pairs.length).toBeGreaterThan(0);
    for (const [from, to] of pairs) {
      if (!to) continue;
      expect(hasAttribute(htmlFor(from.permalink), 'href', to.permalink), `${from.permalink} -> ${to.permalink}`).toBe(true);
      expect(hasAttribute(htmlFor(to.permalink), 'href', from.permalink), `${to.permalink} <- ${from.permalink}`).toBe(true);
    }
  });
});

describe('money survives the Markdown pipeline', () => {
  const text = (): string =>
    decodeEntities(
      listFiles()
        .filter((f) => f.endsWith('.html'))
        .map((f) => readFileSync(f, 'utf8').replace(/<[^>]+>/g, ''))
        .join('\n'),
    );

  it('shows dollar amounts from the mock answers as text', () => {
    const all = text();
    for (const amount of ['$7,350/day', '$0.0003 per request', '$78M for GPT-4 and $191M', '$0.0001 per 1K is $14', '$50,000']) expect(all, amount).toContain(amount);
  });

  it('contains none of the garbled amounts', () => {
    const all = text();
    for (const garbled of ['pertoken', 'dayforcompute', 'engineerstomaintain', 'annualsavings', 'X,995X']) expect(all, garbled).not.toContain(garbled);
  });
});

describe('the preparation template', () => {
  it('is offered as a Markdown download and rendered on its page from the same source', () => {
    const source = readFileSync(path.join(PROJECT_ROOT, 'static/downloads/ai-architect-interview-preparation-template.md'), 'utf8');
    expect(readFileSync(path.join(BUILD_DIR, 'downloads/ai-architect-interview-preparation-template.md'), 'utf8')).toBe(source);
    const html = decodeEntities(htmlFor('/architect-interview/preparation-template'));
    const headings = source.match(/^#{1,3} (.+)$/gm)!.map((h) => h.replace(/^#+ /, '').trim());
    expect(headings.length).toBeGreaterThan(3);
    for (const heading of headings) expect(html.replace(/<[^>]+>/g, ''), heading).toContain(heading);
    expect(attributeValues(html, 'href')).toContain('/downloads/ai-architect-interview-preparation-template.md');
  });
});

describe('the search index', () => {
  // Each document the search plugin indexed: a page (title, description) or one of its sections (heading, text),
  // with the address it opens. The 3 MB index is read once.
  let documents: { u: string; s: string; t: string }[] | undefined;
  const searchDocuments = (): { u: string; s: string; t: string }[] =>
    (documents ??= (JSON.parse(readFileSync(path.join(BUILD_DIR, 'search-index.json'), 'utf8')) as { documents: { t?: string; s?: string; u: string }[] }[]).flatMap((part) =>
      part.documents.map((d) => ({ u: d.u, s: decodeEntities(d.s ?? ''), t: decodeEntities(d.t ?? '') })),
    ));
  const indexed = (): string[] => searchDocuments().map((d) => `${d.s} ${d.t}`);

  it("holds every question's title and key insight, and none of the example modules shown whole on the pages", () => {
    const documents = indexed();
    const all = documents.join('\n');
    const modules = new Set(content.questions.flatMap((q) => [...q.source.matchAll(/<ExampleCode path="([^"]+)"/g)].map((m) => m[1]!)));
    expect(modules.size, 'example modules shown on question pages').toBeGreaterThanOrEqual(30);
    for (const q of content.questions) {
      expect(
        documents.some((d) => d.includes(q.frontMatter.title)),
        q.frontMatter.title,
      ).toBe(true);
      expect(all, q.permalink).toContain(q.frontMatter.keyInsight.split('. ')[0]!);
    }
    // Code lines, not prose: declarations and statements long enough to be the module's own.
    const codeLines = [...modules].flatMap((file) =>
      readFileSync(path.join(PROJECT_ROOT, file), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 30 && /^(export |const |let |return |if \(|for \()/.test(line)),
    );
    expect(codeLines.length).toBeGreaterThan(modules.size);
    const found = codeLines.filter((line) => all.includes(line));
    expect(found.length, `lines of example code in the search index, such as:\n${found.slice(0, 5).join('\n')}`).toBe(0);
  });

  // The text the search index holds for each page, all its sections together.
  let pageTexts: Map<string, string> | undefined;
  const textAt = (url: string): string => {
    if (!pageTexts) {
      pageTexts = new Map();
      for (const d of searchDocuments()) pageTexts.set(d.u, `${pageTexts.get(d.u) ?? ''}\n${d.t}`);
    }
    return pageTexts.get(url) ?? '';
  };

  it("leaves out each question's reference list, whose every entry it holds on the catalog page", () => {
    const catalog = textAt('/references');
    const cited = new Set<string>();
    for (const q of content.questions) {
      const page = textAt(q.permalink);
      expect(page, `${q.permalink} is in the search index`).toContain(q.frontMatter.title);
      // The built page shows each entry as "[A12] …"; in the index that marker is on the catalog page only.
      expect(htmlFor(q.permalink), `${q.permalink} shows its reference list`).toContain('data-references');
      for (const id of q.frontMatter.references) {
        expect(page, `${q.permalink}: entry ${id} of its reference list`).not.toContain(`[${id}]`);
        cited.add(id);
      }
    }
    expect(cited.size, 'references cited by the questions').toBeGreaterThan(100);
    for (const id of cited) expect(catalog, `catalog entry ${id}`).toContain(`[${id}]`);
  });

  it("leaves out each question's related questions, each of which it finds by its own page", () => {
    // A link stated on either page is shown on both.
    const byId = new Map(content.questions.map((q) => [q.frontMatter.questionId, q]));
    const relatedTo = new Map<SiteQuestion, Set<SiteQuestion>>();
    const relate = (a: SiteQuestion, b: SiteQuestion): void => {
      relatedTo.set(a, (relatedTo.get(a) ?? new Set()).add(b));
    };
    for (const q of content.questions) {
      for (const other of q.frontMatter.related.flatMap((id) => byId.get(id) ?? [])) {
        relate(q, other);
        relate(other, q);
      }
    }
    expect(relatedTo.size, 'questions with related questions').toBeGreaterThan(50);
    for (const [q, related] of relatedTo) {
      const shown = decodeEntities(htmlFor(q.permalink));
      const indexed = textAt(q.permalink);
      expect(indexed, `${q.permalink} is found by its title`).toContain(q.frontMatter.title);
      for (const other of related) {
        expect(shown, `${q.permalink} shows ${other.permalink} as related`).toContain(other.frontMatter.title);
        expect(indexed, `${q.permalink}: related ${other.permalink}`).not.toContain(other.frontMatter.title);
      }
    }
  });
});
