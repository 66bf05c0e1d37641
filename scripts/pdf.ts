/**
 * `npm run pdf`: prints the built cheat-sheet page in headless Chromium with
 * the site's print styles and writes an A4 and a US Letter PDF into the build
 * (see src/lib/cheatSheetPdf.ts), so the page's download links work when the
 * build is published. Run after `docusaurus build`; `npm run build` does both.
 * A build made with BASE_URL=/<sub-path>/ is served and opened under that
 * sub-path, so the run needs the same BASE_URL (and `--dir <folder>` for a
 * build written outside build/).
 *
 * Light theme whatever the OS prefers; links point to the published site, not
 * to the local server; a footer names the handbook's URL and the content date.
 * Chromium sets the PDF title but not its subject, so pdf-lib writes both.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { siteAddressFrom } from '../src/content/siteAddress';
import { BOOK_FILES } from '../src/lib/bookDownloads';
import { CHEAT_SHEET_MAX_PAGES, CHEAT_SHEET_PDFS, CHEAT_SHEET_ROUTE, type CheatSheetPdf } from '../src/lib/cheatSheetPdf';
import { BrowserNotFoundError, findChromium, gotoHydrated, launchChromium } from './lib/browser';
import { serveDirectory } from './lib/staticServer';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--dir build-subpath` prints from a build written with `docusaurus build --out-dir build-subpath`.
const dirIndex = process.argv.indexOf('--dir');
const BUILD_DIR = path.resolve(ROOT, dirIndex >= 0 && process.argv[dirIndex + 1] ? process.argv[dirIndex + 1]! : 'build');
const BUILD_NAME = `${path.relative(ROOT, BUILD_DIR) || '.'}/`;
const HANDBOOK = 'AI Architecture Interview Handbook';

interface SheetFacts {
  /** The page's public URL (its canonical link). */
  url: string;
  description: string;
  /** When the sheet's content last changed, YYYY-MM-DD. */
  contentDate: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Chromium's footer template: the handbook's URL, the content date and the page number. */
function footerTemplate(facts: SheetFacts): string {
  const shown = facts.url.replace(/^https?:\/\//, '');
  return `<div style="font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 7pt; color: #444; width: 100%; margin: 0 10mm; display: flex; justify-content: space-between;">
  <span>${HANDBOOK} · ${escapeHtml(shown)}</span>
  <span>Content of ${escapeHtml(facts.contentDate)} · page <span class="pageNumber"></span> of <span class="totalPages"></span></span>
</div>`;
}

function builtPage(route: string): boolean {
  const clean = route.replace(/^\//, '');
  return [`${clean}.html`, `${clean}/index.html`].some((f) => existsSync(path.join(BUILD_DIR, f)));
}

/** Reads the facts from the page itself, then makes it ready for paper. */
async function preparePage(page: Page): Promise<SheetFacts> {
  // A missing link still fails below, with the fix; the wait only gives the head its last render.
  await page.waitForSelector('link[rel="canonical"]', { state: 'attached', timeout: 10_000 }).catch(() => undefined);
  const facts = await page.evaluate(() => {
    const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? '';
    const description = document.querySelector<HTMLMetaElement>('meta[name="description"]')?.content ?? '';
    const updated = document.querySelector<HTMLTimeElement>('.theme-last-updated time, time[datetime]')?.dateTime ?? '';
    // Links must lead to the published handbook, not to this temporary local server.
    const publicOrigin = canonical ? new URL(canonical).origin : '';
    for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      if (a.getAttribute('href')?.startsWith('#')) continue; // In-page links stay in the PDF.
      const target = new URL(a.href, location.href);
      if (publicOrigin && target.origin === location.origin) a.href = `${publicOrigin}${target.pathname}${target.search}${target.hash}`;
    }
    return { url: canonical, description, updated };
  });
  if (!facts.url) throw new Error(`the cheat-sheet page has no canonical link; check "url" in docusaurus.config.ts`);
  const contentDate = facts.updated ? facts.updated.slice(0, 10) : new Date().toISOString().slice(0, 10);
  if (!facts.updated) console.warn('The page shows no "last updated" date (is docs/cheat-sheet.mdx committed?); using today as the content date.');
  return { url: facts.url, description: facts.description, contentDate };
}

async function printOne(page: Page, pdf: CheatSheetPdf, facts: SheetFacts): Promise<{ file: string; pages: number; bytes: number }> {
  const raw = await page.pdf({
    format: pdf.format,
    printBackground: true,
    tagged: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: footerTemplate(facts),
    margin: { top: '9mm', bottom: '13mm', left: '10mm', right: '10mm' },
  });
  const document = await PDFDocument.load(raw, { updateMetadata: false });
  document.setTitle(`AI architecture cheat sheet (${pdf.paper})`, { showInWindowTitleBar: true });
  document.setSubject(facts.description);
  document.setAuthor(HANDBOOK);
  document.setKeywords(['AI architecture', 'interview', 'cheat sheet', 'formulas', 'latency', 'GPU memory', 'drift', 'cloud cost', 'availability']);
  document.setCreator(`${HANDBOOK}, npm run pdf, from ${facts.url}`);
  document.setLanguage('en');
  const bytes = await document.save({ useObjectStreams: false });
  const file = path.join(BUILD_DIR, pdf.file);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return { file, pages: document.getPageCount(), bytes: statSync(file).size };
}

async function main(): Promise<number> {
  const started = performance.now();
  if (!builtPage(CHEAT_SHEET_ROUTE)) {
    console.error(`No built cheat sheet in ${BUILD_NAME} (looked for ${CHEAT_SHEET_ROUTE}). Run "npm run build" first; it also writes the PDFs.`);
    return 1;
  }
  try {
    findChromium();
  } catch (error) {
    if (error instanceof BrowserNotFoundError) {
      console.error(`Cannot print the cheat-sheet PDFs.\n${error.message}`);
      return 1;
    }
    throw error;
  }
  const { baseUrl } = siteAddressFrom(process.env);
  const server = await serveDirectory(BUILD_DIR, baseUrl);
  const browser = await launchChromium();
  let failed = false;
  try {
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1000, height: 1400 } });
    // A reader's saved dark-mode choice would win over the OS setting: clear it.
    await context.addInitScript(() => window.localStorage.setItem('theme', 'light'));
    const page = await context.newPage();
    const route = `${baseUrl}${CHEAT_SHEET_ROUTE.replace(/^\//, '')}`;
    const missing: string[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      // The book's manifest (for the page's book links) is written by the book step, which runs after this one.
      if (response.status() >= 400 && !pathname.endsWith(`/${BOOK_FILES.manifest}`)) missing.push(pathname);
    });
    // Hydrated first: the head is rendered again while the page hydrates, and a build on a busy machine once found
    // no canonical link there before it had.
    await gotoHydrated(page, `${server.url}${route}`, 'networkidle');
    // The page exists in the build, so missing files mean it was built for another sub-path.
    if (missing.length > 0) {
      throw new Error(`${route} did not load from ${BUILD_NAME} (missing: ${missing.slice(0, 3).join(', ')}). Build and print with the same BASE_URL (now "${baseUrl}").`);
    }
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.evaluate(() => document.fonts.ready);
    const facts = await preparePage(page);
    for (const pdf of CHEAT_SHEET_PDFS) {
      const written = await printOne(page, pdf, facts);
      const relative = path.relative(ROOT, written.file);
      console.log(`Wrote ${relative} (${pdf.paper}, ${written.pages} page${written.pages === 1 ? '' : 's'}, ${Math.round(written.bytes / 1024)} kB)`);
      if (written.pages > CHEAT_SHEET_MAX_PAGES) {
        console.error(
          `${relative} has ${written.pages} pages; the cheat sheet must fit on ${CHEAT_SHEET_MAX_PAGES}. Shorten docs/cheat-sheet.mdx or tighten its print styles in src/css/custom.css.`,
        );
        failed = true;
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`PDF build time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`PDF build failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
