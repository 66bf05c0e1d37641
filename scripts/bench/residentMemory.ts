/**
 * The resident memory of a build while it runs, sampled from outside every
 * 100 ms (Linux: /proc), so the report can tell in which phase of the build
 * the peak comes; GNU time gives only the peak. A sampler inside the build
 * would miss the phases that keep its main thread busy (loading, postBuild);
 * this one reads the process the bench started and its descendants, and
 * static generation's worker threads count, since they live in the build's
 * process.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The parent of each process on the machine, from <proc>/<pid>/stat; none where there is no such folder (macOS, Windows). */
function parents(proc: string): Map<number, number> {
  const map = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync(proc);
  } catch {
    return map;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`${proc}/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after its last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(entry), ppid);
    } catch {
      // The process ended meanwhile.
    }
  }
  return map;
}

/** The resident memory of `pid` and its descendants, each read from /proc/<pid>/status, in MiB; the largest one is what GNU time reports. */
export function largestResidentMiB(rootPid: number, proc = '/proc'): number | undefined {
  const parentOf = parents(proc);
  let largest: number | undefined;
  for (const pid of parentOf.keys()) {
    let ancestor: number | undefined = pid;
    while (ancestor !== undefined && ancestor > 1 && ancestor !== rootPid) ancestor = parentOf.get(ancestor);
    if (ancestor !== rootPid) continue;
    try {
      const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`${proc}/${pid}/status`, 'utf8'))?.[1]);
      // VmRSS is in kB, which /proc means as KiB.
      if (Number.isFinite(kib)) largest = Math.max(largest ?? 0, kib / 1024);
    } catch {
      // Ended meanwhile.
    }
  }
  return largest;
}

/**
 * Calls `onSample` with the largest resident memory among `rootPid` and its descendants every `intervalMs`, until
 * stopped. Where there is no /proc it never calls it.
 */
export function sampleResidentMemory(rootPid: number, onSample: (mib: number) => void, intervalMs = 100): () => void {
  const timer = setInterval(() => {
    const mib = largestResidentMiB(rootPid);
    if (mib !== undefined) onSample(mib);
  }, intervalMs);
  return () => clearInterval(timer);
}

/** The line a sample is written as into the build's log, where residentMemoryByPhase (report.ts) reads it. */
export const residentMemoryLine = (mib: number): string => `[RSS] ${mib.toFixed(1)} MiB\n`;
