/**
 * The switches the tests', the PDFs' and the book's Chromium runs with
 * (scripts/lib/browser.ts): one --disable-features list that keeps
 * Playwright's and adds the project's, and what that buys, a new browser
 * context's page that starts no web page of the browser's own beside it.
 */
import { describe, expect, inject, it } from 'vitest';
import { EXTRA_DISABLED_FEATURES } from '../lib/browser';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();

/** The features each --disable-features switch on a command line names, in order. */
function disableFeatureSwitches(commandLine: readonly string[]): string[][] {
  return commandLine.filter((arg) => arg.startsWith('--disable-features=')).map((arg) => arg.slice('--disable-features='.length).split(',').filter(Boolean));
}

describe("Chromium's command line", () => {
  it('ends with the project’s --disable-features switch, the one Chromium reads, naming exactly what the earlier ones (Playwright’s, a launcher’s) name and the project’s own', () => {
    const switches = disableFeatureSwitches(inject('browserCommandLine'));
    expect(switches.length, 'Playwright and the project each pass one').toBeGreaterThanOrEqual(2);
    const effective = switches.at(-1)!;
    for (const feature of EXTRA_DISABLED_FEATURES) expect(effective, 'the last switch is not the project’s').toContain(feature);
    const earlier = new Set(switches.slice(0, -1).flat());
    expect(
      [...earlier].filter((feature) => !effective.includes(feature)),
      'disabled by Playwright (or a launcher) and turned back on by the project’s switch: add them to PLAYWRIGHT_DISABLED_FEATURES in scripts/lib/browser.ts',
    ).toEqual([]);
    expect(
      effective.filter((feature) => !earlier.has(feature) && !(EXTRA_DISABLED_FEATURES as readonly string[]).includes(feature)),
      'in PLAYWRIGHT_DISABLED_FEATURES but no longer disabled by Playwright: take them out',
    ).toEqual([]);
  });
});

describe("a new browser context's page", () => {
  it("opens no web page of the browser's own beside it (the address bar's suggestion popups, each a renderer process)", async () => {
    const page = await site.browser.newPage();
    const cdp = await site.browser.newBrowserCDPSession();
    try {
      const marker = `about:blank#browser-flags-${process.pid}`;
      await page.goto(marker);
      // Every kind of target (an empty filter entry matches all); other files' pages and workers share this browser.
      const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] } as never)) as { targetInfos: { type: string; url: string }[] };
      expect(targetInfos.some((t) => t.type === 'page' && t.url === marker)).toBe(true);
      expect(targetInfos.filter((t) => t.url.includes('omnibox-popup')).map((t) => `${t.type} ${t.url}`)).toEqual([]);
    } finally {
      await cdp.detach();
      await page.close();
    }
  });
});
