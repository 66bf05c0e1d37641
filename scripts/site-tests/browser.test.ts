/**
 * Every page of the production build, opened in headless Chromium in light
 * and dark mode: no console error, no failed request, every Mermaid block
 * drawn as an SVG at a readable size, no KaTeX error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { validateContent, type ValidationResult } from '../validate/index';
import { launchChromium } from '../lib/browser';
import { serveDirectory, type StaticServer } from '../lib/staticServer';
import { assertBuilt, BUILD_DIR } from './buildOutput';

let browser: Browser;
let server: StaticServer;
let content: ValidationResult;

beforeAll(async () => {
  assertBuilt();
  content = await validateContent();
  server = await serveDirectory(BUILD_DIR);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface PageCheck {
  path: string;
  consoleErrors: string[];
  failedRequests: string[];
  mermaidBlocks: number;
  mermaidSvgs: number;
  mermaidErrors: number;
  /** Smallest drawn-to-natural width ratio of the page's diagrams: below about 0.7 labels get too small to read. */
  minDiagramScale: number;
  katexErrors: number;
}

async function checkPages(paths: string[], colorScheme: 'light' | 'dark'): Promise<PageCheck[]> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const results: PageCheck[] = [];
  let current: PageCheck | undefined;
  page.on('console', (message) => {
    if (message.type() === 'error' && current) current.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => current?.consoleErrors.push(error.message));
  page.on('requestfailed', (request) => {
    // Moving on to the next page aborts prefetches still in flight; that is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') current?.failedRequests.push(`${request.failure()?.errorText} ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && current) current.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  for (const path of paths) {
    current = { path, consoleErrors: [], failedRequests: [], mermaidBlocks: 0, mermaidSvgs: 0, mermaidErrors: 0, minDiagramScale: 1, katexErrors: 0 };
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    const expected = content.pages.find((p) => p.source && pathOf(p.file) === path)?.source.match(/^```mermaid/gm)?.length ?? 0;
    current.mermaidBlocks = expected;
    if (expected > 0) {
      await page.waitForFunction((n) => document.querySelectorAll('.docusaurus-mermaid-container svg').length >= n, expected, { timeout: 15_000 }).catch(() => undefined);
    }
    Object.assign(
      current,
      await page.evaluate(() => ({
        mermaidSvgs: document.querySelectorAll('.docusaurus-mermaid-container svg').length,
        mermaidErrors: [...document.querySelectorAll('.docusaurus-mermaid-container svg')].filter((svg) => /Syntax error/i.test(svg.textContent ?? '')).length,
        minDiagramScale: Math.min(
          1,
          ...[...document.querySelectorAll('.docusaurus-mermaid-container svg')].map(
            (svg) => svg.getBoundingClientRect().width / (Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width),
          ),
        ),
        katexErrors: document.querySelectorAll('.katex-error').length,
      })),
    );
    results.push(current);
  }
  await context.close();
  return results;
}

function pathOf(file: string): string {
  return `/${file.replace(/^docs\//, '').replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '')}`;
}

function allPaths(): string[] {
  return ['/', '/validation-report', ...content.pages.map((p) => pathOf(p.file))];
}

describe.each(['light', 'dark'] as const)('every page in %s mode', (colorScheme) => {
  it('loads without console errors or failed requests, draws every diagram and typesets every formula', async () => {
    const results = await checkPages(allPaths(), colorScheme);
    const broken = results.filter(
      (r) => r.consoleErrors.length || r.failedRequests.length || r.mermaidSvgs < r.mermaidBlocks || r.mermaidErrors || r.minDiagramScale < 0.69 || r.katexErrors,
    );
    expect(broken, JSON.stringify(broken, null, 2)).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.mermaidSvgs, 0)).toBeGreaterThanOrEqual(30);
  }, 600_000);
});
