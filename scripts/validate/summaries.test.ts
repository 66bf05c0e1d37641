/**
 * Short answers and quick hits are read from the pages themselves: what the
 * practice deck and the Anki deck show is what the page says.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFrontMatter } from './rules/frontmatter';
import { parsePage } from './load';
import { headingAnchor, quickHitsOf, shortAnswerOf } from './summaries';
import { validateContent, PROJECT_ROOT } from './index';
import type { QuestionPage } from './types';

function questionPage(file: string, frontMatter: string, body: string): QuestionPage {
  const { page } = parsePage(file, `---\n${frontMatter}\n---\n\n${body}`);
  const { question } = checkFrontMatter(page);
  if (!question) throw new Error('fixture frontmatter is invalid');
  return { ...page, frontMatter: question, permalink: '/x' };
}

const FM = (track: string, id: string, topic: string): string =>
  [
    `questionId: ${id}`,
    'title: How would you test it?',
    'label: Testing',
    `track: ${track}`,
    `topic: ${topic}`,
    'number: 7',
    'difficulty: intermediate',
    'reviewed: 2026-11-23',
    `type: ${topic === 'behavioral' ? 'behavioral' : 'system-design'}`,
    'keyInsight: Test the contract, not the implementation, and count what fails.',
  ].join('\n');

describe('short answers', () => {
  it('are the first paragraph of "### What" on an Architecture Q&A page, as plain text', () => {
    const page = questionPage(
      'docs/architecture/behavioral/q07-x.mdx',
      FM('architecture', 'arch-07', 'behavioral'),
      '<QuestionHeader />\n\n## Answer\n\n### What\n\nClassify each error **before** reacting,\nthen see [Q8](./q08.mdx) and `retry()`.\n\nSecond paragraph.\n\n### How\n\nHow text.\n',
    );
    expect(shortAnswerOf(page)).toBe('Classify each error before reacting, then see Q8 and retry().');
  });

  it("are the architect's call on an interview page, without its ::: fences", () => {
    const page = questionPage(
      'docs/architect-interview/system-design/q07-x.mdx',
      FM('architect-interview', 'interview-07', 'system-design'),
      "<QuestionHeader />\n\n## Answer\n\nAdd three terms.\n\n:::tip[The architect's call]\nShrink, **batch**, then route.\n:::\n",
    );
    expect(shortAnswerOf(page)).toBe('Shrink, batch, then route.');
  });

  it("fall back to the first paragraph of the answer when an interview page has no architect's call", () => {
    const page = questionPage(
      'docs/architect-interview/system-design/q07-x.mdx',
      FM('architect-interview', 'interview-07', 'system-design'),
      '## Answer\n\nStart with the budget.\n',
    );
    expect(shortAnswerOf(page)).toBe('Start with the budget.');
  });
});

describe('quick hits', () => {
  it('are the "###" questions of their page, with the text under each and a link to its anchor', () => {
    const { page } = parsePage(
      'docs/architect-interview/quick-hits.mdx',
      '---\ntitle: Quick hits\ndescription: Ten of them.\n---\n\n# Quick hits\n\nIntro.\n\n### What is a model registry?\n\nA versioned store.\n\nWith aliases.\n\n### How do you version datasets, and why?\n\nWith DVC.\n',
    );
    expect(quickHitsOf(page)).toEqual([
      {
        id: 'quick-hit-what-is-a-model-registry',
        question: 'What is a model registry?',
        answer: 'A versioned store. With aliases.',
        permalink: '/architect-interview/quick-hits#what-is-a-model-registry',
      },
      {
        id: 'quick-hit-how-do-you-version-datasets-and-why',
        question: 'How do you version datasets, and why?',
        answer: 'With DVC.',
        permalink: '/architect-interview/quick-hits#how-do-you-version-datasets-and-why',
      },
    ]);
  });

  it('get the anchor Docusaurus gives their heading', () => {
    expect(headingAnchor('What is your preferred ML framework, and why?')).toBe('what-is-your-preferred-ml-framework-and-why');
    expect(headingAnchor('How do you handle GDPR deletion requests?')).toBe('how-do-you-handle-gdpr-deletion-requests');
    expect(headingAnchor('Online vs. offline: the A/B test')).toBe('online-vs-offline-the-ab-test');
  });
});

describe('the real content', () => {
  it('gives every question a short answer and lists the ten quick hits', async () => {
    const { report } = await validateContent({ rootDir: PROJECT_ROOT });
    for (const q of report.questions) expect(q.shortAnswer.split(/\s+/).length, q.questionId).toBeGreaterThanOrEqual(8);
    expect(report.quickHits).toHaveLength(10);
    expect(new Set(report.quickHits.map((h) => h.id)).size).toBe(10);
    expect(path.basename(report.quickHits[0]!.permalink)).toMatch(/^quick-hits#/);
  });
});
