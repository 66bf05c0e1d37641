/**
 * Finds and starts a Chromium for the scripts that need a browser (PDF,
 * browser tests, screenshots). Never downloads one: it uses the system's.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Flags for a headless run on a machine without a network beyond localhost. */
export const CHROMIUM_ARGS = [
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
 * Open a page of the built site and wait until React has hydrated it:
 * Docusaurus marks `<html data-has-hydrated="true">` then. Before that a click
 * lands on server-rendered HTML with no handlers, which on a busy machine is
 * long after the load event.
 */
export async function gotoHydrated(page: Page, url: string, waitUntil: 'load' | 'networkidle' = 'load'): Promise<void> {
  await page.goto(url, { waitUntil });
  await waitForHydration(page);
}

/** Reload and wait for hydration again (see gotoHydrated). */
export async function reloadHydrated(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'load' });
  await waitForHydration(page);
}

async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached', timeout: 30_000 });
}
