/**
 * Size budgets of the production build: the gzipped JavaScript each page
 * loads and the size of the whole build. Sizes only, never seconds, so the
 * check gives the same answer on a slow CI machine and a fast laptop.
 * The numbers and budgets live in scripts/budgets.json.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const KIB = 1024;
export const MIB = 1024 * 1024;

export interface Budgets {
  /** Gzipped JS every page loads first (the scripts every page's HTML names: runtime and main). */
  entryJsKiB: number;
  /** Gzipped CSS every page loads before it paints (the stylesheets every page's HTML links). */
  entryCssKiB: number;
  /** Gzipped JS loaded by a question page that has no diagram. */
  questionPageJsKiB: number;
  /** What a page with a diagram loads beyond a question page without one (Mermaid and its diagram types). */
  diagramExtraJsKiB: number;
  /** Any page at all, with or without diagrams: a ceiling for pages other branches add. */
  anyPageJsKiB: number;
  /** Every file of the build but the book, uncompressed. */
  buildTotalMiB: number;
  /** The larger of the book's PDFs (A4, Letter). */
  bookPdfMiB: number;
  /** The book's EPUB. */
  bookEpubMiB: number;
  /** The offline search index, gzipped: what a reader's first search downloads. */
  searchIndexKiB: number;
}

export interface BudgetsFile {
  /** Today's figures, as `npm run bench` measures them, with the day and the machine they came from. */
  recorded: Record<keyof Budgets, number> & { on: string; machine: string };
  budgets: Budgets;
}

const BUDGET_KEYS = [
  'entryJsKiB',
  'entryCssKiB',
  'questionPageJsKiB',
  'diagramExtraJsKiB',
  'anyPageJsKiB',
  'buildTotalMiB',
  'bookPdfMiB',
  'bookEpubMiB',
  'searchIndexKiB',
] as const satisfies readonly (keyof Budgets)[];

/** A budget is the recorded figure plus a margin for small changes; above this, it no longer guards anything. */
export const MAX_HEADROOM = 1.25;

/**
 * Problems with scripts/budgets.json itself: every figure recorded with its
 * day and machine, and every budget at or above its figure but not so far
 * above that growth would pass unnoticed.
 */
export function checkBudgetsFile(file: BudgetsFile): string[] {
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(file.recorded?.on))) problems.push(`recorded.on is "${file.recorded?.on}": write the day of the measurement as YYYY-MM-DD`);
  if (!file.recorded?.machine || String(file.recorded.machine).trim().length < 3)
    problems.push('recorded.machine is empty: name the machine of the measurement (CPU, cores, RAM, Node.js), as npm run bench prints it');
  for (const key of BUDGET_KEYS) {
    const recorded = file.recorded?.[key];
    const budget = file.budgets?.[key];
    if (typeof recorded !== 'number' || !(recorded > 0)) {
      problems.push(`recorded.${key} is ${JSON.stringify(recorded)}: record the figure npm run bench prints`);
      continue;
    }
    if (typeof budget !== 'number' || !(budget > 0)) problems.push(`budgets.${key} is ${JSON.stringify(budget)}: set it a little above recorded.${key} (${recorded})`);
    else if (budget < recorded) problems.push(`budgets.${key} (${budget}) is below recorded.${key} (${recorded}): the build already breaks it`);
    else if (budget > recorded * MAX_HEADROOM)
      problems.push(
        `budgets.${key} (${budget}) is more than ${Math.round((MAX_HEADROOM - 1) * 100)} % above recorded.${key} (${recorded}): record the new figure instead of widening the margin`,
      );
  }
  return problems;
}

export function readBudgets(file: string): BudgetsFile {
  return JSON.parse(readFileSync(file, 'utf8')) as BudgetsFile;
}

const gzipCache = new Map<string, number>();

/** Gzipped size of a file (level 6, what static hosts such as GitHub Pages serve). */
export function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(file), { level: 6 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

/** The build file behind a script URL that the site served, e.g. http://127.0.0.1:1234/base/assets/js/main.js. */
export function fileForUrl(buildDir: string, url: string, basePath = '/'): string {
  const pathname = decodeURIComponent(new URL(url).pathname);
  const inBuild = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname.slice(1);
  return path.join(buildDir, inBuild);
}

export interface PageScripts {
  /** URL path of the page, e.g. /architecture/structural/q01-x. */
  path: string;
  /** A question page (from the validator's index). */
  question: boolean;
  /** The page's source has at least one Mermaid block. */
  diagram: boolean;
  /** Distinct URLs of every script the page executed. */
  scripts: readonly string[];
}

export interface PageWeight {
  path: string;
  question: boolean;
  diagram: boolean;
  /** Gzipped bytes of every script the page loaded. */
  jsBytes: number;
}

export function weighPages(buildDir: string, pages: readonly PageScripts[], basePath = '/'): PageWeight[] {
  return pages.map((p) => ({
    path: p.path,
    question: p.question,
    diagram: p.diagram,
    jsBytes: [...new Set(p.scripts)].reduce((sum, url) => sum + gzipSize(fileForUrl(buildDir, url, basePath)), 0),
  }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Smallest, median and largest gzipped JS over the pages. */
export function spread(weights: readonly PageWeight[]): { min: number; median: number; max: number } {
  const bytes = weights.map((w) => w.jsBytes);
  return bytes.length === 0 ? { min: 0, median: 0, max: 0 } : { min: Math.min(...bytes), median: median(bytes), max: Math.max(...bytes) };
}

export function kib(bytes: number): string {
  return `${(bytes / KIB).toFixed(1)} KiB`;
}

/** The URLs that every page's HTML names in tags matching `tags`, each resolved against its page by `urlOf`. */
function onEveryPage(htmlByPage: readonly { html: string; pageUrl: string }[], tags: RegExp, urlOf: (tag: string) => string | undefined): string[] {
  const lists = htmlByPage.map(({ html, pageUrl }) =>
    (html.match(tags) ?? []).flatMap((tag) => {
      const url = urlOf(tag);
      return url ? [new URL(url, pageUrl).href] : [];
    }),
  );
  const [first = [], ...rest] = lists;
  return first.filter((url) => rest.every((list) => list.includes(url)));
}

/**
 * The scripts every page loads first: those named by a `<script src>` in the
 * HTML of every page (the runtime and main.js), not a page's own preloads.
 */
export function entryScripts(htmlByPage: readonly { html: string; pageUrl: string }[]): string[] {
  return onEveryPage(htmlByPage, /<script\b[^>]*>/gi, (tag) => attribute(tag, 'src'));
}

/** The stylesheets every page links (`<link rel="stylesheet">` in the HTML of every page), which it loads before it paints. */
export function entryStylesheets(htmlByPage: readonly { html: string; pageUrl: string }[]): string[] {
  return onEveryPage(htmlByPage, /<link\b[^>]*>/gi, (tag) =>
    (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet') ? attribute(tag, 'href') : undefined,
  );
}

/** Gzipped bytes of the files behind `urls` (the entry scripts, or the entry stylesheets). */
export function entryBytes(buildDir: string, urls: readonly string[], basePath = '/'): number {
  return urls.reduce((sum, url) => sum + gzipSize(fileForUrl(buildDir, url, basePath)), 0);
}

export interface JsSummary {
  /** Largest gzipped JS of a question page without a diagram. */
  questionPageJs: number;
  /** The median of those pages: what a page with a diagram is compared with. */
  questionBaseline: number;
  /** Largest extra JS of a page with a diagram over the baseline. */
  diagramExtraJs: number;
  /** Largest JS of any page. */
  anyPageJs: number;
}

export function summarise(weights: readonly PageWeight[]): JsSummary {
  const plainQuestions = weights.filter((w) => w.question && !w.diagram);
  // Without a question page that lacks a diagram, compare with the lightest page of the site.
  const baselinePages = plainQuestions.length > 0 ? plainQuestions : weights.filter((w) => !w.diagram);
  const questionBaseline = baselinePages.length > 0 ? median(baselinePages.map((w) => w.jsBytes)) : 0;
  return {
    questionPageJs: Math.max(0, ...plainQuestions.map((w) => w.jsBytes)),
    questionBaseline,
    diagramExtraJs: Math.max(0, ...weights.filter((w) => w.diagram).map((w) => w.jsBytes - questionBaseline)),
    anyPageJs: Math.max(0, ...weights.map((w) => w.jsBytes)),
  };
}

const HOW_TO_UPDATE = 'If the growth is intended, record the new numbers in scripts/budgets.json (see README, "Budgets").';

/** One line per page and budget that is exceeded, naming the page, its size, the budget and the overrun. */
export function jsOverruns(weights: readonly PageWeight[], budgets: Budgets): string[] {
  const { questionBaseline } = summarise(weights);
  const out: string[] = [];
  for (const w of weights) {
    const checks: [string, number, number][] = [['anyPageJsKiB', w.jsBytes, budgets.anyPageJsKiB]];
    if (w.question && !w.diagram) checks.push(['questionPageJsKiB', w.jsBytes, budgets.questionPageJsKiB]);
    if (w.diagram) checks.push(['diagramExtraJsKiB', w.jsBytes - questionBaseline, budgets.diagramExtraJsKiB]);
    for (const [name, bytes, budgetKiB] of checks) {
      const over = bytes - budgetKiB * KIB;
      if (over > 0) {
        const what =
          name === 'diagramExtraJsKiB'
            ? `loads ${kib(bytes)} of JS for its diagrams (${kib(w.jsBytes)} in all, a question page without a diagram loads ${kib(questionBaseline)})`
            : `loads ${kib(bytes)} of JS (gzipped)`;
        out.push(`${w.path} ${what}: ${kib(over)} over the ${name} budget of ${budgetKiB} KiB. ${HOW_TO_UPDATE}`);
      }
    }
  }
  return out;
}

// Minified HTML may leave attribute values unquoted.
const ATTRIBUTE_VALUE = `(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`;

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}=${ATTRIBUTE_VALUE}`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * The scripts a page's HTML names (script tags and script preloads), as
 * absolute URLs resolved against the page's URL. This is what every visit
 * loads before any chunk the page requests while it runs.
 */
export function scriptUrlsInHtml(html: string, pageUrl: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
    const src = isScript
      ? attribute(tag, 'src')
      : rel === 'modulepreload' || (rel === 'preload' && attribute(tag, 'as')?.toLowerCase() === 'script')
        ? attribute(tag, 'href')
        : undefined;
    if (src) urls.push(new URL(src, pageUrl).href);
  }
  return [...new Set(urls)];
}

/** URL path of a docs/ source file (docs/architecture/index.mdx is /architecture), as the site serves it. */
export function pathOfSource(file: string): string {
  return `/${file
    .replace(/^docs\//, '')
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '')}`;
}

/** Which URL paths are question pages and which draw diagrams, from the sources the validator read. */
export function pageKinds(
  pages: readonly { file: string; source: string }[],
  questionPermalinks: readonly string[],
): { question: (urlPath: string) => boolean; diagram: (urlPath: string) => boolean } {
  const questions = new Set(questionPermalinks);
  const diagrams = new Set(pages.filter((p) => /^```mermaid/m.test(p.source)).map((p) => pathOfSource(p.file)));
  return { question: (urlPath) => questions.has(urlPath), diagram: (urlPath) => diagrams.has(urlPath) };
}

/** The book's files (scripts/book.ts): budgeted on their own (bookPdfMiB, bookEpubMiB), not in buildTotalMiB. */
export function isBookFile(file: string): boolean {
  return /[\\/]downloads[\\/]ai-architecture-handbook(-a4\.pdf|-letter\.pdf|\.epub|\.json)$/.test(file);
}

/** Sizes of the book in a build: the larger PDF and the EPUB, in bytes (0 when missing). */
export function bookSizes(files: readonly string[]): { pdfBytes: number; epubBytes: number } {
  const size = (pattern: RegExp): number => Math.max(0, ...files.filter((f) => isBookFile(f) && pattern.test(f)).map((f) => statSync(f).size));
  return { pdfBytes: size(/\.pdf$/), epubBytes: size(/\.epub$/) };
}

/** The book's figures against their budgets, one line per overrun. */
export function bookOverruns(sizes: { pdfBytes: number; epubBytes: number }, budgets: Budgets): string[] {
  const lines: string[] = [];
  if (sizes.pdfBytes > budgets.bookPdfMiB * MIB)
    lines.push(`the book's PDF weighs ${(sizes.pdfBytes / MIB).toFixed(2)} MiB, over the bookPdfMiB budget of ${budgets.bookPdfMiB} MiB. ${HOW_TO_UPDATE}`);
  if (sizes.epubBytes > budgets.bookEpubMiB * MIB)
    lines.push(`the book's EPUB weighs ${(sizes.epubBytes / MIB).toFixed(2)} MiB, over the bookEpubMiB budget of ${budgets.bookEpubMiB} MiB. ${HOW_TO_UPDATE}`);
  return lines;
}

/** The search index files of a build (search-index.json, or one per search context). */
export function isSearchIndexFile(file: string): boolean {
  return /[\\/]search-index[^\\/]*\.json$/.test(file);
}

/** Gzipped bytes of the build's search index: what the search box downloads before its first answer. */
export function searchIndexBytes(files: readonly string[]): number {
  return files.filter(isSearchIndexFile).reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
}

export function searchIndexOverrun(bytes: number, budgets: Budgets): string | undefined {
  if (bytes <= budgets.searchIndexKiB * KIB) return undefined;
  return `the search index weighs ${kib(bytes)} gzipped, over the searchIndexKiB budget of ${budgets.searchIndexKiB} KiB: see what the search plugin indexes (ignoreCssSelectors in docusaurus.config.ts). ${HOW_TO_UPDATE}`;
}

export function buildSize(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}

export function buildOverrun(bytes: number, budgets: Budgets, dir = 'build/'): string | undefined {
  const over = bytes - budgets.buildTotalMiB * MIB;
  if (over <= 0) return undefined;
  return `${dir} holds ${(bytes / MIB).toFixed(2)} MiB: ${(over / MIB).toFixed(2)} MiB over the buildTotalMiB budget of ${budgets.buildTotalMiB} MiB. ${HOW_TO_UPDATE}`;
}
