/**
 * Finds and starts a Chromium for the scripts that need a browser (PDF,
 * browser tests, screenshots). Never downloads one: it uses the system's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';

export const BROWSER_ENV = 'CHROMIUM_PATH';

const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const INSTALL_HINT = [
  'No Chromium was found.',
  `Set ${BROWSER_ENV}=/path/to/chromium, or install one:`,
  '  Debian/Ubuntu: sudo apt-get install chromium',
  '  macOS:         brew install --cask chromium',
  'This project never downloads a browser by itself.',
].join('\n');

export class BrowserNotFoundError extends Error {
  constructor() {
    super(INSTALL_HINT);
    this.name = 'BrowserNotFoundError';
  }
}

/** The browser to use: $CHROMIUM_PATH first, then known install locations. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string {
  const fromEnv = env[BROWSER_ENV];
  if (fromEnv) {
    if (exists(fromEnv)) return fromEnv;
    throw new BrowserNotFoundError();
  }
  const found = KNOWN_PATHS.find((p) => exists(p));
  if (!found) throw new BrowserNotFoundError();
  return found;
}

/**
 * The features Playwright 1.65 switches off in Chromium (its chromiumSwitches.ts). Chromium honours only the
 * last --disable-features switch on its command line, so ours (CHROMIUM_ARGS) must name these again or it
 * turns them back on. A site test (browserFlags.test.ts) compares the two lists on the running browser's
 * command line and fails when Playwright's changes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * Features this project switches off as well. Every browser window (each browser context's first page opens
 * one) loaded the address bar's suggestion popups (chrome://omnibox-popup.top-chrome/) as web pages, each in a
 * renderer process of its own, for an address bar a headless browser never shows: a new context's page cost
 * three processes instead of one. Chromium builds that popup when any of these three is on
 * (OmniboxPopupUIConfig::IsWebUIEnabled); a name a Chromium does not know is ignored.
 */
export const EXTRA_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'] as const;

/**
 * The command line a launched browser runs with: read from /proc where there is one, since a distribution's
 * launcher (Debian's /usr/bin/chromium is a shell script) may add switches of its own before it execs the
 * browser in the same process; elsewhere, the arguments Playwright started it with.
 */
export function commandLineOf(child: { pid?: number; spawnargs: string[] }): string[] {
  try {
    const line = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (line.length > 0) return line;
  } catch {
    // No /proc (macOS, Windows), or the process has gone.
  }
  return child.spawnargs;
}

/** Flags for a headless run on a machine without a network beyond localhost. */
export const CHROMIUM_ARGS = [
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...EXTRA_DISABLED_FEATURES].join(',')}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launch headless Chromium. Playwright gives every launch a fresh, temporary
 * user-data directory and removes it on close.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * Launch headless Chromium once for several processes: each test file
 * connects to it over its WebSocket endpoint (connectChromium) instead of
 * starting a browser of its own.
 */
export async function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** Connect to a browser started by launchChromiumServer; closing the connection leaves the browser running. */
export async function connectChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}

/**
 * Open a page of the built site and wait until React has hydrated it:
 * Docusaurus marks `<html data-has-hydrated="true">` then. Before that a click
 * lands on server-rendered HTML with no handlers, which on a busy machine is
 * long after the load event.
 */
export async function gotoHydrated(page: Page, url: string, waitUntil: 'load' | 'networkidle' = 'load'): Promise<void> {
  await page.goto(url, { waitUntil });
  await waitForHydration(page);
}

/**
 * Opens the doc page at `url` as a reader following links does: a tab where
 * the site does not run yet loads it by its address (gotoHydrated); in one
 * where it runs, the URL is pushed to the history and the router told of it (a
 * popstate event, which it handles like a move back or forward), with no page
 * load, which spares loading and compiling the site's scripts again. Resolves
 * once the page's content element is in the document: Docusaurus keeps the old
 * page until the new route has loaded, then renders a doc's content anew (the
 * old one, marked here, is gone). The page open now is left as it is.
 */
export async function openDoc(page: Page, url: string): Promise<void> {
  if (page.url() === url) return;
  if (!page.url().startsWith(`${new URL(url).origin}/`)) {
    await gotoHydrated(page, url);
    return;
  }
  await page.evaluate((href) => {
    for (const content of document.querySelectorAll('.theme-doc-markdown')) content.setAttribute('data-left-behind', '');
    window.history.pushState(null, '', href);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
  await page.waitForSelector('article .theme-doc-markdown:not([data-left-behind])', { state: 'attached', timeout: 30_000 });
}

/** Reload and wait for hydration again (see gotoHydrated). */
export async function reloadHydrated(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'load' });
  await waitForHydration(page);
}

/** Mermaid diagrams drawn on the page; a switch of colour scheme redraws them (see switchColorScheme). */
export const DIAGRAM_SVGS = '.docusaurus-mermaid-container svg:not([data-drawn-before-switch])';

/** Wait until `expected` diagrams are drawn; resolves either way, so the caller counts what is there. */
export async function waitForDiagrams(page: Page, expected: number, timeout = 15_000): Promise<void> {
  if (expected === 0) return;
  await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length >= n, [DIAGRAM_SVGS, expected] as const, { timeout }).catch(() => undefined);
}

/**
 * Switch an open page to the other colour scheme without reloading it. The
 * site follows the system setting until a reader picks one
 * (respectPrefersColorScheme), so emulating the media feature flips
 * `data-theme` as a reader's system switch does, and Mermaid redraws every
 * diagram in that scheme's theme. Resolves once the theme is applied, the
 * diagrams drawn before the switch are redrawn (or 15 s have passed: the
 * caller counts them) and colour transitions have ended, so what is checked
 * next is the page as it looks in the new scheme.
 */
export async function switchColorScheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  const diagrams = await page.evaluate(() => {
    const drawn = document.querySelectorAll('.docusaurus-mermaid-container svg');
    for (const svg of drawn) svg.setAttribute('data-drawn-before-switch', '');
    return drawn.length;
  });
  await page.emulateMedia({ colorScheme });
  await page.waitForSelector(`html[data-theme="${colorScheme}"]`, { state: 'attached', timeout: 10_000 }).catch(() => {
    throw new Error(`${page.url()} did not switch to ${colorScheme} mode when the system colour scheme changed`);
  });
  await waitForDiagrams(page, diagrams);
  await page.evaluate(async () => {
    // Let the new colours start their transitions, then wait for the finite ones to end.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached', timeout: 30_000 });
}
