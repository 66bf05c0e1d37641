/**
 * Offline reading in Chromium: after one visit with "Read offline" turned on,
 * the handbook works with no network at all: another question page opened by
 * its address (or in capitals, with a trailing slash, by its short link),
 * "Page not found" for an address with no page, the practice page and a
 * search. Installing the handbook turns it on without a press; turning it off
 * removes the worker and what it saved, and loads the page again.
 *
 * Each test serves the build with a server of its own, which the offline
 * part closes: Playwright's context.setOffline does not reach a service
 * worker's own fetches (microsoft/playwright#2311), so without closing the
 * server a worker that fell through to the network would still pass.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shortLinkPath } from '../../src/content/shortLinks';
import { OFFLINE_SUMMARY_FILE, precacheUrls, type OfflineSummary } from '../../src/offline/precache';
import { axeViolations } from '../lib/axe';
import { gotoHydrated, switchColorScheme } from '../lib/browser';
import { serveDirectory, type StaticServer } from '../lib/staticServer';
import { BUILD_DIR, listFiles } from './buildOutput';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();
const summary = JSON.parse(readFileSync(path.join(BUILD_DIR, OFFLINE_SUMMARY_FILE), 'utf8')) as OfflineSummary;
const READY = `Available offline: ${summary.pages} pages saved on this device.`;

function control(page: Page) {
  return page.getByRole('region', { name: 'Offline reading' });
}

/** The number of entries in each of the page's caches. */
function cacheSizes(page: Page): Promise<number[]> {
  return page.evaluate(async () => Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).length)));
}

/** Serious and critical axe violations, in light then dark mode, one line each. */
async function violationsInBothSchemes(page: Page): Promise<string[]> {
  const light = await axeViolations(page);
  await switchColorScheme(page, 'dark');
  const dark = await axeViolations(page);
  await switchColorScheme(page, 'light');
  return [...light.map((v) => `light: ${v}`), ...dark.map((v) => `dark: ${v}`)];
}

/**
 * Makes the open document report what Playwright's setOffline has already made true of the network. Some Chromium
 * builds (150 among them) start a document opened while offline with navigator.onLine still true: DevTools'
 * network emulation, which setOffline uses, does not reach the new document. Sent again to the open page, it
 * makes the browser report offline and fire the "offline" event the page listens for. The session stays open,
 * as closing it would end the emulation.
 */
async function reportOffline(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.waitForFunction(() => !navigator.onLine);
}

async function withServer(run: (server: StaticServer, stop: () => Promise<void>) => Promise<void>): Promise<void> {
  const server = await serveDirectory(BUILD_DIR);
  let open = true;
  const stop = async (): Promise<void> => {
    if (open) await server.close();
    open = false;
  };
  try {
    await run(server, stop);
  } finally {
    await stop();
  }
}

describe('what the offline worker saves', () => {
  const saved = precacheUrls(readFileSync(path.join(BUILD_DIR, 'sw.js'), 'utf8')) ?? [];
  const built = listFiles().map((f) => path.relative(BUILD_DIR, f).split(path.sep).join('/'));

  it('is every page of the build, the search index and every script and stylesheet', () => {
    const needed = built.filter((f) => /\.(html|js|css)$/.test(f) && !/(^|\/)(sw|\d+\.sw)\.js$/.test(f));
    expect(needed.filter((f) => !saved.includes(f))).toEqual([]);
    expect(saved.filter((f) => f.startsWith('search-index'))).toHaveLength(1);
    expect(saved).toHaveLength(summary.files);
  });

  it('leaves out the downloads and the font formats no service-worker browser needs', () => {
    expect(saved.filter((f) => f.startsWith('downloads/') || /\.(pdf|epub|woff|ttf|eot)$/.test(f))).toEqual([]);
  });
});

/** Saving 19 MB and checking the control with axe take a while on a busy two-core machine. */
const SLOW = { timeout: 240_000 };

// Each test has its own server (its own origin) and browser context, so its worker and caches are its own:
// the tests run side by side, one saving the site while another waits for its worker.
describe.concurrent('offline reading', () => {
  it('after one visit, opens other question pages, "Page not found", the practice page and a search with no network', SLOW, async ({ expect }) => {
    const [first, second] = site.content.questions.filter((q) => q.frontMatter.track === 'architecture');
    const phrase = 'ratio-based circuit breaker';
    const target = site.content.questions.find((q) => q.frontMatter.keyInsight.includes(phrase));
    expect(first && second && target, 'two architecture questions and one whose key insight has the phrase').toBeTruthy();

    await withServer(async (server, stop) => {
      const context = await site.browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));

        await gotoHydrated(page, `${server.url}${first!.permalink}`);
        const button = control(page).getByRole('button', { name: 'Read offline' });
        await button.waitFor();
        expect(await violationsInBothSchemes(page), 'the control, off').toEqual([]);
        // By keyboard: focus the button and press Enter.
        await button.focus();
        await page.keyboard.press('Enter');
        await expect
          .poll(() => control(page).getByRole('status').textContent(), { timeout: 15_000 })
          .toMatch(/^Saving \d+ pages \([\d.]+ MB\) for offline reading… \d+ %$|^Available offline/);
        await control(page).getByText(READY).waitFor({ timeout: 180_000 });
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
        expect(await cacheSizes(page), 'one cache, the precache, holding every file offline.json counts').toEqual([summary.files]);
        expect(await violationsInBothSchemes(page), 'the control, on').toEqual([]);

        await stop();
        await context.setOffline(true);

        // Another question, opened by its address (not a client-side link): the worker answers with its .html.
        await gotoHydrated(page, `${server.url}${second!.permalink}`);
        await page.locator('h1').filter({ hasText: second!.frontMatter.title }).waitFor({ timeout: 15_000 });
        await control(page).getByText(READY).waitFor();

        // The same question by an address in capitals, or with a trailing slash, as a link in a wiki may have it: the
        // worker answers with the saved 404 page, which sends it on to the page.
        for (const variant of [second!.permalink.toUpperCase(), `${second!.permalink}/`]) {
          const answer = await page.goto(`${server.url}${variant}`);
          expect([answer?.status(), answer?.fromServiceWorker()], variant).toEqual([404, true]);
          await page.waitForURL((url) => url.pathname === second!.permalink);
          await page.locator('h1').filter({ hasText: second!.frontMatter.title }).waitFor({ timeout: 15_000 });
        }
        // A short link, saved as a redirect page.
        await gotoHydrated(page, `${server.url}${shortLinkPath(second!.frontMatter.track, second!.frontMatter.number)!}`);
        await page.waitForURL((url) => url.pathname === second!.permalink);
        // An address with no page: the saved "Page not found" page, not the browser's offline error, saying why.
        await gotoHydrated(page, `${server.url}${second!.permalink}-gone`);
        await page.locator('h1').filter({ hasText: 'Page not found' }).waitFor({ timeout: 15_000 });
        await reportOffline(page);
        await page.getByText('You are offline, and the page may be newer than the saved copy').waitFor();

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
      }
    });
  });

  it.for([
    {
      how: 'when the browser reports the handbook installed',
      act: (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('appinstalled'))),
      before: undefined,
    },
    {
      how: 'when it is opened as an installed app',
      act: undefined,
      // Headless Chromium cannot emulate display-mode, so the page is told it runs standalone.
      before: () => {
        const original = window.matchMedia.bind(window);
        window.matchMedia = (query: string) => (query === '(display-mode: standalone)' ? ({ ...original(query), matches: true } as MediaQueryList) : original(query));
      },
    },
  ])('turns offline reading on by itself $how', SLOW, async ({ act, before }, { expect }) => {
    await withServer(async (server) => {
      const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        if (before) await context.addInitScript(before);
        const page = await context.newPage();
        await gotoHydrated(page, `${server.url}/`);
        if (act) {
          await control(page).getByRole('button', { name: 'Read offline' }).waitFor();
          await act(page);
        }
        await control(page).getByText(READY).waitFor({ timeout: 180_000 });
        expect(await cacheSizes(page)).toEqual([summary.files]);
      } finally {
        await context.close();
      }
    });
  });

  it('fits a phone, and turning it off removes the worker, everything it saved and its hold on the page', SLOW, async ({ expect }) => {
    await withServer(async (server) => {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      try {
        const page = await context.newPage();
        await gotoHydrated(page, `${server.url}/`);
        await control(page).getByRole('button', { name: 'Read offline' }).click();
        await control(page).getByText(READY).waitFor({ timeout: 180_000 });
        const turnOff = control(page).getByRole('button', { name: 'Turn off offline reading' });
        // Every part of the control (text, progress, button) lies within the 390-px screen.
        const right = await control(page).evaluate((section) => Math.max(...[section, ...section.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
        expect(right).toBeLessThanOrEqual(390);

        // The page loads again, out of the removed worker's hands: it would answer from the deleted copy until then.
        await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), turnOff.click()]);
        await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached' });
        await control(page).getByRole('button', { name: 'Read offline' }).waitFor();
        expect(await page.evaluate(() => navigator.serviceWorker.controller), 'no worker answers the page').toBeNull();
        expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
        expect(await cacheSizes(page)).toEqual([]);
        await gotoHydrated(page, `${server.url}/`);
        await control(page).getByRole('button', { name: 'Read offline' }).waitFor();
      } finally {
        await context.close();
      }
    });
  });
});
