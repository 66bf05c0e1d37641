/**
 * Keeps the bundler's persistent cache apart for each BASE_URL.
 *
 * Rspack's persistent cache (node_modules/.cache/rspack) is not keyed on the
 * base URL, yet the CSS it caches holds asset URLs with the base URL baked in:
 * a sub-path build after a root build reused the root's KaTeX font URLs
 * (/assets/fonts/…) and its pages lost their fonts. A build under a sub-path
 * therefore gets its own cache folder and version; root builds keep the
 * default, so their warm cache stays as it was. Production builds keep no
 * persistent cache (docusaurus.config.ts), so this matters to the dev server
 * started under a sub-path (`BASE_URL=/handbook/ npm start`).
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

type CacheOption = unknown;

/** The cache setting for `baseUrl`: unchanged at the root or when the persistent cache is off. */
export function cacheForBaseUrl(cache: CacheOption, baseUrl: string, siteDir: string): CacheOption {
  if (baseUrl === '/' || typeof cache !== 'object' || cache === null || (cache as { type?: unknown }).type !== 'persistent') return cache;
  const persistent = cache as { type: 'persistent'; version?: string; storage?: { type: 'filesystem'; directory?: string } };
  const slug = baseUrl.replace(/^\/|\/$/g, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return {
    ...persistent,
    version: `${persistent.version ?? ''}-base-${baseUrl}`,
    storage: { type: 'filesystem', directory: path.join(siteDir, 'node_modules', '.cache', `rspack-base-${slug}`) },
  };
}

export default function baseUrlCachePlugin(context: LoadContext): Plugin {
  return {
    name: 'base-url-cache',
    configureWebpack(config) {
      const experiments = (config as { experiments?: { cache?: CacheOption } }).experiments;
      if (experiments && 'cache' in experiments) experiments.cache = cacheForBaseUrl(experiments.cache, context.baseUrl, context.siteDir);
      return {};
    },
  };
}
