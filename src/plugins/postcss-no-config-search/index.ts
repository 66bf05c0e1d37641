/**
 * Docusaurus hands postcss-loader its PostCSS plugins in the options, yet the
 * loader still looks for a PostCSS config for every stylesheet it compiles: a
 * fresh cosmiconfig search from the stylesheet's folder up to the file-system
 * root, trying 27 names in each folder (package.json's "postcss" key,
 * postcss.config.*, .postcssrc*, .config/postcssrc*). The site has no such
 * config, so this plugin turns the search off (`config: false`) and the CSS
 * comes out the same, without about a thousand file-system look-ups and
 * package.json reads per stylesheet on the build's main thread.
 *
 * Should the site ever get a config of its own, the search stays on, so the
 * config is read as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/** postcss-loader 7's config file names (its `searchPlaces`, less package.json, checked for its key below). */
export const POSTCSS_CONFIG_FILES = [
  ...['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `postcss.config.${ext}`),
  ...['', '.json', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.yaml', '.yml'].map((ext) => `.postcssrc${ext}`),
  ...['', '.json', '.yaml', '.yml', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].map((ext) => `.config/postcssrc${ext}`),
];

/** Whether the site configures PostCSS itself: a config file, or a "postcss" key in its package.json. */
export function hasPostcssConfig(siteDir: string): boolean {
  if (POSTCSS_CONFIG_FILES.some((name) => existsSync(path.join(siteDir, name)))) return true;
  try {
    return 'postcss' in (JSON.parse(readFileSync(path.join(siteDir, 'package.json'), 'utf8')) as object);
  } catch {
    return false;
  }
}

export default function postcssNoConfigSearchPlugin(context: LoadContext): Plugin {
  const search = hasPostcssConfig(context.siteDir);
  return {
    name: 'postcss-no-config-search',
    configurePostCss(options) {
      return search ? options : { ...options, config: false };
    },
  };
}
