/**
 * The production build in headless Chromium, as a reader uses it: offline
 * search, a practice session that survives a reload, corrupted saved data,
 * progress files, short links, link previews, section links and the page an
 * address with no page gets.
 */
import { describe, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { shortLinkPath } from '../../src/content/shortLinks';
import { SET_ASIDE_PREFIX, STORAGE_KEY } from '../../src/practice/storage';
import { setUpBuiltSite, type SiteQuestion } from './builtSite';
import { gotoHydrated, reloadHydrated } from '../lib/browser';

const site = setUpBuiltSite();

function question(id: string): SiteQuestion {
  const q = site.content.questions.find((x) => x.frontMatter.questionId === id);
  if (!q) throw new Error(`no question ${id} in the content`);
  return q;
}

/** A fresh browser profile (empty localStorage) that records page errors. */
async function open(path: string, setup?: (context: BrowserContext) => Promise<unknown>): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  await setup?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await gotoHydrated(page, `${site.server.url}${path}`);
  return { page, errors, context };
}

async function storedProgress(page: Page): Promise<Record<string, { grade: string }>> {
  return page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{"progress":{}}') as { progress: Record<string, { grade: string }> }).progress, STORAGE_KEY);
}

describe.concurrent('offline search', () => {
  it('finds a question by a phrase from its key insight and opens it', async ({ expect }) => {
    const q = question('arch-07');
    const phrase = 'ratio-based circuit breaker';
    expect(q.frontMatter.keyInsight, 'the phrase must come from the key insight').toContain(phrase);
    const { page, errors, context } = await open('/');
    await page.locator('input.navbar__search-input').fill(phrase);
    const hit = page.getByRole('option').filter({ hasText: q.frontMatter.title }).first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.click();
    await page.waitForURL((url) => url.pathname === q.permalink);
    await page.locator('h1').filter({ hasText: q.frontMatter.title }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.concurrent('a practice session', () => {
  it('grades three cards, keeps the progress over a reload and brings the unknown card back first', async ({ expect }) => {
    const { page, errors, context } = await open('/practice');
    const card = page.locator('section[aria-labelledby^="practice-card-"]');
    const questions: string[] = [];

    await card.getByRole('heading', { level: 2 }).waitFor();
    questions.push((await card.getByRole('heading', { level: 2 }).textContent()) ?? '');
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await expect(card.getByText('Key insight.').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: /^Know it/ }).click();

    questions.push((await card.getByRole('heading', { level: 2 }).textContent()) ?? '');
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await page.getByRole('button', { name: /^Review again/ }).click();

    // The third card by keyboard alone: R reveals, 3 grades "don't know".
    questions.push((await card.getByRole('heading', { level: 2 }).textContent()) ?? '');
    await page.locator('body').press('r');
    await page.getByRole('button', { name: /^Don.t know/ }).waitFor();
    await page.locator('body').press('3');

    const total = site.content.questions.length + site.content.report.quickHits.length;
    const progressbar = page.getByRole('progressbar');
    await expect(progressbar.getAttribute('aria-valuetext')).resolves.toBe(`1 of ${total} known, 1 to review again, 1 not known yet, ${total - 3} new`);
    expect(Object.values(await storedProgress(page)).map((p) => p.grade)).toEqual(['know', 'again', 'dont-know']);

    await reloadHydrated(page);
    // Saved progress is read after hydration, in a second render.
    await expect.poll(() => progressbar.getAttribute('aria-valuetext')).toBe(`1 of ${total} known, 1 to review again, 1 not known yet, ${total - 3} new`);
    // What the reader did not know comes back first, then what they want to review.
    await expect.poll(() => card.getByRole('heading', { level: 2 }).textContent()).toBe(questions[2]);
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(card.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(questions[1]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('narrows the deck with the filters and shows the progress of that selection', async ({ expect }) => {
    const { page, context } = await open('/practice');
    await page.getByLabel('Track').selectOption('architecture');
    await page.getByLabel('Difficulty').selectOption('foundational');
    const n = site.content.questions.filter((q) => q.frontMatter.track === 'architecture' && q.frontMatter.difficulty === 'foundational').length;
    expect(n).toBeGreaterThan(0);
    await expect(page.getByRole('progressbar').getAttribute('aria-valuetext')).resolves.toBe(`0 of ${n} known, 0 to review again, 0 not known yet, ${n} new`);
    await expect(page.getByText(`Card 1 of ${n}`).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('in mock-interview mode shows a countdown until the answer is revealed', async ({ expect }) => {
    const { page, context } = await open('/practice');
    await page.getByLabel('Mock interview').check();
    const timer = page.getByRole('timer');
    await expect(timer.textContent()).resolves.toMatch(/^[12]:\d\d$/);
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await expect(timer.count()).resolves.toBe(0);
    await context.close();
  });
});

describe.concurrent('saved data that cannot be read', () => {
  it('is set aside with a notice, and the deck works', async ({ expect }) => {
    const { page, errors, context } = await open('/practice', (ctx) =>
      ctx.addInitScript((key) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key, '{"version":2,"progress":{"arch-01":');
          sessionStorage.setItem('seeded', '1');
        }
      }, STORAGE_KEY),
    );
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('could not be read');
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await page.getByRole('button', { name: /^Know it/ }).click();
    expect(Object.keys(await storedProgress(page))).toHaveLength(1);
    const aside = await page.evaluate(
      (prefix) =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith(prefix))
          .map((k) => localStorage.getItem(k)),
      SET_ASIDE_PREFIX,
    );
    expect(aside).toEqual(['{"version":2,"progress":{"arch-01":']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.concurrent('progress files', () => {
  it('a tampered file is rejected with a clear message and changes nothing; a good one is imported', async ({ expect }) => {
    const { page, context } = await open('/practice');
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await page.getByRole('button', { name: /^Review again/ }).click();
    const before = await storedProgress(page);
    const input = page.getByLabel(/Import progress from a JSON file/);

    const tampered = {
      format: 'ai-architecture-handbook-practice',
      version: 2,
      exportedAt: '2025-01-01T00:00:00.000Z',
      progress: { 'arch-01': { grade: 'mastered', reviews: 1, lastReviewed: '2025-01-01T00:00:00.000Z' } },
    };
    await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/progress\.arch-01\.grade must be one of know, again, dont-know.*Nothing was changed/);
    expect(await storedProgress(page)).toEqual(before);

    const good = { ...tampered, progress: { 'arch-02': { grade: 'know', reviews: 3, lastReviewed: '2025-01-01T00:00:00.000Z' } } };
    await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    // Reading the file is asynchronous: wait for the confirmation before looking at storage.
    await page.getByText(/Imported progress on 1 card from progress\.json/).waitFor({ timeout: 10_000 });
    expect(await storedProgress(page)).toEqual(good.progress);
    await context.close();
  });
});

describe.concurrent('links for wikis and chat', () => {
  it('/q/7 lands on Architecture Q&A question 7, and /i/7 on interview question 7', async ({ expect }) => {
    for (const id of ['arch-07', 'interview-07']) {
      const q = question(id);
      const { page, context } = await open(shortLinkPath(q.frontMatter.track, q.frontMatter.number)!);
      await page.waitForURL((url) => url.pathname === q.permalink);
      await expect(page.locator('h1').textContent()).resolves.toBe(q.frontMatter.title);
      await context.close();
    }
  });

  it('a question page carries the question as og:title and its key insight as og:description', async ({ expect }) => {
    const q = question('arch-07');
    const { page, context } = await open(q.permalink);
    await expect(page.locator('meta[property="og:description"]').getAttribute('content')).resolves.toBe(q.frontMatter.keyInsight);
    await expect(page.locator('meta[property="og:title"]').getAttribute('content')).resolves.toBe(q.frontMatter.title);
    await context.close();
  });

  it('copies the short link, and the link of a section from the "#" beside its heading', async ({ expect }) => {
    const q = question('arch-07');
    const { page, errors, context } = await open(q.permalink);
    const copyButton = page.getByRole('button', { name: /^Copy the short link/ });
    await copyButton.click();
    // Writing to the clipboard is asynchronous; the label changes once it is done.
    await expect.poll(() => copyButton.textContent()).toBe('Copied');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toMatch(/\/q\/7$/);

    const hashLink = page.locator('h2#trade-offs a.hash-link');
    await expect(hashLink.evaluate((el) => Number(getComputedStyle(el).opacity))).resolves.toBeGreaterThan(0.3);
    await hashLink.click();
    await expect.poll(() => hashLink.getAttribute('data-copied')).toBe('true');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${site.server.url}${q.permalink}#trade-offs`);
    expect(new URL(page.url()).hash).toBe('#trade-offs');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.concurrent('an address with no page', () => {
  /** The script with the address matching, named in src/components/NotFoundSuggestions. */
  const MATCHING_CHUNK = /\/closest-pages\.[0-9a-f]+\.js$/;

  it('names the address and offers the page closest to it, which opens', async ({ expect }) => {
    // A question's old address from before it moved to another topic.
    const q = question('arch-17');
    const [, track, , slug] = q.permalink.split('/');
    const moved = `/${track}/elsewhere/${slug}`;
    const { page, errors, context } = await open(moved);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expect(page.locator('main code').first().textContent()).resolves.toBe(moved);
    const offered = page.getByRole('list', { name: /closest address/ }).getByRole('link');
    await expect(offered.first().getAttribute('href')).resolves.toBe(q.permalink);
    await offered.first().click();
    await page.waitForURL((url) => url.pathname === q.permalink);
    await expect(page.locator('article h1').first().textContent()).resolves.toBe(q.frontMatter.title);
    // The browser reports the 404 response itself; anything else (a hydration mismatch) is an error.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });

  it('opens the page itself, at its own address, for an address that differs from it only in letter case or a trailing slash', async ({ expect }) => {
    // A static host answers both with 404.html, while the router would match them to the page: before, the page was drawn
    // over "Page not found" under the wrong address, and React reported the mismatch as an error.
    const q = question('arch-07');
    const notFound: string[] = [];
    const { page, errors, context } = await open(`${q.permalink.toUpperCase()}?from=wiki#key-insight`, (c) =>
      Promise.resolve(c.on('response', (response) => response.status() === 404 && notFound.push(new URL(response.url()).pathname))),
    );
    await page.waitForURL((url) => url.pathname === q.permalink);
    expect(new URL(page.url()).search + new URL(page.url()).hash, 'the query and fragment are kept').toBe('?from=wiki#key-insight');
    await expect(page.locator('article h1').first().textContent()).resolves.toBe(q.frontMatter.title);
    await gotoHydrated(page, `${site.server.url}${q.permalink}/`);
    await page.waitForURL((url) => url.pathname === q.permalink);
    await expect(page.locator('article h1').first().textContent()).resolves.toBe(q.frontMatter.title);
    // The variants alone were answered with 404 (the browser notes each in the console); any other error (a hydration mismatch) is one.
    expect(notFound).toEqual([q.permalink.toUpperCase(), `${q.permalink}/`]);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });

  it('reached by a link within the site, fetches the address matching only then and offers the page', async ({ expect }) => {
    const q = question('arch-17');
    const [, track, , slug] = q.permalink.split('/');
    const scripts: string[] = [];
    const { page, errors, context } = await open(question('arch-07').permalink, (c) =>
      Promise.resolve(
        c.on('request', (request) => {
          if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
        }),
      ),
    );
    const matching = (list: string[]) => list.filter((s) => MATCHING_CHUNK.test(s));
    expect(matching(scripts), 'a question page loads the matching').toEqual([]);
    // As a click on a link in the page would: the router renders the docs' "not found" content in place.
    await page.evaluate((href) => {
      window.history.pushState(null, '', href);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/${track}/elsewhere/${slug}`);
    await expect(
      page
        .getByRole('list', { name: /closest address/ })
        .getByRole('link')
        .first()
        .getAttribute('href'),
    ).resolves.toBe(q.permalink);
    expect(matching(scripts)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('far from every page, names the address and offers none, and offline without a saved copy claims none', async ({ expect }) => {
    const scripts: string[] = [];
    let inFlight = 0;
    const { page, errors, context } = await open('/no-such-page-anywhere', (c) =>
      Promise.resolve(
        c
          .on('request', () => inFlight++)
          .on('requestfailed', () => inFlight--)
          .on('requestfinished', (request) => {
            inFlight--;
            scripts.push(new URL(request.url()).pathname);
          }),
      ),
    );
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expect(page.title()).resolves.toMatch(/^Page not found \| /);
    await expect(page.locator('main code').first().textContent()).resolves.toBe('/no-such-page-anywhere');
    // Once the matching has run (its script arrived, and React has rendered what it found), there is no list.
    await expect.poll(() => scripts.some((s) => MATCHING_CHUNK.test(s))).toBe(true);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(page.getByRole('list', { name: /closest address/ }).count()).resolves.toBe(0);
    // Offline with no saved copy answering (the page was open when the network went), it says nothing of a saved copy.
    // The footer's offline-reading control, the part that could claim one, loads when the browser is idle: wait for it,
    // so the check is not passed by its absence and its script is not fetched after the network went.
    await page.getByRole('region', { name: 'Offline reading' }).waitFor({ state: 'attached', timeout: 15_000 });
    // Docusaurus prefetches the scripts of the pages the links in view lead to, once the page is idle: let those
    // finish, as a reader's page would have long before the network went, so that a prefetch the test cuts off
    // (seen on a loaded machine: two "net::ERR_INTERNET_DISCONNECTED") is not taken for an error of the page.
    await expect
      .poll(async () => {
        const prefetched = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].map((link) => new URL(link.href).pathname));
        return inFlight === 0 && prefetched.length > 0 && prefetched.every((file) => scripts.includes(file));
      })
      .toBe(true);
    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(page.getByText(/saved on this device|saved copy/).count()).resolves.toBe(0);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });
});
