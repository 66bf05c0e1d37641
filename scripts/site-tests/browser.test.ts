/**
 * Every page of the production build (read from build/, so pages added later
 * are covered too), opened once in headless Chromium (reduced motion
 * preferred, so the switch of scheme paints at once) and checked in light
 * mode, then switched to dark mode in place and checked again: no console
 * error, no failed request, every Mermaid block drawn as an SVG at a readable
 * size, no KaTeX error, no serious or critical accessibility violation
 * (axe-core: every rule in light mode; in dark mode the colour rules, and every
 * rule on a sample of pages, as the switch is checked to leave the document as
 * it was outside the diagrams),
 * and JavaScript within the size budgets. While a page is open in
 * light mode its diagrams are measured at 1280 px (each fits its column, no
 * label under 11 px) and a question page is printed at the width of an A4
 * page; a sample is printed again from dark mode. On a 375 px wide phone,
 * nothing scrolls the page sideways: on every question page (each tab loads its
 * first one and a sample by address, and moves to the others within the site,
 * as a reader's taps do) and on the home, overview, tools, practice, cheat
 * sheet and references pages, loaded by address.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRACKS } from '../../src/content/tracks';
import { axeViolations, COLOUR_RULES } from '../lib/axe';
import { DIAGRAM_SVGS, gotoHydrated, openDoc, switchColorScheme, waitForDiagrams } from '../lib/browser';
import { entryScripts, jsOverruns, kib, readBudgets, summarise, weighPages, type PageScripts } from '../lib/pageWeight';
import { browserTabs, mapConcurrently } from '../lib/pool';
import { BUILD_DIR, builtPages, diagramsInBuiltPage, htmlFor, listFiles, PROJECT_ROOT } from './buildOutput';
import { setUpBuiltSite, type SiteQuestion } from './builtSite';
import { A4_CONTENT_WIDTH_PX, colourSchemeChanges, diagramFitProblems, printProblems, resizeInPlace } from './pageChecks';

const site = setUpBuiltSite();
const { content } = site;
const pages = builtPages();

const COLOR_SCHEMES = ['light', 'dark'] as const;
type ColorScheme = (typeof COLOR_SCHEMES)[number];

function pathOf(file: string): string {
  return `/${file
    .replace(/^docs\//, '')
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '')}`;
}

/** Diagrams of the page served at `urlPath`: its Mermaid blocks in docs/, or the diagrams its built HTML marks (pages not written in docs/). */
function diagramsOn(urlPath: string): number {
  const inSource = content.pages.find((p) => pathOf(p.file) === urlPath)?.source.match(/^```mermaid/gm)?.length ?? 0;
  return Math.max(inSource, diagramsInBuiltPage(urlPath));
}

function isQuestion(urlPath: string): boolean {
  return content.questions.some((q) => q.permalink === urlPath);
}

const DESKTOP = { width: 1280, height: 900 };
const A4_PAGE = { width: A4_CONTENT_WIDTH_PX, height: 1000 };
const questionAt = new Map(content.questions.map((q) => [q.permalink, q]));
// Every question page is printed from light mode; a sample is printed again from dark mode, where only the colours differ.
const printedInDark = new Set(content.questions.filter((_, i) => i % 8 === 0).map((q) => q.permalink));
// A switch of colour scheme restyles a page and leaves its document as it was (Mermaid redraws its diagrams
// with the same structure), so in dark mode every page gets axe-core's colour rules and a sample every rule.
// The every-page pass proves the first half of that on every page (darkChanges).
const fullyCheckedInDark = new Set(pages.filter((_, i) => i % 8 === 0));
/** The footer's offline-reading control (src/theme/Footer/Copyright), which renders once the browser is idle. */
const OFFLINE_CONTROL = 'section[aria-label="Offline reading"]';

/** Prints the open page at the width of an A4 page and returns to the desktop width. */
async function printAtA4(page: Page, q: SiteQuestion, scheme: ColorScheme): Promise<string[]> {
  await resizeInPlace(page, A4_PAGE);
  const found = await printProblems(page, { cites: q.frontMatter.references.length > 0, diagrams: q.source.match(/^```mermaid/gm)?.length ?? 0 });
  await resizeInPlace(page, DESKTOP);
  return found.map((p) => `${q.permalink} (${scheme}): ${p}`);
}

/** What one page showed in one colour scheme. */
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
}

interface PageVisit {
  path: string;
  light: PageCheck;
  dark: PageCheck;
  /** Every script the page executed in light mode (for the budgets). */
  scripts: string[];
  /** Diagrams measured at 1280 px in light mode: too wide for the column, scrolling, or labels under 11 px. */
  diagramFit: string[];
  /** What is wrong with a question page as it prints (from light mode, and from dark mode for a sample). */
  print: string[];
  /** What the switch to dark mode changed in the document outside the diagrams: nothing, or dark mode needs every axe-core rule. */
  darkChanges: string[];
}

/** Diagrams, formulas and accessibility (every axe-core rule, or only `rules`) of the page as it is now. */
async function inspect(page: Page, rules?: readonly string[]): Promise<Pick<PageCheck, 'mermaidSvgs' | 'mermaidErrors' | 'minDiagramScale' | 'katexErrors' | 'accessibility'>> {
  const drawn = await page.evaluate((selector) => {
    const svgs = [...document.querySelectorAll(selector)];
    return {
      mermaidSvgs: svgs.length,
      mermaidErrors: svgs.filter((svg) => /Syntax error/i.test(svg.textContent ?? '')).length,
      minDiagramScale: Math.min(1, ...svgs.map((svg) => svg.getBoundingClientRect().width / (Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width))),
      katexErrors: document.querySelectorAll('.katex-error').length,
    };
  }, DIAGRAM_SVGS);
  return { ...drawn, accessibility: await axeViolations(page, rules) };
}

/**
 * Opens every path once, in a few tabs at a time: checks it in light mode,
 * switches it to dark mode and checks it again.
 */
async function visitPages(paths: readonly string[]): Promise<PageVisit[]> {
  return mapConcurrently(paths, browserTabs(), {
    async setUp() {
      // Each tab in a browser context of its own (browser.newPage): Chromium runs the tabs of one context in one
      // renderer process, whose one main thread then took turns between them.
      // Reduced motion, as a reader may prefer: Infima's colour transitions take 0 s, so the switch to dark mode
      // paints its colours at once instead of over 200 ms of frames. The colours checked are the same: the
      // switch waited for the transitions to end before (switchColorScheme), and nothing else in the site's CSS
      // depends on the setting (checked below). About 8 % of the pass's time.
      const page = await site.browser.newPage({ colorScheme: 'light', viewport: DESKTOP, reducedMotion: 'reduce' });
      // Playwright reports a script served from the browser's cache as a request too, so each page's list
      // of scripts is complete with the cache on, and a page does not download and compile again what the
      // previous one in its tab ran.
      const tab = { page, visit: undefined as PageVisit | undefined, scheme: 'light' as ColorScheme };
      const current = (): PageCheck | undefined => tab.visit?.[tab.scheme];
      page.on('console', (message) => {
        if (message.type() === 'error') current()?.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => current()?.consoleErrors.push(error.message));
      page.on('requestfailed', (request) => {
        // Moving on to the next page aborts prefetches still in flight; that is not a failure.
        if (request.failure()?.errorText !== 'net::ERR_ABORTED') current()?.failedRequests.push(`${request.failure()?.errorText} ${request.url()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) current()?.failedRequests.push(`${response.status()} ${response.url()}`);
      });
      page.on('request', (request) => {
        if (tab.scheme === 'light' && tab.visit && request.resourceType() === 'script' && !tab.visit.scripts.includes(request.url())) tab.visit.scripts.push(request.url());
      });
      return tab;
    },
    async work(tab, urlPath) {
      const expected = diagramsOn(urlPath);
      const blank = (): PageCheck => ({
        path: urlPath,
        consoleErrors: [],
        failedRequests: [],
        mermaidBlocks: expected,
        mermaidSvgs: 0,
        mermaidErrors: 0,
        minDiagramScale: 1,
        katexErrors: 0,
        accessibility: [],
      });
      const visit: PageVisit = { path: urlPath, light: blank(), dark: blank(), scripts: [], diagramFit: [], print: [], darkChanges: [] };
      const question = questionAt.get(urlPath);
      tab.visit = visit;
      tab.scheme = 'light';
      // The previous page may have left the tab in dark mode.
      await tab.page.emulateMedia({ colorScheme: 'light' });
      await gotoHydrated(tab.page, `${site.server.url}${urlPath}`);
      await waitForDiagrams(tab.page, expected);
      // The footer's "Read offline" control renders when the browser is idle after loading: check the page with it.
      await tab.page.waitForSelector(OFFLINE_CONTROL, { state: 'attached', timeout: 10_000 }).catch(() => undefined);
      Object.assign(visit.light, await inspect(tab.page));
      await colourSchemeChanges(tab.page, 'remember');
      visit.diagramFit = await diagramFitProblems(tab.page);
      if (question) visit.print.push(...(await printAtA4(tab.page, question, 'light')));
      tab.scheme = 'dark';
      await switchColorScheme(tab.page, 'dark');
      visit.darkChanges = await colourSchemeChanges(tab.page, 'compare');
      Object.assign(visit.dark, await inspect(tab.page, fullyCheckedInDark.has(urlPath) ? undefined : COLOUR_RULES));
      if (question && printedInDark.has(urlPath)) visit.print.push(...(await printAtA4(tab.page, question, 'dark')));
      return visit;
    },
    async tearDown(tab) {
      tab.visit = undefined;
      await tab.page.close();
    },
  });
}

let visits: PageVisit[] = [];

// One pass does what a light and a dark pass of 900 s each did; a busy two-core machine needs that long.
beforeAll(async () => {
  visits = await visitPages(pages);
}, 1_800_000);

function report(results: PageCheck[], pick: (r: PageCheck) => unknown[]): string {
  return results
    .filter((r) => pick(r).length > 0)
    .map((r) => `${r.path}\n  ${pick(r).join('\n  ')}`)
    .join('\n');
}

describe.each(COLOR_SCHEMES)('every built page in %s mode', (colorScheme) => {
  const results = (): PageCheck[] => visits.map((v) => v[colorScheme]);

  it('covers every page of the build, the question pages among them', () => {
    expect(results().map((r) => r.path)).toEqual(pages);
    for (const q of content.questions) expect(pages, q.permalink).toContain(q.permalink);
  });

  it('loads without console errors or failed requests', () => {
    expect(report(results(), (r) => [...r.consoleErrors, ...r.failedRequests])).toBe('');
  });

  it('draws every diagram at a readable size and typesets every formula', () => {
    const problems = report(results(), (r) => [
      ...(r.mermaidSvgs < r.mermaidBlocks ? [`${r.mermaidSvgs} of ${r.mermaidBlocks} Mermaid diagram(s) drawn`] : []),
      ...(r.mermaidErrors ? [`${r.mermaidErrors} Mermaid error diagram(s)`] : []),
      ...(r.minDiagramScale < 11 / 16 - 0.005 ? [`a diagram is drawn at ${Math.round(r.minDiagramScale * 100)} % of its size`] : []),
      ...(r.katexErrors ? [`${r.katexErrors} KaTeX error(s)`] : []),
    ]);
    expect(problems).toBe('');
    expect(results().reduce((sum, r) => sum + r.mermaidSvgs, 0)).toBeGreaterThanOrEqual(30);
  });

  it(
    colorScheme === 'light'
      ? 'has no serious or critical accessibility violation (axe-core, every rule)'
      : "has no serious or critical accessibility violation (axe-core's colour rules; every rule on a sample of pages)",
    () => {
      expect(report(results(), (r) => r.accessibility)).toBe('');
    },
  );

  it.runIf(colorScheme === 'light')('ships JavaScript within the size budgets of scripts/budgets.json', () => {
    const pageScripts: PageScripts[] = visits.map((v) => ({ path: v.path, question: isQuestion(v.path), diagram: v.light.mermaidBlocks > 0, scripts: v.scripts }));
    const weights = weighPages(BUILD_DIR, pageScripts);
    expect(
      weights.every((w) => w.jsBytes > 0),
      'every page loads some JavaScript',
    ).toBe(true);
    // Pages run with the browser's cache on: each must still have recorded the scripts its HTML names, cached or not.
    const missing = visits.flatMap((v) => {
      const url = `${site.server.url}${v.path}`;
      return entryScripts([{ html: htmlFor(v.path), pageUrl: url }]).flatMap((src) => (v.scripts.includes(src) ? [] : [`${v.path}: ${src}`]));
    });
    expect(missing, 'scripts a page names in its HTML but that were not recorded as run').toEqual([]);
    const { budgets } = readBudgets(path.join(PROJECT_ROOT, 'scripts/budgets.json'));
    const summary = summarise(weights);
    const overruns = jsOverruns(weights, budgets);
    expect(overruns.join('\n'), `measured: question page ${kib(summary.questionPageJs)}, diagram extra ${kib(summary.diagramExtraJs)}, any page ${kib(summary.anyPageJs)}`).toBe(
      '',
    );
  });
});

/**
 * What the stylesheets say under a `prefers-reduced-motion` media query: how
 * many such queries they hold, how many of them were read here (a query with
 * an at-rule nested inside is not, so the test cannot pass by skipping it),
 * and every declaration inside the ones read.
 */
function reducedMotionRules(css: string): { queries: number; read: number; declarations: string[] } {
  const blocks = [...css.matchAll(/@media[^{]*prefers-reduced-motion[^{]*\{((?:[^{}]*\{[^{}]*\})*[^{}]*)\}/g)].map(([, body = '']) => body);
  return {
    queries: css.match(/prefers-reduced-motion/g)?.length ?? 0,
    read: blocks.length,
    // Selectors and braces out, declarations left (those of rules, and any written straight into the query).
    declarations: blocks.flatMap((body) =>
      body
        .replace(/[^{};]*\{/g, ';')
        .replace(/\}/g, ';')
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean),
    ),
  };
}

describe('dark mode, checked in place', () => {
  it('is reached with reduced motion preferred, which in the stylesheets only takes the transitions to 0 s', () => {
    const css = listFiles()
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const rules = reducedMotionRules(css);
    expect(rules.queries, 'the stylesheets have rules for reduced motion').toBeGreaterThan(0);
    expect(rules.read, 'every reduced-motion query is read').toBe(rules.queries);
    // Anything else (an animation turned off, an element hidden) would mean the pass checks pages as most readers never
    // see them. (The theme's scripts read the setting too, for the sidebar's and collapsible sections' opening animations,
    // which the pass never plays.)
    expect(rules.declarations.filter((d) => !/^--ifm-transition-(fast|slow):\s*0m?s$/.test(d))).toEqual([]);
    // The reading itself: minified or not, declarations in rules or straight in the query, and a nested at-rule counted.
    expect(reducedMotionRules('@media (prefers-reduced-motion:reduce){:root{--ifm-transition-fast:0s}.a{animation:none;opacity:1}}')).toEqual({
      queries: 1,
      read: 1,
      declarations: ['--ifm-transition-fast:0s', 'animation:none', 'opacity:1'],
    });
    expect(reducedMotionRules('.a{@media (prefers-reduced-motion: reduce){animation: none}}').declarations).toEqual(['animation: none']);
    expect(reducedMotionRules('@media (prefers-reduced-motion:reduce){@supports (x:y){.a{display:none}}}')).toMatchObject({ queries: 1, read: 0 });
  });

  it("leaves every page's document as it was in light mode, diagrams aside (the footer's offline control included)", () => {
    expect(visits.map((v) => v.path)).toEqual(pages);
    expect(visits.flatMap((v) => v.darkChanges.map((c) => `${v.path}: ${c}`)).join('\n')).toBe('');
  });

  it("runs axe-core's colour rules on every page, and every rule on a sample of each kind of page", () => {
    expect([...COLOUR_RULES].sort()).toEqual(expect.arrayContaining(['color-contrast', 'link-in-text-block']));
    const sample = pages.filter((p) => fullyCheckedInDark.has(p));
    expect(sample.some((p) => isQuestion(p) && diagramsOn(p) > 0)).toBe(true);
    expect(sample.some((p) => p.startsWith('/tags/'))).toBe(true);
    expect(sample.some((p) => !isQuestion(p) && !p.startsWith('/tags/'))).toBe(true);
    expect(sample.length).toBeGreaterThanOrEqual(Math.floor(pages.length / 8));
  });
});

describe('every diagram on a 1280 px desktop', () => {
  it('fits its column with no sideways scrolling and no label under 11 px', () => {
    expect(visits.filter((v) => v.light.mermaidBlocks > 0).length, 'pages with a diagram').toBeGreaterThanOrEqual(30);
    const problems = visits.flatMap((v) => v.diagramFit.map((p) => `${v.path}: ${p}`));
    expect(problems.join('\n'), 'redraw it narrower (top-down, shorter labels, or two diagrams); see the diagram-wide warning of npm run validate').toBe('');
  });
});

describe('question pages printed from light and dark mode, at the width of an A4 page', () => {
  it('hide the site chrome, wrap code, fit diagrams to the page and keep the references', () => {
    expect(printedInDark.size).toBeGreaterThan(1);
    expect(visits.filter((v) => questionAt.has(v.path)).length).toBe(content.questions.length);
    expect(visits.flatMap((v) => v.print)).toEqual([]);
  });
});

/**
 * What is wrong with the navbar at `width`: items overlapping, a second line, an item past the edge, a title
 * cut without an ellipsis. With `searchFocused`, once the search box has taken the focus (and widened for it).
 */
async function navbarProblems(width: number, { phone = false, searchFocused = false } = {}): Promise<string[]> {
  const page = await site.browser.newPage({ viewport: { width, height: 800 }, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  try {
    await gotoHydrated(page, `${site.server.url}/llm-systems`);
    if (searchFocused) {
      await page.focus('.navbar__search-input');
      await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    }
    const { boxes, title } = await page.evaluate(() => {
      const shown = [...document.querySelectorAll('.navbar__inner .navbar__toggle, .navbar__inner .navbar__item, .navbar__inner .navbar__search, .navbar__brand')]
        .map((el) => ({ name: (el.textContent ?? '').trim() || el.className, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0)
        .map(({ name, box }) => ({ name, left: box.left, right: box.right, top: box.top, bottom: box.bottom }));
      const t = document.querySelector<HTMLElement>('.navbar__title');
      const style = t && getComputedStyle(t);
      return {
        boxes: shown,
        title: t && style?.display !== 'none' ? { cut: t.scrollWidth > t.clientWidth, ellipsis: style!.textOverflow === 'ellipsis' && style!.overflow === 'hidden' } : undefined,
      };
    });
    const problems: string[] = [];
    const sorted = boxes.sort((a, b) => a.left - b.left);
    for (const [a, b] of sorted.slice(1).map((b, i) => [sorted[i]!, b] as const)) {
      if (a.right > b.left + 1) problems.push(`${width} px: "${a.name}" overlaps "${b.name}"`);
    }
    // On one line, every item shares some height with every other (they differ in height and are centred).
    if (Math.max(...sorted.map((b) => b.top)) >= Math.min(...sorted.map((b) => b.bottom))) problems.push(`${width} px: the navbar wraps onto two lines`);
    const last = sorted.at(-1);
    if (last && last.right > width) problems.push(`${width} px: "${last.name}" ends at ${Math.round(last.right)} px`);
    if (title?.cut && !title.ellipsis) problems.push(`${width} px: the title is cut with no ellipsis`);
    if (searchFocused) return problems.map((p) => `${p} (search box focused)`);
    return problems;
  } finally {
    await page.close();
  }
}

describe('the navbar', () => {
  it('keeps every link and the search box on one line, none overlapping another, from 997 px up', async () => {
    const problems = await mapConcurrently([997, 1100, 1200, 1280, 1440], browserTabs(), { setUp: async () => undefined, work: (_, width) => navbarProblems(width) });
    expect(problems.flat().join('\n')).toBe('');
  });

  it('on a phone or tablet keeps the menu button, the title and the search box apart, the search box focused or not, the title ending in an ellipsis where it is cut', async () => {
    const cases = [320, 375, 414, 600, 996].flatMap((width) => [false, true].map((searchFocused) => ({ width, searchFocused })));
    const problems = await mapConcurrently(cases, browserTabs(), {
      setUp: async () => undefined,
      work: (_, { width, searchFocused }) => navbarProblems(width, { phone: true, searchFocused }),
    });
    expect(problems.flat().join('\n')).toBe('');
  });
});

describe('on a 375 px wide phone', () => {
  it('no page scrolls sideways (questions, home, overviews, calculators, practice, cheat sheet): tables, code, formulas and diagrams scroll inside their own boxes', async () => {
    const fixedPages = ['/', ...TRACKS.map((t) => `/${t.slug}`), '/tools', '/practice', '/cheat-sheet', '/references'];
    const pages = [...content.questions.map((q) => q.permalink), ...fixedPages];
    const titles = new Map(content.questions.map((q) => [q.permalink, q.frontMatter.title]));
    const loadedAtPhoneWidth = new Set(content.questions.filter((_, i) => i % 8 === 4).map((q) => q.permalink));
    const overflows = await mapConcurrently(pages, browserTabs(), {
      // A browser context per tab, as in the every-page pass.
      setUp: () => site.browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
      async work(page, permalink) {
        // Once the site runs in the tab, a question page opens as a reader's tap on a link opens it, but for one in
        // eight, loaded by its address at this width as the others are (the every-page pass loads every page at 1280 px).
        const url = `${site.server.url}${permalink}`;
        const title = titles.get(permalink);
        if (title && !loadedAtPhoneWidth.has(permalink)) await openDoc(page, url);
        else await gotoHydrated(page, url);
        // The heading shows that the page asked for is the one rendered (the address changes before the page does).
        if (title) expect(await page.locator('article h1').first().textContent()).toBe(title);
        else expect(new URL(page.url()).pathname).toBe(permalink);
        await waitForDiagrams(page, diagramsOn(permalink));
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
        return overflow ? `${permalink}: ${overflow}` : undefined;
      },
      tearDown: (page) => page.close(),
    });
    expect(content.questions.length).toBeGreaterThan(0);
    expect(overflows.filter(Boolean).join('\n')).toBe('');
  }, 600_000);
});
