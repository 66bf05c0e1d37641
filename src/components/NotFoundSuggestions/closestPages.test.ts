// Addresses with typing slips, on purpose.
// cspell:ignore architecure cheatsheet abcdx
import { describe, expect, it } from 'vitest';
import { closestPages, normalisePath, similarity } from './closestPages';

const PAGES = [
  '/',
  '/architecture',
  '/architecture/data',
  '/architecture/data/q16-feature-store-point-in-time',
  '/architecture/data/q17-data-versioning',
  '/architecture/quality/q11-sub-100ms-latency',
  '/architect-interview',
  '/architect-interview/lifecycle/q03-feature-store',
  '/cheat-sheet',
  '/tags/agents',
  '/tags/ann',
  '/tags/dag',
  '/tags/rag',
];
const UNDER_HANDBOOK = PAGES.map((p) => `/handbook${p}`);

describe('closestPages', () => {
  it('finds a question under the topic it moved to, by its last segment', () => {
    expect(closestPages('/architecture/quality/q17-data-versioning', PAGES)).toEqual(['/architecture/data/q17-data-versioning']);
  });

  it("finds a question by its track and number, whatever the topic and slug: a question keeps both (its short link's parts)", () => {
    expect(closestPages('/architecture/q17', PAGES)[0]).toBe('/architecture/data/q17-data-versioning');
    expect(closestPages('/architecture/data/q16-feature-stores', PAGES)[0]).toBe('/architecture/data/q16-feature-store-point-in-time');
    // The same number in another track is another question.
    expect(closestPages('/architect-interview/q17', PAGES)).not.toContain('/architecture/data/q17-data-versioning');
  });

  it('finds a page one typing slip away', () => {
    expect(closestPages('/architecure', PAGES)).toEqual(['/architecture']);
    expect(closestPages('/cheatsheet', PAGES)).toEqual(['/cheat-sheet']);
    expect(closestPages('/tags/agent', PAGES)).toEqual(['/tags/agents']);
  });

  it('offers nothing for an address far from every page, and never a neighbour merely because it shares a folder', () => {
    expect(closestPages('/zzz', PAGES)).toEqual([]);
    expect(closestPages('/q/99', PAGES)).toEqual([]);
    expect(closestPages('/tags/llm', PAGES)).toEqual([]);
    expect(closestPages('/architecture/data/model-registry', PAGES)).toEqual([]);
  });

  it('compares addresses below the base path, so its letters make no two short addresses alike', () => {
    expect(closestPages('/handbook/tags/llm', UNDER_HANDBOOK, { baseUrl: '/handbook/' })).toEqual([]);
    expect(closestPages('/handbook/architecure', UNDER_HANDBOOK, { baseUrl: '/handbook/' })).toEqual(['/handbook/architecture']);
    expect(closestPages('/handbook/architecture/q17', UNDER_HANDBOOK, { baseUrl: '/handbook/' })[0]).toBe('/handbook/architecture/data/q17-data-versioning');
  });

  it('puts the closest first and offers at most the limit', () => {
    const pages = ['/tags/rags', '/tags/rag', '/tags/ragged', '/tags/rage'];
    expect(closestPages('/tags/rag', pages, { limit: 2 })).toEqual(['/tags/rag', '/tags/rage']);
  });

  it('does not fail on a malformed escape', () => {
    expect(closestPages('/cheat-sheet%', PAGES)).toEqual(['/cheat-sheet']);
  });

  it('compares nothing for an address more than twice as long as any page (each comparison costs the product of the lengths)', () => {
    const buried = `/${'x/'.repeat(100)}q17-data-versioning`;
    expect(closestPages(buried, PAGES)).toEqual([]);
    // The same last segment under a plausible address is found.
    expect(closestPages('/x/x/q17-data-versioning', PAGES)).toEqual(['/architecture/data/q17-data-versioning']);
  });
});

describe('similarity and normalisePath', () => {
  it('is 1 for equal strings and falls by the share of characters that must change', () => {
    expect(similarity('abcde', 'abcde')).toBe(1);
    expect(similarity('abcde', 'abcdx')).toBeCloseTo(0.8);
    expect(similarity('', '')).toBe(1);
  });

  it('drops the query and the fragment before decoding, then case, a trailing slash, .html and /index', () => {
    expect(normalisePath('/Tools/index.html?x=1#top')).toBe('/tools');
    expect(normalisePath('/tools/')).toBe('/tools');
    expect(normalisePath('/what%3F')).toBe('/what?');
  });
});
