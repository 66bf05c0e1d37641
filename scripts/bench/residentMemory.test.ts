import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsRemovedAfterAll } from '../lib/tempDirs';
import { residentMemoryByPhase } from './report';
import { largestResidentMiB, residentMemoryLine, sampleResidentMemory } from './residentMemory';

const tempDir = tempDirsRemovedAfterAll();

/**
 * A stand-in for a build, started through a shell as npm starts one: it ends
 * its "Load site" phase, holds about 200 MB for 700 ms while "bundling", lets
 * go and ends.
 */
const BUILD = `
console.log('[PERF] Build > en > Load site - 1.00 seconds! - (Heap 1mb -> 1mb / Total 1mb)');
setTimeout(() => {
  const held = Array.from({ length: 50 }, () => Buffer.alloc(4 * 1024 * 1024, 1));
  setTimeout(() => {
    console.log('[PERF] Build > en > Bundling with rspack - 700.00 ms - (Heap 1mb -> 1mb / Total 1mb)');
    held.length = 0;
  }, 700);
}, 300);
`;

describe("the bench's resident-memory sampler", () => {
  it("reads a build's memory from outside while its process tree runs, and the samples fall into the build's phases", async () => {
    const script = path.join(await tempDir('handbook-rss-'), 'build.mjs');
    await writeFile(script, BUILD);
    const child = spawn('sh', ['-c', `"${process.execPath}" "${script}"`]);
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const stop = sampleResidentMemory(child.pid!, (mib) => (log += residentMemoryLine(mib)), 50);
    await new Promise((resolve) => child.on('close', resolve));
    stop();
    const samples = log.split('\n').filter((line) => line.startsWith('[RSS] '));
    expect(samples.length).toBeGreaterThanOrEqual(5);
    for (const line of samples) expect(line).toMatch(/^\[RSS\] \d+\.\d MiB$/);
    const peaks = residentMemoryByPhase(log);
    // The node process, a grandchild of the sampled one, held 200 MB only while "bundling".
    expect(peaks.bundling).toBeGreaterThan(200);
    expect(peaks.loadSite).toBeLessThan(peaks.bundling! - 150);
  });

  it('counts the process itself when it has no descendants, and nothing for a process that is gone', () => {
    const own = largestResidentMiB(process.pid)!;
    expect(own).toBeGreaterThan(10);
    expect(own).toBeCloseTo(process.memoryUsage.rss() / 1024 / 1024, -2);
    expect(largestResidentMiB(2 ** 22 + 12345)).toBeUndefined();
    // Where there is no /proc (macOS, Windows) the bench goes on without samples instead of failing.
    expect(largestResidentMiB(process.pid, '/no-such-proc')).toBeUndefined();
  });
});
