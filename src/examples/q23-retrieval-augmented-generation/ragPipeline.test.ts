import { describe, expect, it } from 'vitest';
import { assemblePrompt, chunkDocument, ChunkIndex, resolveCitations, whitespaceTokens, type Chunk, type SourceDocument } from './ragPipeline';

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

function doc(id: string, text: string, allowedGroups: string[] = ['all'], version = 1): SourceDocument {
  return { id, version, uri: `https://wiki.example/${id}`, text, allowedGroups };
}

describe('chunkDocument', () => {
  it('overlaps consecutive chunks by exactly the overlap and ends at the last token', () => {
    const chunks = chunkDocument(doc('d', words(10)), 4, 1);
    expect(chunks.map((c) => c.text)).toEqual(['w0 w1 w2 w3', 'w3 w4 w5 w6', 'w6 w7 w8 w9']);
  });

  it('does not emit a tail chunk made only of overlap', () => {
    // A naive loop over start = 0, 3, 6, 9 would add a fourth chunk "w9".
    expect(chunkDocument(doc('d', words(10)), 4, 1)).toHaveLength(3);
  });

  it('gives chunks ids that name document, version and position, and copies the ACL', () => {
    const [first] = chunkDocument(doc('hr-policy', words(3), ['hr'], 7), 512, 64);
    expect(first).toMatchObject({ id: 'hr-policy@v7#0', docVersion: 7, allowedGroups: ['hr'] });
  });

  it('handles short and empty documents and rejects an overlap that would never advance', () => {
    expect(chunkDocument(doc('d', words(3)), 512, 64)).toHaveLength(1);
    expect(chunkDocument(doc('d', '   '), 512, 64)).toEqual([]);
    expect(() => chunkDocument(doc('d', words(3)), 4, 4)).toThrow(RangeError);
    expect(() => chunkDocument(doc('d', words(3)), 0, 0)).toThrow(/positive integer/);
  });
});

describe('ChunkIndex.search', () => {
  const engineer = { id: 'u1', groups: ['all', 'eng'] };

  it('filters by permission before ranking, so a user still gets k readable chunks', () => {
    const index = new ChunkIndex(8, 0);
    index.upsert(doc('salaries', 'bonus policy for engineers bonus policy', ['hr']));
    index.upsert(doc('handbook', 'the bonus policy is described by HR', ['all']));
    index.upsert(doc('eng-guide', 'engineers follow the on-call policy', ['eng']));
    const results = index.search('bonus policy engineers', engineer, 2);
    expect(results.map((r) => r.docId)).toEqual(['handbook', 'eng-guide']);
    expect(index.search('bonus policy engineers', { id: 'hr1', groups: ['hr'] }, 1)[0]?.docId).toBe('salaries');
  });

  it('serves only the current version of a document and ignores a late copy of an older one', () => {
    const index = new ChunkIndex(8, 0);
    index.upsert(doc('pricing', 'the plan costs 10 dollars', ['all'], 1));
    index.upsert(doc('pricing', 'the plan costs 12 dollars', ['all'], 2));
    index.upsert(doc('pricing', 'the plan costs 9 dollars', ['all'], 1)); // a late, stale re-delivery
    expect(index.search('plan costs', engineer, 5).map((r) => r.text)).toEqual(['the plan costs 12 dollars']);
  });

  it('removes access when a document is re-indexed with a narrower access list', () => {
    const index = new ChunkIndex(8, 0);
    index.upsert(doc('d', 'restructuring plan for the sales team', ['all'], 1));
    index.upsert(doc('d', 'restructuring plan for the sales team', ['hr'], 1)); // ACL narrowed, same version
    expect(index.search('restructuring plan', engineer, 5)).toEqual([]);
    expect(index.search('restructuring plan', { id: 'hr1', groups: ['hr'] }, 5).map((r) => [r.id, r.allowedGroups])).toEqual([['d@v1#0', ['hr']]]);
  });

  it('keeps one copy of each chunk when the same change event is delivered twice', () => {
    const index = new ChunkIndex(4, 0);
    const event = doc('faq', 'refund policy part one refund policy part two');
    expect(index.upsert(event)).toBe(2);
    expect(index.upsert(event)).toBe(2); // at-least-once delivery
    expect(index.search('refund policy', engineer, 10).map((r) => r.id)).toEqual(['faq@v1#0', 'faq@v1#1']);
  });

  it('stops serving a deleted document at once', () => {
    const index = new ChunkIndex(8, 0);
    index.upsert(doc('memo', 'reorganisation memo'));
    index.remove('memo', 1);
    expect(index.search('reorganisation', engineer, 5)).toEqual([]);
  });

  it('does not bring a deleted document back when its last change event is redelivered late', () => {
    const index = new ChunkIndex(8, 0);
    const event = doc('memo', 'reorganisation memo');
    index.upsert(event);
    index.remove('memo', 1);
    expect(index.upsert(event)).toBe(0);
    expect(index.search('reorganisation', engineer, 5)).toEqual([]);
  });

  it('ignores a late delete of an older version, so a newer version stays searchable and can be re-indexed', () => {
    const index = new ChunkIndex(8, 0);
    const current = doc('p', 'parental leave policy', ['all'], 5);
    index.upsert(current);
    index.remove('p', 3); // the delete of version 3, redelivered after version 5 was indexed
    expect(index.search('parental leave', engineer, 5).map((r) => r.id)).toEqual(['p@v5#0']);
    expect(index.upsert(current)).toBe(1);
    index.remove('p', 5); // deleting the indexed version still removes it
    expect(index.search('parental leave', engineer, 5)).toEqual([]);
  });

  it('indexes a document again when a newer version is created after the deletion', () => {
    const index = new ChunkIndex(8, 0);
    index.upsert(doc('memo', 'reorganisation memo'));
    index.remove('memo', 1);
    expect(index.upsert({ ...doc('memo', 'reorganisation memo revised'), version: 2 })).toBe(1);
    expect(index.search('reorganisation', engineer, 5).map((r) => r.id)).toEqual(['memo@v2#0']);
  });
});

describe('assemblePrompt', () => {
  const chunk = (id: string, n: number): Chunk => ({ id, docId: id, docVersion: 1, uri: `u/${id}`, text: words(n, id), allowedGroups: ['all'] });
  const count = (text: string) => whitespaceTokens(text).length;

  it('keeps the prompt within budget minus the answer reserve, best chunks first', () => {
    const result = assemblePrompt('What is the refund window?', [chunk('a', 20), chunk('b', 20), chunk('c', 20)], {
      budgetTokens: 100,
      reservedForAnswer: 20,
      countTokens: count,
    });
    expect(count(result.prompt)).toBe(result.promptTokens);
    expect(result.promptTokens).toBeLessThanOrEqual(80);
    expect(result.citations.map((c) => c.chunkId)).toEqual(['a', 'b']);
    expect(result.prompt.indexOf('[S1]')).toBeLessThan(result.prompt.indexOf('[S2]'));
    expect(result.dropped).toEqual(['c']);
  });

  it('skips a chunk that does not fit but still takes a shorter one after it', () => {
    const result = assemblePrompt('q?', [chunk('big', 60), chunk('small', 5)], { budgetTokens: 60, reservedForAnswer: 10, countTokens: count });
    expect(result.citations).toEqual([{ label: 'S1', chunkId: 'small', uri: 'u/small' }]);
    expect(result.dropped).toEqual(['big']);
  });

  it('refuses when the instructions and question alone exceed the budget', () => {
    expect(() => assemblePrompt(words(50), [], { budgetTokens: 40, reservedForAnswer: 10 })).toThrow(/only 30 are available/);
  });

  it('rejects a budget or answer reserve that is not a non-negative integer, or leaves no room', () => {
    // A model missing from a limits table gives an undefined budget: every comparison with NaN is false, so nothing would be dropped.
    const limits: Record<string, number> = { 'model-a': 128_000 };
    const ranked = [chunk('a', 20)];
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: limits['model-b']!, reservedForAnswer: 512 })).toThrow(/budgetTokens must be a non-negative integer, got undefined/);
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: Number.NaN, reservedForAnswer: 512 })).toThrow(/budgetTokens must be a non-negative integer, got NaN/);
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: 2000, reservedForAnswer: Number.NaN })).toThrow(/reservedForAnswer must be a non-negative integer, got NaN/);
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: 2000, reservedForAnswer: -1 })).toThrow(RangeError);
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: 512, reservedForAnswer: 512 })).toThrow(/budgetTokens \(512\) must exceed reservedForAnswer \(512\)/);
  });

  it('refuses a token counter that returns a count that is not a finite non-negative number', () => {
    const ranked = [chunk('a', 20), chunk('b', 20)];
    const nanForSources = (text: string) => (text.startsWith('[S') ? Number.NaN : count(text));
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: 100, reservedForAnswer: 10, countTokens: nanForSources })).toThrow(/countTokens returned NaN/);
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: 100, reservedForAnswer: 10, countTokens: () => Number.NaN })).toThrow(/countTokens returned NaN/);
    expect(() => assemblePrompt('q?', ranked, { budgetTokens: 100, reservedForAnswer: 10, countTokens: (t) => (t.startsWith('[S') ? -50 : count(t)) })).toThrow(
      /countTokens returned -50/,
    );
  });
});

describe('resolveCitations', () => {
  it('maps cited labels to source chunks and flags labels that were never provided', () => {
    const citations = [
      { label: 'S1', chunkId: 'a#0', uri: 'u/a' },
      { label: 'S2', chunkId: 'b#3', uri: 'u/b' },
    ];
    const result = resolveCitations('Refunds take 14 days [S2], see also [S7] and [S2].', citations);
    expect(result.cited.map((c) => c.chunkId)).toEqual(['b#3']);
    expect(result.unknown).toEqual(['S7']);
  });
});
