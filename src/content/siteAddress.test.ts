import { describe, expect, it } from 'vitest';
import { checkBaseUrl, checkSiteUrl, siteAddressFrom } from './siteAddress';

describe('where the site is published', () => {
  it('defaults to the root of the project site', () => {
    expect(siteAddressFrom({})).toEqual({ url: 'https://ai-architecture-handbook.github.io', baseUrl: '/' });
    expect(siteAddressFrom({ BASE_URL: '', SITE_URL: '' }).baseUrl).toBe('/');
  });

  it('takes a sub-path and an origin from BASE_URL and SITE_URL', () => {
    expect(siteAddressFrom({ BASE_URL: '/handbook/', SITE_URL: 'https://example.github.io/' })).toEqual({ url: 'https://example.github.io', baseUrl: '/handbook/' });
    expect(checkBaseUrl('/a/b/')).toBe('/a/b/');
  });

  it('rejects a BASE_URL without its slashes, saying how to write it', () => {
    expect(() => checkBaseUrl('handbook')).toThrow(
      'BASE_URL is "handbook": it must start and end with "/". Fix: set BASE_URL=/ for the site root or BASE_URL=/<repository>/ for a GitHub Pages project site.',
    );
    expect(() => checkBaseUrl('/handbook')).toThrow(/must start and end with "\/"/);
    expect(() => checkBaseUrl('handbook/')).toThrow(/must start and end with "\/"/);
  });

  it('rejects a BASE_URL that is not a plain path', () => {
    expect(() => checkBaseUrl('//handbook/')).toThrow(/plain path/);
    expect(() => checkBaseUrl('/hand book/')).toThrow(/plain path/);
    expect(() => checkBaseUrl('/handbook/?x/')).toThrow(/plain path/);
  });

  it('rejects a SITE_URL that carries a path and says to move it into BASE_URL', () => {
    expect(() => checkSiteUrl('https://example.github.io/handbook')).toThrow(
      'SITE_URL is "https://example.github.io/handbook": it must be an origin without a path. Fix: set SITE_URL=https://example.github.io and BASE_URL=/handbook/.',
    );
  });

  it('rejects a SITE_URL that is not an http(s) URL', () => {
    expect(() => checkSiteUrl('example.github.io')).toThrow(/is not a URL/);
    expect(() => checkSiteUrl('ftp://example.org')).toThrow(/https:\/\//);
  });
});
