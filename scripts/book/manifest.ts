/**
 * The download links' figures. The book is made after the site, so the
 * pages that offer it (src/components/BookDownloads) are built with empty
 * `<span data-book-facts="<file>">` placeholders; this writes each file's
 * page count and size into them, in every built page that has one. The
 * component keeps the written text when React hydrates the page.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeBookFile, type BookManifest } from '../../src/lib/bookDownloads';
import { escapeRegExp } from '../../src/lib/escapeRegExp';
import { escapeHtml } from './document';

// The build minifies HTML: the attribute may be quoted or not, and the span may already hold text from an earlier run.
const PLACEHOLDER = /(<span\b[^>]*\bdata-book-facts=(?:"([^"]*)"|([^\s">]+))[^>]*>)([^<]*)(<\/span>)/g;

/** The HTML with every placeholder of a file in the manifest filled in; the others are left as they are. */
export function fillDownloadFacts(html: string, manifest: BookManifest): string {
  const byFile = new Map(manifest.files.map((f) => [f.file, f]));
  return html.replace(PLACEHOLDER, (whole, open: string, quoted: string | undefined, bare: string | undefined, _text: string, close: string) => {
    const file = byFile.get(quoted ?? bare ?? '');
    return file ? `${open}${escapeHtml(`(${describeBookFile(file)})`)}${close}` : whole;
  });
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

/**
 * The offline worker's precache list (sw.js, written by @docusaurus/plugin-pwa during the site build)
 * names each file with the MD5 of its content as its revision; a page the book step rewrote gets its
 * new revision, so a reader's saved copy is refreshed when the page changes. `files` are paths from buildDir.
 */
export function refreshPrecacheRevisions(workerSource: string, buildDir: string, files: readonly string[]): string {
  let source = workerSource;
  for (const file of files) {
    const url = file.split(path.sep).join('/');
    const revision = createHash('md5')
      .update(readFileSync(path.join(buildDir, file)))
      .digest('hex');
    const entry = new RegExp(`\\{"revision":"[0-9a-f]+","url":"${escapeRegExp(url)}"\\}`);
    source = source.replace(entry, JSON.stringify({ revision, url }));
  }
  return source;
}

/** Fills the placeholders in every built page, and the revisions of the pages it changed in the offline worker; returns how many pages changed. */
export function patchDownloadFacts(buildDir: string, manifest: BookManifest): number {
  const patched: string[] = [];
  for (const file of htmlFiles(buildDir)) {
    const html = readFileSync(file, 'utf8');
    if (!html.includes('data-book-facts')) continue;
    const filled = fillDownloadFacts(html, manifest);
    if (filled !== html) {
      writeFileSync(file, filled);
      patched.push(path.relative(buildDir, file));
    }
  }
  const worker = path.join(buildDir, 'sw.js');
  if (patched.length > 0 && existsSync(worker)) writeFileSync(worker, refreshPrecacheRevisions(readFileSync(worker, 'utf8'), buildDir, patched));
  return patched.length;
}
