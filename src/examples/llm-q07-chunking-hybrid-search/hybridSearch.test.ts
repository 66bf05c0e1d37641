import { describe, expect, it } from 'vitest';
import { bm25, chunkMarkdown, reciprocalRankFusion, searchableText } from './hybridSearch';

const words = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `w${from + i}`).join(' ');

describe('chunkMarkdown', () => {
  it('cuts a section into windows of maxWords that repeat overlapWords words', () => {
    const chunks = chunkMarkdown('doc', `# Intro\n${words(1, 10)}`, { maxWords: 4, overlapWords: 1 });
    expect(chunks.map((c) => c.text)).toEqual([words(1, 4), words(4, 7), words(7, 10)]);
  });

  it('does not emit a last chunk that is only a suffix of the one before', () => {
    const chunks = chunkMarkdown('doc', words(1, 5), { maxWords: 4, overlapWords: 2 });
    expect(chunks.map((c) => c.text)).toEqual([words(1, 4), words(3, 5)]);
  });

  it('never lets a chunk cross a heading, and records the heading path of each chunk', () => {
    const md = ['# Billing', 'intro words', '## Refunds', 'refund within 30 days', '## Invoices', 'invoice monthly', '# Security', 'use SSO'].join('\n');
    const chunks = chunkMarkdown('handbook', md, { maxWords: 50, overlapWords: 5 });
    expect(chunks.map((c) => [c.headingPath.join(' > '), c.text])).toEqual([
      ['Billing', 'intro words'],
      ['Billing > Refunds', 'refund within 30 days'],
      ['Billing > Invoices', 'invoice monthly'],
      ['Security', 'use SSO'],
    ]);
    expect(chunks.map((c) => c.id)).toEqual(['handbook#0', 'handbook#1', 'handbook#2', 'handbook#3']);
  });

  it('keeps text before the first heading, and a heading deeper than its parent without gaps in the path', () => {
    const chunks = chunkMarkdown('d', 'preamble\n### Deep\nbody', { maxWords: 10, overlapWords: 0 });
    expect(chunks.map((c) => c.headingPath)).toEqual([[], ['Deep']]);
  });

  it('keeps a "# comment" inside a fenced code block in its section instead of starting a new one', () => {
    const md = ['# Install', 'Run:', '```bash', '# fetch the dependencies', 'npm ci', '```', 'then start it.'].join('\n');
    const chunks = chunkMarkdown('d', md, { maxWords: 50, overlapWords: 0 });
    expect(chunks.map((c) => c.headingPath)).toEqual([['Install']]);
    expect(chunks[0]!.text).toBe('Run: ```bash # fetch the dependencies npm ci ``` then start it.');
  });

  it('emits nothing for a heading with no body', () => {
    expect(chunkMarkdown('d', '# Empty\n\n# Also empty', { maxWords: 10, overlapWords: 0 })).toEqual([]);
  });

  it('indexes the heading path with the text, so a chunk is found by a title word its body never uses', () => {
    const chunks = chunkMarkdown('d', '# Single sign-on\nAsk the service desk.\n# Laptops\nRenewed every four years.', { maxWords: 50, overlapWords: 0 });
    expect(
      bm25(
        chunks.map((c) => ({ id: c.id, text: c.text })),
        'sign-on',
      ),
    ).toEqual([]);
    expect(
      bm25(
        chunks.map((c) => ({ id: c.id, text: searchableText(c) })),
        'sign-on',
      ).map((s) => s.id),
    ).toEqual(['d#0']);
  });

  it('rejects a non-positive maxWords and an overlap that would never advance, naming the field', () => {
    expect(() => chunkMarkdown('d', 'x', { maxWords: 0, overlapWords: 0 })).toThrow(/maxWords/);
    expect(() => chunkMarkdown('d', 'x', { maxWords: 4, overlapWords: 4 })).toThrow(/overlapWords/);
    expect(() => chunkMarkdown('d', 'x', { maxWords: 4, overlapWords: -1 })).toThrow(RangeError);
  });
});

describe('bm25', () => {
  const docs = [
    { id: 'a', text: 'reset your password from the login page' },
    { id: 'b', text: 'SSO users reset the password with their identity provider' },
    { id: 'c', text: 'invoices are sent monthly' },
  ];

  it('matches the BM25 formula on a hand-computed single-term score', () => {
    // "invoices": n = 1 of N = 3 documents; doc c has 4 tokens, the average is (7 + 9 + 4) / 3.
    const idf = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * 1 * 2.2) / (1 + 1.2 * (1 - 0.75 + (0.75 * 4) / (20 / 3)));
    expect(bm25(docs, 'invoices')).toEqual([{ id: 'c', score: expected }]);
  });

  it('ranks a document with the rare term above one with only common terms', () => {
    expect(bm25(docs, 'SSO password').map((s) => s.id)).toEqual(['b', 'a']);
  });

  it('scores the same term frequency lower in a longer document (length normalisation)', () => {
    const ranked = bm25(
      [
        { id: 'short', text: 'vpn setup' },
        { id: 'long', text: 'vpn setup guide for every office and every laptop' },
        { id: 'x', text: 'other' },
      ],
      'vpn',
    );
    expect(ranked.map((s) => s.id)).toEqual(['short', 'long']);
  });

  it('keeps a positive score for a term found in every document, where the classic idf ln((N - n + 0.5) / (n + 0.5)) is negative', () => {
    const everywhere = bm25(
      [
        { id: 'x', text: 'vpn guide' },
        { id: 'y', text: 'vpn setup' },
        { id: 'z', text: 'vpn' },
      ],
      'vpn',
    );
    expect(Math.log((3 - 3 + 0.5) / (3 + 0.5))).toBeLessThan(0);
    expect(everywhere.map((s) => s.id)).toEqual(['z', 'x', 'y']);
    expect(everywhere.every((s) => s.score > 0)).toBe(true);
  });

  it('returns nothing for a query with no known term, and rejects b outside [0, 1]', () => {
    expect(bm25(docs, 'kubernetes')).toEqual([]);
    expect(() => bm25(docs, 'x', 1.2, 1.5)).toThrow(/b must/);
    expect(() => bm25(docs, 'x', -0.1)).toThrow(/k1 must/);
  });
});

describe('reciprocalRankFusion', () => {
  it('adds 1 / (60 + rank) per list by default', () => {
    const fused = reciprocalRankFusion([
      ['x', 'y', 'z'],
      ['y', 'w'],
    ]);
    expect(fused.map((s) => s.id)).toEqual(['y', 'x', 'w', 'z']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 15);
    expect(fused[3]!.score).toBeCloseTo(1 / 63, 15);
  });

  it('with k = 60 prefers a document both lists rank 2nd and 3rd over one only a single list ranks 1st; with k = 0 the reverse', () => {
    const lists = [
      ['solo', 'both-a', 'both-b'],
      ['other', 'both-b', 'both-a'],
    ];
    // k = 60: 1/62 + 1/63 = 0.0320 beats 1/61 = 0.0164. k = 0: 1/2 + 1/3 = 0.83 loses to 1.
    expect(reciprocalRankFusion(lists, 60)[0]!.id).toBe('both-a');
    expect(
      reciprocalRankFusion(lists, 0)
        .slice(0, 2)
        .map((s) => s.id),
    ).toEqual(['other', 'solo']);
  });

  it('breaks equal fused scores by id, so the order is reproducible', () => {
    expect(reciprocalRankFusion([['b'], ['a']]).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('rejects a duplicate inside one list and a negative k', () => {
    expect(() => reciprocalRankFusion([['a', 'a']])).toThrow(/lists\[0\] contains a duplicate/);
    expect(() => reciprocalRankFusion([['a']], -1)).toThrow(/k must/);
  });
});
