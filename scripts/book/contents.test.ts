import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndexedQuestion } from '../../src/content/questionIndex';
import { readQuestionIndex } from '../../src/content/questionIndex';
import { TRACKS, type TrackDefinition } from '../../src/content/tracks';
import { bookContents, entryIdFor, readDocPages, type DocPage } from './contents';

/** What these tests do not look at: how pages are checked, named and linked. */
const PRESENTATION = { anatomy: 'full', questionLabel: 'Q', topicKind: 'Topic', shortLink: 'x', examplePrefix: '' } as const;

const TWO_TRACKS: TrackDefinition[] = [
  {
    ...PRESENTATION,
    slug: 'alpha',
    label: 'Alpha track',
    navLabel: 'Alpha',
    idPrefix: 'a',
    totalQuestions: 3,
    perTopicDifficulty: null,
    topics: [
      { slug: 'one', label: 'One', range: [1, 2] },
      { slug: 'two', label: 'Two', range: [3, 3] },
    ],
  },
  {
    ...PRESENTATION,
    slug: 'beta',
    label: 'Beta track',
    navLabel: 'Beta',
    idPrefix: 'b',
    totalQuestions: 1,
    perTopicDifficulty: null,
    topics: [{ slug: 'only', label: 'Only', range: [1, 1] }],
  },
];

const question = (track: string, topic: string, number: number, label?: string): IndexedQuestion => ({
  questionId: `${track[0]}-${number}`,
  title: `Question ${number} of ${track}?`,
  ...(label && { label }),
  track,
  topic,
  number,
  difficulty: 'advanced',
  keyInsight: 'Insight.',
  references: [],
  related: [],
  tags: [],
  permalink: `/${track}/${topic}/q${number}`,
});

const doc = (file: string, title: string, position?: number): DocPage => ({
  file,
  route: `/${file.replace(/\.mdx$/, '').replace(/\/?index$/, '')}`,
  title,
  position,
});

const PAGES = [
  doc('alpha/index.mdx', 'Alpha overview', 0),
  doc('alpha/one/index.mdx', 'Topic 1: One'),
  doc('alpha/template.mdx', 'Template', 92),
  doc('alpha/quick.mdx', 'Quick hits', 90),
  doc('beta/index.mdx', 'Beta overview', 0),
  doc('beta/whiteboard.mdx', 'Whiteboard', 91),
  doc('cheat-sheet.mdx', 'Cheat sheet'),
  doc('references.mdx', 'References'),
  doc('tools.mdx', 'Calculators'),
];

describe('bookContents', () => {
  const entries = bookContents(
    TWO_TRACKS,
    [question('beta', 'only', 1), question('alpha', 'two', 3), question('alpha', 'one', 2, 'Second'), question('alpha', 'one', 1, 'First')],
    PAGES,
  );

  it('puts every track in order: overview, then each topic and its questions by number, then the appendix and the references', () => {
    expect(entries.map((e) => [e.level, e.title])).toEqual([
      [1, 'Alpha track'],
      [2, 'Topic 1: One'],
      [3, 'Q1. First'],
      [3, 'Q2. Second'],
      [2, 'Two'],
      [3, 'Q3. Question 3 of alpha?'],
      [1, 'Beta track'],
      [2, 'Only'],
      [3, 'Q1. Question 1 of beta?'],
      [1, 'Appendix'],
      [2, 'Quick hits'],
      [2, 'Template'],
      [2, 'Whiteboard'],
      [2, 'Cheat sheet'],
      [1, 'References'],
    ]);
  });

  it('leaves out pages that belong to no track, such as the calculators', () => {
    expect(entries.map((e) => e.route)).not.toContain('/tools');
  });

  it('gives each entry a unique id usable as an anchor and a file name, and the running head its part', () => {
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(entries.find((e) => e.title === 'Q2. Second')).toMatchObject({ partTitle: 'Alpha track', questionId: 'a-2', question: 'Question 2 of alpha?', route: '/alpha/one/q2' });
    expect(entries.find((e) => e.title === 'Whiteboard')?.partTitle).toBe('Appendix');
  });

  it('names a topic without an overview page by its label, and has no route for it', () => {
    expect(entries.find((e) => e.title === 'Two')).toMatchObject({ kind: 'topic', route: undefined });
  });

  it('refuses a question whose topic its track does not define, naming the page and the fix', () => {
    expect(() => bookContents(TWO_TRACKS, [question('alpha', 'nowhere', 4)], PAGES)).toThrow(/\/alpha\/nowhere\/q4: topic "nowhere".*src\/content\/tracks\.ts/);
  });

  it('gives a track with questions but no overview page its heading, with no page under it', () => {
    const without = bookContents(
      TWO_TRACKS,
      [question('beta', 'only', 1)],
      PAGES.filter((p) => p.file !== 'beta/index.mdx'),
    );
    expect(without.find((e) => e.title === 'Beta track')).toMatchObject({ kind: 'track', id: 'beta', route: undefined, level: 1 });
    expect(without.map((e) => e.title)).toContain('Q1. Question 1 of beta?');
  });

  it('skips a track that has no folder yet', () => {
    const one = bookContents(
      TWO_TRACKS,
      [question('alpha', 'one', 1)],
      PAGES.filter((p) => !p.file.startsWith('beta/')),
    );
    expect(one.map((e) => e.title)).not.toContain('Beta track');
  });
});

describe('the handbook itself', () => {
  const docs = path.resolve(__dirname, '../../docs');
  const questions = readQuestionIndex(docs);
  const entries = bookContents(TRACKS, questions, readDocPages(docs, questions));

  it('holds every question of every track, once, with its short label', () => {
    const inBook = entries.filter((e) => e.kind === 'question');
    expect(inBook.map((e) => e.questionId).sort()).toEqual(questions.map((q) => q.questionId).sort());
    for (const entry of inBook) expect(entry.title).toMatch(/^Q\d+\. \S/);
  });

  it('has the whiteboard method, the quick hits and the cheat sheet in the appendix, and ends with the references', () => {
    const appendix = entries.slice(entries.findIndex((e) => e.kind === 'part'));
    expect(appendix.map((e) => e.route)).toEqual(expect.arrayContaining(['/architect-interview/whiteboard-method', '/architect-interview/quick-hits', '/cheat-sheet']));
    expect(entries.at(-1)?.route).toBe('/references');
  });
});

describe('readDocPages', () => {
  it('reads the pages that are not questions, with their sidebar position', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'handbook-book-'));
    mkdirSync(path.join(dir, 'alpha/one'), { recursive: true });
    writeFileSync(path.join(dir, 'alpha/index.mdx'), '---\ntitle: Alpha\nsidebar_position: 0\n---\n');
    writeFileSync(path.join(dir, 'alpha/one/q01-x.mdx'), '---\ntitle: X?\n---\n');
    expect(readDocPages(dir, [{ ...question('alpha', 'one', 1), permalink: '/alpha/one/q01-x' }])).toEqual([
      { file: 'alpha/index.mdx', route: '/alpha', title: 'Alpha', position: 0 },
    ]);
  });
});

describe('entryIdFor', () => {
  it('turns a route into an anchor-safe id', () => {
    expect(entryIdFor('/architecture/structural/q01-component-boundaries')).toBe('architecture-structural-q01-component-boundaries');
    expect(entryIdFor('/cheat-sheet')).toBe('cheat-sheet');
  });
});
