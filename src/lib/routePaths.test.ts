import { describe, expect, it } from 'vitest';
import { routePaths } from './routePaths';

describe('routePaths', () => {
  it('lists every page of a nested route table once, without patterns or the 404 page', () => {
    const table = [
      { path: '/404.html', exact: true },
      { path: '/tools', exact: true },
      { path: '/', exact: true },
      { path: '/', routes: [{ path: '/architecture', exact: true }, { path: '/tools', exact: true }, { path: '*' }] },
      { path: '/blog/:slug' },
    ];
    expect(routePaths(table).sort()).toEqual(['/', '/architecture', '/tools']);
  });

  it('leaves out a route that only holds others: Docusaurus writes no page for it', () => {
    expect(routePaths([{ path: '/docs', routes: [{ path: '/docs/intro', exact: true }] }])).toEqual(['/docs/intro']);
  });
});
