import { getFileLoaderUtils } from '@docusaurus/utils';
import type { Configuration, RuleSetRule } from 'webpack';
import { describe, expect, it } from 'vitest';
import fontsAsFilesPlugin, { keepFontsAsFiles } from './index';

/** The asset rules as Docusaurus gives them to the browser's or the server's bundle (@docusaurus/core's base config). */
function docusaurusConfig(isServer: boolean): Configuration {
  const { rules } = getFileLoaderUtils(isServer);
  return { module: { rules: [rules.images(), rules.svgs(), rules.fonts(), rules.media(), rules.otherAssets()] } };
}

/** The options url-loader gets for a file of the given name, under the config's rules. */
function urlLoaderOptions(config: Configuration, file: string): Record<string, unknown> | undefined {
  const rule = (config.module?.rules ?? []).find((r) => (r as RuleSetRule).test instanceof RegExp && ((r as RuleSetRule).test as RegExp).test(file)) as RuleSetRule | undefined;
  const use = (Array.isArray(rule?.use) ? rule.use : []) as { loader?: string; options?: Record<string, unknown> }[];
  return use.find((u) => u.loader?.includes('url-loader'))?.options;
}

const configure = (config: Configuration, isServer: boolean) => fontsAsFilesPlugin().configureWebpack!(config, isServer, {} as never, {} as never);

describe('fonts as files', () => {
  it.for([false, true])("never inlines a font (isServer: %s): url-loader's limit is off for .woff2, .woff and .ttf", (isServer) => {
    const config = docusaurusConfig(isServer);
    expect(urlLoaderOptions(config, 'KaTeX_Size1-Regular.woff2')?.limit, "Docusaurus' own limit, before").toBe(10000);
    expect(configure(config, isServer)).toEqual({});
    for (const font of ['KaTeX_Size1-Regular.woff2', 'KaTeX_Size1-Regular.woff', 'KaTeX_Size1-Regular.ttf']) {
      expect(urlLoaderOptions(config, font), font).toMatchObject({ limit: false, name: expect.stringContaining('fonts') });
    }
  });

  it('leaves images, SVGs and media as Docusaurus has them (a small image is still inlined)', () => {
    const config = docusaurusConfig(false);
    configure(config, false);
    for (const file of ['logo.png', 'icon.svg', 'clip.mp4']) expect(urlLoaderOptions(config, file)?.limit, file).toBe(10000);
  });

  it('finds the font rule inside a oneOf too, and leaves a font rule with another loader alone', () => {
    const loader = { loader: '/x/node_modules/url-loader/dist/cjs.js', options: { limit: 4096 } as object };
    expect(keepFontsAsFiles({ module: { rules: [{ oneOf: [{ test: /\.woff2$/, use: [loader] }] }] } })).toBe(1);
    expect(loader.options).toEqual({ limit: false });
    expect(keepFontsAsFiles({ module: { rules: [{ test: /\.woff2$/, type: 'asset/resource' }] } })).toBe(0);
  });

  it('stops the build with a message naming the plugin and the fix when it finds no font rule to change', () => {
    expect(() => configure({ module: { rules: [] } }, false)).toThrow(/src\/plugins\/fonts-as-files found no font rule .* entryCssKiB in scripts\/budgets\.json/);
  });

  it("is registered in the site's config", async () => {
    const config = await (await import('../../../docusaurus.config')).default();
    expect(config.plugins).toContain('./src/plugins/fonts-as-files/index.ts');
  });
});
