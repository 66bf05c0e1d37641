/**
 * axe-core on what appears only after a reader acts: a revealed practice card,
 * a calculator showing an input error, a demo's output and its code editor,
 * open search results and the pages offered for an address with no page.
 * Page loads alone never show these, so the every-page check in
 * browser.test.ts cannot see them. Each state is reached once in light mode,
 * checked, then switched to dark mode in place and checked again.
 *
 * It also holds the specification of how axe-core meets highlighted code
 * (scripts/lib/axe.ts checks each token style of a block once): a token, a
 * whole style, a line that differs from the rest or text beside the lines is
 * still found, deep in a long example, in both colour schemes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../lib/axe';
import { gotoHydrated, switchColorScheme } from '../lib/browser';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();

declare global {
  interface Window {
    shadeOf: (rgb: string) => string;
  }
}

async function open(path: string): Promise<Page> {
  const context = await site.browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await gotoHydrated(page, `${site.server.url}${path}`);
  return page;
}

/** Serious and critical violations in light mode, then in dark mode, one line each, named by mode. */
async function expectAccessibleInBothSchemes(page: Page): Promise<void> {
  const violations: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    if (colorScheme === 'dark') await switchColorScheme(page, 'dark');
    violations.push(...(await axeViolations(page)).map((v) => `${colorScheme} mode: ${v}`));
  }
  await page.context().close();
  expect(violations.join('\n')).toBe('');
}

describe.concurrent('after a reader acts, in light and dark mode', () => {
  it('a revealed practice card', async () => {
    const page = await open('/practice');
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await page.getByRole('region', { name: 'Answer' }).waitFor();
    await expectAccessibleInBothSchemes(page);
  });

  it('a calculator that shows an input error', async ({ expect }) => {
    const page = await open('/tools');
    const form = page.getByRole('form', { name: 'GPU memory calculator' });
    const batch = form.getByLabel('Batch size');
    await batch.fill('-1');
    await expect.poll(() => batch.getAttribute('aria-invalid')).toBe('true');
    await expectAccessibleInBothSchemes(page);
  });

  it('a demo that has run, and its code opened for editing', async ({ expect }) => {
    const example = site.content.questions.flatMap((q) => q.runnable.map((e) => ({ permalink: q.permalink, ...e })))[0];
    expect(example, 'at least one runnable example').toBeDefined();
    const page = await open(example!.permalink);
    await page.getByRole('button', { name: 'Run demo' }).first().click();
    await page.locator('[data-run-output] p').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Edit code' }).first().click();
    await page.getByRole('button', { name: 'Reset code' }).first().waitFor();
    await expectAccessibleInBothSchemes(page);
  });

  it('open search results', async () => {
    const page = await open('/');
    await page.locator('input.navbar__search-input').fill('circuit breaker');
    await page.getByRole('option').first().waitFor({ timeout: 15_000 });
    await expectAccessibleInBothSchemes(page);
  });

  it('the pages offered for an address with no page', async () => {
    // A question's address with another topic: the page offers the question.
    const [, track, , slug] = site.content.questions[0]!.permalink.split('/');
    const page = await open(`/${track}/elsewhere/${slug}`);
    await page.getByRole('list', { name: /closest address/ }).waitFor();
    await expectAccessibleInBothSchemes(page);
  });
});

describe.concurrent('highlighted code, where each token style of a block is checked once', () => {
  const withExample = site.content.questions.find((q) => q.runnable.length > 0);

  /** Opens a question page with an example module in `scheme` and marks the last line shown of its examples with a word or number on it. */
  async function openExample(scheme: 'light' | 'dark'): Promise<Page> {
    expect(withExample, 'a question page with an example module').toBeDefined();
    const page = await open(withExample!.permalink);
    // A colour 24 levels off `rgb`, toward mid-grey: a contrast ratio well under 3:1 against it.
    await page.evaluate(() => {
      window.shadeOf = (rgb: string) =>
        `rgb(${(rgb.match(/\d+/g) ?? [])
          .slice(0, 3)
          .map((c) => (Number(c) > 127 ? Number(c) - 24 : Number(c) + 24))
          .join(', ')})`;
    });
    if (scheme === 'dark') await switchColorScheme(page, 'dark');
    const lines = await page.evaluate(() => {
      // axe-core leaves out text of punctuation only (a closing brace) and what a reader cannot see (a demo's
      // code in its closed <details>): the last line shown with a word or number.
      const all = [...document.querySelectorAll('figure[data-example] pre code .token-line')].filter((l) => l.checkVisibility() && /[a-z0-9]/i.test(l.textContent ?? ''));
      all.at(-1)?.setAttribute('data-test-line', '');
      return all.length;
    });
    expect(lines, 'the example has a long listing').toBeGreaterThan(50);
    return page;
  }

  const contrastFailures = async (page: Page): Promise<string> => (await axeViolations(page, ['color-contrast'])).join('\n');

  it.for(['light', 'dark'] as const)(
    'in %s mode: passes the example as it is, then finds a recoloured token, a recoloured style, a line on a failing background and text beside the lines',
    async (scheme, { expect }) => {
      const page = await openExample(scheme);
      expect(await contrastFailures(page)).toBe('');

      // One token, the longest word on the last line shown, a shade off the code block's background.
      await page.evaluate(() => {
        const words = [...document.querySelectorAll('[data-test-line] *')].filter((t) => t.children.length === 0 && /[a-z0-9]{2}/i.test(t.textContent ?? ''));
        const token = words.sort((a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length)[0] as HTMLElement;
        token.setAttribute('data-test-token', token.style.color);
        token.style.color = window.shadeOf(getComputedStyle(token.closest('pre')!).backgroundColor);
      });
      expect(await contrastFailures(page)).toMatch(/^color-contrast \(serious, 1 element/);

      // Every comment: their first token in a module is `/**`, punctuation that axe-core does not judge.
      await page.evaluate(() => {
        const token = document.querySelector('[data-test-token]') as HTMLElement;
        token.style.color = token.getAttribute('data-test-token')!;
        const pre = getComputedStyle(document.querySelector('figure[data-example] pre')!).backgroundColor;
        const style = Object.assign(document.createElement('style'), { id: 'test-comments', textContent: `.token.comment { color: ${window.shadeOf(pre)} !important; }` });
        document.head.append(style);
      });
      expect(await contrastFailures(page)).toMatch(/^color-contrast \(serious/);

      // As a highlighted line would be: a grey behind the last line that every token colour of the scheme fails
      // on, by 1.3:1 to 3:1 (dark text on dark grey in light mode, light text on light grey in dark mode).
      await page.evaluate(
        (grey) => {
          document.getElementById('test-comments')?.remove();
          (document.querySelector('[data-test-line]') as HTMLElement).style.backgroundColor = grey;
        },
        scheme === 'light' ? 'rgb(90, 90, 90)' : 'rgb(190, 190, 190)',
      );
      expect(await contrastFailures(page)).toMatch(/^color-contrast \(serious/);

      // Text in a block's <code> beside its lines (no highlighter writes any today) is checked as any other text.
      await page.evaluate(() => {
        const line = document.querySelector('[data-test-line]') as HTMLElement;
        line.style.backgroundColor = '';
        const note = Object.assign(document.createElement('span'), { textContent: 'a note beside the lines' });
        note.style.color = window.shadeOf(getComputedStyle(line.closest('pre')!).backgroundColor);
        line.parentElement!.append(note);
      });
      expect(await contrastFailures(page)).toMatch(/^color-contrast \(serious, 1 element/);
      await page.context().close();
    },
  );
});
