/**
 * The switches the tests', the PDFs' and the book's Chromium runs with
 * (scripts/lib/browser.ts): one --disable-features list that keeps
 * Playwright's and adds the project's, and what that buys, a new page that
 * starts no web pages of the browser's own.
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
  it('names in its last --disable-features switch, the one Chromium reads, every feature an earlier one (Playwright’s) names, and the project’s own', () => {
    const switches = disableFeatureSwitches(inject('browserCommandLine'));
    expect(switches.length, 'Playwright and the project each pass one').toBeGreaterThanOrEqual(2);
    const effective = new Set(switches.at(-1));
    const dropped = [...new Set(switches.slice(0, -1).flat())].filter((feature) => !effective.has(feature));
    expect(dropped, 'Playwright disables these and the project’s switch would turn them back on: add them to PLAYWRIGHT_DISABLED_FEATURES in scripts/lib/browser.ts').toEqual([]);
    for (const feature of EXTRA_DISABLED_FEATURES) expect(effective).toContain(feature);
  });
});

describe('a new page', () => {
  it("opens no web page of the browser's own beside it (the address bar's suggestion popups, each a renderer process)", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto('about:blank');
      const cdp = await site.browser.newBrowserCDPSession();
      // Every kind of target (an empty filter entry matches all); other files' pages and workers share this browser.
      const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] } as never)) as { targetInfos: { type: string; url: string }[] };
      await cdp.detach();
      expect(targetInfos.some((t) => t.type === 'page' && t.url === 'about:blank')).toBe(true);
      expect(targetInfos.filter((t) => t.type === 'browser_ui' || t.url.startsWith('chrome://')).map((t) => `${t.type} ${t.url}`)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
