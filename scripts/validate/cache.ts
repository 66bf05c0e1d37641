/**
 * What the validator remembers between runs, in node_modules/.cache/handbook-validator
 * (which `docusaurus clear` empties): the verdicts on each Mermaid diagram
 * (does it parse, is it likely too wide) and KaTeX formula by content hash,
 * and each page's result by the hash of its text and of the files it depends on.
 *
 * A cache must never hide a problem, so everything in it is keyed by a version
 * made of the validator's own source, the schema it applies and the versions
 * of the parsers and renderers it runs; a file that does not parse, carries
 * another version or fails its checksum is treated as empty. Writing it is
 * best effort: a read-only or missing node_modules only costs speed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash, PROJECT_ROOT } from './files';
import type { PageRecord } from './page-record';

/** Bump when the layout of the cache files changes. */
export const CACHE_FORMAT = 1;

/** Overrides the cache's folder (the benchmark points it at a fresh one). */
export const CACHE_DIR_VARIABLE = 'HANDBOOK_VALIDATOR_CACHE';

export function defaultCacheDir(): string {
  return process.env[CACHE_DIR_VARIABLE] || path.join(PROJECT_ROOT, 'node_modules/.cache/handbook-validator');
}

/**
 * Source files whose text decides a verdict or a page's problems, besides
 * every non-test file in scripts/validate/ (its renderer worker included): the schema and track data the
 * per-page rules apply, the page URLs and the demo naming convention. A test
 * checks that the per-page rules load nothing else of the project.
 */
export const RULE_SOURCES = [
  'src/content/diagramKinds.ts',
  'src/content/mermaidOptions.ts',
  'src/content/schema.ts',
  'src/content/review.ts',
  'src/content/tracks.ts',
  'src/content/permalink.ts',
  'src/runner/conventions.ts',
];

/** Packages whose version changes what the rules find (parsers, renderers, the schema library, the slugger). */
export const RULE_PACKAGES = [
  'mermaid',
  'katex',
  'jsdom',
  'dompurify',
  'unified',
  'remark-parse',
  'remark-mdx',
  'remark-gfm',
  'remark-math',
  'remark-frontmatter',
  'micromark',
  'gray-matter',
  'zod',
  '@docusaurus/utils',
];

async function validatorSources(projectRoot: string): Promise<string[]> {
  const dir = 'scripts/validate';
  const entries = await readdir(path.join(projectRoot, dir), { recursive: true, encoding: 'utf8' });
  const own = entries
    .map((entry) => `${dir}/${entry.split(path.sep).join('/')}`)
    .filter((file) => /\.(ts|mjs)$/.test(file) && !file.endsWith('.test.ts') && !file.startsWith(`${dir}/fixtures/`));
  return [...own.sort(), ...RULE_SOURCES];
}

/**
 * The cache's version: a hash of the cache format, the validator's rules and
 * schema (their source text) and the installed versions of the packages they
 * run. Any change to one of them starts a new, empty cache.
 */
export async function cacheVersion(projectRoot = PROJECT_ROOT): Promise<string> {
  const hash = createHash('sha256').update(`format ${CACHE_FORMAT}\n`);
  // Read side by side, hashed in a fixed order.
  const sources = await validatorSources(projectRoot);
  const [texts, manifests, installed] = await Promise.all([
    Promise.all(sources.map((file) => readFile(path.join(projectRoot, file), 'utf8').catch(() => '(missing)'))),
    Promise.all(RULE_PACKAGES.map((name) => readFile(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8').catch(() => '{}'))),
    // npm's record of the installed tree also covers the parsers' own dependencies (the micromark extensions).
    readFile(path.join(projectRoot, 'node_modules/.package-lock.json'), 'utf8').catch(() => ''),
  ]);
  sources.forEach((file, i) => hash.update(`${file}\n${contentHash(texts[i]!)}\n`));
  RULE_PACKAGES.forEach((name, i) => hash.update(`${name}@${String((JSON.parse(manifests[i]!) as { version?: unknown }).version ?? 'none')}\n`));
  hash.update(`installed ${contentHash(installed)}\n`);
  return hash.digest('base64url');
}

interface CacheFile<T> {
  format: number;
  version: string;
  /** Hash of `body`, so a file damaged after it was written reads as empty. */
  checksum: string;
  body: T;
}

/** The body of a cache file, or undefined when it is missing, damaged or of another version. */
export async function readCacheFile<T>(file: string, version: string, isBody: (body: unknown) => body is T): Promise<T | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile<unknown>>;
    if (parsed.format !== CACHE_FORMAT || parsed.version !== version) return undefined;
    if (parsed.checksum !== contentHash(JSON.stringify(parsed.body))) return undefined;
    return isBody(parsed.body) ? parsed.body : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a cache file whole or not at all (a reader never sees half of one). Failures are ignored. */
export async function writeCacheFile<T>(file: string, version: string, body: T): Promise<void> {
  const content: CacheFile<T> = { format: CACHE_FORMAT, version, checksum: contentHash(JSON.stringify(body)), body };
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, JSON.stringify(content));
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** null: the diagram or formula is fine; a string: the error the renderer gave (for 'mermaid-width', the warning). */
export type Verdict = string | null;

/** Verdicts by key; what this run looked up or added is kept first when the file is trimmed. */
export interface VerdictStore {
  /** True while it holds no verdict at all (a cold cache): then every formula and diagram will need KaTeX or Mermaid. */
  isEmpty(): boolean;
  get(key: string): Verdict | undefined;
  set(key: string, verdict: Verdict): void;
  save(): Promise<void>;
}

/** Most verdicts kept; far more diagrams and formulas than the handbook has, so only edits long gone fall out. */
export const MAX_VERDICTS = 20_000;

export function verdictKey(kind: 'mermaid' | 'mermaid-kind' | 'mermaid-width' | 'katex-inline' | 'katex-display', text: string): string {
  return `${kind}:${contentHash(text)}`;
}

type VerdictEntries = [string, Verdict][];

function isVerdictEntries(body: unknown): body is VerdictEntries {
  return Array.isArray(body) && body.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && (e[1] === null || typeof e[1] === 'string'));
}

/** Verdicts for this process only: used when there is no cache folder. */
export function memoryVerdicts(): VerdictStore {
  const entries = new Map<string, Verdict>();
  return { isEmpty: () => entries.size === 0, get: (key) => entries.get(key), set: (key, verdict) => void entries.set(key, verdict), save: async () => {} };
}

/** `knownVersion` is the cache version when the caller has it already (it reads every validator source to make it). */
export async function openVerdicts(cacheDir: string | false, projectRoot = PROJECT_ROOT, knownVersion?: string): Promise<VerdictStore> {
  if (cacheDir === false) return memoryVerdicts();
  const version = knownVersion ?? (await cacheVersion(projectRoot));
  const file = path.join(cacheDir, 'verdicts.json');
  const old = new Map(await readCacheFile(file, version, isVerdictEntries));
  const used = new Map<string, Verdict>();
  let added = false;
  return {
    isEmpty: () => old.size === 0 && used.size === 0,
    get(key) {
      const verdict = used.has(key) ? used.get(key) : old.get(key);
      if (verdict !== undefined) used.set(key, verdict);
      return verdict;
    },
    set(key, verdict) {
      used.set(key, verdict);
      added = true;
    },
    async save() {
      if (!added) return;
      // Another process may have written verdicts since this one read the file: keep theirs too.
      const current = new Map(await readCacheFile(file, version, isVerdictEntries));
      const merged = new Map<string, Verdict>();
      for (const [key, verdict] of [...old, ...current]) if (!used.has(key)) merged.set(key, verdict);
      for (const [key, verdict] of used) merged.set(key, verdict);
      await writeCacheFile(file, version, [...merged].slice(-MAX_VERDICTS));
      added = false;
    },
  };
}

/** A page's result as it was, and the hash of the text it was computed from. */
export interface CachedPage {
  hash: string;
  record: PageRecord;
}

export type CachedPages = Record<string, CachedPage>;

function isCachedPages(body: unknown): body is { rootDir: string; pages: CachedPages } {
  if (typeof body !== 'object' || body === null) return false;
  const pages = (body as { pages?: unknown }).pages;
  if (typeof pages !== 'object' || pages === null) return false;
  return Object.values(pages).every((entry: unknown) => {
    const e = entry as Partial<CachedPage> | null;
    return (
      typeof e?.hash === 'string' &&
      typeof e.record === 'object' &&
      e.record !== null &&
      Array.isArray(e.record.problems) &&
      Array.isArray(e.record.warnings) &&
      typeof e.record.dependencies === 'object'
    );
  });
}

/** Page results of at most this many content roots are kept (the handbook, and a few test or benchmark roots). */
export const MAX_ROOTS = 8;

function pagesFile(cacheDir: string, rootDir: string): string {
  return path.join(cacheDir, `pages-${contentHash(path.resolve(rootDir)).slice(0, 16)}.json`);
}

export async function readCachedPages(cacheDir: string, rootDir: string, version: string): Promise<CachedPages> {
  const body = await readCacheFile(pagesFile(cacheDir, rootDir), version, isCachedPages);
  return body && body.rootDir === path.resolve(rootDir) ? body.pages : {};
}

export async function writeCachedPages(cacheDir: string, rootDir: string, version: string, pages: CachedPages): Promise<void> {
  await writeCacheFile(pagesFile(cacheDir, rootDir), version, { rootDir: path.resolve(rootDir), pages });
  // Forget the roots used longest ago (test fixtures, benchmark copies).
  const files = (await readdir(cacheDir).catch(() => [])).filter((f) => /^pages-[\w-]+\.json$/.test(f));
  if (files.length <= MAX_ROOTS) return;
  const dated = await Promise.all(files.map(async (f) => ({ f, at: (await stat(path.join(cacheDir, f)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.at - a.at);
  await Promise.all(dated.slice(MAX_ROOTS).map(({ f }) => rm(path.join(cacheDir, f), { force: true })));
}
