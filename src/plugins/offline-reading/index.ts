/**
 * Writes /offline.json after a production build: how many files, bytes and
 * pages the offline-reading service worker (@docusaurus/plugin-pwa) saves, so
 * the reading control can say "Saving 134 pages (16 MB)" and show progress.
 * Plugins' postBuild steps run side by side, and the list is the one the
 * pwa plugin writes into sw.js once the other plugins' files (redirect pages,
 * the search index) are there, so this reads it back from sw.js rather than
 * globbing the build a second time. Nothing runs in `npm start`.
 */
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from '@docusaurus/types';
import { isRedirectPage, OFFLINE_SUMMARY_FILE, offlineSummary, precacheUrls, type OfflineSummary, type PrecacheFile } from '../../offline/precache';

const WAIT_MS = 180_000;

async function workerPrecache(outDir: string): Promise<string[]> {
  const worker = path.join(outDir, 'sw.js');
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    if (!existsSync(worker)) continue;
    const urls = precacheUrls(await readFile(worker, 'utf8'));
    if (urls) return urls;
  }
  throw new Error(`offline-reading: ${worker} has no precache list after ${WAIT_MS / 1000} s; did @docusaurus/plugin-pwa run?`);
}

export async function summariseBuild(outDir: string): Promise<OfflineSummary> {
  const urls = await workerPrecache(outDir);
  const files: PrecacheFile[] = await Promise.all(
    urls.map(async (url) => {
      const file = path.join(outDir, url);
      const size = (await stat(file)).size;
      return url.endsWith('.html') ? { url, size, redirect: isRedirectPage(await readFile(file, 'utf8')) } : { url, size };
    }),
  );
  return offlineSummary(files);
}

export default function offlineReadingPlugin(): Plugin | null {
  if (process.env.NODE_ENV !== 'production') return null;
  return {
    name: 'offline-reading',
    async postBuild({ outDir }) {
      await writeFile(path.join(outDir, OFFLINE_SUMMARY_FILE), `${JSON.stringify(await summariseBuild(outDir))}\n`);
    },
  };
}
