import type { PrismTheme } from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { CodeThemeError, codeColourCss, tokenStyle } from './codeColours';
import { darkCodeTheme, lightCodeTheme } from './prismThemes';

interface Rule {
  /** The @media the rule sits in; undefined at the top level. */
  media?: string;
  selectors: string[];
  declarations: Record<string, string>;
}

function parseDeclarations(body: string): Record<string, string> {
  return Object.fromEntries(
    body
      .split(';')
      .map((declaration) => declaration.trim())
      .filter(Boolean)
      .map((declaration) => [declaration.slice(0, declaration.indexOf(':')).trim(), declaration.slice(declaration.indexOf(':') + 1).trim()]),
  );
}

/** The stylesheet's rules, in order: it has comments, plain rules and @media blocks of plain rules, and no braces in values. */
function rules(css: string): Rule[] {
  const found: Rule[] = [];
  const ruleText = (text: string, media?: string): void => {
    for (const [, selector, body] of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      found.push({ media, selectors: selector!.split(',').map((part) => part.trim()), declarations: parseDeclarations(body!) });
    }
  };
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let rest = withoutComments;
  for (const block of withoutComments.matchAll(/@media ([^{]+)\{((?:[^{}]*\{[^{}]*\})*)\s*\}/g)) {
    rest = rest.replace(block[0], '');
    ruleText(block[2]!, block[1]!.trim());
  }
  ruleText(rest);
  return found;
}

/** What the stylesheet gives a token of `types` under `root` in `media`, by the cascade: every rule naming one of them, the later winning. */
function cascade(css: string, media: string, root: string, types: string[]): Record<string, string> {
  const style: Record<string, string> = {};
  for (const rule of rules(css).filter((r) => r.media === media)) {
    if (rule.selectors.some((selector) => types.some((type) => selector === `${root} .prism-code .token.${type}`))) Object.assign(style, rule.declarations);
  }
  return style;
}

const asDeclarations = (style: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(style).map(([key, value]) => [key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), String(value)]));

const LIGHT_ON_SCREEN = "html:not([data-theme='dark'])";
const DARK_ON_SCREEN = "html[data-theme='dark']";

const light: PrismTheme = {
  plain: { color: '#111111', backgroundColor: '#fefefe' },
  styles: [
    { types: ['comment', 'prolog'], style: { color: '#222222', fontStyle: 'italic' } },
    { types: ['namespace'], style: { opacity: 0.7 } },
    { types: ['keyword', 'function'], style: { color: '#333333' } },
    { types: ['function-variable'], style: { color: '#444444' } },
  ],
};
const dark: PrismTheme = { plain: { color: '#eeeeee', backgroundColor: '#101010' }, styles: [{ types: ['keyword'], style: { color: '#dddddd' } }] };

describe('the code-colour stylesheet', () => {
  it("colours the block from the scheme's plain colours, as the custom properties the theme's frame and buttons read, and numbers lines in its comment colour", () => {
    const all = rules(codeColourCss(light, dark));
    const lightRoot = { '--prism-color': '#111111', '--prism-background-color': '#fefefe', '--prism-line-number-color': '#222222' };
    expect(all.find((rule) => rule.media === undefined)).toEqual({
      media: undefined,
      selectors: ['.prism-code'],
      declarations: { color: 'var(--prism-color)', 'background-color': 'var(--prism-background-color)' },
    });
    const roots = all.filter((rule) => rule.declarations['--prism-color']).map(({ media, selectors, declarations }) => ({ media, selectors, declarations }));
    expect(roots).toEqual([
      { media: 'not print', selectors: [LIGHT_ON_SCREEN], declarations: { ...lightRoot } },
      { media: 'print', selectors: ['html'], declarations: { ...lightRoot } },
      // A theme without a comment colour numbers lines in its text colour.
      {
        media: 'not print',
        selectors: [DARK_ON_SCREEN],
        declarations: { '--prism-color': '#eeeeee', '--prism-background-color': '#101010', '--prism-line-number-color': '#eeeeee' },
      },
    ]);
    expect(all.filter((rule) => rule.media === undefined)[1]).toEqual({
      media: undefined,
      selectors: [".prism-code [class*='codeLineNumber']::before"],
      declarations: { color: 'var(--prism-line-number-color)', opacity: '1' },
    });
  });

  it('uses the light theme wherever the page is not in dark mode (scripts off included) and on paper, and the dark theme on screen only', () => {
    const css = codeColourCss(light, dark);
    expect(cascade(css, 'not print', LIGHT_ON_SCREEN, ['keyword'])).toEqual({ color: '#333333' });
    expect(cascade(css, 'print', 'html', ['keyword'])).toEqual({ color: '#333333' });
    expect(cascade(css, 'not print', DARK_ON_SCREEN, ['keyword'])).toEqual({ color: '#dddddd' });
    // No dark rule reaches paper, and no light rule a dark page on screen (a light-only italic would leak otherwise).
    expect(rules(css).filter((rule) => rule.media === 'print' && rule.selectors.some((s) => s.includes('dark')))).toEqual([]);
    expect(cascade(css, 'not print', DARK_ON_SCREEN, ['comment'])).toEqual({});
  });

  it("writes one rule per theme entry, in the theme's order, for token classes inside a code block", () => {
    const written = rules(codeColourCss(light, dark)).filter(
      (rule) => rule.media === 'not print' && rule.selectors[0]!.startsWith(LIGHT_ON_SCREEN) && rule.selectors[0]!.includes('.token'),
    );
    expect(written.map((rule) => rule.selectors)).toEqual([
      [`${LIGHT_ON_SCREEN} .prism-code .token.comment`, `${LIGHT_ON_SCREEN} .prism-code .token.prolog`],
      [`${LIGHT_ON_SCREEN} .prism-code .token.namespace`],
      [`${LIGHT_ON_SCREEN} .prism-code .token.keyword`, `${LIGHT_ON_SCREEN} .prism-code .token.function`],
      [`${LIGHT_ON_SCREEN} .prism-code .token.function-variable`],
    ]);
    expect(written.map((rule) => rule.declarations)).toEqual([{ color: '#222222', 'font-style': 'italic' }, { opacity: '0.7' }, { color: '#333333' }, { color: '#444444' }]);
  });

  it.each([
    ['light', lightCodeTheme, [['not print', LIGHT_ON_SCREEN] as const, ['print', 'html'] as const]],
    ['dark', darkCodeTheme, [['not print', DARK_ON_SCREEN] as const]],
  ] as const)("gives every token type of the site's %s theme the style tokenStyle() promises, by the cascade", (_scheme, theme, places) => {
    const css = codeColourCss(lightCodeTheme, darkCodeTheme);
    const types = [...new Set(theme.styles.flatMap((entry) => entry.types))];
    expect(types.length).toBeGreaterThan(8);
    for (const [media, root] of places) {
      for (const type of types) expect(cascade(css, media, root, [type]), `${type} (${media})`).toEqual(asDeclarations(tokenStyle(theme, [type])));
    }
  });

  it("gives the site's tokens of several types the colours of the themes' CSS originals, where prism-react-renderer differed", () => {
    const css = codeColourCss(lightCodeTheme, darkCodeTheme);
    // A function defined as a variable: github's purple, not the red of `function`.
    expect(cascade(css, 'not print', LIGHT_ON_SCREEN, ['function-variable', 'function']).color).toBe('#6f42c1');
    // Punctuation inside a doc comment: dracula's comment colour, not the bright punctuation colour.
    expect(cascade(css, 'not print', DARK_ON_SCREEN, ['doc-comment', 'comment', 'punctuation']).color).toBe(
      darkCodeTheme.styles.find((e) => e.types.includes('comment'))!.style.color,
    );
  });

  it.each([
    [{ ...light, plain: { ...light.plain, fontStyle: 'italic' } }, /light code theme \(themeConfig\.prism\.theme in docusaurus\.config\.ts\): plain\.fontStyle is not supported/],
    [{ ...light, styles: [{ types: ['keyword'], languages: ['ts'], style: { color: '#000' } }] }, /applies only to ts; give every language the same colours/],
    [{ ...light, styles: [{ types: ['keyword'], style: { fontSize: '2em' } }] }, /the entry for keyword sets fontSize; a token may set only color, /],
    [{ ...light, styles: [{ types: ['key word'], style: { color: '#000' } }] }, /"key word" is not a Prism token type/],
  ] as [PrismTheme, RegExp][])('refuses a theme it cannot write as rules, saying where and what to change (%#)', (theme, message) => {
    expect(() => codeColourCss(theme, dark)).toThrow(CodeThemeError);
    expect(() => codeColourCss(theme, dark)).toThrow(message);
    expect(() => codeColourCss(dark, theme)).toThrow(/dark code theme \(themeConfig\.prism\.darkTheme/);
  });
});

describe("a token's style under the stylesheet", () => {
  it('merges every entry that names one of its types, a later entry winning where two disagree', () => {
    expect(tokenStyle(light, ['comment'])).toEqual({ color: '#222222', fontStyle: 'italic' });
    expect(tokenStyle(light, ['comment', 'namespace'])).toEqual({ color: '#222222', fontStyle: 'italic', opacity: 0.7 });
    // The entry order decides, not the order of the token's types (prism-react-renderer would give #333333 here).
    expect(tokenStyle(light, ['function-variable', 'function'])).toEqual({ color: '#444444' });
    expect(tokenStyle(light, ['function', 'function-variable'])).toEqual({ color: '#444444' });
  });

  it('gives nothing to a token no entry names, which then shows the block colour', () => {
    expect(tokenStyle(light, ['plain'])).toEqual({});
    expect(tokenStyle(light, ['template-string', 'interpolation'])).toEqual({});
  });
});
