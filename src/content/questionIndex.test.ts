import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionIndexReader, readQuestionIndex } from './questionIndex';

const page = (id: string, number: number, title = `Question ${number}?`): string =>
  `---\nquestionId: ${id}\ntitle: "${title}"\ntrack: architecture\ntopic: structural\nnumber: ${number}\ndifficulty: advanced\nkeyInsight: Insight.\nreferences: [A1]\n---\n`;

describe('readQuestionIndex', () => {
  it('reads every question page with its permalink, and skips overviews and unreadable frontmatter', () => {
    const docs = mkdtempSync(path.join(tmpdir(), 'handbook-index-'));
    mkdirSync(path.join(docs, 'architecture/structural'), { recursive: true });
    writeFileSync(path.join(docs, 'architecture/structural/q01-a.mdx'), page('arch-01', 1));
    writeFileSync(path.join(docs, 'architecture/structural/index.mdx'), '---\ntitle: Structural\n---\n');
    writeFileSync(path.join(docs, 'architecture/structural/q02-broken.mdx'), '---\ntitle: a: b\n---\n');
    const index = readQuestionIndex(docs);
    expect(index).toEqual([expect.objectContaining({ questionId: 'arch-01', permalink: '/architecture/structural/q01-a', references: ['A1'], related: [] })]);
  });

  it('reads the short label the sidebar shows, and leaves it out when the page has none', () => {
    const docs = mkdtempSync(path.join(tmpdir(), 'handbook-index-'));
    writeFileSync(path.join(docs, 'q01-a.mdx'), page('arch-01', 1).replace('number: 1', 'label: Short one\nnumber: 1'));
    writeFileSync(path.join(docs, 'q02-b.mdx'), page('arch-02', 2));
    const [withLabel, withoutLabel] = readQuestionIndex(docs);
    expect(withLabel?.label).toBe('Short one');
    expect(withoutLabel).not.toHaveProperty('label');
  });

  it('sees a saved page at once', () => {
    const docs = mkdtempSync(path.join(tmpdir(), 'handbook-index-'));
    const file = path.join(docs, 'q01-a.mdx');
    writeFileSync(file, page('arch-01', 1, 'Before?'));
    expect(readQuestionIndex(docs)[0]?.title).toBe('Before?');
    writeFileSync(file, page('arch-01', 1, 'After, longer?'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(readQuestionIndex(docs)[0]?.title).toBe('After, longer?');
  });
});

describe('questionIndexReader', () => {
  function docsWithOneQuestion(): { docs: string; file: string } {
    const docs = mkdtempSync(path.join(tmpdir(), 'handbook-index-'));
    const file = path.join(docs, 'q01-a.mdx');
    writeFileSync(file, page('arch-01', 1, 'Before?'));
    return { docs, file };
  }

  it('reads the index once in a production build: every page gets the index the build started with', () => {
    const { docs, file } = docsWithOneQuestion();
    const questions = questionIndexReader(docs, { oncePerBuild: true });
    const first = questions();
    writeFileSync(file, page('arch-01', 1, 'After, longer?'));
    writeFileSync(path.join(docs, 'q02-b.mdx'), page('arch-02', 2));
    expect(questions()).toBe(first);
    expect(first.map((q) => q.title)).toEqual(['Before?']);
  });

  it('reads it on every call for the dev server, so a saved or added page is seen at once', () => {
    const { docs, file } = docsWithOneQuestion();
    const questions = questionIndexReader(docs, { oncePerBuild: false });
    expect(questions().map((q) => q.title)).toEqual(['Before?']);
    writeFileSync(file, page('arch-01', 1, 'After, longer?'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    writeFileSync(path.join(docs, 'q02-b.mdx'), page('arch-02', 2));
    expect(questions().map((q) => q.title)).toEqual(['After, longer?', 'Question 2?']);
  });
});
