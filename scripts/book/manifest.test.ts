import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBookFile, formatSize, type BookManifest } from '../../src/lib/bookDownloads';
import { tempDirsRemovedAfterAll } from '../lib/tempDirs';
import { fillDownloadFacts, refreshPrecacheRevisions } from './manifest';

const MANIFEST: BookManifest = {
  edition: '2026-12-03',
  commit: 'abc',
  files: [
    { file: 'downloads/book-a4.pdf', kind: 'pdf', label: 'PDF, A4', bytes: 6_111_981, pages: 408 },
    { file: 'downloads/book.epub', kind: 'epub', label: 'EPUB', bytes: 912_345, chapters: 74 },
  ],
};

describe('fillDownloadFacts', () => {
  it('writes each file’s page count and size into its placeholder, quoted or not (the build minifies HTML)', () => {
    const html =
      '<li><a href=/downloads/book-a4.pdf download>PDF, A4</a> <span data-book-facts=downloads/book-a4.pdf></span><li><span data-book-facts="downloads/book.epub"></span>';
    expect(fillDownloadFacts(html, MANIFEST)).toBe(
      '<li><a href=/downloads/book-a4.pdf download>PDF, A4</a> <span data-book-facts=downloads/book-a4.pdf>(408 pages, 6.1 MB)</span><li><span data-book-facts="downloads/book.epub">(74 chapters, 912 kB)</span>',
    );
  });

  it('replaces figures from an earlier run instead of adding to them', () => {
    const once = fillDownloadFacts('<span data-book-facts="downloads/book.epub">(1 chapters, 1 kB)</span>', MANIFEST);
    expect(once).toBe('<span data-book-facts="downloads/book.epub">(74 chapters, 912 kB)</span>');
  });

  it('leaves a placeholder of a file it does not know alone', () => {
    const html = '<span data-book-facts="downloads/other.pdf"></span>';
    expect(fillDownloadFacts(html, MANIFEST)).toBe(html);
  });
});

describe('describeBookFile', () => {
  it('gives pages for a PDF, chapters for an EPUB, and a decimal size', () => {
    expect(describeBookFile({ bytes: 6_111_981, pages: 408 })).toBe('408 pages, 6.1 MB');
    expect(describeBookFile({ bytes: 912_345, chapters: 74 })).toBe('74 chapters, 912 kB');
    expect(formatSize(400)).toBe('1 kB');
  });
});

describe('refreshPrecacheRevisions', () => {
  const tempDir = tempDirsRemovedAfterAll();

  it('gives each rewritten page its new MD5 in the offline worker, and leaves every other entry as it was', async () => {
    const dir = await tempDir('book-precache-');
    mkdirSync(path.join(dir, 'architecture'));
    writeFileSync(path.join(dir, 'index.html'), '<p>(400 pages, 6.1 MB)</p>');
    writeFileSync(path.join(dir, 'architecture.html'), '<p>(401 pages, 6.2 MB)</p>');
    const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
    const worker =
      'self.__WB=[{"revision":"00000000000000000000000000000000","url":"index.html"},{"revision":"11111111111111111111111111111111","url":"architecture.html"},{"revision":"22222222222222222222222222222222","url":"other.html"}];';
    const refreshed = refreshPrecacheRevisions(worker, dir, ['index.html', 'architecture.html']);
    expect(refreshed).toContain(`{"revision":"${md5('<p>(400 pages, 6.1 MB)</p>')}","url":"index.html"}`);
    expect(refreshed).toContain(`{"revision":"${md5('<p>(401 pages, 6.2 MB)</p>')}","url":"architecture.html"}`);
    expect(refreshed).toContain('{"revision":"22222222222222222222222222222222","url":"other.html"}');
  });
});
