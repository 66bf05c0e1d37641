/**
 * What the browser tests share, set up once per run by globalSetup.ts: the
 * production build served on 127.0.0.1, one headless Chromium that each test
 * file connects to, and the validated content (to know which pages and
 * questions to expect).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { ValidationReport } from '../../src/content/report';
import type { QuestionFrontMatter } from '../../src/content/schema';
import { connectChromium } from '../lib/browser';
import type { RunnableExample } from '../validate/rules/anatomy';

/** A page under docs/ as the validator read it. */
export interface ContentPage {
  /** Path relative to the project root, e.g. `docs/architecture/index.mdx`. */
  file: string;
  source: string;
}

/** A question page as the validator read it, with the examples it offers to run. */
export interface SiteQuestion extends ContentPage {
  frontMatter: QuestionFrontMatter;
  /** URL path of the page, e.g. `/architecture/structural/q01-x`. */
  permalink: string;
  /** Examples with a Run control on the page, in page order. */
  runnable: RunnableExample[];
}

/** The validated content, without the syntax trees (the tests read only these fields). */
export interface SiteContent {
  questions: SiteQuestion[];
  pages: ContentPage[];
  report: ValidationReport;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Validated once per run by globalSetup.ts. */
    siteContent: SiteContent;
    /** Where globalSetup.ts serves build/, e.g. http://127.0.0.1:41234. */
    siteUrl: string;
    /** The WebSocket endpoint of the Chromium globalSetup.ts started. */
    browserEndpoint: string;
    /** The command line that Chromium runs with (scripts/lib/browser.ts, commandLineOf). */
    browserCommandLine: string[];
  }
}

export interface BuiltSite {
  browser: Browser;
  server: { url: string };
  content: SiteContent;
}

/** The validated content of this run (set up once by globalSetup.ts). */
export function siteContent(): SiteContent {
  return inject('siteContent');
}

/**
 * The served build, the content, and a connection to the shared Chromium,
 * opened in the file's beforeAll and closed in its afterAll (closing a
 * connection closes the file's contexts, not the browser).
 */
export function setUpBuiltSite(): BuiltSite {
  const site = { content: siteContent(), server: { url: inject('siteUrl') } } as BuiltSite;
  beforeAll(async () => {
    site.browser = await connectChromium(inject('browserEndpoint'));
  });
  afterAll(async () => {
    await site.browser?.close();
  });
  return site;
}
