import { describe, expect, it } from 'vitest';
import { shortLinkPath, shortLinksFor } from './shortLinks';

describe('short links', () => {
  it('gives architecture questions /q/<number> and interview questions /i/<number>, without zero padding', () => {
    expect(shortLinkPath('architecture', 7)).toBe('/q/7');
    expect(shortLinkPath('architect-interview', 21)).toBe('/i/21');
  });

  it('gives a track it does not know no short link', () => {
    expect(shortLinkPath('blog', 3)).toBeUndefined();
  });

  it('finds the short link of a question page from its URL path', () => {
    expect(shortLinksFor('/architecture/behavioral/q07-error-handling')).toEqual(['/q/7']);
    expect(shortLinksFor('/architect-interview/system-design/q07-cost-effective-llm-serving')).toEqual(['/i/7']);
  });

  it('gives overview pages, fixed pages and tag pages none', () => {
    for (const path of ['/', '/architecture', '/architecture/behavioral', '/references', '/tags/caching', '/architect-interview/quick-hits']) {
      expect(shortLinksFor(path)).toEqual([]);
    }
  });
});
