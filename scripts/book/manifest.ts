/**
 * The download links' figures. The book is made after the site, so the
 * pages that offer it (src/components/BookDownloads) are built with empty
 * `<span data-book-facts="<file>">` placeholders; this writes each file's
 * page count and size into them, in every built page that has one. The
 * component keeps the written text when React hydrates the page.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeBookFile, type BookManifest } from '../../src/lib/bookDownloads';
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

/** Fills the placeholders in every built page; returns how many pages changed. */
export function patchDownloadFacts(buildDir: string, manifest: BookManifest): number {
  let patched = 0;
  for (const file of htmlFiles(buildDir)) {
    const html = readFileSync(file, 'utf8');
    if (!html.includes('data-book-facts')) continue;
    const filled = fillDownloadFacts(html, manifest);
    if (filled !== html) {
      writeFileSync(file, filled);
      patched++;
    }
  }
  return patched;
}
