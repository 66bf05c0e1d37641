import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement, Fragment, type ReactNode } from 'react';
import * as original from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { darkCodeTheme, lightCodeTheme } from '../../css/prismThemes';
import { Highlight, normalizeTokens, Prism, tokenize, type RenderProps } from './index';

const EXAMPLES = path.resolve(__dirname, '../../examples');

function exampleSources(): { file: string; code: string }[] {
  return readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort()
    .map((file) => ({ file, code: readFileSync(path.join(EXAMPLES, file), 'utf8') }));
}

/** What the theme's code block renders with a highlighter: every line and token with its props. */
function render(HighlightComponent: (props: never) => ReactNode, code: string, theme = lightCodeTheme): string {
  return renderToStaticMarkup(
    createElement(HighlightComponent as never, {
      code,
      language: 'ts',
      theme,
      children: ({ className, style, tokens, getLineProps, getTokenProps }: RenderProps) =>
        createElement(
          'pre',
          { className, style },
          tokens.map((line, i) =>
            createElement(
              'div',
              { key: i, ...getLineProps({ line, className: 'extra' }) },
              line.map((token, k) => createElement('span', { key: k, ...getTokenProps({ token }) })),
            ),
          ),
        ),
    }),
  );
}

/** prism-react-renderer's markup without its colours: what is left of each style attribute once colour, background, font style and opacity are gone. */
function withoutColours(html: string): string {
  return html.replace(/ style="([^"]*)"/g, (_attribute, declarations: string) => {
    const kept = declarations.split(';').filter((declaration) => declaration !== '' && !/^(color|background-color|font-style|opacity):/.test(declaration));
    return kept.length > 0 ? ` style="${kept.join(';')}"` : '';
  });
}

describe('the code-block highlighter', () => {
  it("renders every example module with prism-react-renderer's lines, tokens and class names, in either colour theme", { timeout: 120_000 }, () => {
    const sources = exampleSources();
    expect(sources.length).toBeGreaterThan(40);
    for (const { file, code } of sources) {
      for (const theme of [lightCodeTheme, darkCodeTheme]) {
        expect(render(Highlight as never, code, theme), file).toBe(withoutColours(render(original.Highlight as never, code, theme)));
      }
    }
  });

  it('leaves colours to the stylesheet: no element it renders carries one, and only an empty line outside a comment keeps an inline style', () => {
    const html = render(Highlight as never, 'const a = `x${1}`;\n\n/*\n\n*/\nlet b;', darkCodeTheme);
    expect(html).not.toMatch(/color|font-style|opacity/);
    expect(html.match(/ style="[^"]*"/g)).toEqual([' style="display:inline-block"']);
    expect(html).toContain('<pre class="prism-code language-ts">');
  });

  it('leaves a language it has no grammar for as plain text, one token per line', () => {
    expect(tokenize(Prism, 'a\n\nb', 'cobol')).toEqual([
      [{ types: ['plain'], content: 'a' }],
      [{ types: ['plain'], content: '\n', empty: true }],
      [{ types: ['plain'], content: 'b' }],
    ]);
  });

  it('gives a nested token the types of the tokens around it, and splits multi-line tokens into lines', () => {
    const lines = normalizeTokens([{ type: 'comment', content: ['/* a\n', { type: 'keyword', alias: ['x', 'y'], content: 'b */' }] }, ' c']);
    expect(lines).toEqual([
      [{ types: ['comment'], content: '/* a' }],
      [
        { types: ['comment'], content: '' },
        { types: ['comment', 'keyword', 'x', 'y'], content: 'b */' },
        { types: ['plain'], content: ' c' },
      ],
    ]);
  });

  it('knows TypeScript without asking the page, and leaves no global Prism behind', () => {
    expect(Object.keys(Prism.languages)).toEqual(expect.arrayContaining(['javascript', 'typescript']));
    expect((globalThis as { Prism?: unknown }).Prism).toBeUndefined();
  });

  it('keeps React out of the DOM attributes it hands back: no `line` or `token` prop', () => {
    const html = renderToStaticMarkup(createElement(Fragment, null, createElement('div', null, render(Highlight as never, 'const a = 1;'))));
    expect(html).not.toMatch(/ line=| token=/);
  });
});
