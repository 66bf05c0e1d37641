/**
 * Prints the book's HTML with Chromium on one paper size. Page numbers in the
 * contents need a second print: the first tells where each entry starts
 * (Chromium writes a named destination for every link target, so for every
 * entry the contents link), the second prints the contents with those numbers.
 * The contents keep the same layout whatever the numbers are (a fixed-width
 * slot), and the second print is checked against the first.
 */
import type { Browser } from 'playwright-core';
import type { BookPaper } from '../../src/lib/bookDownloads';
import type { BookEntry } from './contents';
import { readPdfStructure } from './pdfStructure';

/** Prints the book on one paper size: once to learn where entries start, once more with those numbers in the contents. */
export async function printBook(browser: Browser, paper: BookPaper, html: string, entries: readonly BookEntry[]): Promise<{ bytes: Uint8Array; pages: number }> {
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate(() => document.fonts.ready);
    // The first print only measures: untagged and without an outline, which lay out the same pages faster.
    const first = await readPdfStructure(await page.pdf({ format: paper.format, printBackground: true, preferCSSPageSize: false }));
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
    const second = await readPdfStructure(bytes);
    for (const entry of entries) {
      if (second.destinations.get(entry.id) !== starts.get(entry.id))
        throw new Error(
          `"${entry.title}" moved from page ${starts.get(entry.id)} to ${second.destinations.get(entry.id)} once the contents had page numbers; the contents' layout must not depend on them.`,
        );
    }
    return { bytes, pages: second.pages };
  } finally {
    await context.close();
  }
}
