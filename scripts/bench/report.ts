/** Formatting of `npm run bench`: the machine, the table, the figures for scripts/budgets.json. */
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

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A Markdown table; `|` inside a cell is escaped so the table keeps its shape. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Today's figures in the units of scripts/budgets.json (KiB and MiB, one and two decimals). */
export function recordedFigures(summary: JsSummary, buildBytes: number, entryBytes: number): Budgets {
  const kib = (bytes: number): number => Math.round((bytes / KIB) * 10) / 10;
  return {
    entryJsKiB: kib(entryBytes),
    questionPageJsKiB: kib(summary.questionPageJs),
    diagramExtraJsKiB: kib(summary.diagramExtraJs),
    anyPageJsKiB: kib(summary.anyPageJs),
    buildTotalMiB: Math.round((buildBytes / MIB) * 100) / 100,
  };
}

/** Budgets about 10 % above the figures, rounded up (to 1 KiB, or to 0.1 MiB). */
export function suggestedBudgets(recorded: Budgets, headroom = 1.1): Budgets {
  const up = (value: number, step: number): number => Math.round(Math.ceil((value * headroom) / step) * step * 10) / 10;
  return {
    entryJsKiB: up(recorded.entryJsKiB, 1),
    questionPageJsKiB: up(recorded.questionPageJsKiB, 1),
    diagramExtraJsKiB: up(recorded.diagramExtraJsKiB, 1),
    anyPageJsKiB: up(recorded.anyPageJsKiB, 1),
    buildTotalMiB: up(recorded.buildTotalMiB, 0.1),
  };
}
