/**
 * `npm run new:question` scaffolds a page, its example module, the module's
 * demo and a test for each, that the validator flags, marker by marker, until every placeholder is
 * replaced; it never overwrites a file.
 */
// A misspelt flag on purpose, to see it named:
// cspell:ignore nmber
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { camelCase, scaffold, ScaffoldError } from './new-question';
import { formatProblem, PROJECT_ROOT, validateContent } from './validate/index';
import { ANSWER_WORDS } from './validate/rules/anatomy';
import { TODO_MARKER } from './validate/rules/todo';

const GOOD = path.join(PROJECT_ROOT, 'scripts/validate/fixtures/good');
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fixture(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'handbook-scaffold-'));
  tempDirs.push(dir);
  await cp(GOOD, dir, { recursive: true });
  return dir;
}

describe('new:question', () => {
  it('writes the page, the example module and its test where the validator expects them', async () => {
    const dir = await fixture();
    const result = scaffold(dir, { track: 'architecture', topic: 'structural', number: 2, slug: 'feature-flags' });
    expect(result).toEqual({
      questionId: 'arch-02',
      files: [
        'docs/architecture/structural/q02-feature-flags.mdx',
        'src/examples/q02-feature-flags/featureFlags.ts',
        'src/examples/q02-feature-flags/featureFlags.test.ts',
        'src/examples/q02-feature-flags/featureFlags.demo.ts',
        'src/examples/q02-feature-flags/featureFlags.demo.test.ts',
      ],
    });
    const page = await readFile(path.join(dir, result.files[0]!), 'utf8');
    expect(page).toContain("import featureFlagsSource from '!!raw-loader!@site/src/examples/q02-feature-flags/featureFlags.ts';");
    expect(page).toContain("import featureFlagsDemo from '!!raw-loader!@site/src/examples/q02-feature-flags/featureFlags.demo.ts';");
    expect(page).toContain('<ExampleCode path="src/examples/q02-feature-flags/featureFlags.ts" source={featureFlagsSource} demo={featureFlagsDemo} />');
  });

  it('is flagged by the validator at every marker, and only for what the scaffold leaves open', async () => {
    const dir = await fixture();
    const { files } = scaffold(dir, { track: 'architecture', topic: 'structural', number: 2, slug: 'feature-flags' });
    const { problems } = await validateContent({ rootDir: dir });
    const todos = problems.filter((p) => p.rule === 'todo-marker');
    for (const file of files) {
      const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
      const marked = lines.flatMap((line, i) => (line.includes(TODO_MARKER) ? [i + 1] : []));
      expect(marked.length, file).toBeGreaterThan(0);
      expect(todos.filter((p) => p.file === file).map((p) => p.line)).toEqual(marked);
    }
    expect(formatProblem(todos[0]!)).toMatch(
      /^docs\/architecture\/structural\/q02-feature-flags\.mdx:3: the scaffold's TODO\(new-question\) marker is still here \(the question itself.*\)\. Fix: replace the placeholder .* \[todo-marker\]$/,
    );
    // The files are well-formed: apart from the markers, only the placeholders' length and the missing references are reported.
    expect(new Set(problems.map((p) => p.rule))).toEqual(new Set(['todo-marker', 'answer-length', 'references-too-few']));
    // The placeholder asks for the length the validator then checks.
    const page = await readFile(path.join(dir, files[0]!), 'utf8');
    const length = problems.find((p) => p.rule === 'answer-length')!;
    expect(page).toContain(`The three parts together are ${ANSWER_WORDS.min}-${ANSWER_WORDS.max} words.`);
    expect(formatProblem(length)).toContain(`between ${ANSWER_WORDS.min} and ${ANSWER_WORDS.max} words`);
  });

  it('clears the marker rule once the placeholders are replaced', async () => {
    const dir = await fixture();
    const { files } = scaffold(dir, { track: 'architecture', topic: 'structural', number: 3, slug: 'ports' });
    for (const file of files) {
      const full = path.join(dir, file);
      await writeFile(full, (await readFile(full, 'utf8')).replaceAll(TODO_MARKER, 'Written'));
    }
    const { problems } = await validateContent({ rootDir: dir });
    expect(problems.filter((p) => p.rule === 'todo-marker')).toEqual([]);
  });

  it("scaffolds an interview question with the architect's call and its own example folder", async () => {
    const dir = await fixture();
    const { files } = scaffold(dir, { track: 'architect-interview', topic: 'tools', slug: 'vector-databases' });
    expect(files[0]).toBe('docs/architect-interview/tools/q11-vector-databases.mdx');
    expect(files[1]).toBe('src/examples/interview-q11-vector-databases/vectorDatabases.ts');
    const page = await readFile(path.join(dir, files[0]!), 'utf8');
    expect(page).toMatch(/^type: tooling$/m);
    expect(page).toContain(":::tip[The architect's call]");
    expect(page.trimEnd()).toMatch(/## References\n\n<References \/>$/);
    // Apart from the markers, only the references the author has still to cite are missing.
    const { problems } = await validateContent({ rootDir: dir });
    expect(new Set(problems.filter((p) => p.file === files[0]).map((p) => p.rule))).toEqual(new Set(['todo-marker', 'related-component']));
  });

  it('takes the first free number of the topic when none is given', async () => {
    const dir = await fixture();
    expect(scaffold(dir, { track: 'architecture', topic: 'structural', slug: 'second' }).questionId).toBe('arch-02');
    expect(scaffold(dir, { track: 'architecture', topic: 'structural', slug: 'third' }).questionId).toBe('arch-03');
  });

  it('refuses a number outside the topic, a taken number, an unknown topic and a bad slug, writing nothing', async () => {
    const dir = await fixture();
    const refuse = (options: Parameters<typeof scaffold>[1]): string => {
      try {
        scaffold(dir, options);
      } catch (error) {
        expect(error).toBeInstanceOf(ScaffoldError);
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refuse({ track: 'architecture', topic: 'data', number: 31, slug: 'x' })).toBe(
      'question 31 is outside topic "data", which holds Q16-Q20; free numbers in this topic: 16, 17, 18, 19, 20',
    );
    expect(refuse({ track: 'architecture', topic: 'structural', number: 1, slug: 'x' })).toMatch(
      /^question 1 of track "architecture" already exists: docs\/architecture\/structural\/q01-component-boundaries\.mdx; free numbers in this topic: 2, 3, 4, 5$/,
    );
    expect(refuse({ track: 'architecture', topic: 'lifecycle', slug: 'x' })).toMatch(/topic "lifecycle" is not part of track "architecture"; use one of: structural, behavioral/);
    expect(refuse({ track: 'architecture', topic: 'data', slug: 'My Slug' })).toMatch(/slug "My Slug" must be lowercase words joined by dashes/);
    expect(refuse({ track: 'nope', topic: 'data', slug: 'x' })).toMatch(/unknown track "nope"; use one of: architecture, architect-interview/);
    const { questions } = await validateContent({ rootDir: dir });
    expect(questions).toHaveLength(1);
  });

  it('says how to plan more questions when a topic is full', () => {
    // The real handbook: every Architecture Q&A topic is complete.
    expect(() => scaffold(PROJECT_ROOT, { track: 'architecture', topic: 'data', number: 31, slug: 'my-question' })).toThrow(
      /every number of Q16-Q20 is taken; to plan more questions, widen the topic ranges \(and totalQuestions\) in src\/content\/tracks\.ts first/,
    );
  });

  it('names identifiers after the slug', () => {
    expect(camelCase('feature-store-backfill')).toBe('featureStoreBackfill');
    expect(camelCase('10k-rps')).toBe('q10kRps');
  });

  describe('on the command line', () => {
    const run = promisify(execFile);
    const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
    const cli = (dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      run(tsx, ['scripts/new-question.ts', '--root', dir, ...args], { cwd: PROJECT_ROOT }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );

    it('refuses to overwrite an existing file, leaving it as it was, with one line and no stack trace', async () => {
      const dir = await fixture();
      const args = ['--track', 'architecture', '--topic', 'structural', '--number', '2', '--slug', 'feature-flags'];
      const first = await cli(dir, ...args);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('docs/architecture/structural/q02-feature-flags.mdx');
      const page = path.join(dir, 'docs/architecture/structural/q02-feature-flags.mdx');
      await writeFile(page, 'the author has started writing');
      const again = await cli(dir, ...args);
      expect(again.code).toBe(1);
      expect(again.stderr.trim()).toBe(
        'new:question: question 2 of track "architecture" already exists: docs/architecture/structural/q02-feature-flags.mdx; free numbers in this topic: 3, 4, 5',
      );
      expect(await readFile(page, 'utf8')).toBe('the author has started writing');

      // An example module written before its page is not replaced either, and no page is written.
      const module = path.join(dir, 'src/examples/q03-ports/ports.ts');
      await cp(path.join(dir, 'src/examples/q02-feature-flags'), path.dirname(module), { recursive: true });
      await writeFile(module, 'export const written = true;\n');
      const third = await cli(dir, '--track', 'architecture', '--topic', 'structural', '--number', '3', '--slug', 'ports');
      expect(third.code).toBe(1);
      expect(third.stderr.trim()).toBe(
        'new:question: refusing to overwrite src/examples/q03-ports/ports.ts; nothing was written. Pick another slug or number, or edit the existing file',
      );
      expect(third.stderr).not.toMatch(/\n\s+at /);
      expect(await readFile(module, 'utf8')).toBe('export const written = true;\n');
      await expect(readFile(path.join(dir, 'docs/architecture/structural/q03-ports.mdx'), 'utf8')).rejects.toThrow(/ENOENT/);
    });

    it('prints the usage when a flag is missing', async () => {
      const result = await cli(await fixture(), '--track', 'architecture');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Usage: npm run new:question -- --track <track> --topic <topic> --slug <slug> \[--number <n>\]/);
    });

    it('names an unknown flag and a number that is not a whole number, writing nothing', async () => {
      const dir = await fixture();
      const unknown = await cli(dir, '--track', 'architecture', '--topic', 'structural', '--slug', 'x', '--nmber', '2');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/^new:question: Unknown option '--nmber'.*\nUsage: npm run new:question/s);
      expect(unknown.stderr).not.toMatch(/\n\s+at /);
      const notANumber = await cli(dir, '--track', 'architecture', '--topic', 'structural', '--slug', 'x', '--number', '2.5');
      expect(notANumber.code).toBe(1);
      expect(notANumber.stderr.trim()).toBe('new:question: --number must be a whole number such as 18, not "2.5"; leave it out to take the topic\'s first free number');
      const { questions } = await validateContent({ rootDir: dir });
      expect(questions).toHaveLength(1);
    });
  });
});
