import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from 'sucrase';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { executeDemo, type LogLine } from './execute';
import { formatValue } from './format';
import { collectSources } from './modules';

const DIR = 'src/examples/q99-runner';
const ROOT = path.resolve(__dirname, '../..');

async function run(files: Record<string, string>, entry = `${DIR}/x.demo.ts`, maxLogLines?: number) {
  const logs: LogLine[] = [];
  let started = false;
  const result = await executeDemo({ files, entry }, { transform, onLog: (line) => logs.push(line), onStarted: () => (started = true), ...(maxLogLines ? { maxLogLines } : {}) });
  return { result, logs, started };
}

afterEach(() => vi.restoreAllMocks());

describe('executeDemo', () => {
  it('runs the demo against its module and returns what it logged and returned', async () => {
    const { result, logs, started } = await run({
      [`${DIR}/x.ts`]: 'export function double(n: number): number { return 2 * n; }',
      [`${DIR}/x.demo.ts`]:
        "import { double } from './x';\nexport async function demo(): Promise<{ doubled: number }> {\n  console.log('doubling', 21);\n  console.warn('careful');\n  return { doubled: double(21) };\n}",
    });
    expect(started).toBe(true);
    expect(logs).toEqual([
      { level: 'log', text: 'doubling 21' },
      { level: 'warn', text: 'careful' },
    ]);
    expect(result).toEqual({ ok: true, result: '{ doubled: 42 }', droppedLines: 0 });
  });

  it('reports a syntax error before anything runs, naming the file and line', async () => {
    const { result, started } = await run({ [`${DIR}/x.demo.ts`]: 'export function demo() {\n  return 1 +;\n}' });
    expect(started).toBe(false);
    expect(result).toMatchObject({ ok: false, failure: { phase: 'compile', name: 'SyntaxError', message: 'Unexpected token', location: { file: `${DIR}/x.demo.ts`, line: 2 } } });
  });

  it("reports a runtime error with the line in the reader's own file, keeping the output before it", async () => {
    const { result, logs } = await run({
      [`${DIR}/x.ts`]: 'export function check(n: number): void {\n  if (n > 1) {\n    throw new RangeError(`n is ${n}`);\n  }\n}',
      [`${DIR}/x.demo.ts`]: "import { check } from './x';\nexport function demo(): void {\n  console.log('before');\n  check(5);\n}",
    });
    expect(logs.map((l) => l.text)).toEqual(['before']);
    expect(result).toMatchObject({ ok: false, failure: { phase: 'runtime', name: 'RangeError', message: 'n is 5', location: { file: `${DIR}/x.ts`, line: 3 } } });
  });

  it('says so when the demo file exports no demo() function', async () => {
    const { result } = await run({ [`${DIR}/x.demo.ts`]: 'export const answer = 42;' });
    expect(result).toMatchObject({ ok: false, failure: { phase: 'runtime', name: 'TypeError', message: 'x.demo.ts exports no demo() function to run' } });
  });

  it('gives no result when the demo returns nothing', async () => {
    const { result } = await run({ [`${DIR}/x.demo.ts`]: "export function demo(): void { console.log('only logs'); }" });
    expect(result).toEqual({ ok: true, droppedLines: 0 });
  });

  it('stops sending log lines past the limit and counts the rest', async () => {
    const { result, logs } = await run({ [`${DIR}/x.demo.ts`]: 'export function demo(): void { for (let i = 0; i < 25; i++) console.log(i); }' }, `${DIR}/x.demo.ts`, 10);
    expect(logs).toHaveLength(10);
    expect(result).toEqual({ ok: true, droppedLines: 15 });
  });

  it("does not touch the page's console: the example writes to its own", async () => {
    const global = vi.spyOn(console, 'log');
    await run({ [`${DIR}/x.demo.ts`]: "export function demo(): void { console.log('captured'); }" });
    expect(global).not.toHaveBeenCalled();
  });
});

/** Every `*.demo.ts` under src/examples, by repository path. */
function demoFiles(): string[] {
  const examples = path.join(ROOT, 'src/examples');
  return readdirSync(examples).flatMap((dir) =>
    readdirSync(path.join(examples, dir))
      .filter((f) => f.endsWith('.demo.ts'))
      .map((f) => `src/examples/${dir}/${f}`),
  );
}

describe('every demo in the handbook', () => {
  const demos = demoFiles();

  it('there are at least ten, in both tracks', () => {
    expect(demos.length).toBeGreaterThanOrEqual(10);
    expect(demos.some((d) => d.startsWith('src/examples/interview-'))).toBe(true);
    expect(demos.some((d) => /^src\/examples\/q\d/.test(d))).toBe(true);
  });

  it.each(demos)('%s runs through the browser pipeline with the result it has in its test', async (demo) => {
    // As in the browser (src/runner/client.ts): the page hands over the demo; other files load as the site's chunks,
    // which hold no tests and no demos.
    const read = async (file: string): Promise<string | undefined> => {
      if (/\.(?:test|demo)\.ts$/.test(file)) return undefined;
      try {
        return readFileSync(path.join(ROOT, file), 'utf8');
      } catch {
        return undefined;
      }
    };
    const files = await collectSources({ [demo]: readFileSync(path.join(ROOT, demo), 'utf8') }, read);
    const { result, logs } = await run(files, demo);

    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const direct = (await import(path.join(ROOT, demo))) as { demo: () => unknown };
    const expected: unknown = await direct.demo();

    expect(result).toEqual({ ok: true, ...(expected === undefined ? {} : { result: formatValue(expected) }), droppedLines: 0 });
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.length).toBe(printed.length);
    // Prose writes 10,000 and more with separators, as the pages do; quoted strings, lists and objects are code.
    const prose = printed.map((line) => line.replace(/"[^"]*"|\[[^\]]*\]|\{[^}]*\}/g, ''));
    expect(prose.filter((line) => /(?<![\w.,:/-])\d{5,}(?!\w)/.test(line))).toEqual([]);
  });
});
