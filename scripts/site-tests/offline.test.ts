/**
 * Offline reading in Chromium: after one visit with "Read offline" turned on,
 * the handbook works with no network at all: another question page opened by
 * its address, the practice page and a search.
 *
 * The build is served by a server of this file's own, closed before the
 * offline part: Playwright's context.setOffline does not reach a service
 * worker's own fetches (microsoft/playwright#2311), so without closing the
 * server a worker that fell through to the network would still pass.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { OFFLINE_SUMMARY_FILE, type OfflineSummary } from '../../src/offline/precache';
import { gotoHydrated } from '../lib/browser';
import { serveDirectory } from '../lib/staticServer';
import { BUILD_DIR } from './buildOutput';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();

describe('offline reading', () => {
  it('after one visit, opens another question page, the practice page and a search with no network', async ({ expect }) => {
    const summary = JSON.parse(readFileSync(path.join(BUILD_DIR, OFFLINE_SUMMARY_FILE), 'utf8')) as OfflineSummary;
    const [first, second] = site.content.questions.filter((q) => q.frontMatter.track === 'architecture');
    const phrase = 'ratio-based circuit breaker';
    const target = site.content.questions.find((q) => q.frontMatter.keyInsight.includes(phrase));
    expect(first && second && target, 'two architecture questions and one whose key insight has the phrase').toBeTruthy();

    const server = await serveDirectory(BUILD_DIR);
    let serverOpen = true;
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await gotoHydrated(page, `${server.url}${first!.permalink}`);
      const control = page.getByRole('region', { name: 'Offline reading' });
      await control.getByRole('button', { name: 'Read offline' }).click();
      await expect
        .poll(() => control.getByRole('status').textContent(), { timeout: 15_000 })
        .toMatch(/^Saving \d+ pages \([\d.]+ MB\) for offline reading… \d+ %$|^Available offline/);
      await control.getByText(`Available offline: ${summary.pages} pages saved on this device.`).waitFor({ timeout: 180_000 });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const counts = await Promise.all(names.map(async (n) => ({ n, keys: (await (await caches.open(n)).keys()).length })));
        return counts.map((c) => c.keys);
      });
      expect(cached, 'one cache, the precache, holding every file offline.json counts').toEqual([summary.files]);

      await server.close();
      serverOpen = false;
      await context.setOffline(true);

      // Another question, opened by its address (not a client-side link): the worker answers with its .html.
      await gotoHydrated(page, `${server.url}${second!.permalink}`);
      await page.locator('h1').filter({ hasText: second!.frontMatter.title }).waitFor({ timeout: 15_000 });

      await gotoHydrated(page, `${server.url}/practice`);
      await page.locator('section[aria-labelledby^="practice-card-"]').first().waitFor({ timeout: 15_000 });

      await page.locator('input.navbar__search-input').fill(phrase);
      const hit = page.getByRole('option').filter({ hasText: target!.frontMatter.title }).first();
      await hit.waitFor({ timeout: 15_000 });
      await hit.click();
      await page.waitForURL((url) => url.pathname === target!.permalink);
      await page.locator('h1').filter({ hasText: target!.frontMatter.title }).waitFor();

      expect(errors).toEqual([]);
    } finally {
      await context.close();
      if (serverOpen) await server.close();
    }
  });
});
