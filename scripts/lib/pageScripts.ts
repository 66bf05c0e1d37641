/**
 * Every script a page of the built site executes, recorded in headless
 * Chromium with the cache off, so each page's list is complete: the entry
 * scripts, the route's chunks and the chunks it loads while it runs (Mermaid
 * for a diagram). The size budgets are measured on these lists.
 */
import type { Browser } from 'playwright-core';

export interface RecordedScripts {
  path: string;
  /** Distinct URLs of the scripts the page requested. */
  scripts: string[];
}

/**
 * Opens each path (relative to the site, e.g. /practice) at `siteUrl` (the
 * server's URL including any base path, without a trailing slash) and waits
 * until the network is idle, which is after lazily loaded chunks arrive.
 */
export async function recordPageScripts(browser: Browser, siteUrl: string, paths: readonly string[], tabs = 2): Promise<RecordedScripts[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const results = new Array<RecordedScripts>(paths.length);
  let next = 0;

  async function tab(): Promise<void> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let current: RecordedScripts | undefined;
    page.on('request', (request) => {
      if (request.resourceType() === 'script' && current && !current.scripts.includes(request.url())) current.scripts.push(request.url());
    });
    for (let index = next++; index < paths.length; index = next++) {
      current = { path: paths[index]!, scripts: [] };
      await page.goto(`${siteUrl}${paths[index]}`, { waitUntil: 'networkidle' });
      results[index] = current;
    }
    await page.close();
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(tabs, paths.length)) }, () => tab()));
  } finally {
    await context.close();
  }
  return results;
}
