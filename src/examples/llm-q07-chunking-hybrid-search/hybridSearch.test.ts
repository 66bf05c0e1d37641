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

  it('pops the heading path back to the parent when a heading skips a level', () => {
    const paths = (md: string) => chunkMarkdown('d', md, { maxWords: 10, overlapWords: 0 }).map((c) => c.headingPath);
    expect(paths('# A\nx\n### C\ny\n### D\nz')).toEqual([['A'], ['A', 'C'], ['A', 'D']]);
    expect(paths('### Deep\nx\n## B\ny')).toEqual([['Deep'], ['B']]);
    expect(paths('# A\nx\n### C\ny\n## B\nz')).toEqual([['A'], ['A', 'C'], ['A', 'B']]);
  });

  it('keeps a "# comment" inside a fenced code block in its section instead of starting a new one', () => {
    const md = ['# Install', 'Run:', '```bash', '# fetch the dependencies', 'npm ci', '```', 'then start it.'].join('\n');
    const chunks = chunkMarkdown('d', md, { maxWords: 50, overlapWords: 0 });
    expect(chunks.map((c) => c.headingPath)).toEqual([['Install']]);
    expect(chunks[0]!.text).toBe('Run: ```bash # fetch the dependencies npm ci ``` then start it.');
  });

  it('closes a fence only with the same character and at least the opening length', () => {
    const md = ['# Guide', '~~~markdown', '```', '# inside the example', '~~~', '````', '```', '# still code', '````', 'after'].join('\n');
    expect(chunkMarkdown('d', md, { maxWords: 50, overlapWords: 0 }).map((c) => c.headingPath)).toEqual([['Guide']]);
  });

  it('treats a "#" line indented by 4 spaces as indented code, and one indented by up to 3 spaces as a heading', () => {
    const md = ['# Setup', 'Run this:', '    # install first', '    make', '   # Next', 'done'].join('\n');
    const chunks = chunkMarkdown('d', md, { maxWords: 50, overlapWords: 0 });
    expect(chunks.map((c) => [c.headingPath.join(' > '), c.text])).toEqual([
      ['Setup', 'Run this: # install first make'],
      ['Next', 'done'],
    ]);
  });

  it('drops the closing run of #s from a heading title, as CommonMark does, but keeps a # that is part of a word', () => {
    const paths = (md: string) => chunkMarkdown('d', md, { maxWords: 10, overlapWords: 0 }).map((c) => c.headingPath);
    expect(paths('## Title ##\nbody')).toEqual([['Title']]);
    expect(paths('# Guide #####   \nbody')).toEqual([['Guide']]);
    expect(paths('# C#\nbody')).toEqual([['C#']]);
  });

  it('treats a bare "#" line as an empty heading: it ends the section above and adds no title to the path', () => {
    const chunks = chunkMarkdown('d', '# A\nx\n#\ny\n## ##\nz', { maxWords: 10, overlapWords: 0 });
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [['A'], 'x'],
      [[], 'y'],
      [[], 'z'],
    ]);
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

  it('with k1 = 0 (binary term frequency) still scores a document that matches only some query terms', () => {
    const ranked = bm25(
      [
        { id: 'a', text: 'sso login' },
        { id: 'b', text: 'sso only' },
        { id: 'c', text: 'other' },
      ],
      'sso login',
      0,
    );
    expect(ranked.map((s) => s.id)).toEqual(['a', 'b']);
    expect(ranked.every((s) => Number.isFinite(s.score))).toBe(true);
  });

  it('keeps an error code such as E-1234 whole, so it does not match E-1235 through a shared "e"', () => {
    const codes = [
      { id: 'login', text: 'error E-1234 at login' },
      { id: 'export', text: 'error E-1235 during export' },
      { id: 'x', text: 'other' },
    ];
    expect(bm25(codes, 'E-1234').map((s) => s.id)).toEqual(['login']);
    // Words joined by a hyphen without a digit still split: "sign-on" matches "sign on".
    expect(bm25([...codes, { id: 'sso', text: 'single sign on' }], 'sign-on').map((s) => s.id)).toEqual(['sso']);
  });

  it('indexes a code joined and by its parts, so "covid" finds COVID-19 and "E1234" finds E-1234, but E-1234 still misses E-1235', () => {
    const docs = [
      { id: 'vaccine', text: 'COVID-19 vaccine schedule' },
      { id: 'login', text: 'error E-1234 at login' },
      { id: 'export', text: 'error E-1235 during export' },
      { id: 'joined', text: 'error E1236 on upload' },
    ];
    expect(bm25(docs, 'covid').map((s) => s.id)).toEqual(['vaccine']);
    expect(bm25(docs, 'E1234').map((s) => s.id)).toEqual(['login']);
    expect(bm25(docs, 'E-1234').map((s) => s.id)).toEqual(['login']);
    expect(bm25(docs, 'E-1236').map((s) => s.id)).toEqual(['joined']);
  });

  it('tokenizes letters outside ASCII: "résumé" is one word and does not match "sum" through a fragment', () => {
    const accented = [
      { id: 'cv', text: 'résumé template' },
      { id: 'maths', text: 'the sum of costs' },
      { id: 'x', text: 'other' },
    ];
    expect(bm25(accented, 'résumé').map((s) => s.id)).toEqual(['cv']);
    // Space-separated CJK words are tokens too (an unsegmented CJK run stays one token).
    expect(bm25([{ id: 'zh', text: '密码 重置' }, ...accented], '密码').map((s) => s.id)).toEqual(['zh']);
  });

  it('returns nothing for a query with no known term, and rejects b outside [0, 1]', () => {
    expect(bm25(docs, 'kubernetes')).toEqual([]);
    expect(() => bm25(docs, 'x', 1.2, 1.5)).toThrow(/b must/);
    expect(() => bm25(docs, 'x', -0.1)).toThrow(/k1 must/);
  });

  it('rejects an infinite k1, which would make every score NaN', () => {
    expect(() => bm25(docs, 'password', Number.POSITIVE_INFINITY)).toThrow(/k1 must be a finite number/);
    expect(() => bm25(docs, 'password', 1.2, Number.NaN)).toThrow(/b must/);
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
