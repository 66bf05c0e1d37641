/**
 * Once per `npm run test:site`, before any test file: check that build/
 * exists, validate the content, serve build/ and start Chromium. Every test
 * file reads these through builtSite.ts instead of repeating the work, which
 * on a two-core machine took seconds per file.
 */
import type { TestProject } from 'vitest/node';
import { commandLineOf, launchChromiumServer } from '../lib/browser';
import { serveDirectory } from '../lib/staticServer';
import { runnableExamples } from '../validate/rules/anatomy';
import { validateContent } from '../validate/index';
import { assertBuilt, BUILD_DIR } from './buildOutput';
import type { SiteContent } from './builtSite';

async function loadSiteContent(): Promise<SiteContent> {
  const content = await validateContent();
  return {
    questions: content.questions.map((q) => ({ file: q.file, source: q.source, frontMatter: q.frontMatter, permalink: q.permalink, runnable: runnableExamples(q) })),
    pages: content.pages.map((p) => ({ file: p.file, source: p.source })),
    report: content.report,
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertBuilt();
  const [content, server, browser] = await Promise.all([loadSiteContent(), serveDirectory(BUILD_DIR), launchChromiumServer()]);
  project.provide('siteContent', content);
  project.provide('siteUrl', server.url);
  project.provide('browserEndpoint', browser.wsEndpoint());
  project.provide('browserCommandLine', commandLineOf(browser.process()));
  return async () => {
    await browser.close();
    await server.close();
  };
}
