/** Reading the production build in tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../validate/index';

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

export function listFiles(dir = BUILD_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

export function metaContent(html: string, attribute: 'name' | 'property', key: string): string | undefined {
  const pattern = new RegExp(`<meta[^>]*${attribute}="${key}"[^>]*content="([^"]*)"`, 'i');
  const reverse = new RegExp(`<meta[^>]*content="([^"]*)"[^>]*${attribute}="${key}"`, 'i');
  return (pattern.exec(html) ?? reverse.exec(html))?.[1];
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
