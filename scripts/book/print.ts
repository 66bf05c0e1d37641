/**
 * Prints the book's HTML with Chromium on one paper size. Page numbers in the
 * contents need a second print: the first tells where each entry starts
 * (Chromium writes a named destination for every link target, so for every
 * entry the contents link), the second prints the contents with those numbers.
 * The contents keep the same layout whatever the numbers are (a fixed-width
 * slot), and the second print is checked against the first. The first print
 * lays the pages out but paints nothing, which saves a quarter to two fifths
 * of its CPU time and leaves a PDF a thirteenth the size to read back.
 */
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import type { BookPaper } from '../../src/lib/bookDownloads';
import type { BookEntry } from './contents';
import { pdfStructureOf, readPdfStructure } from './pdfStructure';

export interface PrintedBook {
  /** The PDF as Chromium wrote it. */
  bytes: Uint8Array;
  /** The same PDF parsed (pdf-lib), for the caller to add its metadata without parsing it again. */
  document: PDFDocument;
  pages: number;
}

/**
 * Prints the book on one paper size: once to learn where entries start, once more with those numbers in the contents.
 * The book is opened at an address under `site`, where the site's server serves the site (the server is not asked
 * for it: the browser is handed `html`), so the site's fonts are files of the document's own origin. A document
 * written into a blank page has no origin, and a browser loads a font from another origin only with CORS headers,
 * which a static host need not send: KaTeX's fonts failed there, and formulas printed in a fallback serif.
 */
export async function printBook(browser: Browser, paper: BookPaper, html: string, entries: readonly BookEntry[], site: string): Promise<PrintedBook> {
  const address = new URL('book-being-printed.html', site).href;
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.route(address, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(address, { waitUntil: 'load', timeout: 120_000 });
    // Waits for the fonts the laid-out text asked for; one that failed would print its text in a fallback font.
    const failed = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts]
        .filter((font) => font.status === 'error')
        .map((font) => [font.family, font.weight, font.style].filter((part) => part !== 'normal' && part !== '400').join(' '));
    });
    if (failed.length > 0)
      throw new Error(`the book's fonts did not load from ${new URL(address).origin} (${failed.join(', ')}): is the site's stylesheet naming fonts the build holds?`);
    // The first print only measures, so it paints nothing: untagged, without an outline or backgrounds, and every
    // element hidden. Hiding keeps each box where it is (visibility does not change layout), and Chromium writes a
    // named destination from a target's box, not its paint; the second print is checked against this one all the same.
    const hidden = await page.addStyleTag({ content: 'html * { visibility: hidden !important; }' });
    const first = await readPdfStructure(await page.pdf({ format: paper.format, printBackground: false, preferCSSPageSize: false }));
    await hidden.evaluate((style) => style.parentNode?.removeChild(style));
    const starts = new Map<string, number>();
    for (const entry of entries) {
      const start = first.destinations.get(entry.id);
      if (start === undefined) throw new Error(`the printed book has no destination for "${entry.title}" (#${entry.id}); is its heading id still in scripts/book/document.ts?`);
      starts.set(entry.id, start);
    }
    // The numbers go into the page already laid out, rather than into a new document: only the contents change.
    await page.evaluate((numbers) => {
      for (const link of document.querySelectorAll<HTMLAnchorElement>('.book-contents a[href^="#"]')) {
        const number = numbers[link.getAttribute('href')!.slice(1)];
        const slot = link.querySelector('.book-toc-page');
        if (slot && number !== undefined) slot.textContent = String(number);
      }
    }, Object.fromEntries(starts));
    const bytes = await page.pdf({ format: paper.format, printBackground: true, tagged: true, outline: true, preferCSSPageSize: false });
    const parsed = await PDFDocument.load(bytes, { updateMetadata: false });
    const second = pdfStructureOf(parsed);
    for (const entry of entries) {
      if (second.destinations.get(entry.id) !== starts.get(entry.id))
        throw new Error(
          `"${entry.title}" moved from page ${starts.get(entry.id)} to ${second.destinations.get(entry.id)} once the contents had page numbers; the contents' layout must not depend on them.`,
        );
    }
    return { bytes, document: parsed, pages: second.pages };
  } finally {
    await context.close();
  }
}
