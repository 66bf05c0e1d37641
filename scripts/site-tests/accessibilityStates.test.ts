/**
 * axe-core on what appears only after a reader acts: a revealed practice card,
 * a calculator showing an input error, a demo's output and its code editor,
 * and open search results. Page loads alone never show these, so the
 * every-page check in browser.test.ts cannot see them. Each state is reached
 * once in light mode, checked, then switched to dark mode in place and
 * checked again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../lib/axe';
import { gotoHydrated, switchColorScheme } from '../lib/browser';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();

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
});
