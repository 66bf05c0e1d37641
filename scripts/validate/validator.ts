/**
 * The validator as a long-lived object, for the command line and the dev
 * server: it keeps each page's result and checks a page again only when its
 * text or a file it depends on changed; the collection rules, which are cheap,
 * run in full every time. Results are also kept on disk (see cache.ts), so a
 * fresh process re-checks only what changed since the last run.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ValidationReport } from '../../src/content/report';
import { cacheVersion, defaultCacheDir, memoryVerdicts, openVerdicts, readCachedPages, writeCachedPages, type CachedPages, type VerdictStore } from './cache';
import { collect } from './collect';
import { contentHash, dependenciesUnchanged, listContentFiles, plainFiles, PROJECT_ROOT, toPosix, type FileAccess } from './files';
import { isPlainData, type PageRecord } from './page-record';
import type { Problem } from './types';

/** Most pages checked side by side: enough to keep parsing while the renderer worker loads, few enough that their trees stay small in memory. */
const PAGES_IN_FLIGHT = 48;

export interface ValidatorOptions {
  /** Folder that holds docs/ (a fixture folder in tests); the project by default. */
  rootDir?: string;
  /** Catalog entries; the real catalog by default. */
  catalog?: readonly unknown[];
  /** Where results are kept between runs; false keeps them in this process only. */
  cacheDir?: string | false;
  /** The day review dates are measured against; now by default. */
  today?: Date;
}

export interface ValidatorRun {
  problems: Problem[];
  /** Advice that does not fail validation (a diagram likely too wide for the column), sorted like problems. */
  warnings: Problem[];
  report: ValidationReport;
  /** Files read from disk in this run, by path from rootDir: pages whose text may have changed, and their dependencies. */
  read: string[];
  /** Pages checked again in this run (the others' results were reused). */
  checked: string[];
}

export interface Validator {
  /** Checks the content, reusing the result of every page whose text and dependencies are unchanged. */
  validateAll(): Promise<ValidatorRun>;
  /** Like validateAll, but re-reads `changedFiles` (paths from rootDir, or absolute) even if their size and time look unchanged. */
  revalidate(changedFiles: readonly string[]): Promise<ValidatorRun>;
}

interface Known {
  hash: string;
  record: PageRecord;
}

/** A file as last seen: its stat stamp and its text, so an unchanged file is not read twice in one process. */
interface Seen {
  stamp: string;
  text: string | undefined;
}

/**
 * File access that reads a file again only when its size, time or inode
 * changed since this process last read it. Editors save by rewriting (new
 * time) or replacing (new inode); revalidate() forgets the named files, for
 * the rare write that changes neither.
 */
function watchedFiles(rootDir: string, onRead: (file: string) => void): FileAccess & { forget(file: string): void } {
  const plain = plainFiles(rootDir);
  const seen = new Map<string, Seen>();
  const stampOf = async (file: string): Promise<string> => {
    const s = await stat(path.join(rootDir, file)).catch(() => undefined);
    return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : 'missing';
  };
  return {
    forget: (file) => void seen.delete(file),
    exists: async (file) => (await stampOf(file)) !== 'missing',
    async read(file) {
      const stamp = await stampOf(file);
      if (stamp === 'missing') return undefined;
      const known = seen.get(file);
      if (known?.stamp === stamp) return known.text;
      onRead(file);
      const text = await plain.read(file);
      seen.set(file, { stamp, text });
      return text;
    },
  };
}

export function createValidator(options: ValidatorOptions = {}): Validator {
  const rootDir = path.resolve(options.rootDir ?? PROJECT_ROOT);
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  let read = new Set<string>();
  const files = watchedFiles(rootDir, (file) => read.add(file));
  const known = new Map<string, Known>();
  let disk: Promise<{ version: string; pages: CachedPages; verdicts: VerdictStore }> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const openDisk = () =>
    (disk ??= (async () => {
      if (cacheDir === false) return { version: '', pages: {}, verdicts: memoryVerdicts() };
      const version = await cacheVersion();
      const [pages, verdicts] = await Promise.all([readCachedPages(cacheDir, rootDir, version), openVerdicts(cacheDir, PROJECT_ROOT, version)]);
      return { version, pages, verdicts };
    })());

  async function run(forced: readonly string[]): Promise<ValidatorRun> {
    read = new Set();
    for (const file of forced) files.forget(file);
    const { version, pages: stored, verdicts } = await openDisk();
    const list = await listContentFiles(rootDir);
    const records: PageRecord[] = [];
    const checked: string[] = [];
    let changed = false;
    let checkPage: typeof import('./page').checkPage | undefined;
    // Pages being checked side by side: one that waits for a verdict (KaTeX and Mermaid answer from a worker) lets the next be parsed meanwhile.
    const inFlight: Promise<unknown>[] = [];
    for (const file of list) {
      const source = await files.read(file);
      if (source === undefined) {
        // Removed since the listing (the dev server runs while files are saved); a page that exists but cannot be read is an error, never a skipped page.
        if (await files.exists(file)) throw new Error(`cannot read ${file}`);
        continue;
      }
      const hash = contentHash(source);
      const reusable = known.get(file) ?? stored[file];
      if (reusable && reusable.hash === hash && (await dependenciesUnchanged(reusable.record.dependencies, files))) {
        known.set(file, reusable);
        records.push(reusable.record);
        continue;
      }
      if (!checkPage) {
        // On a cold cache every diagram and formula needs the renderer worker: start it loading now, beside the parser.
        if (verdicts.isEmpty()) (await import('./renderers')).renderers().warm();
        // The parser and the rules load only when some page must be checked.
        checkPage = (await import('./page')).checkPage;
      }
      const slot = records.length;
      records.push(undefined as unknown as PageRecord);
      checked.push(file);
      changed = true;
      const page = checkPage({ rootDir, files, verdicts }, file, source).then(({ record }) => {
        known.set(file, { hash, record });
        records[slot] = record;
      });
      // Marked as handled at once: a failure is thrown below, when its turn comes.
      page.catch(() => undefined);
      inFlight.push(page);
      if (inFlight.length >= PAGES_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const listed = new Set(list);
    for (const file of known.keys()) {
      if (!listed.has(file)) {
        known.delete(file);
        changed = true;
      }
    }
    if (Object.keys(stored).some((file) => !listed.has(file))) changed = true;

    const { problems, warnings, report } = await collect(records, options.catalog, options.today);
    if (cacheDir !== false && changed) {
      const keep: CachedPages = {};
      for (const [file, entry] of known) if (isPlainData(entry.record)) keep[file] = entry;
      await writeCachedPages(cacheDir, rootDir, version, keep);
      for (const file of Object.keys(stored)) delete stored[file];
      Object.assign(stored, keep);
    }
    await verdicts.save();
    return { problems, warnings, report, read: [...read].sort(), checked };
  }

  // One run at a time: the dev server may call again while a run is under way.
  const serial = (forced: readonly string[]): Promise<ValidatorRun> => {
    const next = queue.then(() => run(forced));
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    validateAll: () => serial([]),
    revalidate: (changedFiles) => serial(changedFiles.map((file) => toPosix(path.isAbsolute(file) ? path.relative(rootDir, file) : file))),
  };
}
