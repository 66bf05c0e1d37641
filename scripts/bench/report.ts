/** Formatting of `npm run bench`: the machine, the table, the figures for scripts/budgets.json. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { Budgets, JsSummary } from '../lib/pageWeight';
import { KIB, MIB } from '../lib/pageWeight';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
}

/**
 * The figures issue 12 ("Lean and fast") set as goals, printed beside the
 * measures they apply to so a run shows at a glance which it meets. They are
 * never checked: times depend on the machine (sizes have budgets instead).
 */
export const TARGETS = {
  entryJs: 'at most 160 KiB',
  questionPageJs: 'median at most 200 KiB',
  coldBuild: 'at most 15 s (idle machine)',
  coldBuildMemory: 'under 1 GB',
  validate: 'at most 1.5 s',
  perQuestion: 'at most 2 ms per question',
  start: 'at most 15 s',
  recheck: 'under 1 s',
  npmTest: 'at most 8 min',
} as const;

export function thisMachine(): Machine {
  return {
    cpu: (cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpu}, ${m.cores} core${m.cores === 1 ? '' : 's'}, ${m.memoryGiB} GiB RAM, Node.js ${m.node}, ${m.os}`;
}

/** The 1, 5 and 15 minute load averages: other work on the machine slows every timing. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
}

/** The machine's CPU time since boot, in clock ticks summed over its cores, as Linux counts it (/proc/stat). */
export interface CpuTimes {
  /** Running anything: user, nice, system, irq and softirq. */
  busy: number;
  /** Idle or waiting for the disk. */
  idle: number;
  /** Taken by the hypervisor for other virtual machines while this one had work to run. */
  stolen: number;
}

/** The first line of /proc/stat ("cpu user nice system idle iowait irq softirq steal ..."), or undefined if it is not one. */
export function parseCpuTimes(procStat: string): CpuTimes | undefined {
  const fields = /^cpu\s+(.*)$/m.exec(procStat)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, stolen: steal };
}

/** This machine's CPU times now; undefined where there is no /proc/stat (not Linux). */
export function cpuTimesNow(): CpuTimes | undefined {
  try {
    return parseCpuTimes(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * How the machine's CPU time went between two readings: busy, idle and stolen
 * by the hypervisor. On a shared virtual machine stolen time slows every timing
 * by as much as other machines' load, which the load average does not show.
 */
export function cpuShare(start: CpuTimes | undefined, end: CpuTimes | undefined): string | undefined {
  if (!start || !end) return undefined;
  const busy = end.busy - start.busy;
  const idle = end.idle - start.idle;
  const stolen = end.stolen - start.stolen;
  const total = busy + idle + stolen;
  if (total <= 0) return undefined;
  // Idle takes what rounding leaves, so the three always add up to 100 %.
  const busyPercent = Math.round((100 * busy) / total);
  const stolenPercent = Math.round((100 * stolen) / total);
  return `CPU ${busyPercent} % busy, ${100 - busyPercent - stolenPercent} % idle, ${stolenPercent} % stolen by the hypervisor`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A Markdown table; `|` inside a cell is escaped so the table keeps its shape. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * The report a run leaves for readers beyond its terminal (`--report <file>`, which CI's bench workflow points at
 * the run's summary page): the table, the machine and its load, and any step that failed, in Markdown.
 */
export function reportMarkdown({ table, machineLine, failures }: { table: string; machineLine: string; failures: readonly string[] }): string {
  const failed = failures.length > 0 ? `\n\n**Some steps failed, so their figures do not count:**\n\n${failures.map((f) => `- ${f}`).join('\n')}` : '';
  return `## npm run bench\n\n${table}\n\n${machineLine}${failed}\n`;
}

/** Today's figures in the units of scripts/budgets.json (KiB and MiB, one and two decimals). */
export function recordedFigures(
  summary: JsSummary,
  buildBytes: number,
  entry: { jsBytes: number; cssBytes: number },
  book: { pdfBytes: number; epubBytes: number },
  searchIndexBytes: number,
): Budgets {
  const kib = (bytes: number): number => Math.round((bytes / KIB) * 10) / 10;
  const mib = (bytes: number): number => Math.round((bytes / MIB) * 100) / 100;
  return {
    entryJsKiB: kib(entry.jsBytes),
    entryCssKiB: kib(entry.cssBytes),
    questionPageJsKiB: kib(summary.questionPageJs),
    diagramExtraJsKiB: kib(summary.diagramExtraJs),
    anyPageJsKiB: kib(summary.anyPageJs),
    buildTotalMiB: mib(buildBytes),
    bookPdfMiB: mib(book.pdfBytes),
    bookEpubMiB: mib(book.epubBytes),
    searchIndexKiB: kib(searchIndexBytes),
  };
}

/** Budgets about 10 % above the figures, rounded up (to 1 KiB, or to 0.1 MiB). */
export function suggestedBudgets(recorded: Budgets, headroom = 1.1): Budgets {
  const up = (value: number, step: number): number => Math.round(Math.ceil((value * headroom) / step) * step * 10) / 10;
  return {
    entryJsKiB: up(recorded.entryJsKiB, 1),
    entryCssKiB: up(recorded.entryCssKiB, 1),
    questionPageJsKiB: up(recorded.questionPageJsKiB, 1),
    diagramExtraJsKiB: up(recorded.diagramExtraJsKiB, 1),
    anyPageJsKiB: up(recorded.anyPageJsKiB, 1),
    buildTotalMiB: up(recorded.buildTotalMiB, 0.1),
    bookPdfMiB: up(recorded.bookPdfMiB, 0.1),
    bookEpubMiB: up(recorded.bookEpubMiB, 0.1),
    searchIndexKiB: up(recorded.searchIndexKiB, 1),
  };
}

/** The phases of a `docusaurus build` run with DOCUSAURUS_PERF_LOGGER=true, in milliseconds. */
export interface BuildPhases {
  loadSite?: number;
  /** The handbook-content plugin's loadContent: the content validator. */
  validation?: number;
  /** Rspack: compiling the MDX pages and bundling the JavaScript and CSS. */
  bundling?: number;
  /** Rendering every route to HTML. */
  staticGeneration?: number;
  /** Plugins after the build: the search index, the offline precache, redirects, sitemap, Anki deck. */
  postBuild?: number;
  total?: number;
}

const PHASE_LINES: [keyof BuildPhases, RegExp][] = [
  ['loadSite', /^\[PERF\] Build > [^>]+ > Load site - /],
  ['validation', /^\[PERF\] Build > [^>]+ > Load site > Load plugins > Load plugins content > Load handbook-content@default > loadContent\(\) - /],
  ['bundling', /^\[PERF\] Build > [^>]+ > Bundling with rspack - /],
  ['staticGeneration', /^\[PERF\] Build > [^>]+ > SSG - /],
  ['postBuild', /^\[PERF\] Build > [^>]+ > postBuild\(\) - /],
  ['total', /^\[PERF\] Build - /],
];

function perfMs(rest: string): number | undefined {
  const match = /^([\d.]+) (ms|seconds)/.exec(rest);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'seconds' ? 1000 : 1);
}

/** Reads the build phases from Docusaurus's performance log; a phase it did not print is left out. */
export function buildPhases(log: string): BuildPhases {
  const phases: BuildPhases = {};
  for (const raw of log.split('\n')) {
    const line = raw.trim();
    for (const [key, pattern] of PHASE_LINES) {
      const match = pattern.exec(line);
      if (match && phases[key] === undefined) {
        const ms = perfMs(line.slice(match[0].length));
        if (ms !== undefined) phases[key] = ms;
      }
    }
  }
  return phases;
}

const PLUGIN_POST_BUILD_LINE = /^\[PERF\] postBuild of (\S+) - ([\d.]+) ms on the main thread, ([\d.]+) ms from start to end/;

export interface PluginPostBuild {
  plugin: string;
  /** The main thread's time in the plugin's own code. */
  mainThreadMs: number;
  /** From its start to its end, while the other plugins ran beside it. */
  spanMs: number;
}

/**
 * Each plugin's postBuild, from the lines scripts/bench/postBuildTimes.cjs adds
 * to the log, by main-thread time, longest first.
 */
export function postBuildByPlugin(log: string): PluginPostBuild[] {
  const times: PluginPostBuild[] = [];
  for (const raw of log.split('\n')) {
    const match = PLUGIN_POST_BUILD_LINE.exec(raw.trim());
    if (match) times.push({ plugin: match[1]!, mainThreadMs: Number(match[2]), spanMs: Number(match[3]) });
  }
  return times.sort((a, b) => b.mainThreadMs - a.mainThreadMs);
}

/** The build's phases in the order they run, each ending with its line in PHASE_LINES, as the memory row names them. */
const PHASE_ORDER = [
  ['loadSite', 'loading'],
  ['bundling', 'bundling'],
  ['staticGeneration', 'static generation'],
  ['postBuild', 'postBuild'],
] as const;
export type MemoryPhase = (typeof PHASE_ORDER)[number][0] | 'afterPostBuild';
const AFTER_POST_BUILD: [MemoryPhase, string] = ['afterPostBuild', 'after postBuild'];

const RSS_LINE = /^\[RSS\] ([\d.]+) MiB$/;

/**
 * The highest resident memory sampled in each phase of the build, in MiB, from the `[RSS]` lines the bench
 * writes into the build's log as it samples (scripts/bench/residentMemory.ts): a sample belongs to the first
 * phase whose closing [PERF] line has not come yet (so bundling includes making Rspack's configs). A phase
 * without a sample is left out.
 */
export function residentMemoryByPhase(log: string): Partial<Record<MemoryPhase, number>> {
  const peaks: Partial<Record<MemoryPhase, number>> = {};
  const ends = PHASE_ORDER.map(([phase]) => PHASE_LINES.find(([key]) => key === phase)![1]);
  let current = 0;
  for (const raw of log.split('\n')) {
    const line = raw.trim();
    const rss = RSS_LINE.exec(line);
    if (rss) {
      const phase: MemoryPhase = PHASE_ORDER[current]?.[0] ?? 'afterPostBuild';
      peaks[phase] = Math.max(peaks[phase] ?? 0, Number(rss[1]));
      continue;
    }
    const ended = ends.findIndex((pattern) => pattern.test(line));
    if (ended >= current) current = ended + 1;
  }
  return peaks;
}

/** Each sampled phase's highest resident memory, in the order the phases run: "loading 0.37 GiB; bundling 0.80 GiB; …". */
export function memoryByPhaseSummary(peaks: Partial<Record<MemoryPhase, number>>): string {
  return [...PHASE_ORDER, AFTER_POST_BUILD]
    .filter(([key]) => peaks[key] !== undefined)
    .map(([key, label]) => `${label} ${(peaks[key]! / 1024).toFixed(2)} GiB`)
    .join('; ');
}

/** The build's phases with their times, in the order they run: "loading 3.0 s; bundling 5.9 s; …"; a phase without a time is left out. */
export function phaseTimesSummary(phases: BuildPhases): string {
  return PHASE_ORDER.filter(([key]) => phases[key] !== undefined)
    .map(([key, label]) => `${label} ${seconds(phases[key]!)}`)
    .join('; ');
}

/** Colour codes of the tools' output, dropped before reading figures from it. */
export const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface VitestRun {
  tests: number;
  ms: number;
}

// Vitest's summary: "Tests  191 passed | 1 skipped (192)" (or "1 failed | 190 passed") and "Duration  340.40s (…)".
const VITEST_TESTS = /^\s*Tests\s+(?:\d+ failed \| )?(\d+) passed/;
const VITEST_DURATION = /^\s*Duration\s+([\d.]+)(ms|s)\b/;

/** Each Vitest run's summary in a log, in order (with `npm test`: unit tests, site tests, sub-path tests); colour codes are dropped. */
export function vitestRuns(log: string): VitestRun[] {
  const runs: VitestRun[] = [];
  let tests: number | undefined;
  for (const raw of log.split('\n')) {
    const line = raw.replace(ANSI_COLOUR, '');
    const counted = VITEST_TESTS.exec(line);
    if (counted) tests = Number(counted[1]);
    const duration = VITEST_DURATION.exec(line);
    if (duration && tests !== undefined) {
      runs.push({ tests, ms: Number(duration[1]) * (duration[2] === 's' ? 1000 : 1) });
      tests = undefined;
    }
  }
  return runs;
}
