/**
 * The site under a sub-path, as a GitHub Pages project site serves it:
 * build-subpath/ (`npm run build:subpath`, BASE_URL=/handbook/) served at
 * /handbook/ and nowhere else. Every page keeps its links and assets inside the
 * sub-path, link previews and the PDFs name the sub-path URL, and in Chromium
 * the home page loads cleanly, short links land on their question, an address
 * with no page offers the closest page inside the sub-path, downloads
 * resolve, practice and search work, and offline reading saves and serves the
 * sub-path alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../../src/content/report';
import { shortLinkPath } from '../../../src/content/shortLinks';
import { BOOK_FILES, BOOK_PAPERS } from '../../../src/lib/bookDownloads';
import { CHEAT_SHEET_PDFS } from '../../../src/lib/cheatSheetPdf';
import { OFFLINE_SUMMARY_FILE, type OfflineSummary } from '../../../src/offline/precache';
import { ANKI_DECK_FILE } from '../../../src/practice/anki';
import { gotoHydrated, launchChromium } from '../../lib/browser';
import { serveDirectory, type StaticServer } from '../../lib/staticServer';
import { SUBPATH_BASE_URL as BASE, SUBPATH_OUT_DIR } from '../../lib/subpath';
import { attributeValues, decodeEntities, listFiles, metaContent, PROJECT_ROOT } from '../buildOutput';
import { pdfLinks, pdfText } from '../poppler';

const DIR = path.join(PROJECT_ROOT, SUBPATH_OUT_DIR);

let report: ValidationReport;
let origin: string;
let server: StaticServer;
let browser: Browser;

/** The HTML of a page, by its path inside the site (/, /practice, /q/7...). */
function html(urlPath: string): string {
  const clean = urlPath.replace(/^\//, '').replace(/\/$/, '');
  const file = [clean === '' ? 'index.html' : `${clean}.html`, `${clean}/index.html`].map((f) => path.join(DIR, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`no page for ${urlPath} in ${SUBPATH_OUT_DIR}/`);
  return readFileSync(file, 'utf8');
}

function question(track: string, number: number): ValidationReport['questions'][number] {
  const q = report.questions.find((x) => x.track === track && x.number === number);
  if (!q) throw new Error(`no question ${number} in track ${track}`);
  return q;
}

beforeAll(async () => {
  if (!existsSync(path.join(DIR, 'index.html'))) {
    throw new Error(`No sub-path build in ${SUBPATH_OUT_DIR}/. Run "npm run build:subpath" first ("npm run test:subpath" runs both).`);
  }
  if (!readFileSync(path.join(DIR, 'index.html'), 'utf8').includes(`${BASE}assets/`)) {
    throw new Error(`${SUBPATH_OUT_DIR}/ was not built for ${BASE}. Run "npm run build:subpath" again.`);
  }
  report = JSON.parse(readFileSync(path.join(DIR, 'validation-report.json'), 'utf8')) as ValidationReport;
  origin = new URL(metaContent(html('/'), 'property', 'og:url') ?? 'missing:').origin;
  server = await serveDirectory(DIR, BASE);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the files of the sub-path build', () => {
  it('link and load nothing outside the sub-path, on any page', () => {
    const outside: string[] = [];
    const pages = listFiles(DIR).filter((f) => f.endsWith('.html'));
    for (const file of pages) {
      const text = readFileSync(file, 'utf8');
      const local = [...attributeValues(text, 'href'), ...attributeValues(text, 'src')].map(decodeEntities).filter((v) => v.startsWith('/') && !v.startsWith('//'));
      for (const value of local) if (!value.startsWith(BASE)) outside.push(`${path.relative(DIR, file)}: ${value}`);
    }
    expect(pages.length).toBeGreaterThan(report.questions.length);
    expect(outside.join('\n')).toBe('');
  });

  it('point every stylesheet url() inside the sub-path (KaTeX fonts among them)', () => {
    const sheets = listFiles(DIR).filter((f) => f.endsWith('.css'));
    const urls = sheets.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => ({ file: path.relative(DIR, file), url: m[1]! })));
    expect(
      urls.some((u) => /KaTeX_Main-Regular/.test(u.url)),
      'the KaTeX fonts are bundled',
    ).toBe(true);
    const outside = urls.filter((u) => u.url.startsWith('/') && !u.url.startsWith(BASE));
    expect(outside.map((u) => `${u.file}: ${u.url}`).join('\n')).toBe('');
  });

  it('send short links to their question inside the sub-path', () => {
    for (const q of report.questions) {
      const short = shortLinkPath(q.track, q.number)!;
      expect(html(short), short).toContain(`url=${BASE}${q.permalink.slice(1)}"`);
    }
  });

  it('give link previews, canonical URLs, the sitemap and the Anki deck the sub-path URL', () => {
    const q = question('architecture', 7);
    const page = html(q.permalink);
    const pageUrl = `${origin}${BASE}${q.permalink.slice(1)}`;
    expect(metaContent(page, 'property', 'og:url')).toBe(pageUrl);
    expect(metaContent(page, 'property', 'og:image')).toBe(`${origin}${BASE}img/social-card.png`);
    expect(attributeValues(page, 'href')).toContain(pageUrl);
    const sitemap = [...readFileSync(path.join(DIR, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(sitemap).toContain(pageUrl);
    expect(sitemap.filter((loc) => !loc.startsWith(`${origin}${BASE}`))).toEqual([]);
    expect(readFileSync(path.join(DIR, ANKI_DECK_FILE), 'utf8')).toContain(`href="${pageUrl}"`);
  });

  it('hold the cheat-sheet PDFs, printed from the sub-path page, with links and footer to the sub-path URL', () => {
    for (const pdf of CHEAT_SHEET_PDFS) {
      const file = path.join(DIR, pdf.file);
      expect(existsSync(file), `${SUBPATH_OUT_DIR}/${pdf.file}`).toBe(true);
      const toSite = pdfLinks(file).filter((l) => l.url.startsWith(origin));
      expect(toSite.length, 'the sheet links to the handbook').toBeGreaterThan(0);
      expect(toSite.filter((l) => !l.url.startsWith(`${origin}${BASE}`))).toEqual([]);
      expect(pdfText(file, 1).replace(/\s+/g, ' ')).toContain(`${new URL(origin).host}${BASE}cheat-sheet`);
    }
  });

  it('hold the book, whose links to the site and cover name the sub-path URL', () => {
    for (const file of [...BOOK_PAPERS.map((p) => p.file), BOOK_FILES.epub]) expect(existsSync(path.join(DIR, file)), `${SUBPATH_OUT_DIR}/${file}`).toBe(true);
    const file = path.join(DIR, BOOK_PAPERS[0]!.file);
    const toSite = pdfLinks(file).filter((l) => l.url.startsWith(origin));
    expect(toSite.length, 'the book links to the handbook').toBeGreaterThan(0);
    expect(toSite.filter((l) => !l.url.startsWith(`${origin}${BASE}`))).toEqual([]);
    expect(pdfText(file, 1).replace(/\s+/g, ' ')).toContain(`${new URL(origin).host}${BASE.replace(/\/$/, '')}`);
  });
});

// Each test opens its own browser context, so they overlap (at most maxConcurrency at a time).
describe('offline reading under the sub-path', () => {
  it('names the web app manifest inside the sub-path, and the installed app starts and stays there', () => {
    const href = attributeValues(html('/'), 'href').find((h) => h.endsWith('manifest.json'));
    expect(href).toBe(`${BASE}manifest.json`);
    const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { start_url: string; scope: string };
    const at = `${origin}${href}`;
    expect(new URL(manifest.start_url, at).pathname).toBe(BASE);
    expect(new URL(manifest.scope, at).pathname).toBe(BASE);
  });

  it('registers the worker for the sub-path, saves only its URLs and opens a question with no network, by its address in capitals too', { timeout: 240_000 }, async () => {
    const summary = JSON.parse(readFileSync(path.join(DIR, OFFLINE_SUMMARY_FILE), 'utf8')) as OfflineSummary;
    const q = question('architecture', 7);
    // A server of its own, closed for the offline part: setOffline does not reach the worker's fetches.
    const own = await serveDirectory(DIR, BASE);
    let ownOpen = true;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await gotoHydrated(page, `${own.url}${BASE}`);
      const control = page.getByRole('region', { name: 'Offline reading' });
      await control.getByRole('button', { name: 'Read offline' }).click();
      await control.getByText(`Available offline: ${summary.pages} pages saved on this device.`).waitFor({ timeout: 180_000 });
      const saved = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        const names = await caches.keys();
        const urls = (await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))).flat();
        return { scope: registration?.scope, script: registration?.active?.scriptURL ?? '', urls };
      });
      expect(saved.scope).toBe(`${own.url}${BASE}`);
      expect(new URL(saved.script).pathname).toBe(`${BASE}sw.js`);
      expect(saved.urls).toHaveLength(summary.files);
      expect(saved.urls.filter((u) => !new URL(u).pathname.startsWith(BASE))).toEqual([]);

      await own.close();
      ownOpen = false;
      await context.setOffline(true);
      await gotoHydrated(page, `${own.url}${BASE}${q.permalink.slice(1)}`);
      await expect(page.locator('h1').first().textContent()).resolves.toBe(q.title);
      // The saved 404 page, found under the sub-path: it sends the address in capitals on to the page, and names one with no page.
      await gotoHydrated(page, `${own.url}${BASE}${q.permalink.slice(1).toUpperCase()}`);
      await page.waitForURL((url) => url.pathname === `${BASE}${q.permalink.slice(1)}`);
      await expect(page.locator('h1').first().textContent()).resolves.toBe(q.title);
      await gotoHydrated(page, `${own.url}${BASE}no-such-page`);
      await expect(page.locator('h1').first().textContent()).resolves.toBe('Page not found');
    } finally {
      await context.close();
      if (ownOpen) await own.close();
    }
  });
});

describe.concurrent(`the site served at ${BASE} in Chromium`, () => {
  /** Opens a page, recording errors, failed requests and any request that leaves the sub-path. */
  async function open(urlPath: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.failure()?.errorText} ${r.url()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin === server.url && !url.pathname.startsWith(BASE)) problems.push(`outside ${BASE}: ${url.pathname}`);
    });
    await gotoHydrated(page, `${server.url}${BASE}${urlPath.replace(/^\//, '')}`, 'networkidle');
    return { page, problems, close: () => context.close() };
  }

  it('loads the home page with no failed request, no console error and nothing fetched outside the sub-path', async ({ expect }) => {
    const { page, problems, close } = await open('/');
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/AI Architecture/);
    // Follow a navbar link client-side: routing under the sub-path works too.
    await page.getByRole('link', { name: 'Architecture Q&A' }).first().click();
    await page.waitForURL((url) => url.pathname === `${BASE}architecture`);
    expect(problems).toEqual([]);
    await close();
  });

  it.for<[string, number]>([
    ['architecture', 7],
    ['architect-interview', 7],
  ])('opens %s question %i from its short link', async ([track, number], { expect }) => {
    const q = question(track, number);
    const { page, problems, close } = await open(shortLinkPath(track, number)!);
    await page.waitForURL((url) => url.pathname === `${BASE}${q.permalink.slice(1)}`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(q.title);
    expect(problems).toEqual([]);
    await close();
  });

  it('answers an address with no page inside the sub-path with the closest page, a link that stays inside it', async ({ expect }) => {
    // A question's address with another topic.
    const q = question('architecture', 17);
    const [, track, , slug] = q.permalink.split('/');
    const missing = `${BASE}${track}/elsewhere/${slug}`;
    const { page, problems, close } = await open(`${track}/elsewhere/${slug}`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Page not found');
    await expect(page.locator('main code').first().textContent()).resolves.toBe(missing);
    const offered = page.getByRole('list', { name: /closest address/ }).getByRole('link');
    await expect(offered.first().getAttribute('href')).resolves.toBe(`${BASE}${q.permalink.slice(1)}`);
    await offered.first().click();
    await page.waitForURL((url) => url.pathname === `${BASE}${q.permalink.slice(1)}`);
    // The missing address's own 404 (its response and the browser's note of it) is expected; nothing else.
    expect(problems.filter((p) => !p.includes(missing) && !/status of 404/.test(p))).toEqual([]);
    await close();
  });

  it('opens the page itself for an address that differs from it only in letter case or a trailing slash, inside the sub-path', async ({ expect }) => {
    const q = question('architecture', 7);
    const variant = `${q.permalink.toUpperCase()}/`;
    const { page, problems, close } = await open(variant);
    await page.waitForURL((url) => url.pathname === `${BASE}${q.permalink.slice(1)}`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(q.title);
    // The variant's own 404 (its response and the browser's note of it) is expected; nothing else.
    expect(problems.filter((p) => !p.includes(`${BASE}${variant.slice(1)}`) && !/status of 404/.test(p))).toEqual([]);
    await close();
  });

  it.for<[string, string, string, string, number]>([
    ['the cheat sheet', '/cheat-sheet', 'a[data-pdf]', 'application/pdf', CHEAT_SHEET_PDFS.length],
    ['the Anki deck', '/practice', `a[download="${ANKI_DECK_FILE}"]`, 'text/tab-separated-values; charset=utf-8', 1],
    ['the preparation template', '/architect-interview/preparation-template', 'a[href*="/downloads/"]', 'text/markdown; charset=utf-8', 1],
    ["the book's PDFs", '/architecture', 'a[data-book-file$=".pdf"]', 'application/pdf', BOOK_PAPERS.length],
    ["the book's EPUB", '/architecture', 'a[data-book-file$=".epub"]', 'application/epub+zip', 1],
  ])('offers %s from %s as downloads that resolve under the sub-path', async ([, pagePath, selector, type, atLeast], { expect }) => {
    const { page, problems, close } = await open(pagePath);
    const links = await page.locator(selector).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(atLeast);
    for (const link of links) {
      expect(new URL(link).pathname.startsWith(BASE), link).toBe(true);
      const response = await page.request.get(link);
      expect(response.status(), link).toBe(200);
      expect(response.headers()['content-type'], link).toBe(type);
    }
    expect(problems).toEqual([]);
    await close();
  });

  it("runs an example in the reader's browser: the worker and the transpiler load from the sub-path", async ({ expect }) => {
    const { page, problems, close } = await open(question('architecture', 7).permalink);
    const runner = page.getByRole('region', { name: /^Run the example/ }).first();
    await runner.getByRole('button', { name: 'Run demo' }).click();
    const heading = runner.locator('[data-run-output] p').first();
    await heading.waitFor({ timeout: 20_000 });
    await runner.getByRole('button', { name: 'Run demo' }).waitFor({ timeout: 20_000 });
    await expect(heading.innerText()).resolves.toBe('Finished');
    expect(problems).toEqual([]);
    await close();
  });

  it('runs a practice session: a card shows and reveals its answer', async ({ expect }) => {
    const { page, problems, close } = await open('/practice');
    const card = page.locator('section[aria-labelledby^="practice-card-"]');
    await card.getByRole('heading', { level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await card.getByText('Key insight.').waitFor();
    await page.getByRole('button', { name: /^Know it/ }).click();
    await expect(page.getByRole('progressbar').getAttribute('aria-valuetext')).resolves.toMatch(/^1 of \d+ known/);
    expect(problems).toEqual([]);
    await close();
  });

  it('loads the search index and opens a question from a hit', async ({ expect }) => {
    const q = question('architecture', 7);
    const { page, problems, close } = await open('/');
    const index = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith(`${BASE}search-index`) && r.status() === 200);
    await page.locator('input.navbar__search-input').fill('ratio-based circuit breaker');
    await index;
    const hit = page.getByRole('option').filter({ hasText: q.title }).first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.click();
    await page.waitForURL((url) => url.pathname === `${BASE}${q.permalink.slice(1)}`);
    expect(problems).toEqual([]);
    await close();
  });
});
