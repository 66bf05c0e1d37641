import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, commandLineOf, findChromium } from './browser';

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

describe('commandLineOf', () => {
  it('reads the command line a process runs with from /proc where there is one, and falls back to the arguments it was started with', () => {
    const line = commandLineOf({ pid: process.pid, spawnargs: ['started', 'with'] });
    // This test's own process: the script Node runs is on its real command line, which the fallback is not.
    if (existsSync('/proc/self/cmdline')) expect(line).toContain(process.argv[1]);
    else expect(line).toEqual(['started', 'with']);
    expect(commandLineOf({ pid: undefined, spawnargs: ['started', 'with'] })).toEqual(['started', 'with']);
  });
});
