import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findChromium } from './browser';

describe('findChromium', () => {
  it('prefers the CHROMIUM_PATH environment variable', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chromium/chrome' }, (p) => p === '/opt/chromium/chrome' || p === '/usr/bin/chromium')).toBe('/opt/chromium/chrome');
  });

  it('falls back to the known install locations', () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
  });

  it('says how to install a browser when none is found, instead of downloading one', () => {
    expect(() => findChromium({}, () => false)).toThrow(BrowserNotFoundError);
    expect(() => findChromium({}, () => false)).toThrow(/apt-get install chromium/);
  });

  it('does not silently ignore a CHROMIUM_PATH that points nowhere', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nope' }, (p) => p === '/usr/bin/chromium')).toThrow(BrowserNotFoundError);
  });
});
