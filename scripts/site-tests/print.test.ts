/**
 * Any question page prints cleanly (the browser's Ctrl+P uses the same print
 * styles as the PDF): in print media at the width of an A4 page, no site
 * chrome, code wraps instead of being cut, diagrams fit the page width, and
 * the references are still there.
 */
import { describe, expect, it } from 'vitest';
import { setUpBuiltSite } from './builtSite';
import { gotoHydrated } from '../lib/browser';

/** A4 minus 10 mm margins, in CSS pixels (96 per inch). */
const A4_CONTENT_WIDTH_PX = Math.round(((210 - 20) / 25.4) * 96);

const site = setUpBuiltSite();

describe.each(['light', 'dark'] as const)('question pages printed from %s mode', (colorScheme) => {
  it('hide the site chrome, wrap code, fit diagrams to the page and keep the references', async () => {
    const context = await site.browser.newContext({ colorScheme, viewport: { width: A4_CONTENT_WIDTH_PX, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    // Every page in light mode; a sample in dark mode, where only the colours differ.
    const pages = colorScheme === 'light' ? site.content.questions : site.content.questions.filter((_, i) => i % 8 === 0);
    for (const q of pages) {
      await gotoHydrated(page, `${site.server.url}${q.permalink}`);
      const diagrams = q.source.match(/^```mermaid/gm)?.length ?? 0;
      if (diagrams > 0) await page.waitForFunction((n) => document.querySelectorAll('.docusaurus-mermaid-container svg').length >= n, diagrams, { timeout: 15_000 });
      await page.emulateMedia({ media: 'print' });
      const cites = q.frontMatter.references.length > 0;
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
      problems.push(...found.map((p) => `${q.permalink}: ${p}`));
      await page.emulateMedia({ media: 'screen' });
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 600_000);
});
