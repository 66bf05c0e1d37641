import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { afterEach, describe, expect, it } from 'vitest';
import postcssNoConfigSearchPlugin, { hasPostcssConfig, POSTCSS_CONFIG_FILES } from './index';

const sites: string[] = [];
function site(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'postcss-site-'));
  sites.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of sites.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const docusaurusOptions = { ident: 'postcss', plugins: [['postcss-preset-env', {}]] };
const configure = (siteDir: string) => postcssNoConfigSearchPlugin({ siteDir } as LoadContext).configurePostCss!(docusaurusOptions);

describe('PostCSS without a config search', () => {
  it("keeps Docusaurus's plugins and turns the search off when the site has no PostCSS config", () => {
    expect(configure(site({ 'package.json': '{"name":"site"}' }))).toEqual({ ...docusaurusOptions, config: false });
  });

  it('leaves the search on when the site has a config file, so the config is still read', () => {
    for (const name of ['postcss.config.js', '.postcssrc.json', '.config/postcssrc.yml']) {
      expect(POSTCSS_CONFIG_FILES).toContain(name);
      expect(configure(site({ 'package.json': '{}', [name]: 'module.exports = {}' }))).toBe(docusaurusOptions);
    }
  });

  it('leaves the search on when package.json configures PostCSS', () => {
    expect(hasPostcssConfig(site({ 'package.json': '{"postcss":{"plugins":{}}}' }))).toBe(true);
    expect(hasPostcssConfig(site({ 'package.json': '{"name":"site"}' }))).toBe(false);
  });

  it('finds no PostCSS config in this project, so its build skips the search', () => {
    expect(hasPostcssConfig(path.resolve(__dirname, '../../..'))).toBe(false);
  });
});
