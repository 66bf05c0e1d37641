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
  /** Gzipped JS loaded by a question page that has no diagram. */
  questionPageJsKiB: number;
  /** What a page with a diagram loads beyond a question page without one (Mermaid and its diagram types). */
  diagramExtraJsKiB: number;
  /** Any page at all, with or without diagrams: a ceiling for pages other branches add. */
  anyPageJsKiB: number;
  /** Every file of the build, uncompressed. */
  buildTotalMiB: number;
}

export interface BudgetsFile {
  recorded: Record<keyof Budgets, number> & { on: string };
  budgets: Budgets;
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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function kib(bytes: number): string {
  return `${(bytes / KIB).toFixed(1)} KiB`;
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

export function buildSize(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}

export function buildOverrun(bytes: number, budgets: Budgets, dir = 'build/'): string | undefined {
  const over = bytes - budgets.buildTotalMiB * MIB;
  if (over <= 0) return undefined;
  return `${dir} holds ${(bytes / MIB).toFixed(2)} MiB: ${(over / MIB).toFixed(2)} MiB over the buildTotalMiB budget of ${budgets.buildTotalMiB} MiB. ${HOW_TO_UPDATE}`;
}
