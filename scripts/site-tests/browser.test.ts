/**
 * Every page of the production build (read from build/, so pages added later
 * are covered too), opened in headless Chromium in light and dark mode: no
 * console error, no failed request, every Mermaid block drawn as an SVG at a
 * readable size, no KaTeX error, no serious or critical accessibility
 * violation (axe-core), and JavaScript within the size budgets. Question
 * pages are also opened on a 375 px wide phone: nothing scrolls the page
 * sideways.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../lib/axe';
import { gotoHydrated, launchChromium } from '../lib/browser';
import { jsOverruns, kib, readBudgets, summarise, weighPages, type PageScripts } from '../lib/pageWeight';
import { serveDirectory, type StaticServer } from '../lib/staticServer';
import { PROJECT_ROOT, validateContent, type ValidationResult } from '../validate/index';
import { assertBuilt, BUILD_DIR, builtPages } from './buildOutput';

let browser: Browser;
let server: StaticServer;
let content: ValidationResult;
let pages: string[];

beforeAll(async () => {
  assertBuilt();
  content = await validateContent();
  pages = builtPages();
  server = await serveDirectory(BUILD_DIR);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function pathOf(file: string): string {
  return `/${file
    .replace(/^docs\//, '')
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '')}`;
}

/** Mermaid blocks in the source of the page served at `urlPath` (0 for pages not written in docs/). */
function diagramsOn(urlPath: string): number {
  return content.pages.find((p) => pathOf(p.file) === urlPath)?.source.match(/^```mermaid/gm)?.length ?? 0;
}

function isQuestion(urlPath: string): boolean {
  return content.questions.some((q) => q.permalink === urlPath);
}

interface PageCheck {
  path: string;
  consoleErrors: string[];
  failedRequests: string[];
  mermaidBlocks: number;
  mermaidSvgs: number;
  mermaidErrors: number;
  /** Smallest drawn-to-natural width ratio of the page's diagrams: below 11/16 Mermaid's 16 px labels fall under 11 px (diagrams.test.ts measures the labels). */
  minDiagramScale: number;
  katexErrors: number;
  /** Serious and critical axe-core violations, one line each. */
  accessibility: string[];
  /** Every script the page executed (recorded with the cache off, for the budgets). */
  scripts: string[];
}

/** Wait until the page's diagrams are drawn, so checks see the final page. */
async function waitForDiagrams(page: Page, expected: number): Promise<void> {
  if (expected === 0) return;
  await page.waitForFunction((n) => document.querySelectorAll('.docusaurus-mermaid-container svg').length >= n, expected, { timeout: 15_000 }).catch(() => undefined);
}

/** Pages are checked in this many tabs at once: Chromium renders each tab in its own process. */
const TABS = Math.max(1, Number(process.env.BROWSER_TABS) || Math.min(4, availableParallelism()));

async function checkPages(paths: string[], colorScheme: 'light' | 'dark', options: { recordScripts: boolean }): Promise<PageCheck[]> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const results: PageCheck[] = new Array<PageCheck>(paths.length);
  let next = 0;

  async function tab(): Promise<void> {
    const page = await context.newPage();
    if (options.recordScripts) {
      // With the cache off every page requests all the scripts it runs, so each page's weight is complete.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }
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
    page.on('request', (request) => {
      if (options.recordScripts && request.resourceType() === 'script' && current && !current.scripts.includes(request.url())) current.scripts.push(request.url());
    });
    for (let index = next++; index < paths.length; index = next++) {
      const urlPath = paths[index]!;
      const expected = diagramsOn(urlPath);
      current = {
        path: urlPath,
        consoleErrors: [],
        failedRequests: [],
        mermaidBlocks: expected,
        mermaidSvgs: 0,
        mermaidErrors: 0,
        minDiagramScale: 1,
        katexErrors: 0,
        accessibility: [],
        scripts: [],
      };
      await gotoHydrated(page, `${server.url}${urlPath}`);
      await waitForDiagrams(page, expected);
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
      current.accessibility = await axeViolations(page);
      results[index] = current;
    }
    await page.close();
  }

  await Promise.all(Array.from({ length: Math.min(TABS, paths.length) }, () => tab()));
  await context.close();
  return results;
}

function report(results: PageCheck[], pick: (r: PageCheck) => unknown[]): string {
  return results
    .filter((r) => pick(r).length > 0)
    .map((r) => `${r.path}\n  ${pick(r).join('\n  ')}`)
    .join('\n');
}

describe.each(['light', 'dark'] as const)('every built page in %s mode', (colorScheme) => {
  let results: PageCheck[] = [];

  beforeAll(async () => {
    results = await checkPages(pages, colorScheme, { recordScripts: colorScheme === 'light' });
  }, 900_000);

  it('covers every page of the build, the question pages among them', () => {
    expect(results.map((r) => r.path)).toEqual(pages);
    for (const q of content.questions) expect(pages, q.permalink).toContain(q.permalink);
  });

  it('loads without console errors or failed requests', () => {
    expect(report(results, (r) => [...r.consoleErrors, ...r.failedRequests])).toBe('');
  });

  it('draws every diagram at a readable size and typesets every formula', () => {
    const problems = report(results, (r) => [
      ...(r.mermaidSvgs < r.mermaidBlocks ? [`${r.mermaidSvgs} of ${r.mermaidBlocks} Mermaid diagram(s) drawn`] : []),
      ...(r.mermaidErrors ? [`${r.mermaidErrors} Mermaid error diagram(s)`] : []),
      ...(r.minDiagramScale < 11 / 16 - 0.005 ? [`a diagram is drawn at ${Math.round(r.minDiagramScale * 100)} % of its size`] : []),
      ...(r.katexErrors ? [`${r.katexErrors} KaTeX error(s)`] : []),
    ]);
    expect(problems).toBe('');
    expect(results.reduce((sum, r) => sum + r.mermaidSvgs, 0)).toBeGreaterThanOrEqual(30);
  });

  it('has no serious or critical accessibility violation (axe-core)', () => {
    expect(report(results, (r) => r.accessibility)).toBe('');
  });

  it.runIf(colorScheme === 'light')('ships JavaScript within the size budgets of scripts/budgets.json', () => {
    const pageScripts: PageScripts[] = results.map((r) => ({ path: r.path, question: isQuestion(r.path), diagram: r.mermaidBlocks > 0, scripts: r.scripts }));
    const weights = weighPages(BUILD_DIR, pageScripts);
    expect(
      weights.every((w) => w.jsBytes > 0),
      'every page loads some JavaScript',
    ).toBe(true);
    const { budgets } = readBudgets(path.join(PROJECT_ROOT, 'scripts/budgets.json'));
    const summary = summarise(weights);
    const overruns = jsOverruns(weights, budgets);
    expect(overruns.join('\n'), `measured: question page ${kib(summary.questionPageJs)}, diagram extra ${kib(summary.diagramExtraJs)}, any page ${kib(summary.anyPageJs)}`).toBe(
      '',
    );
  });
});

describe('on a 375 px wide phone', () => {
  let context: BrowserContext;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  });

  afterAll(async () => {
    await context?.close();
  });

  it('no question page scrolls sideways: tables, code, formulas and diagrams scroll inside their own boxes', async () => {
    const page = await context.newPage();
    const wide: string[] = [];
    for (const q of content.questions) {
      await gotoHydrated(page, `${server.url}${q.permalink}`);
      await waitForDiagrams(page, diagramsOn(q.permalink));
      const overflow = await page.evaluate(() => {
        const viewport = document.documentElement.clientWidth;
        const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
        if (scrollWidth <= viewport) return undefined;
        // Name the outermost element that sticks out and is not inside a scrolling box, so the fix is obvious.
        const clipped = (el: Element): boolean => {
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
          }
          return false;
        };
        const culprit = [...document.querySelectorAll('body *')].find((el) => el.getBoundingClientRect().right > viewport + 1 && !clipped(el));
        const name = culprit
          ? `${culprit.tagName.toLowerCase()}${culprit.className && typeof culprit.className === 'string' ? `.${culprit.className.trim().split(/\s+/).join('.')}` : ''}`
          : 'unknown';
        return `page is ${scrollWidth} px wide in a ${viewport} px viewport; first element past the edge: ${name}`;
      });
      if (overflow) wide.push(`${q.permalink}: ${overflow}`);
    }
    await page.close();
    expect(content.questions.length).toBeGreaterThan(0);
    expect(wide.join('\n')).toBe('');
  }, 600_000);
});
