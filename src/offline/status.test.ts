import { describe, expect, it } from 'vitest';
import { buttonLabel, isPrecacheFor, megabytes, percentSaved, serviceWorkerUrl, statusText } from './status';

const summary = { files: 493, bytes: 18_419_000, pages: 134 };

describe('the offline reading control', () => {
  it('offers to save the handbook while offline reading is off', () => {
    expect(buttonLabel({ kind: 'off' })).toBe('Read offline');
    expect(statusText({ kind: 'off' })).toMatch(/every page, the practice cards and search/);
  });

  it('says how many pages and megabytes it is saving, and how far it has got', () => {
    expect(statusText({ kind: 'saving', saved: 123, summary })).toBe('Saving 134 pages (18.4 MB) for offline reading… 24 %');
    expect(statusText({ kind: 'saving', saved: 0 })).toBe('Saving the handbook for offline reading…');
    expect(buttonLabel({ kind: 'saving', saved: 0 })).toBe('Turn off offline reading');
  });

  it('says the pages are available offline once saved, and offers to turn it off', () => {
    expect(statusText({ kind: 'ready', summary })).toBe('Available offline: 134 pages saved on this device.');
    expect(buttonLabel({ kind: 'ready', summary })).toBe('Turn off offline reading');
  });

  it('names the failure and offers to try again', () => {
    expect(statusText({ kind: 'error', message: 'storage is full.' })).toBe('Could not save the handbook for offline reading: storage is full.');
    expect(buttonLabel({ kind: 'error', message: '' })).toBe('Try again');
  });

  it('shows nothing while it looks for an earlier registration', () => {
    expect(statusText({ kind: 'checking' })).toBe('');
    expect(buttonLabel({ kind: 'checking' })).toBeUndefined();
  });
});

describe('percentSaved', () => {
  it('rounds down, so 100 % means every file is saved', () => {
    expect(percentSaved(492, 493)).toBe(99);
    expect(percentSaved(493, 493)).toBe(100);
  });
  it('never passes 100 % and is 0 % with no total', () => {
    expect(percentSaved(500, 493)).toBe(100);
    expect(percentSaved(3, 0)).toBe(0);
  });
});

describe('megabytes', () => {
  it('gives decimal megabytes with one decimal', () => {
    expect(megabytes(18_419_000)).toBe('18.4 MB');
    expect(megabytes(960_000)).toBe('1.0 MB');
  });
});

describe('the service worker', () => {
  it('is registered under the base URL, in offline mode', () => {
    const url = new URL(serviceWorkerUrl('/handbook/'), 'https://example.github.io');
    expect(url.pathname).toBe('/handbook/sw.js');
    expect(JSON.parse(url.searchParams.get('params')!)).toEqual({ offlineMode: true, debug: false });
  });

  it("finds its precache among the site's caches by scope", () => {
    const scope = 'https://example.github.io/handbook/';
    expect(isPrecacheFor(`workbox-precache-v2-${scope}`, scope)).toBe(true);
    expect(isPrecacheFor('workbox-precache-v2-https://example.github.io/', scope)).toBe(false);
    expect(isPrecacheFor(`workbox-runtime-${scope}`, scope)).toBe(false);
  });
});
