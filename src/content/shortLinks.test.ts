import { describe, expect, it } from 'vitest';
import { shortLinkPath, shortLinksFor } from './shortLinks';

describe('short links', () => {
  it('gives architecture questions /q/<number>, interview questions /i/<number> and LLM-track questions /g/<number>, without zero padding', () => {
    expect(shortLinkPath('architecture', 7)).toBe('/q/7');
    expect(shortLinkPath('architect-interview', 21)).toBe('/i/21');
    expect(shortLinkPath('llm-systems', 20)).toBe('/g/20');
  });

  it('gives a track it does not know no short link', () => {
    expect(shortLinkPath('blog', 3)).toBeUndefined();
  });

  it('finds the short link of a question page from its URL path', () => {
    expect(shortLinksFor('/architecture/behavioral/q07-error-handling')).toEqual(['/q/7']);
    expect(shortLinksFor('/architect-interview/system-design/q07-cost-effective-llm-serving')).toEqual(['/i/7']);
    expect(shortLinksFor('/llm-systems/serving/q01-prefill-decode')).toEqual(['/g/1']);
  });

  it('gives overview pages, fixed pages and tag pages none', () => {
    for (const path of ['/', '/architecture', '/architecture/behavioral', '/references', '/tags/caching', '/architect-interview/quick-hits']) {
      expect(shortLinksFor(path)).toEqual([]);
    }
  });
});
