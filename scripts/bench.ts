/**
 * `npm run bench`: how long the project's own work takes and how heavy the
 * site is, printed as a Markdown table with the machine it ran on. It
 * measures, it never judges: no time makes it fail (sizes are checked by
 * the budgets in scripts/budgets.json, see README "Budgets"). It exits 1 only
 * when a step itself fails, since its figures would then mean nothing.
 *
 *   --skip-build       measure the existing build/ instead of building (no build or PDF times)
 *   --skip-tests       leave out `npm test`
 *   --skip-site-tests  run the unit tests only, not the whole of `npm test` (the longest step)
 *   --questions <n>    size of the generated content for the validator (default 1000)
 *   --report <file>    also append the table, the machine and any failed step to <file>, in Markdown
 *                      (.github/workflows/bench.yml points it at the run's summary page)
 */
import { spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { launchChromium } from './lib/browser';
import { recordPageScripts } from './lib/pageScripts';
import {
  bookSizes,
  buildSize,
  entryBytes,
  isBookFile,
  entryScripts,
  entryStylesheets,
  kib,
  MIB,
  pageKinds,
  scriptUrlsInHtml,
  searchIndexBytes,
  spread,
  summarise,
  weighPages,
  type PageWeight,
} from './lib/pageWeight';
import { serveDirectory } from './lib/staticServer';
import { EXPECTED_RULES, generateContentRoot, problemsByRule } from './bench/generate';
import { newMachineTemp } from './bench/newMachineTemp';
import { residentMemoryLine, sampleResidentMemory } from './bench/residentMemory';
import {
  ANSI_COLOUR,
  TARGETS,
  buildPhases,
  cpuShare,
  cpuTimesNow,
  describeMachine,
  loadAverage,
  markdownTable,
  memoryByPhaseSummary,
  phaseTimesSummary,
  postBuildByPlugin,
  recordedFigures,
  reportMarkdown,
  residentMemoryByPhase,
  seconds,
  suggestedBudgets,
  thisMachine,
  vitestRuns,
} from './bench/report';
import { builtPages, builtPagesHtml, htmlFor, listFiles } from './site-tests/buildOutput';
import { validateContent } from './validate/index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_DIR = path.join(ROOT, 'build');
const LOG_DIR = mkdtempSync(path.join(tmpdir(), 'handbook-bench-logs-'));

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const questionsIndex = args.indexOf('--questions');
const generatedQuestions = questionsIndex >= 0 ? Number(args[questionsIndex + 1]) : 1000;
const reportIndex = args.indexOf('--report');
const reportFile = reportIndex >= 0 ? args[reportIndex + 1] : undefined;

const bin = (name: string): string => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

interface Run {
  ms: number;
  code: number;
  output: string;
  log: string;
}

/** Runs a command of the project with its output sent to a log file, and times it. */
async function run(
  name: string,
  command: string,
  commandArgs: readonly string[],
  expectedCodes: readonly number[] = [0],
  env: NodeJS.ProcessEnv = {},
  { sampleMemory = false }: { sampleMemory?: boolean } = {},
): Promise<Run> {
  const log = path.join(LOG_DIR, `${name}.log`);
  const out = createWriteStream(log);
  let output = '';
  process.stdout.write(`  ${name}: ${command.split(/[\\/]/).pop()} ${commandArgs.join(' ')} ... `);
  const cpuAtStart = cpuTimesNow();
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, shell: process.platform === 'win32', env: { ...process.env, ...env } });
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      out.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // Samples go into the log in order with the build's own lines, so each falls in the phase that was running.
    const stopSampling = sampleMemory && child.pid !== undefined ? sampleResidentMemory(child.pid, (mib) => collect(Buffer.from(residentMemoryLine(mib)))) : undefined;
    child.on('close', () => stopSampling?.());
    child.on('error', (error) => {
      stopSampling?.();
      output += String(error);
      resolve(127);
    });
    child.on('close', (exitCode) => resolve(exitCode ?? 1));
  });
  const ms = performance.now() - started;
  out.end();
  const share = cpuShare(cpuAtStart, cpuTimesNow());
  console.log(`${seconds(ms)}${share ? ` (${share})` : ''}${expectedCodes.includes(code) ? '' : ` (exit ${code}, log: ${log})`}`);
  return { ms, code, output, log };
}

/** Measure, figure, and the figure issue 12 set as the goal ("Lean and fast"), where it set one. */
const rows: [string, string, string?][] = [];
const failures: string[] = [];
let figures: ReturnType<typeof recordedFigures> | undefined;

/** A row for a timed step; a failed step says so instead of passing for a figure. */
function timed(label: string, result: Run, note = '', target?: string): void {
  if (result.code !== 0) failures.push(`${label}: exit ${result.code}, see ${result.log}`);
  rows.push([label, `${seconds(result.ms)}${note}${result.code === 0 ? '' : `, FAILED (exit ${result.code})`}`, target]);
}

function countMatch(output: string, pattern: RegExp): string {
  return pattern.exec(output.replace(ANSI_COLOUR, ''))?.[1] ?? '?';
}

// The site as `npm run build` makes it (package.json's build:site: `docusaurus build` without HTML minification,
// V8 collecting garbage sooner).
const SITE_BUILD = ['run', '--silent', 'build:site'];

// GNU time reports the build's peak memory; without it the row is left out.
const GNU_TIME = '/usr/bin/time';

/** What `docusaurus clear` removes: with these gone, a build is cold. */
function clearBuildOutputAndCaches(): void {
  for (const dir of ['build', '.docusaurus', 'node_modules/.cache']) rmSync(path.join(ROOT, dir), { recursive: true, force: true });
}

async function buildSteps(): Promise<void> {
  clearBuildOutputAndCaches();
  const memoryFile = path.join(LOG_DIR, 'build-cold-peak-rss.txt');
  const measured = existsSync(GNU_TIME);
  // Times each plugin's postBuild as well (the build is otherwise unchanged); see postBuildTimes.cjs.
  const timer = path.join(ROOT, 'scripts/bench/postBuildTimes.cjs');
  // A new machine's empty temporary folder, which the warm build then finds as the cold one left it.
  const temp = newMachineTemp(LOG_DIR, 'build');
  const env = { ...temp, DOCUSAURUS_PERF_LOGGER: 'true', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(timer)}`.trim() };
  const cold = measured
    ? await run('build-cold', GNU_TIME, ['-f', '%M', '-o', memoryFile, 'npm', ...SITE_BUILD], [0], env, { sampleMemory: true })
    : await run('build-cold', 'npm', SITE_BUILD, [0], env, { sampleMemory: true });
  timed('Production build, cold (`npm run build:site`; no build/, .docusaurus/, node_modules/.cache, nothing transpiled by jiti)', cold, '', TARGETS.coldBuild);
  const phases = buildPhases(cold.output);
  const phase = (label: string, ms: number | undefined): void => {
    if (ms !== undefined) rows.push([`  of which ${label}`, seconds(ms)]);
  };
  phase('loading the site (content, plugins)', phases.loadSite);
  phase('content validation (inside loading)', phases.validation);
  phase('bundling with Rspack (MDX compile, JS and CSS)', phases.bundling);
  phase('static generation (HTML of every route)', phases.staticGeneration);
  phase('postBuild (search index, offline precache, redirects, sitemap, Anki deck)', phases.postBuild);
  // Side by side, one plugin's synchronous work delays the others' ends: the main-thread time is each plugin's own.
  for (const p of postBuildByPlugin(cold.output)) {
    rows.push([`    postBuild of ${p.plugin}: main thread; from start to end, beside the others`, `${seconds(p.mainThreadMs)}; ${seconds(p.spanMs)}`]);
  }
  if (measured && existsSync(memoryFile)) {
    const kb = Number(readFileSync(memoryFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb)) rows.push(['  peak memory of the cold build (resident)', `${(kb / 1024 / 1024).toFixed(2)} GiB`, TARGETS.coldBuildMemory]);
  }
  const inPhases = memoryByPhaseSummary(residentMemoryByPhase(cold.output));
  if (inPhases) rows.push(['    highest resident memory sampled in each phase (every 0.1 s)', inPhases]);
  // Issue 12's measure: cold as `docusaurus clear` leaves it, on a machine that has built the handbook before (jiti's
  // files, in the temporary folder, kept from the build above).
  clearBuildOutputAndCaches();
  const coldAgain = await run('build-cold-built-before', 'npm', SITE_BUILD, [0], { ...temp, DOCUSAURUS_PERF_LOGGER: 'true' });
  timed(
    "Production build, cold on a machine that has built the handbook before (no build/, .docusaurus/, node_modules/.cache; jiti's files kept)",
    coldAgain,
    '',
    TARGETS.coldBuild,
  );
  const againPhases = phaseTimesSummary(buildPhases(coldAgain.output));
  if (againPhases) rows.push(['  of which', againPhases]);
  timed(
    "Production build again at once (build/, .docusaurus/ and jiti's transpiled files kept; a production build keeps no Rspack cache)",
    await run('build-warm', 'npm', SITE_BUILD, [0], temp),
  );
  timed('Cheat-sheet PDFs (`tsx scripts/pdf.ts`)', await run('pdf', bin('tsx'), ['scripts/pdf.ts']));
  const book = await run('book', bin('tsx'), ['scripts/book.ts']);
  timed('The book: both PDFs and the EPUB (`tsx scripts/book.ts`)', book);
  for (const line of book.output.split('\n').filter((l) => /^Book: .* in [\d.]+ s$/.test(l))) rows.push([`  ${line.replace(/^Book: /, '')}`, '']);
}

/**
 * `npm start` as on a fresh clone on a new machine (no .docusaurus/, no node_modules/.cache, nothing transpiled by jiti):
 * the time until the first page answers. Bounded: it gives up after 5 minutes.
 */
async function devServerSteps(): Promise<void> {
  for (const dir of ['.docusaurus', 'node_modules/.cache']) rmSync(path.join(ROOT, dir), { recursive: true, force: true });
  const port = 3900 + Math.floor(Math.random() * 90);
  process.stdout.write(`  start: docusaurus start on port ${port}, until the first page answers ... `);
  const log = createWriteStream(path.join(LOG_DIR, 'start.log'));
  const started = performance.now();
  const child = spawn(bin('docusaurus'), ['start', '--host', '127.0.0.1', '--port', String(port), '--no-open'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, ...newMachineTemp(LOG_DIR, 'start'), BROWSER: 'none' },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let answeredMs: number | undefined;
  try {
    while (performance.now() - started < 300_000 && child.exitCode === null) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/architecture/behavioral/q07-error-handling`);
        if (response.ok && (await response.text()).includes('<div id="__docusaurus">')) {
          answeredMs = performance.now() - started;
          break;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
  console.log(answeredMs === undefined ? 'no answer' : seconds(answeredMs));
  if (answeredMs === undefined) failures.push(`npm start: no page answered within 5 minutes, see ${path.join(LOG_DIR, 'start.log')}`);
  else
    rows.push([
      '`npm start` on a fresh clone on a new machine (no .docusaurus/, no node_modules/.cache, nothing transpiled by jiti) until a page answers',
      seconds(answeredMs),
      TARGETS.start,
    ]);
}

async function validateSteps(): Promise<void> {
  // The validator keeps results between runs (node_modules/.cache/handbook-validator); each figure names what was kept.
  // Every run below gets a cache folder of its own, so no figure borrows from an earlier run or from the developer's cache.
  const validator = [path.join(ROOT, 'scripts/validate.mjs')];
  const cacheRoot = mkdtempSync(path.join(tmpdir(), 'handbook-bench-cache-'));
  const rootDir = mkdtempSync(path.join(tmpdir(), 'handbook-bench-content-'));
  try {
    // `npm run validate` runs from a bundle made when the validator's sources change: make it first, so no figure includes it.
    await run('validate-bundle', process.execPath, [...validator, '--root', path.join(ROOT, 'scripts/validate/fixtures/good'), '--no-cache']);

    const realCache = path.join(cacheRoot, 'real');
    const realCold = await run('validate-cold', process.execPath, [...validator, '--cache-dir', realCache]);
    const realQuestions = Number(countMatch(realCold.output, /valid: (\d+) question/));
    timed(`Validate, the real content (${realQuestions} questions), nothing kept: every page parsed, every diagram and formula checked`, realCold, '', TARGETS.validate);
    const realWarm = await run('validate-warm', process.execPath, [...validator, '--cache-dir', realCache]);
    timed('Validate, the real content again, results kept (`npm run validate` after an earlier run or build)', realWarm, '', TARGETS.validate);

    const generated = generateContentRoot(ROOT, rootDir, generatedQuestions);
    const generatedCache = path.join(cacheRoot, 'generated');
    const extra = generated.questions - realQuestions;
    const generatedRun = async (name: string, label: string, baseline: Run, target: string): Promise<void> => {
      // Exit 1 (problems found) is expected here: see generate.ts.
      const result = await run(name, process.execPath, [...validator, '--root', rootDir, '--cache-dir', generatedCache], [0, 1]);
      const byRule = problemsByRule(result.output);
      const unexpected = [...byRule.keys()].filter((rule) => !(EXPECTED_RULES as readonly string[]).includes(rule));
      const total = [...byRule.values()].reduce((a, b) => a + b, 0);
      const perQuestion = `${((result.ms - baseline.ms) / extra).toFixed(1)} ms per question beyond the real ${realQuestions} ((${seconds(result.ms)} − ${seconds(baseline.ms)}) / ${extra})`;
      // Exit 1 with only the problems the copies must have is the expected outcome; 2 is the validator failing.
      const expected = (result.code === 0 || result.code === 1) && unexpected.length === 0;
      const note = expected
        ? `, ${perQuestion}; ${total} problems, all of the kinds the copies must have (${[...byRule.keys()].join(', ')})`
        : `, ${perQuestion}; unexpected problems: ${unexpected.join(', ') || 'none, but the validator failed'}`;
      timed(label, { ...result, code: expected ? 0 : result.code || 1 }, note, target);
    };
    // Each copy differs from its original in a comment line and in each diagram (generate.ts), so kept results cannot make the copies free.
    await generatedRun(
      'validate-generated-cold',
      `Validate, ${generated.questions} generated questions (the ${generated.originals} real ones and copies), nothing kept`,
      realCold,
      TARGETS.perQuestion,
    );
    await generatedRun('validate-generated-warm', `Validate, the ${generated.questions} generated questions again, results kept`, realWarm, TARGETS.perQuestion);

    process.stdout.write('  validate-recheck: handbook-content loadContent after a saved page ... ');
    const { measureRecheck } = await import('./bench/recheck');
    const recheck = await measureRecheck(ROOT, path.join(cacheRoot, 'recheck-content'), path.join(cacheRoot, 'recheck'));
    console.log(`${recheck.recheckMs.toFixed(0)} ms`);
    rows.push([
      "Dev server: re-check after one page is saved (the plugin's loadContent; only that page parsed again)",
      `${recheck.recheckMs.toFixed(0)} ms (${recheck.page}; the first loadContent, nothing kept: ${seconds(recheck.firstMs)})`,
      TARGETS.recheck,
    ]);
  } finally {
    rmSync(rootDir, { recursive: true, force: true });
    rmSync(cacheRoot, { recursive: true, force: true });
  }
}

async function testSteps(): Promise<void> {
  if (flag('--skip-site-tests')) {
    const unit = await run('test-unit', bin('vitest'), ['run']);
    timed(`Unit tests (\`npm run test:unit\`, ${vitestRuns(unit.output)[0]?.tests ?? '?'} tests)`, unit);
    return;
  }
  // The README's test command, as CI runs it after the install: checks, unit tests, the build with its PDFs and book, the
  // site tests, then the sub-path build and its tests. It builds build/ again, which the size steps then measure.
  const all = await run('test', 'npm', ['test']);
  timed(
    '`npm test` end to end (checks, unit tests, build with PDFs and book, site tests, sub-path build and tests; no install)',
    all,
    ` (${(all.ms / 60_000).toFixed(1)} min)`,
    TARGETS.npmTest,
  );
  const labels = ['unit tests', 'site tests', 'sub-path tests'];
  for (const [i, suite] of vitestRuns(all.output).entries()) rows.push([`  of which ${labels[i] ?? 'another Vitest run'} (${suite.tests} tests)`, seconds(suite.ms)]);
}

/** Gzipped JS per page: what each page executes in Chromium, and what its HTML names. */
async function sizeSteps(): Promise<void> {
  if (!existsSync(path.join(BUILD_DIR, 'index.html'))) {
    failures.push('no build in build/ to measure');
    return;
  }
  process.stdout.write('  sizes: every page in Chromium ... ');
  const started = performance.now();
  const content = await validateContent();
  const kinds = pageKinds(
    content.pages,
    content.questions.map((q) => q.permalink),
  );
  const paths = builtPages();
  const server = await serveDirectory(BUILD_DIR);
  const browser = await launchChromium();
  let executed: PageWeight[];
  try {
    const recorded = await recordPageScripts(browser, server.url, paths);
    executed = weighPages(
      BUILD_DIR,
      recorded.map((r) => ({ path: r.path, question: kinds.question(r.path), diagram: kinds.diagram(r.path), scripts: r.scripts })),
    );
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(seconds(performance.now() - started));
  const named = weighPages(
    BUILD_DIR,
    paths.map((p) => ({ path: p, question: kinds.question(p), diagram: kinds.diagram(p), scripts: scriptUrlsInHtml(htmlFor(p), `http://localhost${p}`) })),
  );
  const entry = entryScripts(builtPagesHtml(paths));
  const entryTotal = entryBytes(BUILD_DIR, entry);
  const stylesheets = entryStylesheets(builtPagesHtml(paths));
  const stylesheetTotal = entryBytes(BUILD_DIR, stylesheets);
  const files = listFiles().filter((f) => !isBookFile(f));
  const bytes = buildSize(files);
  const summary = summarise(executed);
  const range = (weights: PageWeight[]): string => {
    const s = spread(weights);
    return `${kib(s.min)} / ${kib(s.median)} / ${kib(s.max)}`;
  };
  const largest = executed.reduce((a, b) => (b.jsBytes > a.jsBytes ? b : a));
  rows.push([`JS every page loads first, gzipped (${entry.map((u) => u.split('/').pop()).join(' + ')})`, kib(entryTotal), TARGETS.entryJs]);
  rows.push([`CSS every page loads before it paints, gzipped (${stylesheets.map((u) => u.split('/').pop()).join(' + ')})`, kib(stylesheetTotal)]);
  rows.push([`JS per page, gzipped, executed in Chromium (${executed.length} pages): min / median / max`, `${range(executed)} (largest: ${largest.path})`]);
  rows.push(['JS per page, gzipped, named in the HTML (entry scripts): min / median / max', range(named)]);
  rows.push(['JS of a question page without a diagram (largest; median)', `${kib(summary.questionPageJs)}; ${kib(summary.questionBaseline)}`, TARGETS.questionPageJs]);
  rows.push(['JS a diagram adds to a question page (largest)', kib(summary.diagramExtraJs)]);
  rows.push([`Build size but the book (${files.length} files, uncompressed)`, `${(bytes / MIB).toFixed(2)} MiB`]);
  const book = bookSizes(listFiles());
  for (const file of listFiles().filter(isBookFile)) {
    if (file.endsWith('.json')) continue;
    const pages = file.endsWith('.pdf') ? ` (${(await PDFDocument.load(readFileSync(file), { updateMetadata: false })).getPageCount()} pages)` : '';
    rows.push([`Book: ${path.basename(file)}${pages}`, `${(statSync(file).size / MIB).toFixed(2)} MiB`]);
  }
  const searchIndex = searchIndexBytes(listFiles());
  rows.push(['Search index, gzipped (downloaded by the first search)', kib(searchIndex)]);
  figures = recordedFigures(summary, bytes, { jsBytes: entryTotal, cssBytes: stylesheetTotal }, book, searchIndex);
}

async function main(): Promise<number> {
  const machine = describeMachine(thisMachine());
  console.log(`Benchmark on ${machine}; load average at start ${loadAverage()}. Logs: ${LOG_DIR}`);
  const cpuAtStart = cpuTimesNow();
  if (!Number.isInteger(generatedQuestions) || generatedQuestions < 1) {
    console.error(`--questions needs a whole number, got "${args[questionsIndex + 1] ?? ''}"`);
    return 2;
  }
  if (reportIndex >= 0 && (!reportFile || reportFile.startsWith('--'))) {
    console.error('--report needs a file to append the report to, e.g. --report bench.md');
    return 2;
  }
  if (reportFile) {
    // Found out now, not after half an hour of measuring.
    try {
      appendFileSync(reportFile, '');
    } catch (error) {
      console.error(`--report ${reportFile}: cannot write there (${(error as NodeJS.ErrnoException).code ?? String(error)}); name a file in a folder that exists`);
      return 2;
    }
  }
  if (!flag('--skip-build')) await buildSteps();
  if (!flag('--skip-build')) await devServerSteps();
  await validateSteps();
  if (!flag('--skip-tests')) await testSteps();
  await sizeSteps();

  const day = new Date().toISOString().slice(0, 10);
  const table = markdownTable(
    ['Measure', 'Figure', 'Target (issue 12)'],
    rows.map(([measure, figure, target]) => [measure, figure, target ?? '']),
  );
  console.log(`\n${table}\n`);
  const share = cpuShare(cpuAtStart, cpuTimesNow());
  const machineLine = `Machine: ${machine}. Load average at the end: ${loadAverage()} (1 / 5 / 15 min).${share ? ` Over the whole run: ${share}.` : ''} Date: ${day}.`;
  console.log(machineLine);
  if (reportFile) appendFileSync(reportFile, reportMarkdown({ table, machineLine, failures }));
  if (figures) {
    const recorded = { on: day, machine, ...figures };
    console.log(`\nFigures for scripts/budgets.json ("recorded"), and budgets 10 % above them:\n${JSON.stringify({ recorded, budgets: suggestedBudgets(figures) }, null, 2)}`);
    const current = JSON.parse(readFileSync(path.join(ROOT, 'scripts/budgets.json'), 'utf8')) as { budgets: Record<string, number> };
    console.log(`Budgets now: ${JSON.stringify(current.budgets)}`);
  }
  if (failures.length > 0) {
    console.error(`\nSome steps failed, so their figures do not count:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The benchmark itself failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
