import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, validateContent } from '../validate/index';
import { EXPECTED_RULES, generateContentRoot, markCopy, problemsByRule } from './generate';

const made: string[] = [];

afterAll(() => {
  // Removes the link to src/, never what it points to.
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function questionFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)q\d{2}-[a-z0-9-]+\.mdx$/.test(f.split(path.sep).join('/')));
}

describe('the benchmark content root', () => {
  it('holds the real pages plus copies, up to the number of questions asked for, each copy under its own slug', () => {
    const rootDir = mkdtempSync(path.join(tmpdir(), 'handbook-bench-'));
    made.push(rootDir);
    const real = questionFiles(path.join(PROJECT_ROOT, 'docs'));
    const generated = generateContentRoot(PROJECT_ROOT, rootDir, real.length + 7);
    expect(generated).toEqual({ rootDir, questions: real.length + 7, originals: real.length });
    const files = questionFiles(path.join(rootDir, 'docs'));
    expect(files).toHaveLength(real.length + 7);
    const copies = files.filter((f) => f.includes('-copy-'));
    expect(copies).toHaveLength(7);
    const [first] = copies.sort();
    const original = first!.replace('-copy-1', '');
    expect(readFileSync(path.join(rootDir, 'docs', first!), 'utf8')).toBe(markCopy(readFileSync(path.join(PROJECT_ROOT, 'docs', original), 'utf8'), `1 of ${original}`));
    expect(lstatSync(path.join(rootDir, 'src')).isSymbolicLink()).toBe(true);
  });

  it('marks each copy, and each of its diagrams, with a comment of its own, so no copy is byte for byte another page', () => {
    const page = ['---', 'title: T', '---', '', 'Text.', '', '```mermaid', 'flowchart LR', '  A --> B', '```', '', '```mermaid', 'sequenceDiagram', '```', ''].join('\n');
    const copy = markCopy(page, '2 of a.mdx');
    expect(copy).toBe(
      [
        '---',
        'title: T',
        '---',
        '',
        '{/* benchmark copy 2 of a.mdx */}',
        '',
        'Text.',
        '',
        '```mermaid',
        '%% benchmark copy 2 of a.mdx',
        'flowchart LR',
        '  A --> B',
        '```',
        '',
        '```mermaid',
        '%% benchmark copy 2 of a.mdx',
        'sequenceDiagram',
        '```',
        '',
      ].join('\n'),
    );
    expect(markCopy(page, '3 of a.mdx')).not.toBe(copy);
  });

  it('refuses fewer questions than the real content has', () => {
    expect(() => generateContentRoot(PROJECT_ROOT, path.join(tmpdir(), 'never-made'), 3)).toThrow(/real content alone has \d+/);
  });

  it('gives the validator no problem but those its fixed numbering implies', async () => {
    const rootDir = mkdtempSync(path.join(tmpdir(), 'handbook-bench-'));
    made.push(rootDir);
    const real = questionFiles(path.join(PROJECT_ROOT, 'docs')).length;
    generateContentRoot(PROJECT_ROOT, rootDir, real + 12);
    const { problems, questions } = await validateContent({ rootDir });
    expect(questions).toHaveLength(real + 12);
    expect([...new Set(problems.map((p) => p.rule))].sort()).toEqual(expect.arrayContaining(['duplicate-number', 'duplicate-questionId']));
    expect(problems.filter((p) => !(EXPECTED_RULES as readonly string[]).includes(p.rule))).toEqual([]);
  }, 120_000);
});

describe("problems counted from the validator's output", () => {
  it('counts each printed problem by the rule at the end of its line', () => {
    const output = [
      'docs/a/b/q01-x.mdx:3: questionId "arch-01" is also used by docs/a/b/q01-x-copy-1.mdx. Fix: give each question its own id [duplicate-questionId]',
      'docs/a/b/q01-x-copy-1.mdx:3: questionId "arch-01" is also used by docs/a/b/q01-x.mdx. Fix: give each question its own id [duplicate-questionId]',
      'docs/a/b/q01-x.mdx:8: topic "b" has 2 foundational question(s). Fix: change one [difficulty-distribution]',
      '',
      '3 problem(s) in the content. Nothing was changed; fix them and run "npm run validate" again.',
    ].join('\n');
    expect(Object.fromEntries(problemsByRule(output))).toEqual({ 'duplicate-questionId': 2, 'difficulty-distribution': 1 });
  });
});
