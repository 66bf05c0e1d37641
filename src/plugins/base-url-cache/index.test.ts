import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheForBaseUrl } from './index';

const rspackCache = { type: 'persistent', version: 'client-production-en-3.10.2-abc', buildDependencies: ['/site/docusaurus.config.ts'] };

describe('the bundler cache of a sub-path build', () => {
  it('lives in its own folder and version, so a root build never hands it URLs without the sub-path', () => {
    expect(cacheForBaseUrl(rspackCache, '/handbook/', '/site')).toEqual({
      type: 'persistent',
      version: 'client-production-en-3.10.2-abc-base-/handbook/',
      buildDependencies: ['/site/docusaurus.config.ts'],
      storage: { type: 'filesystem', directory: path.join('/site', 'node_modules', '.cache', 'rspack-base-handbook') },
    });
  });

  it('differs for every sub-path', () => {
    const a = cacheForBaseUrl(rspackCache, '/a/b/', '/site') as { storage: { directory: string }; version: string };
    const b = cacheForBaseUrl(rspackCache, '/a-b/', '/site') as { storage: { directory: string }; version: string };
    expect(a.version).not.toBe(b.version);
    expect(path.basename(a.storage.directory)).toBe('rspack-base-a_b');
  });

  it('leaves the root build and a disabled or memory cache as they are', () => {
    expect(cacheForBaseUrl(rspackCache, '/', '/site')).toBe(rspackCache);
    expect(cacheForBaseUrl(undefined, '/handbook/', '/site')).toBeUndefined();
    expect(cacheForBaseUrl(true, '/handbook/', '/site')).toBe(true);
    const memory = { type: 'memory' };
    expect(cacheForBaseUrl(memory, '/handbook/', '/site')).toBe(memory);
  });
});
