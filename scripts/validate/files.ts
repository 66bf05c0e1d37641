/**
 * Where the content lives and how its files are read: listing the pages, their
 * URLs, and a reader that notes every file a rule looked at, so a page's
 * result can be reused exactly as long as none of those files changed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository the validator belongs to (its catalog, its src/pages), whatever content root it checks. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export async function listContentFiles(rootDir: string, dir = 'docs'): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(path.join(rootDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (/\.mdx?$/.test(entry.name)) out.push(child);
    }
  }
  await walk(dir);
  return out.sort();
}

export { permalinkFor } from '../../src/content/permalink';

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** What a rule learnt about a file other than the page: that it is missing, that it exists, or its exact text (by hash). */
export type FileState = 'missing' | 'present' | { hash: string };

/** The files beyond the page itself that a page's result depends on (example modules, tests, demos), by path from the content root. */
export type Dependencies = Record<string, FileState>;

/** How the per-page rules reach files other than the page; paths are relative to the content root. */
export interface FileAccess {
  exists(file: string): Promise<boolean>;
  /** The file's text, or undefined when it cannot be read. */
  read(file: string): Promise<string | undefined>;
}

/** Plain access to the files under rootDir. */
export function plainFiles(rootDir: string): FileAccess {
  return {
    exists: (file) =>
      stat(path.join(rootDir, file)).then(
        () => true,
        () => false,
      ),
    read: (file) => readFile(path.join(rootDir, file), 'utf8').catch(() => undefined),
  };
}

/** File access that writes down what it saw, as the page's dependencies. */
export function recordingFiles(files: FileAccess): FileAccess & { readonly seen: Dependencies } {
  const seen: Dependencies = {};
  return {
    seen,
    async exists(file) {
      const found = await files.exists(file);
      if (!found) seen[file] = 'missing';
      else if (seen[file] === undefined || seen[file] === 'missing') seen[file] = 'present';
      return found;
    },
    async read(file) {
      const text = await files.read(file);
      seen[file] = text === undefined ? 'missing' : { hash: contentHash(text) };
      return text;
    },
  };
}

/** True when every dependency is still in the state it was in when the page was checked. */
export async function dependenciesUnchanged(dependencies: Dependencies, files: FileAccess): Promise<boolean> {
  for (const [file, state] of Object.entries(dependencies)) {
    if (state === 'missing' || state === 'present') {
      if ((await files.exists(file)) !== (state === 'present')) return false;
    } else {
      const text = await files.read(file);
      if (text === undefined || contentHash(text) !== state.hash) return false;
    }
  }
  return true;
}
