import { describe, expect, it } from 'vitest';
import { isRedirectPage, offlineSummary, precacheUrls } from './precache';

describe('precacheUrls', () => {
  it('reads the list Workbox injected into the minified worker', () => {
    const worker = 'let a=1;const e=[{"revision":"9c92","url":"index.html"},{"revision":null,"url":"assets/js/main.1234.js"}];new P(e);';
    expect(precacheUrls(worker)).toEqual(['index.html', 'assets/js/main.1234.js']);
  });

  it('finds nothing before Workbox has injected it, or while the file is half written', () => {
    expect(precacheUrls('const e=self.__WB_MANIFEST;')).toBeUndefined();
    expect(precacheUrls('const e=[{"revision":"9c92","url":"index.html","x":}]')).toBeUndefined();
  });
});

describe('offlineSummary', () => {
  const files = [
    { url: 'index.html', size: 40_000 },
    { url: 'architecture/structural/q01-x.html', size: 50_000 },
    { url: 'q/1.html', size: 500, redirect: true },
    { url: '404.html', size: 30_000 },
    { url: 'assets/js/main.js', size: 300_000 },
    { url: 'search-index.json', size: 3_000_000 },
  ];

  it('counts every file and byte the worker saves', () => {
    expect(offlineSummary(files)).toMatchObject({ files: 6, bytes: 3_420_500 });
  });

  it('counts as pages the HTML a reader opens, not short-link redirects or the 404 page', () => {
    expect(offlineSummary(files).pages).toBe(2);
  });
});

describe('isRedirectPage', () => {
  it("recognises plugin-client-redirects' stubs", () => {
    expect(isRedirectPage('<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="refresh" content="0; url=/a"></head></html>')).toBe(true);
    expect(isRedirectPage('<html><head><meta charset="UTF-8"><title>Q1</title></head></html>')).toBe(false);
  });
});
