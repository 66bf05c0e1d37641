import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../files';
import type { QuestionFacts } from '../types';
import { checkTagLabels, TAG_LABELS_FILE } from './tags';

function question(file: string, tags: string[]): QuestionFacts {
  return { file, keyLines: new Map([['tags', 7]]), frontMatter: { tags } as unknown as QuestionFacts['frontMatter'], permalink: `/${file}` };
}

const labels = { 'kv-cache': 'KV cache', rag: 'Retrieval-augmented generation (RAG)' };

describe('tag labels', () => {
  it('accept shared tags that have a label and tags of one question that have none', async () => {
    const questions = [question('a.mdx', ['kv-cache', 'rag', 'only-here']), question('b.mdx', ['kv-cache', 'rag'])];
    expect(await checkTagLabels(questions, PROJECT_ROOT, true, labels)).toEqual([]);
  });

  it('ask for a label on every page that shares a tag without one, naming the file to add it to', async () => {
    const questions = [question('a.mdx', ['kv-cache', 'rag', 'tool-use']), question('b.mdx', ['tool-use', 'tool-use']), question('c.mdx', ['kv-cache', 'rag'])];
    const problems = await checkTagLabels(questions, PROJECT_ROOT, true, labels);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'a.mdx', line: 7, rule: 'tag-unlabelled', message: expect.stringContaining('"tool-use" is shared by 2 questions') }),
      expect.objectContaining({ file: 'b.mdx', line: 7, rule: 'tag-unlabelled', fix: expect.stringContaining(`'tool-use': 'A readable label' to ${TAG_LABELS_FILE}`) }),
    ]);
  });

  it('report a label that no question uses on its own line of the labels file, only when the whole handbook is checked', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'handbook-tag-labels-'));
    mkdirSync(path.join(root, path.dirname(TAG_LABELS_FILE)), { recursive: true });
    writeFileSync(path.join(root, TAG_LABELS_FILE), "export const TAG_LABELS = {\n  'kv-cache': 'KV cache',\n  rag: 'RAG',\n};\n");
    const questions = [question('a.mdx', ['kv-cache']), question('b.mdx', ['kv-cache'])];
    expect(await checkTagLabels(questions, root, true, labels)).toEqual([
      expect.objectContaining({ file: TAG_LABELS_FILE, line: 3, rule: 'tag-label-unused', message: expect.stringContaining('"rag"') }),
    ]);
    expect(await checkTagLabels(questions, root, false, labels)).toEqual([]);
  });

  it("point each unused label of the project's labels file at a line of its own", async () => {
    // The real labels against the real questions: validate.test.ts ("the real content of the handbook passes too").
    const problems = await checkTagLabels([question('a.mdx', ['kv-cache']), question('b.mdx', ['kv-cache'])], PROJECT_ROOT, true);
    const lines = problems.map((p) => p.line);
    expect(lines.every((line) => line > 1)).toBe(true);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
