import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveFrontMatter } from './derive';
import type { IndexedQuestion } from './questionIndex';
import type { ReferenceEntry } from './references/schema';
import { collectRedirects } from './redirects';

describe('deriveFrontMatter', () => {
  it('gives a question its description from the key insight, and its sidebar label and order from number and label', () => {
    const fm = deriveFrontMatter('/site/docs/architecture/behavioral/q07-error-handling.mdx', {
      questionId: 'arch-07',
      number: 7,
      label: 'Error handling',
      keyInsight: 'Fallback layers trade accuracy for availability.',
    });
    expect(fm).toMatchObject({ description: 'Fallback layers trade accuracy for availability.', sidebar_label: 'Q7. Error handling', sidebar_position: 7 });
  });

  it('tags a question with its topic and difficulty, after those of its own tags that another question shares', () => {
    const other = {
      questionId: 'arch-08',
      title: 'Q8?',
      track: 'architecture',
      topic: 'behavioral',
      number: 8,
      difficulty: 'advanced' as const,
      keyInsight: 'x',
      references: [],
      related: [],
      permalink: '/q8',
    };
    const fm = deriveFrontMatter(
      '/site/docs/architecture/behavioral/q07-error-handling.mdx',
      {
        questionId: 'arch-07',
        number: 7,
        label: 'Error handling',
        keyInsight: 'Fallback layers trade accuracy for availability.',
        topic: 'behavioral',
        difficulty: 'intermediate',
        tags: ['retries', 'bulkheads'],
        keywords: ['resilience'],
      },
      {
        questions: [
          { ...other, questionId: 'arch-07', number: 7, tags: ['retries', 'bulkheads'] },
          { ...other, tags: ['retries'] },
        ],
        catalog: [],
      },
    );
    expect(fm.tags).toEqual(['retries', 'topic-behavioral', 'difficulty-intermediate']);
    // A tag page that would list this question alone is not made; the word stays on the page for search engines.
    expect(fm.keywords).toEqual(['resilience', 'bulkheads']);
  });

  it('orders topic overviews as tracks.ts lists the topics', () => {
    expect(deriveFrontMatter('/site/docs/architecture/quality/index.mdx', { title: 'Topic 3' })).toMatchObject({ sidebar_label: 'Quality attributes', sidebar_position: 3 });
  });

  it('leaves other pages alone', () => {
    expect(deriveFrontMatter('/site/docs/cheat-sheet.mdx', { title: 'Cheat sheet' })).toEqual({ title: 'Cheat sheet' });
  });
});

describe('deriveFrontMatter: each page carries the data it renders', () => {
  const question = (id: string, number: number, extra: Partial<IndexedQuestion> = {}): IndexedQuestion => ({
    questionId: id,
    title: `Question ${number}?`,
    track: id.startsWith('arch') ? 'architecture' : 'architect-interview',
    topic: id.startsWith('arch') ? 'behavioral' : 'lifecycle',
    number,
    difficulty: 'intermediate',
    keyInsight: `Insight ${number}.`,
    references: [],
    related: [],
    tags: [],
    permalink: `/q${number}`,
    ...extra,
  });
  const catalog: ReferenceEntry[] = [
    { kind: 'glossary', id: 'G1', term: 'Bulkhead', definition: 'An isolated pool of resources.' },
    { kind: 'literature', id: 'A1', citation: 'Nygard, M. T. (2018). Release it! (2nd ed.).', note: 'Stability patterns.', url: 'https://example.org/release-it' },
  ];
  const site = {
    questions: [question('arch-07', 7, { references: ['A1'] }), question('arch-06', 6, { related: ['arch-07'] }), question('interview-02', 2, { references: ['A1', 'G1'] })],
    catalog,
  };
  const page = { questionId: 'arch-07', number: 7, label: 'Error handling', keyInsight: 'Fallbacks.', references: ['G1', 'A1', 'X9'], related: ['interview-02'] };

  it("resolves a question page's references in the order it cites them, leaving unknown ids to the validator", () => {
    const fm = deriveFrontMatter('/site/docs/architecture/behavioral/q07-error-handling.mdx', page, site);
    expect(fm.referenceList).toEqual([
      { id: 'G1', anchor: 'g1', kind: 'glossary', lead: 'Bulkhead', text: 'An isolated pool of resources.' },
      { id: 'A1', anchor: 'a1', kind: 'literature', text: 'Nygard, M. T. (2018). Release it! (2nd ed.).', href: 'https://example.org/release-it' },
    ]);
  });

  it('lists related questions stated on either page, by track then number, never the page itself', () => {
    const fm = deriveFrontMatter('/site/docs/architecture/behavioral/q07-error-handling.mdx', page, site);
    expect((fm.relatedQuestions as { questionId: string }[]).map((q) => q.questionId)).toEqual(['arch-06', 'interview-02']);
  });

  it('gives a topic overview its questions in number order, with their key insights', () => {
    const fm = deriveFrontMatter('/site/docs/architecture/behavioral/index.mdx', { title: 'Behavioral' }, site);
    expect(fm.topicQuestions).toEqual([
      expect.objectContaining({ questionId: 'arch-06', number: 6, keyInsight: 'Insight 6.' }),
      expect.objectContaining({ questionId: 'arch-07', number: 7, keyInsight: 'Insight 7.' }),
    ]);
  });

  it('gives a track overview every question of its track only', () => {
    const fm = deriveFrontMatter('/site/docs/architect-interview/index.mdx', { title: 'Interview' }, site);
    expect((fm.topicQuestions as { questionId: string }[]).map((q) => q.questionId)).toEqual(['interview-02']);
  });

  it('gives the References page the catalog with the questions that cite each entry, and the notes of works', () => {
    const fm = deriveFrontMatter('/site/docs/references.mdx', { title: 'References' }, site);
    const entries = fm.referenceCatalog as { id: string; note?: string; citedBy: { questionId: string }[] }[];
    expect(entries.map((e) => [e.id, e.citedBy.map((q) => q.questionId)])).toEqual([
      ['G1', ['interview-02']],
      ['A1', ['arch-07', 'interview-02']],
    ]);
    expect(entries[1]?.note).toBe('Stability patterns.');
  });
});

describe('collectRedirects', () => {
  it('maps each page to the old paths listed in its redirectFrom', () => {
    const docs = mkdtempSync(path.join(tmpdir(), 'handbook-redirects-'));
    mkdirSync(path.join(docs, 'architecture/structural'), { recursive: true });
    writeFileSync(path.join(docs, 'architecture/structural/q01-new-name.mdx'), '---\nredirectFrom: [/architecture/structural/q01-old-name]\n---\n');
    writeFileSync(path.join(docs, 'architecture/structural/q02-other.mdx'), '---\ntitle: x\n---\n');
    writeFileSync(path.join(docs, 'broken.mdx'), '---\ntitle: a: b\n---\n');
    const redirects = collectRedirects(docs);
    expect(Object.fromEntries(redirects)).toEqual({ '/architecture/structural/q01-new-name': ['/architecture/structural/q01-old-name'] });
  });
});
