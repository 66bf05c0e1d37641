/**
 * Highlighted code on the production build hydrates in place: the token
 * elements the server wrote stay in the page (none is thrown away and drawn
 * again), and every block shows the colour scheme's own background and token
 * colours, in light mode and in dark mode from the first load, on the next
 * page reached within the site, and after a switch either way. (This guards
 * src/theme/CodeBlock, which relies on the theme's colour mode starting from
 * the server's mode while the page hydrates.)
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { darkCodeTheme, lightCodeTheme } from '../../src/css/prismThemes';
import { parseColor } from '../../src/css/contrast';
import { styleDictionary } from '../../src/lib/highlight';
import { gotoHydrated, switchColorScheme } from '../lib/browser';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();

type CodeTheme = typeof lightCodeTheme;

const asRgb = (hex: string | undefined): string => {
  const rgb = hex ? parseColor(hex) : undefined;
  if (!rgb) throw new Error(`"${hex}" is not a colour`);
  return `rgb(${rgb.join(', ')})`;
};

/** What a block shows in `theme`: its background, and the colour of a token that is a TypeScript keyword and nothing else. */
function expected(theme: CodeTheme): { background: string; keyword: string } {
  return { background: asRgb(theme.plain.backgroundColor), keyword: asRgb(styleDictionary(theme, 'typescript').keyword?.color) };
}

/** Opens a question page with its example module, counting the token elements removed from the page from its first byte on. */
async function openQuestion(colorScheme: 'light' | 'dark'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await site.browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const counter = window as unknown as { removedTokens: number };
    counter.removedTokens = 0;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) {
          if (node instanceof Element && (node.matches('.token') || node.querySelector('.token'))) counter.removedTokens++;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  // React reports a mismatch of text or structure while hydrating here (not one of style, which the colours above catch).
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  page.on('pageerror', (error) => errors.push(error.message));
  const q = site.content.questions.find((x) => x.frontMatter.questionId === 'arch-07')!;
  await gotoHydrated(page, `${site.server.url}${q.permalink}`);
  // The colour mode settles in an effect after hydration: let it run and paint.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return { page, errors, close: () => context.close() };
}

/** Each code block of the page as it looks now: its background, and its first token that is a keyword and nothing else. */
const blocks = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('article pre')].map((pre) => ({
      background: getComputedStyle(pre).backgroundColor,
      keyword: getComputedStyle([...pre.querySelectorAll('.token.keyword')].find((t) => t.className === 'token keyword') ?? pre).color,
    })),
  );
/** Every block of the page looks as `theme` has it (each of them holds a keyword). */
const allIn = (theme: CodeTheme) => async (page: Page) => {
  const found = await blocks(page);
  return found.length > 0 && found.every((b) => b.background === expected(theme).background && b.keyword === expected(theme).keyword);
};
const removedTokens = (page: Page) => page.evaluate(() => (window as unknown as { removedTokens: number }).removedTokens);

describe.concurrent('highlighted code', () => {
  it("keeps the server's token elements in light mode, in the light theme's colours, and recolours every block on a switch to dark", async ({ expect }) => {
    const { page, errors, close } = await openQuestion('light');
    await expect(page.locator('pre code .token').count()).resolves.toBeGreaterThan(500);
    expect(await allIn(lightCodeTheme)(page), JSON.stringify(await blocks(page))).toBe(true);
    expect(await removedTokens(page), 'token elements removed and drawn again').toBe(0);
    await switchColorScheme(page, 'dark');
    await expect.poll(() => allIn(darkCodeTheme)(page)).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("shows a dark-mode reader the dark theme's colours from the first load on the server's token elements, on the next page too, and the light theme's after a switch", async ({
    expect,
  }) => {
    const { page, errors, close } = await openQuestion('dark');
    await expect.poll(() => allIn(darkCodeTheme)(page)).toBe(true);
    expect(await removedTokens(page), 'token elements removed and drawn again').toBe(0);
    // Moving within the site, as a reader's tap on "Next" does: the next page is rendered by the app, not hydrated.
    const before = page.url();
    await page.locator('a.pagination-nav__link--next').click();
    await page.waitForURL((url) => url.href !== before);
    await expect.poll(() => allIn(darkCodeTheme)(page)).toBe(true);
    await switchColorScheme(page, 'light');
    await expect.poll(() => allIn(lightCodeTheme)(page)).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
