/** Reading the production build in tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder. Worked out here rather than imported from the
 * validator, so a test file that only reads the build does not load the
 * validator's parsers.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const BUILD_DIR = path.join(PROJECT_ROOT, 'build');

export function assertBuilt(): void {
  if (!existsSync(path.join(BUILD_DIR, 'index.html'))) {
    throw new Error('No build found in build/. Run "npm run build" before "npm run test:site".');
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
