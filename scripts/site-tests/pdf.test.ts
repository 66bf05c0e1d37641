/**
 * The printable cheat sheet: the PDFs that `npm run build` (scripts/pdf.ts)
 * writes next to the site, read back with poppler. Every formula family, every
 * price and dollar figure, on the right paper, within two pages, fonts embedded.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHEAT_SHEET_FIGURES } from '../../src/lib/formulas';
import { CHEAT_SHEET_MAX_PAGES, CHEAT_SHEET_PDFS, CHEAT_SHEET_ROUTE } from '../../src/lib/cheatSheetPdf';
import { assertBuilt, BUILD_DIR, decodeEntities, htmlFor, metaContent } from './buildOutput';
import { meanGrey, pdfFonts, pdfInfo, pdfLinks, pdfText } from './poppler';

beforeAll(() => {
  assertBuilt();
  for (const pdf of CHEAT_SHEET_PDFS) {
    if (!existsSync(path.join(BUILD_DIR, pdf.file)))
      throw new Error(`${pdf.file} is missing from build/: "npm run build" writes it (or run "npm run pdf" after "docusaurus build").`);
  }
});

/** What page 1 must carry: one phrase per formula family. */
const FORMULA_FAMILIES = {
  'Latency and throughput': ['Single-thread ceiling', 'With concurrency', 'Tail, rule of thumb', "Little's law", 'Replicas'],
  'Model memory and compute': ['Weights', 'KV cache', 'Total', 'Forward pass', 'Training'],
  Drift: ['PSI', 'KL divergence', 'Jensen-Shannon'],
  'Cloud cost': ['Monthly', 'Per request'],
  Availability: ['MTBF', 'MTTR', 'Series', 'Parallel redundancy', 'Downtime per year'],
};

/** Each group's heading and the last figure of the group: on the same page, the group was not cut. */
const GROUP_ENDS: [string, string][] = [
  ['Latency and throughput', CHEAT_SHEET_FIGURES.replicas.text],
  ['Model memory and compute', CHEAT_SHEET_FIGURES.training7b.text],
  ['Drift', CHEAT_SHEET_FIGURES.jsExample.text],
  ['Cloud cost', CHEAT_SHEET_FIGURES.costPerRequest.text],
  ['Availability', 'Downtime per year'],
  ['Scaling rules of thumb', CHEAT_SHEET_FIGURES.batchedLatency.text],
  ['The six-step whiteboard method', "the handbook's calculators"],
];

const DOLLAR_FIGURES = [
  'priceGpuOnDemand',
  'priceGpuSpot',
  'priceVcpu',
  'priceStorage',
  'priceEgress',
  'costGpu',
  'costCpu',
  'costStorage',
  'costEgress',
  'costTotal',
  'costPerRequest',
] as const;

describe.each(CHEAT_SHEET_PDFS)('the $paper cheat-sheet PDF', (pdf) => {
  const file = path.join(BUILD_DIR, pdf.file);

  it(`is on ${pdf.paper} paper and has at most ${CHEAT_SHEET_MAX_PAGES} pages`, () => {
    const info = pdfInfo(file);
    expect(info.pages).toBeGreaterThanOrEqual(1);
    expect(info.pages).toBeLessThanOrEqual(CHEAT_SHEET_MAX_PAGES);
    // Chromium rounds the page box to whole CSS pixels: within 1.5 pt of the paper size.
    expect(Math.abs(info.widthPt - pdf.widthPt)).toBeLessThan(1.5);
    expect(Math.abs(info.heightPt - pdf.heightPt)).toBeLessThan(1.5);
  });

  it('has its title, and the page description as its subject', () => {
    const info = pdfInfo(file);
    expect(info.title).toBe(`AI architecture cheat sheet (${pdf.paper})`);
    const description = decodeEntities(metaContent(htmlFor(CHEAT_SHEET_ROUTE), 'name', 'description') ?? '');
    expect(description.length).toBeGreaterThan(50);
    expect(info.subject).toBe(description);
    expect(info.tagged).toBe(true);
  });

  it('embeds every font, KaTeX math fonts included', () => {
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(2);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => f.name.includes('KaTeX_Main'))).toBe(true);
  });

  it('has every formula family on page 1', () => {
    const page1 = pdfText(file, 1);
    for (const [family, phrases] of Object.entries(FORMULA_FAMILIES)) {
      expect(page1, family).toContain(family);
      for (const phrase of phrases) expect(page1, `${family}: ${phrase}`).toContain(phrase);
    }
  });

  it('keeps each group whole on one page', () => {
    const pages = Array.from({ length: pdfInfo(file).pages }, (_, i) => pdfText(file, i + 1));
    for (const [heading, end] of GROUP_ENDS) {
      const page = pages.findIndex((text) => text.includes(heading));
      expect(page, heading).toBeGreaterThanOrEqual(0);
      expect(pages[page], `${heading} ends with "${end}" on the same page`).toContain(end);
    }
  });

  it('shows every price and dollar figure as selectable text, and the worked examples', () => {
    const text = pdfText(file);
    for (const id of DOLLAR_FIGURES) {
      expect(CHEAT_SHEET_FIGURES[id].text, id).toMatch(/^\$/);
      expect(text, id).toContain(CHEAT_SHEET_FIGURES[id].text);
    }
    for (const id of ['weights7b', 'kv7b', 'total7b', 'flops7b2048', 'downtime999Year', 'parallel99x2', 'psiExample'] as const) {
      expect(text, id).toContain(CHEAT_SHEET_FIGURES[id].text);
    }
  });

  it('has a footer with the handbook URL and the content date on every page', () => {
    const html = htmlFor(CHEAT_SHEET_ROUTE);
    const date = /<time[^>]*datetime="?(\d{4}-\d{2}-\d{2})/i.exec(html)?.[1];
    expect(date, 'the page shows its last-updated date').toBeDefined();
    const pages = pdfInfo(file).pages;
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(file, page);
      expect(text).toContain('ai-architecture-handbook.github.io/cheat-sheet');
      expect(text).toContain(`Content of ${date}`);
      expect(text).toContain(`page ${page} of ${pages}`);
    }
  });

  it('prints no navbar, sidebar, footer, buttons or calculators', () => {
    const text = pdfText(file);
    for (const chrome of [
      'Edit this page',
      'Last updated',
      'Validation report',
      'Architecture Q&A',
      'GitHub',
      'PDF, A4',
      'Link to this scenario',
      'GPU memory calculator',
      'Skip to main content',
    ]) {
      expect(text, chrome).not.toContain(chrome);
    }
  });

  it('is printed in the light theme: the pages are mostly white', () => {
    expect(meanGrey(file, 1)).toBeGreaterThan(200);
  });

  it('links to the published handbook, never to the local server used to print it', () => {
    const links = pdfLinks(file);
    expect(links.map((l) => l.url)).toEqual(
      expect.arrayContaining(['https://ai-architecture-handbook.github.io/architect-interview/whiteboard-method', 'https://ai-architecture-handbook.github.io/tools']),
    );
    for (const link of links) expect(link.url).toMatch(/^https:\/\/ai-architecture-handbook\.github\.io\//);
  });
});

describe('the cheat-sheet page', () => {
  it('offers both PDFs for download', () => {
    const html = htmlFor(CHEAT_SHEET_ROUTE);
    for (const pdf of CHEAT_SHEET_PDFS) expect(html, pdf.file).toMatch(new RegExp(`href="?/${pdf.file.replace(/[.]/g, '\\.')}"?[^>]*download`));
  });
});
