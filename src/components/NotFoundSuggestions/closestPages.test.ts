// Addresses with typing slips, on purpose.
// cspell:ignore architecure cheatsheet Dsheet abcdx
import { describe, expect, it } from 'vitest';
import { closestPages, MIN_SIMILARITY, normalisePath, routePaths, similarity } from './closestPages';

const PAGES = [
  '/',
  '/architecture',
  '/architecture/data/q16-feature-stores',
  '/architecture/data/q17-data-versioning',
  '/architecture/quality/q11-sub-100ms-latency',
  '/architect-interview',
  '/cheat-sheet',
  '/tags/rag',
];

describe('closestPages', () => {
  it('finds a question under the topic it moved to, by its last segment', () => {
    expect(closestPages('/architecture/quality/q17-data-versioning', PAGES)).toEqual(['/architecture/data/q17-data-versioning']);
  });

  it('finds a page one typing slip away, and a question whose slug was reworded a little', () => {
    expect(closestPages('/architecure', PAGES)).toEqual(['/architecture']);
    expect(closestPages('/cheatsheet', PAGES)).toEqual(['/cheat-sheet']);
    expect(closestPages('/architecture/data/q17-dataset-versioning', PAGES)[0]).toBe('/architecture/data/q17-data-versioning');
  });

  it('offers a page that differs only in case, a trailing slash, .html or an escape, as a case-sensitive host does not serve it', () => {
    expect(closestPages('/Architecture/', PAGES)[0]).toBe('/architecture');
    expect(closestPages('/cheat-sheet.html', PAGES)[0]).toBe('/cheat-sheet');
    expect(closestPages('/cheat%2Dsheet', PAGES)[0]).toBe('/cheat-sheet');
  });

  it('offers nothing for an address far from every page, and never a neighbour merely because it shares a folder', () => {
    expect(closestPages('/zzz', PAGES)).toEqual([]);
    expect(closestPages('/q/99', PAGES)).toEqual([]);
    expect(closestPages('/architecture/data/q18-model-registry', PAGES)).toEqual([]);
  });

  it('puts the closest first and offers at most the limit', () => {
    const pages = ['/tags/rags', '/tags/rag', '/tags/ragged', '/tags/rage'];
    expect(closestPages('/tags/rag', pages, 2)).toEqual(['/tags/rag', '/tags/rage']);
  });

  it('does not fail on a malformed escape', () => {
    expect(closestPages('/cheat-sheet%', PAGES)).toEqual(['/cheat-sheet']);
  });
});

describe('similarity and normalisePath', () => {
  it('is 1 for equal strings and falls by the share of characters that must change', () => {
    expect(similarity('abcde', 'abcde')).toBe(1);
    expect(similarity('abcde', 'abcdx')).toBeCloseTo(0.8);
    expect(similarity('', '')).toBe(1);
    expect(MIN_SIMILARITY).toBeGreaterThan(0.5);
  });

  it('drops the query, the fragment, a trailing slash, .html and /index', () => {
    expect(normalisePath('/Tools/index.html?x=1#top')).toBe('/tools');
    expect(normalisePath('/tools/')).toBe('/tools');
  });
});

describe('routePaths', () => {
  it('lists every page of a nested route table once, without patterns or the 404 page', () => {
    const table = [
      { path: '/404.html', exact: true },
      { path: '/tools', exact: true },
      { path: '/', routes: [{ path: '/architecture', exact: true }, { path: '/tools', exact: true }, { path: '*' }] },
      { path: '/blog/:slug' },
    ];
    expect(routePaths(table).sort()).toEqual(['/', '/architecture', '/tools']);
  });
});
