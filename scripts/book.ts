/**
 * `npm run book` (and the last step of `npm run build`): the whole handbook
 * as a book, made from the built pages, so it is never older than the site.
 *
 *   build/downloads/ai-architecture-handbook-a4.pdf
 *   build/downloads/ai-architecture-handbook-letter.pdf
 *   build/downloads/ai-architecture-handbook.epub
 *   build/downloads/ai-architecture-handbook.json   (sizes and page counts for the download links)
 *
 * One Chromium, a few tabs: each page of the book is opened once, its
 * diagrams drawn, and its content taken out (scripts/book/extract.ts). The
 * PDF is one HTML document printed twice per paper size: the first print
 * tells where each entry starts (Chromium writes a named destination per
 * link target), the second prints the contents with those page numbers.
 * The EPUB is packed from the same extracted content.
 *
 * Like scripts/pdf.ts: a build made with BASE_URL=/<sub-path>/ needs the same
 * BASE_URL here, and `--dir <folder>` for a build written outside build/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { readQuestionIndex } from '../src/content/questionIndex';
import { siteAddressFrom } from '../src/content/siteAddress';
import { TRACKS } from '../src/content/tracks';
import { bookContents, readDocPages, type BookEntry } from './book/contents';
import { bookHtml, type BookChapter, type BookFacts } from './book/document';
import { buildEpub, editionIdentifier } from './book/epub';
import { extractChapter, type ExtractedChapter } from './book/extract';
import { BOOK_FILES, BOOK_PAPERS, type BookManifest, type BookPaper } from '../src/lib/bookDownloads';
import { patchDownloadFacts } from './book/manifest';
import { printBook } from './book/print';
import { BrowserNotFoundError, findChromium, launchChromium, openDoc } from './lib/browser';
import { browserTabs, mapConcurrently } from './lib/pool';
import { serveDirectory } from './lib/staticServer';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirIndex = process.argv.indexOf('--dir');
const BUILD_DIR = path.resolve(ROOT, dirIndex >= 0 && process.argv[dirIndex + 1] ? process.argv[dirIndex + 1]! : 'build');
const BUILD_NAME = `${path.relative(ROOT, BUILD_DIR) || '.'}/`;

function builtPage(route: string): boolean {
  const clean = route.replace(/^\//, '');
  return [`${clean}.html`, `${clean}/index.html`].some((f) => existsSync(path.join(BUILD_DIR, f)));
}

function commitOf(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** Opens every page of the book in a few tabs and takes its content out. */
async function extractAll(browser: Browser, siteUrl: string, baseUrl: string, publicSite: string, entries: readonly BookEntry[]): Promise<Map<string, ExtractedChapter>> {
  const chapters: Record<string, string> = {};
  for (const entry of entries) if (entry.route) chapters[entry.route] = entry.id;
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 800, height: 1100 } });
  // A reader's saved dark-mode choice would win over the OS setting: clear it.
  await context.addInitScript(() => window.localStorage.setItem('theme', 'light'));
  // tsx keeps function names with a `__name` helper that the page does not have; extractChapter's source is sent as it is.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  const withRoutes = entries.filter((e): e is BookEntry & { route: string } => e.route !== undefined);
  try {
    const extracted = await mapConcurrently(withRoutes, browserTabs(), {
      setUp: () => context.newPage(),
      async work(page, entry) {
        const url = `${siteUrl}${baseUrl}${entry.route.replace(/^\//, '')}`;
        // Once the site runs in the tab, its router moves to each next page: no page load, no Mermaid loaded again.
        await openDoc(page, url);
        // Mermaid draws diagrams after the page is rendered; every container must hold its SVG before the content is taken.
        await page
          .waitForFunction(
            // The site's diagram frame ([data-diagram], src/theme/Mermaid) is in the page's HTML; Mermaid's own container appears only once it has loaded.
            () => [...document.querySelectorAll('[data-diagram], .docusaurus-mermaid-container')].every((c) => c.querySelector('svg[id]')),
            undefined,
            { timeout: 30_000 },
          )
          .catch(() => {
            throw new Error(`${entry.route}: a Mermaid diagram was not drawn within 30 s; open the page in a browser and check its diagram for errors.`);
          });
        const shift = entry.level - 1;
        return page.evaluate(extractChapter, { prefix: entry.id, shift, chapters, baseUrl, publicSite });
      },
      tearDown: (page) => page.close(),
    });
    return new Map(withRoutes.map((entry, i) => [entry.id, extracted[i]!]));
  } finally {
    await context.close();
  }
}

async function withMetadata(document: PDFDocument, facts: BookFacts, paper: BookPaper): Promise<Uint8Array> {
  document.setTitle(`${facts.title} (${paper.paper})`, { showInWindowTitleBar: true });
  document.setSubject(facts.subtitle);
  document.setAuthor(`${facts.title} contributors`);
  document.setKeywords(['AI architecture', 'ML architecture', 'interview', 'system design', 'handbook']);
  document.setCreator(`${facts.title}, npm run build, edition ${facts.date} (${facts.commit}), from ${facts.siteUrl}`);
  document.setLanguage('en');
  return document.save({ useObjectStreams: false });
}

async function main(): Promise<number> {
  const started = performance.now();
  const questions = readQuestionIndex(path.join(ROOT, 'docs'));
  const entries = bookContents(TRACKS, questions, readDocPages(path.join(ROOT, 'docs'), questions));
  const missing = entries.filter((e) => e.route && !builtPage(e.route));
  if (missing.length > 0) {
    console.error(`No built page in ${BUILD_NAME} for ${missing.map((e) => e.route).join(', ')}. Run "npm run build" first; it also writes the book.`);
    return 1;
  }
  try {
    findChromium();
  } catch (error) {
    if (error instanceof BrowserNotFoundError) {
      console.error(`Cannot print the book.\n${error.message}`);
      return 1;
    }
    throw error;
  }
  const { url, baseUrl } = siteAddressFrom(process.env);
  const publicSite = `${url}${baseUrl}`.replace(/\/$/, '');
  const facts: BookFacts = {
    title: 'AI Architecture Interview Handbook',
    subtitle: 'Questions, answers, tested code and the numbers behind them, for AI and ML architect interviews.',
    siteUrl: `${publicSite}/`,
    date: new Date().toISOString().slice(0, 10),
    commit: commitOf(),
    licence: 'Text and diagrams CC BY 4.0; code MIT (see LICENSE)',
  };
  const server = await serveDirectory(BUILD_DIR, baseUrl);
  const browser = await launchChromium();
  const written: BookManifest['files'] = [];
  try {
    const extracted = await extractAll(browser, server.url, baseUrl, publicSite, entries);
    const chapters: BookChapter[] = entries.map((entry) => ({ entry, html: extracted.get(entry.id)?.html ?? '' }));
    const stylesheets = [...new Set([...extracted.values()].flatMap((c) => c.stylesheets))];
    const extractedAt = performance.now();
    console.log(`Book: ${entries.length} entries taken from the built pages in ${((extractedAt - started) / 1000).toFixed(1)} s`);
    const html = bookHtml({ facts, chapters, stylesheets, baseHref: `${server.url}${baseUrl}`, pages: new Map() });
    mkdirSync(path.join(BUILD_DIR, 'downloads'), { recursive: true });
    // Both papers at once: each print is one Chromium renderer, so two keep both cores busy.
    const printed = await Promise.all(
      BOOK_PAPERS.map(async (paper) => {
        const result = await printBook(browser, paper, html, entries, `${server.url}${baseUrl}`);
        return { paper, bytes: await withMetadata(result.document, facts, paper), pages: result.pages };
      }),
    );
    for (const { paper, bytes, pages } of printed) {
      writeFileSync(path.join(BUILD_DIR, paper.file), bytes);
      written.push({ file: paper.file, kind: 'pdf', label: `PDF, ${paper.paper}`, bytes: bytes.length, pages });
      console.log(`Wrote ${path.relative(ROOT, path.join(BUILD_DIR, paper.file))} (${paper.paper}, ${pages} pages, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB)`);
    }
    console.log(`Book: PDFs printed in ${((performance.now() - extractedAt) / 1000).toFixed(1)} s`);
    const epub = buildEpub({
      facts,
      identifier: editionIdentifier(facts),
      modified: `${new Date().toISOString().slice(0, 19)}Z`,
      chapters: entries.map((entry) => ({ entry, xhtml: extracted.get(entry.id)?.xhtml })),
    });
    writeFileSync(path.join(BUILD_DIR, BOOK_FILES.epub), epub);
    written.push({ file: BOOK_FILES.epub, kind: 'epub', label: 'EPUB', bytes: epub.length, chapters: entries.length });
    console.log(`Wrote ${path.relative(ROOT, path.join(BUILD_DIR, BOOK_FILES.epub))} (${entries.length} chapters, ${(epub.length / 1024 / 1024).toFixed(1)} MiB)`);
  } finally {
    await browser.close();
    await server.close();
  }
  const manifest: BookManifest = { edition: facts.date, commit: facts.commit, files: written };
  writeFileSync(path.join(BUILD_DIR, BOOK_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  const patched = patchDownloadFacts(BUILD_DIR, manifest);
  console.log(`Book: download facts written into ${patched} page${patched === 1 ? '' : 's'}`);
  console.log(`Book build time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Book build failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
