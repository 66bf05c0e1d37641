/**
 * The long-lived validator the dev server keeps: after a save it reads and
 * checks again only the page that changed (or the page whose example files
 * changed), yet reports everything a full run would, the collection rules
 * included.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createValidator, formatProblem, PROJECT_ROOT, validateContent } from './index';
import { pageChecks } from './page';
import type { ValidatorRun } from './validator';
import { tempDirsRemovedAfterAll } from '../lib/tempDirs';

const GOOD = path.join(PROJECT_ROOT, 'scripts/validate/fixtures/good');
const Q1 = 'docs/architecture/structural/q01-component-boundaries.mdx';
const Q2 = 'docs/architecture/structural/q02-second-question.mdx';
const tempDir = tempDirsRemovedAfterAll();

/** The good fixture with a second, valid question beside Q1. */
async function twoQuestions(): Promise<{ dir: string; edit: (file: string, from: string, to: string) => Promise<void> }> {
  const dir = await tempDir('handbook-validator-');
  await cp(GOOD, dir, { recursive: true });
  const q1 = await readFile(path.join(dir, Q1), 'utf8');
  const q2 = q1
    .replace('questionId: arch-01', 'questionId: arch-02')
    .replace('number: 1', 'number: 2')
    .replace('difficulty: foundational', 'difficulty: intermediate')
    .replace('label: Component boundaries', 'label: Second question');
  await writeFile(path.join(dir, Q2), q2);
  const edit = async (file: string, from: string, to: string): Promise<void> => {
    const text = await readFile(path.join(dir, file), 'utf8');
    if (!text.includes(from)) throw new Error(`fixture edit did not apply to ${file}: ${from}`);
    await writeFile(
      path.join(dir, file),
      text.replace(from, () => to),
    );
  };
  return { dir, edit };
}

const lines = (run: ValidatorRun): string[] => run.problems.map(formatProblem);

describe('a validator kept between saves', () => {
  it('reads and checks only the saved page, and still reports its problem and the duplicate id it causes in the other page', async () => {
    const { dir, edit } = await twoQuestions();
    const validator = createValidator({ rootDir: dir, cacheDir: false });
    const first = await validator.validateAll();
    expect(lines(first)).toEqual([]);
    expect(first.checked).toEqual(expect.arrayContaining([Q1, Q2]));

    await edit(Q2, 'questionId: arch-02', 'questionId: arch-01');
    await edit(Q2, '<QuestionHeader />\n', '');
    const parsesBefore = pageChecks.count;
    const second = await validator.revalidate([path.join(dir, Q2)]);

    expect(second.read).toEqual([Q2]);
    expect(second.checked).toEqual([Q2]);
    expect(pageChecks.count - parsesBefore).toBe(1);
    const problems = second.problems.map((p) => `${p.file} [${p.rule}]`);
    expect(problems).toEqual(expect.arrayContaining([`${Q2} [key-insight]`, `${Q1} [duplicate-questionId]`, `${Q2} [duplicate-questionId]`]));
    // The same problems, word for word, as a validator that reads everything afresh.
    expect(lines(second)).toEqual((await validateContent({ rootDir: dir, cacheDir: false })).problems.map(formatProblem));
  });

  it('notices a saved page without being told which one, by its size and time', async () => {
    const { dir, edit } = await twoQuestions();
    const validator = createValidator({ rootDir: dir, cacheDir: false });
    await validator.validateAll();
    await edit(Q1, 'difficulty: foundational', 'difficulty: expert');
    const run = await validator.validateAll();
    expect(run.read).toEqual([Q1]);
    expect(run.checked).toEqual([Q1]);
    expect(lines(run)).toEqual([expect.stringMatching(new RegExp(`^${Q1}:8: "difficulty"`))]);
  });

  it('re-checks nothing when nothing changed, and gives the same result', async () => {
    const { dir } = await twoQuestions();
    const validator = createValidator({ rootDir: dir, cacheDir: false });
    const first = await validator.validateAll();
    const again = await validator.validateAll();
    expect(again.read).toEqual([]);
    expect(again.checked).toEqual([]);
    expect({ ...again.report, generatedAt: '' }).toEqual({ ...first.report, generatedAt: '' });
  });

  it('re-checks the page whose example test was deleted', async () => {
    const { dir } = await twoQuestions();
    const validator = createValidator({ rootDir: dir, cacheDir: false });
    await validator.validateAll();
    await rm(path.join(dir, 'src/examples/q01-fixture/retry.test.ts'));
    const run = await validator.validateAll();
    // Both pages show the module, so both depend on its test.
    expect(run.checked).toEqual([Q1, Q2]);
    expect(run.problems.filter((p) => p.rule === 'example-untested').map((p) => p.file)).toEqual([Q1, Q2]);
  });

  it('picks up a new page and forgets a deleted one', async () => {
    const { dir } = await twoQuestions();
    const validator = createValidator({ rootDir: dir, cacheDir: false });
    await validator.validateAll();
    const q3 = 'docs/architecture/structural/q03-third-question.mdx';
    const q2 = await readFile(path.join(dir, Q2), 'utf8');
    await writeFile(path.join(dir, q3), q2.replace('number: 2', 'number: 3'));
    const added = await validator.validateAll();
    expect(added.checked).toEqual([q3]);
    expect(added.problems.filter((p) => p.rule === 'duplicate-questionId').map((p) => p.file)).toEqual([Q2, q3]);
    await rm(path.join(dir, q3));
    const removed = await validator.validateAll();
    expect(removed.checked).toEqual([]);
    expect(lines(removed)).toEqual([]);
  });
});

describe('pages checked side by side', () => {
  it("report each page's broken diagram and formula at its own line, as a page-by-page run does", async () => {
    const { dir, edit } = await twoQuestions();
    // Q1 waits for KaTeX's verdict while Q2 is parsed; Q1's formula breaks (line 52) and Q2's diagram (its fence is on line 42).
    await edit(Q1, '$$\\frac{\\text{fake}}{\\text{all}}$$', '$$\\frac{\\text{fake}}$$');
    await edit(Q2, 'A[Ingestion] --> B[Features] --> C[Training]', 'A[Ingestion] --> ');
    const run = await createValidator({ rootDir: dir, cacheDir: false }).validateAll();
    expect(run.problems.map((p) => `${p.file}:${p.line} [${p.rule}]`)).toEqual([`${Q1}:52 [katex]`, `${Q2}:42 [mermaid]`]);
    expect(run.problems[1]!.message).toMatch(/^the Mermaid diagram does not parse \(Parse error on line \d+:/);
    expect(lines(run)).toEqual((await validateContent({ rootDir: dir, cacheDir: false })).problems.map(formatProblem));
  });
});

describe('results kept on disk between runs', () => {
  it("keep each page's warnings, so a new process reports a wide diagram without checking its page again", async () => {
    const { dir, edit } = await twoQuestions();
    const cacheDir = await tempDir('handbook-validator-cache-');
    const chain = 'A[Ingestion service] --> B[Feature pipeline] --> C[Training job] --> D[Evaluation gate] --> E[Model registry] --> F[Serving fleet]';
    await edit(Q1, 'A[Ingestion] --> B[Features] --> C[Training]', chain);
    const first = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(lines(first)).toEqual([]);
    expect(first.warnings.map((w) => `${w.file} [${w.rule}]`)).toEqual([`${Q1} [diagram-wide]`]);

    const second = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(second.checked).toEqual([]);
    expect(second.warnings.map(formatProblem)).toEqual(first.warnings.map(formatProblem));
    // The same warnings, word for word, as a validator that checks everything afresh.
    expect(second.warnings.map(formatProblem)).toEqual((await validateContent({ rootDir: dir, cacheDir: false })).warnings.map(formatProblem));
  });

  it('let a new process check nothing that did not change, with the same problems and report', async () => {
    const { dir, edit } = await twoQuestions();
    const cacheDir = await tempDir('handbook-validator-cache-');
    await edit(Q2, 'references: [A1, A2]', 'references: [A1, A2, L999]');
    const first = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(lines(first)).toEqual([expect.stringContaining('reference L999 is not in the catalog')]);

    const parsesBefore = pageChecks.count;
    const second = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(second.checked).toEqual([]);
    expect(pageChecks.count).toBe(parsesBefore);
    expect(lines(second)).toEqual(lines(first));
    expect({ ...second.report, generatedAt: '' }).toEqual({ ...first.report, generatedAt: '' });

    await edit(Q1, '<References />', 'See above.');
    const third = await createValidator({ rootDir: dir, cacheDir }).validateAll();
    expect(third.checked).toEqual([Q1]);
    expect(third.problems.map((p) => p.rule).sort()).toEqual(['reference-unknown', 'references-component']);
  });
});
