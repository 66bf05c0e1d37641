/**
 * Old URLs that must keep working. A renamed question lists its former
 * paths in `redirectFrom`; the client-redirects plugin turns each into a
 * redirect page. Read synchronously because the plugin asks per path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';

function permalinkOf(relativeFile: string): string {
  return `/${relativeFile.replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '')}`;
}

/** Map of page path -> old paths, from every page's `redirectFrom`. */
export function collectRedirects(docsDir: string): Map<string, string[]> {
  const redirects = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(entry.name)) {
        let data: Record<string, unknown>;
        try {
          data = matter(readFileSync(full, 'utf8'), {}).data;
        } catch {
          continue; // The validator reports broken frontmatter with its line.
        }
        const from = data.redirectFrom;
        if (Array.isArray(from) && from.length > 0) {
          redirects.set(permalinkOf(path.relative(docsDir, full).split(path.sep).join('/')), from.map(String));
        }
      }
    }
  };
  walk(docsDir);
  return redirects;
}
