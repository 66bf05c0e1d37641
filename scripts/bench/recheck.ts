/**
 * How quickly `docusaurus start` re-checks a saved page. The handbook-content
 * plugin is loaded as Docusaurus loads it (through jiti, afresh) and its
 * loadContent runs on a copy of the content; then one question page of the
 * copy is saved with a change and loadContent runs again, as the dev server
 * does after every save. Never writes inside the project.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadFreshModule } from '@docusaurus/utils';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { CACHE_DIR_VARIABLE } from '../validate/cache';
import { generateContentRoot } from './generate';

export interface Recheck {
  /** The first loadContent of the dev server's process (page results read from the cache, or checked). */
  firstMs: number;
  /** loadContent after one page was saved. */
  recheckMs: number;
  /** The page that was saved, from the content root. */
  page: string;
}

function firstQuestion(docsDir: string): string {
  const topic = readdirSync(path.join(docsDir, 'architecture'), { withFileTypes: true }).find((e) => e.isDirectory())!.name;
  const page = readdirSync(path.join(docsDir, 'architecture', topic)).find((f) => /^q\d{2}-.*\.mdx$/.test(f))!;
  return `docs/architecture/${topic}/${page}`;
}

/** `cacheDir` stands in for node_modules/.cache/handbook-validator, so the figure neither uses nor changes the project's cache. */
export async function measureRecheck(projectRoot: string, rootDir: string, cacheDir: string): Promise<Recheck> {
  const questions = readdirSync(path.join(projectRoot, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => /(^|[\\/])q\d{2}-[a-z0-9-]+\.mdx$/.test(f)).length;
  generateContentRoot(projectRoot, rootDir, questions);
  const pluginModule = (await loadFreshModule(path.join(projectRoot, 'src/plugins/handbook-content/index.ts'))) as (context: LoadContext) => Promise<Plugin<unknown>>;
  const saved = process.env[CACHE_DIR_VARIABLE];
  process.env[CACHE_DIR_VARIABLE] = cacheDir;
  try {
    // The plugin starts its first check as it is created.
    let started = performance.now();
    const plugin = await pluginModule({ siteDir: rootDir, baseUrl: '/' } as LoadContext);
    await plugin.loadContent!();
    const firstMs = performance.now() - started;
    const page = firstQuestion(path.join(rootDir, 'docs'));
    appendFileSync(path.join(rootDir, page), '\n{/* saved again */}\n');
    started = performance.now();
    await plugin.loadContent!();
    return { firstMs, recheckMs: performance.now() - started, page };
  } finally {
    if (saved === undefined) delete process.env[CACHE_DIR_VARIABLE];
    else process.env[CACHE_DIR_VARIABLE] = saved;
  }
}
