/**
 * The size budgets of scripts/budgets.json on the production build, read
 * from the files alone (no browser): the whole build, and the JavaScript each
 * page names in its HTML, gzipped. The browser test adds what pages load
 * while they run (route chunks, Mermaid) to the same budgets.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../src/content/report';
import {
  bookOverruns,
  bookSizes,
  buildOverrun,
  buildSize,
  entryBytes,
  entryScripts,
  entryStylesheets,
  isBookFile,
  jsOverruns,
  KIB,
  kib,
  MIB,
  readBudgets,
  scriptUrlsInHtml,
  searchIndexBytes,
  searchIndexOverrun,
  weighPages,
  type BudgetsFile,
  type PageScripts,
} from '../lib/pageWeight';
import { assertBuilt, BUILD_DIR, builtPages, builtPagesHtml, htmlFor, listFiles, PROJECT_ROOT } from './buildOutput';

let budgets: BudgetsFile;

beforeAll(() => {
  assertBuilt();
  budgets = readBudgets(path.join(PROJECT_ROOT, 'scripts/budgets.json'));
});

describe('size budgets of the build (scripts/budgets.json)', () => {
  it('keeps the whole build but the book, every file uncompressed, within buildTotalMiB', () => {
    const bytes = buildSize(listFiles().filter((f) => !isBookFile(f)));
    expect(bytes, 'the build is not empty').toBeGreaterThan(MIB);
    expect(buildOverrun(bytes, budgets.budgets) ?? '', `build/ holds ${(bytes / MIB).toFixed(2)} MiB`).toBe('');
  });

  it('keeps the book within bookPdfMiB (each PDF) and bookEpubMiB', () => {
    const sizes = bookSizes(listFiles());
    expect(sizes.pdfBytes, 'the book step wrote its PDFs').toBeGreaterThan(MIB);
    expect(sizes.epubBytes, 'the book step wrote its EPUB').toBeGreaterThan(100 * KIB);
    expect(bookOverruns(sizes, budgets.budgets)).toEqual([]);
  });

  it('keeps the search index a first search downloads (gzipped) within searchIndexKiB', () => {
    const bytes = searchIndexBytes(listFiles());
    expect(bytes, 'the build has a search index').toBeGreaterThan(100 * KIB);
    expect(searchIndexOverrun(bytes, budgets.budgets) ?? '').toBe('');
  });

  it('keeps the JavaScript every page loads first (runtime and main, gzipped) within entryJsKiB', () => {
    const entry = entryScripts(builtPagesHtml());
    expect(entry.length, 'every page runs the same entry scripts').toBeGreaterThanOrEqual(2);
    const bytes = entryBytes(BUILD_DIR, entry);
    expect(
      bytes,
      `${entry.map((u) => u.split('/').pop()).join(' + ')} weigh ${kib(bytes)}, over the entryJsKiB budget of ${budgets.budgets.entryJsKiB} KiB: look inside main.js for what grew before raising it (README, "Size budgets")`,
    ).toBeLessThanOrEqual(budgets.budgets.entryJsKiB * KIB);
  });

  it('keeps the CSS every page loads before it paints (gzipped) within entryCssKiB', () => {
    const stylesheets = entryStylesheets(builtPagesHtml());
    expect(stylesheets.length, 'every page links the same stylesheet').toBeGreaterThanOrEqual(1);
    const bytes = entryBytes(BUILD_DIR, stylesheets);
    expect(
      bytes,
      `${stylesheets.map((u) => u.split('/').pop()).join(' + ')} weigh ${kib(bytes)}, over the entryCssKiB budget of ${budgets.budgets.entryCssKiB} KiB: look for what grew (an inlined font or image is a data: URL) before raising it`,
    ).toBeLessThanOrEqual(budgets.budgets.entryCssKiB * KIB);
  });

  it('keeps the JavaScript every page names in its HTML (gzipped) within the page budgets', () => {
    const report = JSON.parse(readFileSync(path.join(BUILD_DIR, 'validation-report.json'), 'utf8')) as ValidationReport;
    const questions = new Map(report.questions.map((q) => [q.permalink, q]));
    const pages: PageScripts[] = builtPages().map((urlPath) => ({
      path: urlPath,
      question: questions.has(urlPath),
      diagram: questions.get(urlPath)?.hasDiagram ?? false,
      scripts: scriptUrlsInHtml(htmlFor(urlPath), `http://localhost${urlPath}`),
    }));
    const weights = weighPages(BUILD_DIR, pages);
    expect(weights.length).toBeGreaterThan(questions.size);
    expect(
      weights.filter((w) => w.jsBytes === 0).map((w) => w.path),
      'every page names its scripts',
    ).toEqual([]);
    expect(jsOverruns(weights, budgets.budgets).join('\n'), `largest page: ${kib(Math.max(...weights.map((w) => w.jsBytes)))}`).toBe('');
  });
});
