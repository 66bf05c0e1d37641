/**
 * Any question page prints cleanly (the browser's Ctrl+P uses the same print
 * styles as the PDF): in print media at the width of an A4 page, no site
 * chrome, code wraps instead of being cut, diagrams fit the page width, and
 * the references are still there. Every page is printed from light mode; a
 * sample, where only the colours differ, is then switched to dark mode in
 * place and printed again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_SVGS, gotoHydrated, switchColorScheme, waitForDiagrams } from '../lib/browser';
import { browserTabs, mapConcurrently } from '../lib/pool';
import { setUpBuiltSite } from './builtSite';

/** A4 minus 10 mm margins, in CSS pixels (96 per inch). */
const A4_CONTENT_WIDTH_PX = Math.round(((210 - 20) / 25.4) * 96);

const site = setUpBuiltSite();

/** What is wrong with the page as it prints now, one line each. */
async function printProblems(page: Page, { cites, diagrams }: { cites: boolean; diagrams: number }): Promise<string[]> {
  const drawn = await page.locator(DIAGRAM_SVGS).count();
  await page.emulateMedia({ media: 'print' });
  const found = await page.evaluate((cites) => {
    const out: string[] = [];
    const shown = (el: Element | null) => el !== null && getComputedStyle(el).display !== 'none' && (el as HTMLElement).offsetParent !== null;
    for (const selector of ['.navbar', '.theme-doc-sidebar-container', '.footer', '.pagination-nav', '.theme-edit-this-page']) {
      if (shown(document.querySelector(selector))) out.push(`${selector} is printed`);
    }
    const article = document.querySelector('article');
    const width = article?.getBoundingClientRect().width ?? 0;
    for (const pre of document.querySelectorAll('article pre')) {
      if (getComputedStyle(pre).whiteSpace !== 'pre-wrap') out.push('a code block does not wrap');
      if (pre.scrollWidth > pre.clientWidth + 1) out.push(`a code block is cut: ${pre.scrollWidth}px of content in ${pre.clientWidth}px`);
    }
    for (const svg of document.querySelectorAll('.docusaurus-mermaid-container svg')) {
      const drawn = svg.getBoundingClientRect().width;
      if (drawn > width + 1) out.push(`a diagram is ${Math.round(drawn)}px wide on a ${Math.round(width)}px page`);
    }
    const references = document.getElementById('references');
    if (cites && (!shown(references) || !shown(references?.nextElementSibling ?? null))) out.push('the references are not printed');
    const bodyColor = getComputedStyle(document.querySelector('.markdown') ?? document.body).color;
    const [r = 0, g = 0, b = 0] = bodyColor.match(/\d+/g)!.map(Number);
    if (r + g + b > 3 * 128) out.push(`text prints in a light colour (${bodyColor}) on white paper`);
    return out;
  }, cites);
  await page.emulateMedia({ media: 'screen' });
  return drawn < diagrams ? [`only ${drawn} of ${diagrams} diagram(s) are drawn`, ...found] : found;
}

describe('question pages printed from light and dark mode', () => {
  it('hide the site chrome, wrap code, fit diagrams to the page and keep the references', async () => {
    const context = await site.browser.newContext({ colorScheme: 'light', viewport: { width: A4_CONTENT_WIDTH_PX, height: 1000 } });
    const questions = site.content.questions;
    // Every page in light mode; a sample in dark mode, where only the colours differ.
    const inDark = new Set(questions.filter((_, i) => i % 8 === 0));
    const problems = await mapConcurrently(questions, browserTabs(), {
      setUp: () => context.newPage(),
      async work(page, q) {
        await page.emulateMedia({ colorScheme: 'light', media: 'screen' });
        await gotoHydrated(page, `${site.server.url}${q.permalink}`);
        const diagrams = q.source.match(/^```mermaid/gm)?.length ?? 0;
        await waitForDiagrams(page, diagrams);
        const expected = { cites: q.frontMatter.references.length > 0, diagrams };
        const found = (await printProblems(page, expected)).map((p) => `${q.permalink} (light): ${p}`);
        if (inDark.has(q)) {
          await switchColorScheme(page, 'dark');
          found.push(...(await printProblems(page, expected)).map((p) => `${q.permalink} (dark): ${p}`));
        }
        return found;
      },
      tearDown: (page) => page.close(),
    }).finally(() => context.close());
    expect(inDark.size).toBeGreaterThan(1);
    expect(problems.flat()).toEqual([]);
  }, 600_000);
});
