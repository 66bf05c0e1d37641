import { describe, expect, it } from 'vitest';
import { KIB, MIB } from '../lib/pageWeight';
import {
  buildPhases,
  cpuShare,
  cpuTimesNow,
  describeMachine,
  parseCpuTimes,
  markdownTable,
  postBuildByPlugin,
  recordedFigures,
  reportMarkdown,
  memoryByPhaseSummary,
  vitestRuns,
  phaseTimesSummary,
  residentMemoryByPhase,
  seconds,
  suggestedBudgets,
  thisMachine,
} from './report';

describe('the benchmark report', () => {
  it('describes the machine the figures came from', () => {
    expect(describeMachine({ cpu: 'AMD EPYC', cores: 2, memoryGiB: 23, node: 'v20.20.2', os: 'linux 6.1.0' })).toBe('AMD EPYC, 2 cores, 23 GiB RAM, Node.js v20.20.2, linux 6.1.0');
    const here = thisMachine();
    expect(here.cores).toBeGreaterThan(0);
    expect(here.node).toBe(process.version);
  });

  it("says how the machine's CPU time went during a step, time stolen by the hypervisor included", () => {
    const start = parseCpuTimes('cpu  1000 50 200 5000 100 10 40 300 0 0\ncpu0 500 25 100 2500 50 5 20 150 0 0\nintr 1');
    expect(start).toEqual({ busy: 1300, idle: 5100, stolen: 300 });
    // 600 ticks busy, 300 idle, 100 stolen.
    const end = { busy: 1900, idle: 5400, stolen: 400 };
    expect(cpuShare(start, end)).toBe('CPU 60 % busy, 30 % idle, 10 % stolen by the hypervisor');
    // 79.4 + 19.8 + 0.8: rounded one by one they would add up to 101 %.
    expect(cpuShare({ busy: 0, idle: 0, stolen: 0 }, { busy: 794, idle: 198, stolen: 8 })).toBe('CPU 79 % busy, 20 % idle, 1 % stolen by the hypervisor');
  });

  it('leaves the CPU share out where it cannot be read, rather than print a wrong one', () => {
    expect(parseCpuTimes('intr 1 2 3')).toBeUndefined();
    expect(parseCpuTimes('cpu  1 2 3')).toBeUndefined();
    expect(parseCpuTimes('cpu  1 2 3 x 5 6 7 8')).toBeUndefined();
    const times = { busy: 1, idle: 1, stolen: 0 };
    expect(cpuShare(undefined, times)).toBeUndefined();
    expect(cpuShare(times, times)).toBeUndefined();
    if (process.platform === 'linux') expect(cpuTimesNow()?.busy).toBeGreaterThan(0);
  });

  it('prints times in seconds with one decimal', () => {
    expect(seconds(152_340)).toBe('152.3 s');
    expect(seconds(40)).toBe('0.0 s');
  });

  it('prints a Markdown table whose cells cannot break it', () => {
    expect(
      markdownTable(
        ['Step', 'Figure'],
        [
          ['Build', '12.0 s'],
          ['a | b', '1'],
        ],
      ),
    ).toBe('| Step | Figure |\n| --- | --- |\n| Build | 12.0 s |\n| a \\| b | 1 |');
  });

  it('leaves a Markdown report for a summary page: the table, the machine, and any failed step named as such', () => {
    const table = markdownTable(['Measure', 'Figure'], [['Build', '12.0 s']]);
    const machineLine = 'Machine: AMD EPYC, 4 cores. Date: 2026-12-06.';
    expect(reportMarkdown({ table, machineLine, failures: [] })).toBe(`## npm run bench\n\n${table}\n\n${machineLine}\n`);
    const failed = reportMarkdown({ table, machineLine, failures: ['Production build: exit 1, see /tmp/build.log'] });
    expect(failed).toContain(`${machineLine}\n\n**Some steps failed, so their figures do not count:**\n\n- Production build: exit 1, see /tmp/build.log\n`);
  });

  it('records figures in the units of scripts/budgets.json', () => {
    const summary = { questionPageJs: 250.04 * KIB, questionBaseline: 240 * KIB, diagramExtraJs: 180.26 * KIB, anyPageJs: 431.55 * KIB };
    expect(recordedFigures(summary, 20.456 * MIB, { jsBytes: 141.26 * KIB, cssBytes: 25.41 * KIB }, { pdfBytes: 5.834 * MIB, epubBytes: 0.712 * MIB }, 854.56 * KIB)).toEqual({
      entryJsKiB: 141.3,
      entryCssKiB: 25.4,
      questionPageJsKiB: 250,
      diagramExtraJsKiB: 180.3,
      anyPageJsKiB: 431.6,
      buildTotalMiB: 20.46,
      bookPdfMiB: 5.83,
      bookEpubMiB: 0.71,
      searchIndexKiB: 854.6,
    });
  });

  it('suggests budgets about 10 % above the figures, rounded up', () => {
    expect(
      suggestedBudgets({
        entryJsKiB: 141.3,
        entryCssKiB: 25.4,
        questionPageJsKiB: 250,
        diagramExtraJsKiB: 180.3,
        anyPageJsKiB: 431.6,
        buildTotalMiB: 20.46,
        bookPdfMiB: 5.83,
        bookEpubMiB: 0.71,
        searchIndexKiB: 854.6,
      }),
    ).toEqual({
      entryJsKiB: 156,
      entryCssKiB: 28,
      questionPageJsKiB: 275,
      diagramExtraJsKiB: 199,
      anyPageJsKiB: 475,
      buildTotalMiB: 22.6,
      bookPdfMiB: 6.5,
      bookEpubMiB: 0.8,
      searchIndexKiB: 941,
    });
  });
});

describe('the build breakdown', () => {
  it("reads each phase from Docusaurus's performance log, in milliseconds", () => {
    const log = [
      '[PERF] Build > en > Load site > Load plugins > Load plugins content > Load handbook-content@default > loadContent() - 3.79 seconds! - (Heap 114mb -> 160mb / Total 204mb)',
      '[PERF] Build > en > Load site - 5.10 seconds! - (Heap 77mb -> 166mb / Total 204mb)',
      '[PERF] Build > en > Bundling with rspack - 27.68 seconds! - (Heap 170mb -> 278mb / Total 309mb)',
      '[PERF] Build > en > SSG > Create SSG thread pool - 2 threads - 203.97 ms - (Heap 278mb -> 279mb / Total 310mb)',
      '[PERF] Build > en > SSG - 6.75 seconds! - (Heap 278mb -> 279mb / Total 310mb)',
      '[PERF] Build > en > postBuild() - 432.5 ms - (Heap 280mb -> 278mb / Total 438mb)',
      '[PERF] Build - 43.99 seconds! - (Heap 77mb -> 281mb / Total 438mb)',
    ].join('\n');
    expect(buildPhases(log)).toEqual({ validation: 3790, loadSite: 5100, bundling: 27680, staticGeneration: 6750, postBuild: 432.5, total: 43990 });
  });

  it('leaves out a phase the log does not name', () => {
    expect(buildPhases('[PERF] Build - 12 seconds!')).toEqual({ total: 12000 });
  });

  it("reads each plugin's postBuild from the timer's lines, longest on the main thread first", () => {
    const log = [
      '[PERF] postBuild of docusaurus-plugin-sitemap@default - 212.4 ms on the main thread, 9120.0 ms from start to end',
      '  [PERF] postBuild of @easyops-cn/docusaurus-search-local@default - 8310.5 ms on the main thread, 9301.2 ms from start to end',
      '[PERF] postBuild of docusaurus-plugin-pwa@default - 1042.0 ms on the main thread, 9870.3 ms from start to end',
      '[PERF] Build > en > postBuild() - 9.90 seconds! - (Heap 280mb -> 278mb / Total 438mb)',
    ].join('\n');
    expect(postBuildByPlugin(log)).toEqual([
      { plugin: '@easyops-cn/docusaurus-search-local@default', mainThreadMs: 8310.5, spanMs: 9301.2 },
      { plugin: 'docusaurus-plugin-pwa@default', mainThreadMs: 1042, spanMs: 9870.3 },
      { plugin: 'docusaurus-plugin-sitemap@default', mainThreadMs: 212.4, spanMs: 9120 },
    ]);
  });

  it('has no plugin rows when the build ran without the timer', () => {
    expect(postBuildByPlugin('[PERF] Build > en > postBuild() - 432.5 ms - (Heap 280mb -> 278mb / Total 438mb)')).toEqual([]);
  });
  it("places each resident-memory sample in the phase of the build that was running, and keeps each phase's highest", () => {
    const log = [
      '[RSS] 80.0 MiB',
      '[PERF] Build > en > Load site > Load plugins - 2.00 seconds! - (Heap 1mb -> 1mb / Total 1mb)',
      '[RSS] 270.5 MiB',
      '[PERF] Build > en > Load site - 2.68 seconds! - (Heap 1mb -> 1mb / Total 1mb)',
      '[RSS] 350.0 MiB',
      '[RSS] 783.0 MiB',
      '[PERF] Build > en > Bundling with rspack - 8.10 seconds! - (Heap 1mb -> 1mb / Total 1mb)',
      '[PERF] SSG Worker 1 - Task 1 - Rendering 10 pathnames - 1.00 seconds! - (Heap 37mb -> 52mb / Total 83mb)',
      '[RSS] 1100.0 MiB',
      '[RSS] 1050.0 MiB',
      '[PERF] Build > en > SSG - 4.20 seconds! - (Heap 1mb -> 1mb / Total 1mb)',
      '[RSS] 968.0 MiB',
      '[PERF] Build > en > postBuild() - 4.00 seconds! - (Heap 1mb -> 1mb / Total 1mb)',
      '[RSS] 907.0 MiB',
    ].join('\n');
    expect(residentMemoryByPhase(log)).toEqual({ loadSite: 270.5, bundling: 783, staticGeneration: 1100, postBuild: 968, afterPostBuild: 907 });
    expect(residentMemoryByPhase('[PERF] Build - 1.00 seconds!')).toEqual({});
  });

  it('names the sampled phases in the order they run, in GiB, and leaves out a phase without a sample', () => {
    expect(memoryByPhaseSummary({ postBuild: 968, loadSite: 270.5, afterPostBuild: 907, staticGeneration: 1136.6 })).toBe(
      'loading 0.26 GiB; static generation 1.11 GiB; postBuild 0.95 GiB; after postBuild 0.89 GiB',
    );
    expect(memoryByPhaseSummary({})).toBe('');
  });

  it("names the build's timed phases in the order they run, in seconds, and leaves out a phase without a time", () => {
    expect(phaseTimesSummary({ postBuild: 2760, loadSite: 3040, bundling: 5890, validation: 1870, total: 14680 })).toBe('loading 3.0 s; bundling 5.9 s; postBuild 2.8 s');
    expect(phaseTimesSummary({})).toBe('');
  });
});

describe('the test suites in the log of `npm test`', () => {
  it("gives each Vitest run's passed tests and duration, in the order they ran, through colour codes and skipped or failed tests", () => {
    const esc = String.fromCharCode(27);
    const log = [
      ' Test Files  177 passed (177)',
      `${esc}[2m      Tests ${esc}[22m ${esc}[1m${esc}[32m1375 passed${esc}[39m${esc}[22m${esc}[90m (1375)${esc}[39m`,
      '   Start at  03:12:00',
      `${esc}[2m   Duration ${esc}[22m 41.03s${esc}[2m (transform 4.12s, setup 0ms)${esc}[22m`,
      'Book build time: 35.3 s',
      '      Tests  1 failed | 191 passed | 1 skipped (193)',
      '   Duration  352.69s (transform 1.22s)',
      '      Tests  21 passed (21)',
      '   Duration  950ms (transform 169ms)',
    ].join('\n');
    expect(vitestRuns(log)).toEqual([
      { tests: 1375, ms: 41030 },
      { tests: 191, ms: 352690 },
      { tests: 21, ms: 950 },
    ]);
    expect(vitestRuns('   Duration  12.00s')).toEqual([]);
  });
});
