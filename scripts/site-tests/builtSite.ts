/**
 * What most browser tests need, set up once per test file: the production
 * build served on 127.0.0.1, headless Chromium, and the validated content
 * (to know which pages and questions to expect).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../lib/browser';
import { serveDirectory, type StaticServer } from '../lib/staticServer';
import { validateContent, type ValidationResult } from '../validate/index';
import { assertBuilt, BUILD_DIR } from './buildOutput';

export interface BuiltSite {
  browser: Browser;
  server: StaticServer;
  content: ValidationResult;
}

/** Registers the file's beforeAll/afterAll; the fields are filled once beforeAll has run. */
export function setUpBuiltSite(): BuiltSite {
  const site = {} as BuiltSite;
  beforeAll(async () => {
    assertBuilt();
    site.content = await validateContent();
    site.server = await serveDirectory(BUILD_DIR);
    site.browser = await launchChromium();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
