/** Reading the production build in tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOOK_FILES } from '../../src/lib/bookDownloads';
import { escapeRegExp } from '../../src/lib/escapeRegExp';
import { CHEAT_SHEET_PDFS } from '../../src/lib/cheatSheetPdf';

/**
 * The project folder. Worked out here rather than imported from the
 * validator, so a test file that only reads the build does not load the
 * validator's parsers.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const BUILD_DIR = path.join(PROJECT_ROOT, 'build');

/** Files `npm run build` writes after the site itself (scripts/pdf.ts, scripts/book.ts), which pages link to and fetch. */
export const DOWNLOADS_MADE_AFTER_THE_SITE = [...CHEAT_SHEET_PDFS.map((pdf) => pdf.file), BOOK_FILES.manifest];

/** Throws, naming the fix, unless `dir` holds a complete production build: the site and its downloads. */
export function assertBuilt(dir = BUILD_DIR): void {
  // The fix is the whole message: no stack trace under it.
  const refuse = (message: string): never => {
    const error = new Error(message);
    error.stack = `Error: ${message}`;
    throw error;
  };
  const name = `${path.relative(PROJECT_ROOT, dir) || '.'}/`;
  if (!existsSync(path.join(dir, 'index.html'))) {
    refuse(`No build found in ${name}. Run "npm run build" before "npm run test:site".`);
  }
  const missing = DOWNLOADS_MADE_AFTER_THE_SITE.filter((file) => !existsSync(path.join(dir, file)));
  if (missing.length > 0) {
    refuse(
      `${name} has the site but not ${missing.join(', ')}, which its pages link to: "docusaurus build" alone leaves out the cheat-sheet PDFs and the book. Run "npm run build", which makes them after the site.`,
    );
  }
}

/** The HTML served for a URL path such as /architecture/structural/q01-x. */
export function htmlFor(urlPath: string): string {
  const clean = urlPath.replace(/^\//, '').replace(/\/$/, '');
  const candidates = clean === '' ? ['index.html'] : [`${clean}.html`, `${clean}/index.html`];
  for (const candidate of candidates) {
    const file = path.join(BUILD_DIR, candidate);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`No page for ${urlPath} in build/ (looked for ${candidates.join(', ')})`);
}

/** Diagrams of a built page: every diagram's wrapper is server-rendered with a data-diagram attribute. */
export function diagramsInBuiltPage(urlPath: string): number {
  return htmlFor(urlPath).match(/\sdata-diagram(?=[\s=>])/g)?.length ?? 0;
}

export function listFiles(dir = BUILD_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

// The build minifies HTML, so attribute values may or may not be quoted.
const VALUE = `(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`;

export function metaContent(html: string, attribute: 'name' | 'property', key: string): string | undefined {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const keyMatch = new RegExp(`\\b${attribute}=${VALUE}`, 'i').exec(tag);
    if ((keyMatch?.[1] ?? keyMatch?.[2] ?? keyMatch?.[3]) !== key) continue;
    const content = new RegExp(`\\bcontent=${VALUE}`, 'i').exec(tag);
    return content?.[1] ?? content?.[2] ?? content?.[3];
  }
  return undefined;
}

/** Values of every `attribute=` in the HTML (href, id...). */
export function attributeValues(html: string, attribute: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${attribute}=${VALUE}`, 'gi'))].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

export function hasAttribute(html: string, attribute: string, value: string): boolean {
  return new RegExp(`\\s${attribute}=(?:"${escapeRegExp(value)}"|'${escapeRegExp(value)}'|${escapeRegExp(value)}(?=[\\s>]))`, 'i').test(html);
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A page the client-redirects plugin wrote for an old URL: it only forwards to the new one. */
function isRedirectStub(html: string): boolean {
  return /<meta\s[^>]*http-equiv=["']?refresh/i.test(html);
}

/**
 * URL path of every page in a build, read from the HTML files themselves, so
 * pages added by any plugin or branch are covered without a list to maintain.
 * Redirect stubs are left out; the 404 page is included as /404.
 */
export function builtPages(dir = BUILD_DIR): string[] {
  return listFiles(dir)
    .filter((file) => file.endsWith('.html') && !isRedirectStub(readFileSync(file, 'utf8')))
    .map((file) => {
      const rel = path.relative(dir, file).split(path.sep).join('/');
      const withoutExt = rel.replace(/\.html$/, '').replace(/(^|\/)index$/, '');
      return `/${withoutExt}`;
    })
    .sort();
}

/** Each page's built HTML with the address it is served at, as pageWeight's entryScripts and entryStylesheets read them. */
export function builtPagesHtml(paths: readonly string[] = builtPages()): { html: string; pageUrl: string }[] {
  return paths.map((p) => ({ html: htmlFor(p), pageUrl: `http://localhost${p}` }));
}
