/**
 * The handbook as a book: the PDFs and the EPUB that `npm run build`
 * (scripts/book.ts) writes next to the site, read back with poppler, pdf-lib
 * and EPUBCheck, as a reader's software would read them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readQuestionIndex } from '../../src/content/questionIndex';
import { TRACKS } from '../../src/content/tracks';
import { BOOK_FILES, BOOK_PAPERS, describeBookFile, type BookManifest } from '../../src/lib/bookDownloads';
import { bookContents, readDocPages, type BookEntry } from '../book/contents';
import { bookHtml, escapeHtml, runningHead } from '../book/document';
import { EPUB_MIMETYPE } from '../book/epub';
import { printBook } from '../book/print';
import { readPdfStructure, type PdfStructure } from '../book/pdfStructure';
import { unzip, type ZipListing } from '../book/zip';
import { gotoHydrated } from '../lib/browser';
import { tempDirsRemovedAfterAll } from '../lib/tempDirs';
import { assertBuilt, BUILD_DIR, htmlFor, PROJECT_ROOT } from './buildOutput';
import { setUpBuiltSite } from './builtSite';
import { epubcheck, type EpubCheckResult } from './epubcheck';
import { meanGrey, pdfFonts, pdfInfo, pdfLinks, pdfPages, pdfWords, type PdfWord } from './poppler';
import { escapeRegExp } from '../../src/lib/escapeRegExp';

const DOCS = path.join(PROJECT_ROOT, 'docs');
const questions = readQuestionIndex(DOCS);
const entries = bookContents(TRACKS, questions, readDocPages(DOCS, questions));
const questionEntries = entries.filter((e) => e.kind === 'question');
const manifest = (): BookManifest => JSON.parse(readFileSync(path.join(BUILD_DIR, BOOK_FILES.manifest), 'utf8')) as BookManifest;

/** The page's source file, for what it should hold (its diagrams). */
function sourceOf(route: string): string {
  const file = [`${route}.mdx`, `${route}/index.mdx`, `${route}.md`].map((f) => path.join(DOCS, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`no source in docs/ for ${route}`);
  return readFileSync(file, 'utf8');
}

/** What a reader sees of a title once pdftotext has read it back. */
const shown = (text: string): string => text.replace(/\s+/g, ' ');
/** pdftotext joins a word hyphenated at the end of a line and drops its hyphen: compare without hyphens. */
const squeezed = (text: string): string => text.replace(/[\s\u00ad\u2010-]+/g, '');

/** What poppler reads from one PDF, read once and shared by its tests. */
interface PdfReading {
  pages: string[];
  words: PdfWord[];
  /** The words of each page (1-based), for the running heads and footers. */
  wordsOnPage: Map<number, PdfWord[]>;
}

/**
 * Each reading starts in the first beforeAll and is awaited where it is needed: both PDFs are read by
 * poppler while EPUBCheck checks the EPUB, instead of one after the other. A failure is reported by the
 * test that awaits it.
 */
const readings = new Map<string, Promise<PdfReading>>();
let epubChecked: Promise<EpubCheckResult>;

async function readPdf(file: string): Promise<PdfReading> {
  const [pages, words] = await Promise.all([pdfPages(file), pdfWords(file)]);
  const wordsOnPage = new Map<number, PdfWord[]>();
  for (const word of words) {
    const onPage = wordsOnPage.get(word.page);
    if (onPage) onPage.push(word);
    else wordsOnPage.set(word.page, [word]);
  }
  return { pages, words, wordsOnPage };
}

/** Starts `work` now and leaves its failure to whoever awaits it, not to Node's unhandled-rejection check. */
function started<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

beforeAll(() => {
  assertBuilt();
  for (const file of [...BOOK_PAPERS.map((p) => p.file), BOOK_FILES.epub, BOOK_FILES.manifest]) {
    if (!existsSync(path.join(BUILD_DIR, file))) throw new Error(`${file} is missing from build/: "npm run build" writes it (or run "npm run book" after "docusaurus build").`);
  }
  epubChecked = started(epubcheck(path.join(BUILD_DIR, BOOK_FILES.epub)));
  for (const paper of BOOK_PAPERS) readings.set(paper.file, started(readPdf(path.join(BUILD_DIR, paper.file))));
});

describe.each(BOOK_PAPERS)('the $paper book', (paper) => {
  const file = path.join(BUILD_DIR, paper.file);
  let structure: PdfStructure;
  let pages: string[];
  let words: PdfWord[];
  let wordsOnPage: Map<number, PdfWord[]>;
  /** Page number (1-based) where each entry starts, as its contents line says. */
  const listed = new Map<string, number>();

  beforeAll(async () => {
    structure = await readPdfStructure(readFileSync(file));
    ({ pages, words, wordsOnPage } = await readings.get(paper.file)!);
    const contents = pages
      .slice(
        1,
        pages.findIndex((text, i) => i > 1 && !text.startsWith('Contents')),
      )
      .join(' ');
    for (const entry of entries) {
      const match = new RegExp(`${escapeRegExp(shown(entry.title))} (\\d+)`).exec(contents);
      if (match) listed.set(entry.id, Number(match[1]));
    }
  });

  it(`is on ${paper.paper} paper, tagged, with its title, and longer than its contents`, () => {
    const info = pdfInfo(file);
    expect(Math.abs(info.widthPt - paper.widthPt)).toBeLessThan(1.5);
    expect(Math.abs(info.heightPt - paper.heightPt)).toBeLessThan(1.5);
    expect(info.tagged).toBe(true);
    expect(info.title).toBe(`AI Architecture Interview Handbook (${paper.paper})`);
    expect(info.pages).toBe(pages.length);
    expect(info.pages).toBeGreaterThan(entries.length);
  });

  it("embeds every font, and sets formulas in KaTeX's own: its main font for digits and operators, its math italic for variables", () => {
    const fonts = pdfFonts(file);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).filter((name) => name.startsWith('KaTeX_'))).toEqual(
      expect.arrayContaining(['KaTeX_Main-Regular', 'KaTeX_Math-Italic']),
    );
  });

  it('has a cover with the title, the edition (build date and commit), the site address and the licence', () => {
    const edition = manifest();
    expect(pages[0]).toContain('AI Architecture Interview Handbook');
    expect(pages[0]).toContain(`${edition.edition}, commit ${edition.commit}`);
    expect(pages[0]).toContain('ai-architecture-handbook.github.io');
    expect(pages[0]).toContain('CC BY 4.0');
  });

  it('lists every question in the contents with a page number, and the question starts on that page', () => {
    const problems: string[] = [];
    for (const entry of questionEntries) {
      const page = listed.get(entry.id);
      if (page === undefined) problems.push(`${entry.title} is not in the contents with a page number`);
      // The running head names the question too: the title must also stand as the page's heading, before the question itself.
      else if (!pages[page - 1]?.includes(`${shown(entry.title)} ${shown(entry.question ?? '').split(' ')[0]}`)) problems.push(`${entry.title} does not start on page ${page}`);
    }
    expect(problems).toEqual([]);
    expect(listed.size).toBe(entries.length);
  });

  it('has a bookmark for every track, topic and question, in order, opening the page the contents name', () => {
    let at = 0;
    for (const entry of entries.filter((e) => e.kind !== 'part')) {
      // A question's own sections are bookmarked under it: take the next bookmark with the entry's title.
      const found = structure.outline.findIndex((item, i) => i >= at && shown(item.title) === shown(entry.title));
      expect(found, entry.title).toBeGreaterThanOrEqual(0);
      expect(structure.outline[found]?.page, entry.title).toBe(listed.get(entry.id));
      at = found + 1;
    }
    expect(structure.outline.filter((item) => item.depth === 0).map((item) => item.title)).toEqual(['Contents', ...entries.filter((e) => e.level === 1).map((e) => e.title)]);
  });

  it('names the track and the question at the head of every page of a question, and numbers every page after the cover in its footer', () => {
    const head = (page: number): string =>
      (wordsOnPage.get(page) ?? [])
        .filter((w) => w.yMax < 51)
        .map((w) => w.text)
        .join(' ');
    const foot = (page: number): string =>
      (wordsOnPage.get(page) ?? [])
        .filter((w) => w.yMin > paper.heightPt - 48)
        .map((w) => w.text)
        .join(' ');
    const problems: string[] = [];
    const starts = entries.map((e) => listed.get(e.id)!);
    entries.forEach((entry, i) => {
      if (entry.kind === 'part') return;
      const last = (starts.slice(i + 1).find((p) => p > starts[i]!) ?? pages.length + 1) - 1;
      for (let page = starts[i]!; page <= last; page++) {
        if (head(page) !== shown(runningHead(entry))) problems.push(`page ${page} is headed "${head(page)}", not "${runningHead(entry)}"`);
      }
    });
    for (let page = 2; page <= pages.length; page++) if (foot(page) !== String(page)) problems.push(`page ${page}'s footer is "${foot(page)}"`);
    expect(head(1), 'the cover has no running head').toBe('');
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has no blank page: every page has text beyond its running head and number, or ink (a diagram)', () => {
    // A page with little text is rendered and must not be all white (a diagram pushed off a page left one so).
    const blank = pages.flatMap((text, i) => (text.replace(/\d+$/, '').length < 60 && meanGrey(file, i + 1) > 253 ? [i + 1] : []));
    expect(blank).toEqual([]);
  });

  it('turns links between questions into links inside the document, each to a page of it', () => {
    const internal = structure.links.filter((l) => l.internal);
    expect(internal.length).toBeGreaterThan(entries.length);
    expect(internal.filter((l) => l.target === undefined || l.target < 1 || l.target > structure.pages)).toEqual([]);
    // Beyond the contents: a question's text links to another question.
    const afterContents = Math.min(...listed.values());
    expect(internal.some((l) => l.page >= afterContents && questionEntries.some((q) => listed.get(q.id) === l.target))).toBe(true);
  });

  it('keeps web links clickable and prints their address, never a link to the local server', () => {
    const links = pdfLinks(file);
    expect(links.length).toBeGreaterThan(50);
    // The page's own text, without its running head and footer, so an address may run on from one page to the next.
    const body = new Map<number, string>();
    for (const w of words) if (w.yMax >= 51 && w.yMin <= paper.heightPt - 48) body.set(w.page, `${body.get(w.page) ?? ''}${w.text}`);
    const around = (page: number): string => squeezed([page - 1, page, page + 1].map((p) => body.get(p) ?? '').join(''));
    const unprinted = links.filter(
      (l) =>
        !l.url.startsWith('mailto:') &&
        !around(l.page).includes(
          squeezed(
            decodeURI(l.url)
              .replace(/^https?:\/\//, '')
              .replace(/\/$/, ''),
          ),
        ),
    );
    expect(unprinted.slice(0, 5)).toEqual([]);
    for (const link of links) expect(link.url).toMatch(/^(https?:\/\/(?!127\.0\.0\.1|localhost)|mailto:)/);
  });

  it('prints no interactive control, and a calculator as its worked example', () => {
    const text = pages.join(' ');
    for (const control of ['Expand diagram', 'Link to this scenario', 'On this page', 'Copy the short link', 'Run the example']) expect(text, control).not.toContain(control);
    expect(text).toContain('worked example');
  });

  it('never cuts text at the right margin: every word ends inside the page', () => {
    const outside = words.filter((w) => w.xMax > paper.widthPt - 20);
    expect(outside.slice(0, 5)).toEqual([]);
  });
});

describe('test pages printed as the book prints', () => {
  const site = setUpBuiltSite();
  const tempDir = tempDirsRemovedAfterAll();

  /** Prints one entry holding `content` with the book's styles and the site's, on A4; returns the PDF's path. */
  async function printTestPage(name: string, content: string): Promise<string> {
    const entry: BookEntry = { kind: 'page', id: name, route: `/${name}`, title: name, level: 1, partTitle: 'Test' };
    const css = readdirSync(path.join(BUILD_DIR, 'assets/css')).filter((f) => f.endsWith('.css'));
    const html = bookHtml({
      facts: { title: 'Test', subtitle: 'Test', siteUrl: 'https://example.org/', date: '2026-12-03', commit: 'test', licence: 'test' },
      chapters: [{ entry, html: content }],
      stylesheets: css.map((f) => `${site.server.url}/assets/css/${f}`),
      baseHref: `${site.server.url}/`,
      pages: new Map(),
    });
    const printed = await printBook(site.browser, BOOK_PAPERS[0]!, html, [entry], `${site.server.url}/`);
    const file = path.join(await tempDir('handbook-book-'), `${name}.pdf`);
    writeFileSync(file, printed.bytes);
    return file;
  }

  it('stop with the font that did not load rather than print its text in a fallback font', async () => {
    const content = `<style>@font-face { font-family: Gone; src: url(/assets/fonts/no-such-font.woff2) format("woff2"); }</style><p style="font-family: Gone">set in a font the build lacks</p>`;
    await expect(printTestPage('missing-font', content)).rejects.toThrow(/the book's fonts did not load from http:\/\/127\.0\.0\.1:\d+ \(Gone\)/);
  }, 120_000);

  it("repeat a table's header on every page the table crosses", async () => {
    const rows = Array.from({ length: 90 }, (_, i) => `<tr><td>row ${i + 1}</td><td>value</td></tr>`).join('');
    const file = await printTestPage('long-table', `<div class="markdown"><table><thead><tr><th>Quantity</th><th>Threshold</th></tr></thead><tbody>${rows}</tbody></table></div>`);
    const tablePages = (await pdfPages(file)).slice(2);
    expect(tablePages.length, 'the table crosses a page break').toBeGreaterThan(1);
    for (const [i, text] of tablePages.entries()) expect(text, `page ${i + 3}`).toContain('Quantity Threshold');
  }, 120_000);

  it('wrap a code line longer than the page onto the next lines instead of cutting it at the margin', async () => {
    const longLine = `const key = "${Array.from({ length: 60 }, (_, i) => `seg${String(i).padStart(2, '0')}`).join('')}"; // ${'and more words '.repeat(12)}end`;
    const file = await printTestPage('long-line', `<pre class="book-code"><code>${longLine}</code></pre>`);
    const paper = BOOK_PAPERS[0]!;
    const code = (await pdfWords(file)).filter((w) => w.page === 3);
    expect(squeezed(code.map((w) => w.text).join(''))).toContain(squeezed(longLine));
    expect(code.filter((w) => w.xMax > paper.widthPt - 20)).toEqual([]);
    // It did wrap: the line's text sits on more than one line of the page.
    expect(new Set(code.filter((w) => /seg\d/.test(w.text)).map((w) => w.yMin)).size).toBeGreaterThan(1);
  }, 120_000);
});

describe('the EPUB', () => {
  const file = path.join(BUILD_DIR, BOOK_FILES.epub);
  let files: ZipListing[];
  const text = (name: string): string => files.find((f) => f.name === name)?.data.toString('utf8') ?? '';

  beforeAll(() => {
    files = unzip(readFileSync(file));
  });

  it('starts with the mimetype entry, stored uncompressed', () => {
    expect(files[0]).toMatchObject({ name: 'mimetype', method: 0, offset: 0 });
    expect(files[0]!.data.toString()).toBe(EPUB_MIMETYPE);
  });

  it('passes EPUBCheck with no error', async () => {
    const result = await epubChecked;
    expect(result.problems.slice(0, 10)).toEqual([]);
    expect(result.ok, result.output.slice(-500)).toBe(true);
  }, 300_000);

  it('has one document per entry and a navigation document listing every question', () => {
    const nav = text('OEBPS/nav.xhtml');
    for (const entry of entries) {
      expect(
        files.some((f) => f.name === `OEBPS/${entry.id}.xhtml`),
        entry.id,
      ).toBe(true);
      expect(nav, entry.title).toContain(`<a href="${entry.id}.xhtml">${escapeHtml(entry.title)}</a>`);
    }
  });

  it('holds every diagram as SVG and every formula as MathML', () => {
    const problems: string[] = [];
    for (const entry of entries.filter((e) => e.route)) {
      const chapter = text(`OEBPS/${entry.id}.xhtml`);
      const diagrams = sourceOf(entry.route!).match(/^```mermaid/gm)?.length ?? 0;
      const svgs = chapter.match(/<svg[\s>]/g)?.length ?? 0;
      if (svgs < diagrams) problems.push(`${entry.route}: ${svgs} of ${diagrams} diagrams`);
      const article = htmlFor(entry.route!).split(/<article/)[1] ?? '';
      const formulas = article.match(/class="?katex"?[\s>]/g)?.length ?? 0;
      const maths = chapter.match(/<math[\s>]/g)?.length ?? 0;
      if (maths !== formulas) problems.push(`${entry.route}: ${maths} formulas as MathML, the page has ${formulas}`);
      if (chapter.includes('class="katex-html"')) problems.push(`${entry.route}: KaTeX's HTML rendering left in`);
    }
    expect(problems).toEqual([]);
  });

  it('shows code as preformatted text', () => {
    const chapter = text(`OEBPS/${questionEntries[0]!.id}.xhtml`);
    expect(chapter).toMatch(/<pre><code>[^<]*export /);
  });

  it('carries its metadata and a cover', () => {
    const opf = text('OEBPS/content.opf');
    for (const field of ['<dc:title>', '<dc:language>en</dc:language>', '<dc:identifier id="book-id">urn:uuid:', 'property="dcterms:modified"', '<dc:rights>'])
      expect(opf).toContain(field);
    expect(opf).toContain('properties="cover-image"');
  });
});

describe('the download links', () => {
  const site = setUpBuiltSite();

  it('sit level with one another on a wide screen: a link is on the line of the one before it or wholly below it', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      for (const route of ['/', '/architecture', '/cheat-sheet']) {
        await gotoHydrated(page, `${site.server.url}${route}`);
        const boxes = await page
          .locator('a[data-book-file]')
          .evaluateAll((links) => links.map((a) => ({ top: Math.round(a.getBoundingClientRect().top), bottom: Math.round(a.getBoundingClientRect().bottom) })));
        expect(boxes.length, route).toBe(BOOK_PAPERS.length + 1);
        const misplaced = boxes.slice(1).filter((box, i) => box.top !== boxes[i]!.top && box.top < boxes[i]!.bottom);
        expect(misplaced, `${route}: the links' tops are ${boxes.map((b) => b.top).join(', ')} px`).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });

  it('name each file with the page count and size the book step measured', () => {
    const { files } = manifest();
    expect(files.map((f) => f.file).sort()).toEqual([...BOOK_PAPERS.map((p) => p.file), BOOK_FILES.epub].sort());
    for (const entry of files) {
      expect(statSync(path.join(BUILD_DIR, entry.file)).size, entry.file).toBe(entry.bytes);
      if (entry.kind === 'pdf') expect(pdfInfo(path.join(BUILD_DIR, entry.file)).pages, entry.file).toBe(entry.pages);
    }
    for (const route of ['/', ...TRACKS.map((t) => `/${t.slug}`), '/cheat-sheet']) {
      const html = htmlFor(route);
      for (const entry of files) {
        expect(html, `${route}: ${entry.file}`).toMatch(new RegExp(`href="?/${entry.file.replace(/\./g, '\\.')}"?[^>]*download`));
        expect(html, `${route}: ${entry.file}`).toContain(`>(${describeBookFile(entry)})</span>`);
      }
    }
  });

  it('leave the offline copy of each page they were written into up to date: its revision in sw.js is the MD5 of the page', () => {
    const worker = readFileSync(path.join(BUILD_DIR, 'sw.js'), 'utf8');
    for (const route of ['/', ...TRACKS.map((t) => `/${t.slug}`), '/cheat-sheet']) {
      const file = route === '/' ? 'index.html' : `${route.slice(1)}.html`;
      const md5 = createHash('md5')
        .update(readFileSync(path.join(BUILD_DIR, file)))
        .digest('hex');
      expect(worker, file).toContain(`{"revision":"${md5}","url":"${file}"}`);
    }
  });

  it('are only on the pages that show them', () => {
    expect(htmlFor('/architecture/structural')).not.toContain('data-book-facts');
  });
});
