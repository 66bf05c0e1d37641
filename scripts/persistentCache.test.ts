/**
 * Rspack's persistent cache (node_modules/.cache/rspack) is for the dev
 * server, whose restarts read it back. A production build goes without it:
 * CI builds from a fresh clone and never reads it, writing it raised the cold
 * build's peak memory by about 0.14 GiB, and published files should not rest
 * on cached output. The config reads NODE_ENV, which `docusaurus build` sets
 * to "production" before it loads the config and `docusaurus start` leaves at
 * "development".
 */
import { validateConfig } from '@docusaurus/core/lib/server/configValidation';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Whether the site's config, loaded as Docusaurus would load it under `nodeEnv`, turns the persistent cache on. */
async function persistentCacheUnder(nodeEnv: 'production' | 'development'): Promise<boolean> {
  vi.stubEnv('NODE_ENV', nodeEnv);
  vi.resetModules();
  const config = await (await import('../docusaurus.config')).default();
  return validateConfig(config, 'docusaurus.config.ts').future.faster.rspackPersistentCache;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("Rspack's persistent cache", () => {
  it('serves `npm start`, whose restarts read it back', { timeout: 60_000 }, async () => {
    expect(await persistentCacheUnder('development')).toBe(true);
  });

  it('is off in a production build, which CI makes from a fresh clone', { timeout: 60_000 }, async () => {
    expect(await persistentCacheUnder('production')).toBe(false);
  });
});
