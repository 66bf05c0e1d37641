/**
 * Highlighted code on the production build hydrates in place: the token
 * elements the server wrote stay in the page (none is thrown away and drawn
 * again), and every block shows the colour scheme's own background and token
 * colours, in light mode and in dark mode from the first load (before the
 * page's script files have loaded: only the colour-scheme script inline in
 * its head has run), on the next page reached within the site, and after a
 * switch either way; with scripts off and on paper, code is in the light
 * theme. Every token takes the colour the stylesheet from
 * src/css/codeColours.ts gives its types, and none carries a colour inline.
 */
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { darkCodeTheme, lightCodeTheme } from '../../src/css/prismThemes';
import { contrastRatio, parseColor } from '../../src/css/contrast';
import { tokenStyle } from '../../src/css/codeColours';
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
  return { background: asRgb(theme.plain.backgroundColor), keyword: asRgb(tokenStyle(theme, ['keyword']).color) };
}

/** Opens a question page with its example module, counting the token elements removed from the page from its first byte on. */
async function openQuestion(
  colorScheme: 'light' | 'dark',
  { scripts = 'all' }: { scripts?: 'all' | 'inline only' | 'none' } = {},
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await site.browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 }, javaScriptEnabled: scripts !== 'none' });
  // Without its script files the page stays as the server wrote it; the inline script in its head still sets the colour scheme.
  if (scripts === 'inline only') await context.route('**/*.js', (route) => route.abort());
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
  if (scripts !== 'all') {
    await page.goto(`${site.server.url}${q.permalink}`, { waitUntil: 'load' });
    return { page, errors, close: () => context.close() };
  }
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
/** Tokens of the page whose colour, font style or opacity is not what the stylesheet gives their types in `theme` (at most five), and how many were looked at. */
async function tokensNotIn(theme: CodeTheme, page: Page): Promise<{ checked: number; wrong: unknown[] }> {
  const tokens = await page.evaluate(() =>
    [...document.querySelectorAll('article pre .token')].map((token) => {
      const style = getComputedStyle(token);
      return { types: [...token.classList].filter((name) => name !== 'token'), text: token.textContent, color: style.color, fontStyle: style.fontStyle, opacity: style.opacity };
    }),
  );
  const wrong = tokens.filter((token) => {
    const want = tokenStyle(theme, token.types);
    return token.color !== asRgb(want.color ?? theme.plain.color) || token.fontStyle !== (want.fontStyle ?? 'normal') || token.opacity !== String(want.opacity ?? 1);
  });
  return { checked: tokens.length, wrong: wrong.slice(0, 5) };
}
/** Elements of the page's code blocks (the frames included) with a colour in their style attribute. */
const inlineColours = (page: Page) =>
  page.evaluate(
    () => [...document.querySelectorAll('.theme-code-block, .theme-code-block *')].filter((element) => /color|font-style|opacity/.test(element.getAttribute('style') ?? '')).length,
  );
/**
 * The lowest contrast of the page's line numbers against their cell, with
 * their opacity blended in (the numbers are a counter in the cell's ::before).
 */
async function lineNumberContrast(page: Page): Promise<{ numbers: number; lowest: number }> {
  const cells = await page.evaluate(() =>
    [...document.querySelectorAll('article pre [class*="codeLineNumber"]')].slice(0, 40).map((cell) => {
      const number = getComputedStyle(cell, '::before');
      return { color: number.color, opacity: Number(number.opacity), background: getComputedStyle(cell).backgroundColor };
    }),
  );
  const ratios = cells.map(({ color, opacity, background }) => {
    const [text, behind] = [parseColor(color)!, parseColor(background)!];
    const mix = (i: 0 | 1 | 2): number => Math.round(opacity * text[i] + (1 - opacity) * behind[i]);
    const blended: typeof text = [mix(0), mix(1), mix(2)];
    return contrastRatio(blended, behind);
  });
  return { numbers: cells.length, lowest: Math.min(...ratios) };
}
const removedTokens = (page: Page) => page.evaluate(() => (window as unknown as { removedTokens: number }).removedTokens);

describe.concurrent('highlighted code', () => {
  it("keeps the server's token elements in light mode, in the light theme's colours with legible line numbers, and recolours every block on a switch to dark", async ({
    expect,
  }) => {
    const { page, errors, close } = await openQuestion('light');
    await expect(page.locator('pre code .token').count()).resolves.toBeGreaterThan(500);
    expect(await allIn(lightCodeTheme)(page), JSON.stringify(await blocks(page))).toBe(true);
    const { checked, wrong } = await tokensNotIn(lightCodeTheme, page);
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
    expect(await removedTokens(page), 'token elements removed and drawn again').toBe(0);
    expect(await lineNumberContrast(page)).toEqual({ numbers: 40, lowest: expect.toSatisfy((ratio: number) => ratio >= 4.5) });
    await switchColorScheme(page, 'dark');
    await expect.poll(() => allIn(darkCodeTheme)(page)).toBe(true);
    expect((await tokensNotIn(darkCodeTheme, page)).wrong).toEqual([]);
    expect(await lineNumberContrast(page)).toEqual({ numbers: 40, lowest: expect.toSatisfy((ratio: number) => ratio >= 4.5) });
    expect(await inlineColours(page)).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it("shows a dark-mode reader the dark theme's colours from the first load on the server's token elements, on the next page too, and the light theme's after a switch", async ({
    expect,
  }) => {
    const { page, errors, close } = await openQuestion('dark');
    await expect.poll(() => allIn(darkCodeTheme)(page)).toBe(true);
    expect((await tokensNotIn(darkCodeTheme, page)).wrong).toEqual([]);
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

  it("shows a dark-mode reader dark code before the page's scripts load: the server's markup carries no colours of its own", async ({ expect }) => {
    const { page, close } = await openQuestion('dark', { scripts: 'inline only' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const { checked, wrong } = await tokensNotIn(darkCodeTheme, page);
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
    expect(await allIn(darkCodeTheme)(page), JSON.stringify(await blocks(page))).toBe(true);
    expect(await inlineColours(page)).toBe(0);
    await close();
  });

  it('shows code in the light theme with scripts off, where the page has no colour scheme, whatever the system prefers', async ({ expect }) => {
    const { page, close } = await openQuestion('dark', { scripts: 'none' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    const { checked, wrong } = await tokensNotIn(lightCodeTheme, page);
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
    expect(await allIn(lightCodeTheme)(page), JSON.stringify(await blocks(page))).toBe(true);
    await close();
  });

  it("prints code in the light theme, a dark-mode reader's too", async ({ expect }) => {
    const { page, errors, close } = await openQuestion('dark');
    await expect.poll(() => allIn(darkCodeTheme)(page)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect((await tokensNotIn(lightCodeTheme, page)).wrong).toEqual([]);
    expect(await allIn(lightCodeTheme)(page), JSON.stringify(await blocks(page))).toBe(true);
    // The frame and its title bar too: a block's file name must not print light on light.
    const title = await page.evaluate(() => {
      const bar = document.querySelector('article .theme-code-block [class*="codeBlockTitle"]');
      return bar && { color: getComputedStyle(bar).color, background: getComputedStyle(bar.closest('.theme-code-block')!).backgroundColor };
    });
    expect(title).toEqual({ color: asRgb(lightCodeTheme.plain.color), background: asRgb(lightCodeTheme.plain.backgroundColor) });
    expect(errors).toEqual([]);
    await close();
  });
});
