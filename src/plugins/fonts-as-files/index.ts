/**
 * Fonts stay files: none is inlined into the stylesheet.
 *
 * Docusaurus loads fonts with url-loader, which inlines a file under 10,000
 * bytes as a base64 data URL in the CSS that references it. Here that CSS is
 * KaTeX's, part of the one stylesheet every page loads before it paints, so
 * KaTeX's small fonts (Caligraphic, Script, Size1 to Size4, in woff2 and woff)
 * made up 118 KB of its 249 KB and 81 of its 106.5 KiB gzipped (base64 of
 * compressed fonts barely compresses), on every page, the home page and pages
 * with no formula included. As files, a browser fetches a font only when a
 * page draws one of its glyphs, and keeps it in its cache for the next page.
 *
 * The plugin changes only the font rule, which the bundler's config carries
 * as a rule whose `test` takes a .woff2 file, for both the browser's and the
 * server's bundle (so both name the same file). Should a Docusaurus release
 * load fonts some other way, the build stops and says so, rather than putting
 * the fonts back into every page unnoticed.
 */
import type { Plugin } from '@docusaurus/types';
import type { Configuration, RuleSetRule, RuleSetUseItem } from 'webpack';

const URL_LOADER = /[\\/]url-loader[\\/]/;

function isFontRule(rule: unknown): rule is RuleSetRule {
  const test = (rule as RuleSetRule | undefined)?.test;
  return test instanceof RegExp && test.test('font.woff2');
}

function uses(rule: RuleSetRule): RuleSetUseItem[] {
  const use = rule.use;
  return Array.isArray(use) ? (use as RuleSetUseItem[]) : use ? [use as RuleSetUseItem] : [];
}

/**
 * Sets url-loader's `limit` to false (never inline) on the config's font rules, where they load fonts with
 * url-loader; returns how many it changed. Rules nested in `oneOf` are looked at too.
 */
export function keepFontsAsFiles(config: Configuration): number {
  let changed = 0;
  const visit = (rules: readonly unknown[] | undefined): void => {
    for (const rule of rules ?? []) {
      if (!rule || typeof rule !== 'object') continue;
      visit((rule as RuleSetRule).oneOf);
      if (!isFontRule(rule)) continue;
      for (const item of uses(rule)) {
        if (typeof item !== 'object' || item === null || typeof item.loader !== 'string' || !URL_LOADER.test(item.loader)) continue;
        item.options = { ...(typeof item.options === 'object' ? item.options : {}), limit: false };
        changed += 1;
      }
    }
  };
  visit(config.module?.rules);
  return changed;
}

export default function fontsAsFilesPlugin(): Plugin {
  return {
    name: 'fonts-as-files',
    configureWebpack(config) {
      if (keepFontsAsFiles(config) === 0) {
        throw new Error(
          'src/plugins/fonts-as-files found no font rule that loads fonts with url-loader in the bundler config: Docusaurus now loads fonts another way. ' +
            "Make the plugin keep fonts out of the stylesheet in that way (the size budget entryCssKiB in scripts/budgets.json shows whether it does), or take it out of docusaurus.config.ts's plugins.",
        );
      }
      return {};
    },
  };
}
