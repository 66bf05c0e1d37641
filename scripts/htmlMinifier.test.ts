/**
 * A plain `docusaurus build` minifies every page's HTML with the minifier the
 * config picks (Docusaurus: future.faster.swcHtmlMinimizer); `npm run build`
 * skips that step (package.json, build:site), which cost 4 s of a cold build
 * for 0.4 % of the HTML. Where it runs, the minifier must keep text as text:
 * React writes "&<" as "&amp;&lt;", and a minifier that turns it back into
 * "&<" makes whatever follows a tag.
 */
import { getHtmlMinifier } from '@docusaurus/bundler';
import { validateConfig } from '@docusaurus/core/lib/server/configValidation';
import { describe, expect, it } from 'vitest';

/** Text React escapes, as it writes it: code with "&<" before a tag name, a closing tag and an attribute. */
const ESCAPED = '<p>const a = b &amp;&lt;/i&gt; c; s = &quot;&amp;&lt;img src=x onerror=alert(1)&gt;&quot;;</p>';
const TEXT = 'const a = b &</i> c; s = "&<img src=x onerror=alert(1)>";';

/** What a browser reads as the text of the minified HTML, and whether it found an element in it. */
function read(html: string): { text: string; elements: number } {
  const body = html.replace(/^<p>|<\/p>$/g, '');
  const decoded = body.replace(/&(amp|lt|gt|quot);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name]!);
  // Any "<" left unescaped before a letter or "/" starts a tag in HTML.
  return { text: decoded, elements: (body.match(/<[a-z/]/gi) ?? []).length };
}

describe("the build's HTML minifier", () => {
  it('keeps "&<" in text as text', { timeout: 60_000 }, async () => {
    const config = await (await import('../docusaurus.config')).default();
    const type = validateConfig(config, 'docusaurus.config.ts').future.faster.swcHtmlMinimizer ? 'swc' : 'terser';
    const { code } = await (await getHtmlMinifier({ type })).minify(ESCAPED);
    expect(read(code)).toEqual({ text: TEXT, elements: 0 });
  });

  it('writes the doctype in lower case, by which the site tests tell its pages from those of `npm run build`', async () => {
    const { code } = await (await getHtmlMinifier({ type: 'terser' })).minify('<!DOCTYPE html><html><head></head><body></body></html>');
    expect(code.startsWith('<!doctype html>')).toBe(true);
  });

  it('is not @swc/html, which still makes tags of that text (when this fails, it is fixed: turn swcHtmlMinimizer back on)', async () => {
    const { code } = await (await getHtmlMinifier({ type: 'swc' })).minify(ESCAPED);
    expect(read(code).elements).toBeGreaterThan(0);
  });
});
