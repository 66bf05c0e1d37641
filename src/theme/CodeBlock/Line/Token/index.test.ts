import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlight, type RenderProps, type Token } from '../../../../lib/highlight';
import CodeBlockLineToken from './index';

const CODE = ['export function area(r: number): number {', '', '  return Math.PI * r * r; // plain text between tokens', '}'].join('\n');

/** The block as the theme's Line renders it (one div per line, each token through the component), and its tokens. */
function render(code: string): { html: string; tokens: Token[] } {
  const tokens: Token[] = [];
  const html = renderToStaticMarkup(
    createElement(Highlight, {
      code,
      language: 'ts',
      children: ({ tokens: lines, getLineProps, getTokenProps }: RenderProps): ReactNode =>
        lines.map((line, i) =>
          createElement(
            'div',
            { key: i, ...getLineProps({ line }) },
            line.map((token, k) => {
              tokens.push(token);
              const props = getTokenProps({ token });
              return createElement(CodeBlockLineToken as never, { key: k, ...props, line, token });
            }),
          ),
        ),
    }),
  );
  return { html, tokens };
}

const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

describe('a highlighted line', () => {
  it('writes plain text as text, with no element of its own (an empty line aside)', () => {
    const { html, tokens } = render(CODE);
    expect(
      tokens.some((t) => t.types.join() === 'plain' && t.content.trim() !== ''),
      'the example has plain text',
    ).toBe(true);
    expect(html).toContain('  <span class="token keyword">return</span> Math<span class="token punctuation">.</span>');
    expect(html.match(/class="token plain"/g)).toHaveLength(tokens.filter((t) => t.empty).length);
  });

  it('keeps an element, with its classes, for every token that has a colour: one per token that is not plain', () => {
    const { html, tokens } = render(CODE);
    const coloured = tokens.filter((t) => !(t.types.length === 1 && t.types[0] === 'plain' && !t.empty));
    expect(html.match(/<span class="token [^"]*"/g)).toHaveLength(coloured.length);
    expect(html).toContain('<span class="token keyword">export</span>');
    expect(html).toContain('<span class="token comment">// plain text between tokens</span>');
  });

  it("keeps an empty line's token, an inline block that holds the line's height", () => {
    const { html } = render(CODE);
    // The theme's Line gives it no text ('\n' becomes ''); here it keeps the line break it holds.
    expect(html).toContain('<div class="token-line"><span class="token plain" style="display:inline-block">\n</span></div>');
  });

  it('reads the same text as the code, character for character', () => {
    expect(
      textOf(render(CODE).html)
        .split('')
        .filter((c) => c !== '\n')
        .join(''),
    ).toBe(CODE.replace(/\n/g, ''));
  });
});
