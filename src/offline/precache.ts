/**
 * What the service worker saves for offline reading. @docusaurus/plugin-pwa
 * globs every script, JSON, stylesheet, page, image and font of the build
 * less OFFLINE_PRECACHE's ignores, and writes the list into sw.js;
 * src/plugins/offline-reading reads it back from there to tell the reader, in
 * /offline.json, how many pages and bytes turning offline reading on saves.
 */

/** Workbox injectManifest options, passed to the plugin as `injectManifestConfig`. */
export const OFFLINE_PRECACHE = {
  globIgnores: [
    // Readers download the PDFs and the book on purpose; they are large.
    'downloads/**',
    // KaTeX's fonts come in three formats; every browser with service workers reads woff2.
    '**/*.{woff,ttf,eot}',
    // The link-preview card is for chat and wiki previews, not for reading.
    'img/social-card.png',
    // The contributors' report as data; its page is saved.
    'validation-report.json',
    // The worker and its chunk are kept by the browser with the registration; offline.json is read online only.
    'sw.js',
    '*.sw.js',
    'offline.json',
  ],
  // The search index is one JSON file of a few MiB; Workbox's default limit (2 MiB) would leave search out.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
};

/** The file the build writes and the reading control fetches before it saves the site. */
export const OFFLINE_SUMMARY_FILE = 'offline.json';

export interface OfflineSummary {
  /** Files the worker precaches. */
  files: number;
  /** Their size on disk, in bytes. */
  bytes: number;
  /** Pages a reader can open: HTML files less the redirects (short links, old URLs) and the 404 page. */
  pages: number;
}

export interface PrecacheFile {
  /** Path relative to the build folder, e.g. `architecture/structural/q01-x.html`. */
  url: string;
  size: number;
  /** For HTML files: whether the file only redirects to another page (plugin-client-redirects' stubs). */
  redirect?: boolean;
}

export function offlineSummary(files: readonly PrecacheFile[]): OfflineSummary {
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    pages: files.filter((f) => f.url.endsWith('.html') && !f.redirect && f.url !== '404.html').length,
  };
}

/** Workbox writes the precache list into the worker as a JSON array of `{"revision":…,"url":…}`. */
export function precacheUrls(workerSource: string): string[] | undefined {
  const list = /\[\{"(?:revision|url)":[\s\S]*?\}\]/.exec(workerSource)?.[0];
  if (!list) return undefined;
  try {
    return (JSON.parse(list) as { url: string }[]).map((entry) => entry.url);
  } catch {
    // Read while Workbox was still writing it.
    return undefined;
  }
}

/** A redirect stub of @docusaurus/plugin-client-redirects: a page that only refreshes to its target. */
export function isRedirectPage(html: string): boolean {
  return /<meta\s+http-equiv="refresh"/i.test(html);
}
