/**
 * The code blocks' colours as a stylesheet, written from the site's two Prism
 * themes (src/plugins/code-colours adds it to the site's CSS).
 *
 * Token elements carry only Prism's class names (`token keyword`), and
 * neither they, their lines nor their block carry a colour inline: the
 * colour scheme on `<html data-theme>` picks them. So the server's HTML is
 * right for a dark-mode reader before the page's scripts load, a switch of
 * scheme repaints code without React changing a token element, and the built
 * HTML is about an eighth smaller. Without `data-theme` (scripts off) and on paper,
 * code takes the light theme, as the rest of the page does.
 *
 * A theme entry becomes one rule, in the theme's order, so where two entries
 * give a token's types different values the later entry wins, as in Prism's
 * own CSS themes. prism-react-renderer's inline styles instead let the type
 * listed last on the token win. On this site's code that moved 187 tokens
 * (of about 160,000) to the colour the themes' CSS originals give them:
 * function names defined as variables in light mode (`function-variable`
 * after `function`: purple, not red), punctuation and operators inside a
 * regular expression in light mode (the regex colour), and punctuation and
 * `@param`-style keywords inside a doc comment in dark mode (the comment
 * colour). tokenStyle() below is the rule this file follows; the site's
 * tests hold the browser to it.
 */
import type { CSSProperties } from 'react';
import type { PrismTheme } from 'prism-react-renderer';

export type CodeScheme = 'light' | 'dark';

/** What a Prism theme entry may set on a token. */
const TOKEN_PROPERTIES = ['color', 'backgroundColor', 'fontStyle', 'fontWeight', 'opacity', 'textDecorationLine'] as const;

type TokenStyle = Pick<CSSProperties, (typeof TOKEN_PROPERTIES)[number]>;

/** A problem in a theme that the stylesheet cannot express, with what to do about it. */
export class CodeThemeError extends Error {
  override name = 'CodeThemeError';
}

const kebab = (property: string): string => property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Class names stay usable in a selector: Prism's types are word characters and hyphens. */
const TYPE = /^[A-Za-z][\w-]*$/;

function checkTheme(theme: PrismTheme, scheme: CodeScheme): void {
  const where = `the ${scheme} code theme (themeConfig.prism.${scheme === 'light' ? 'theme' : 'darkTheme'} in docusaurus.config.ts)`;
  for (const key of Object.keys(theme.plain)) {
    if (key !== 'color' && key !== 'backgroundColor') {
      throw new CodeThemeError(`${where}: plain.${key} is not supported; a code block takes only its text colour and background from plain.`);
    }
  }
  for (const entry of theme.styles) {
    const types = entry.types.join(', ');
    if (entry.languages) {
      throw new CodeThemeError(
        `${where}: the entry for ${types} applies only to ${entry.languages.join(', ')}; give every language the same colours (src/css/codeColours.ts writes one rule per entry).`,
      );
    }
    for (const type of entry.types) {
      if (!TYPE.test(type)) throw new CodeThemeError(`${where}: "${type}" is not a Prism token type.`);
    }
    for (const key of Object.keys(entry.style)) {
      if (!(TOKEN_PROPERTIES as readonly string[]).includes(key)) {
        throw new CodeThemeError(`${where}: the entry for ${types} sets ${key}; a token may set only ${TOKEN_PROPERTIES.join(', ')}.`);
      }
    }
  }
}

/** The style the stylesheet gives a token of these types in `theme`: every entry naming one of them, later entries winning. */
export function tokenStyle(theme: PrismTheme, types: readonly string[]): TokenStyle {
  const style: TokenStyle = {};
  for (const entry of theme.styles) {
    if (!entry.types.some((type) => types.includes(type))) continue;
    // A property a theme leaves undefined writes no declaration (see declarations()).
    for (const [key, value] of Object.entries(entry.style)) if (value !== undefined) Object.assign(style, { [key]: value });
  }
  return style;
}

function declarations(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${kebab(key)}: ${String(value)};`)
    .join(' ');
}

/**
 * Where each scheme applies: the light theme wherever the page is not in dark
 * mode (scripts off included) and on paper; the dark theme on screen only.
 */
const SCHEMES = {
  light: [
    { media: 'not print', root: "html:not([data-theme='dark'])" },
    { media: 'print', root: 'html' },
  ],
  dark: [{ media: 'not print', root: "html[data-theme='dark']" }],
} as const;

/**
 * The colour of line numbers: the theme's comment colour, muted but as
 * legible as code (src/css/prismThemes.ts holds every token colour to AA);
 * the theme draws them in the text colour at 40 % opacity, about 2.1:1 on
 * the light background and 3.4:1 on the dark one.
 */
const lineNumberColour = (theme: PrismTheme): string | undefined => tokenStyle(theme, ['comment']).color ?? theme.plain.color;

function schemeRules(theme: PrismTheme, root: string): string[] {
  const rules = [
    `${root} { --prism-color: ${theme.plain.color}; --prism-background-color: ${theme.plain.backgroundColor}; --prism-line-number-color: ${lineNumberColour(theme)}; }`,
  ];
  for (const entry of theme.styles) {
    const selectors = entry.types.map((type) => `${root} .prism-code .token.${type}`).join(',\n');
    rules.push(`${selectors} { ${declarations(entry.style as Record<string, unknown>)} }`);
  }
  return rules;
}

/** The stylesheet for both colour schemes. */
export function codeColourCss(light: PrismTheme, dark: PrismTheme): string {
  const themes = { light, dark };
  const blocks = (Object.keys(SCHEMES) as CodeScheme[]).flatMap((scheme) => {
    checkTheme(themes[scheme], scheme);
    return SCHEMES[scheme].map(({ media, root }) => `@media ${media} {\n${schemeRules(themes[scheme], root).join('\n')}\n}`);
  });
  return [
    '/* Written by src/plugins/code-colours from the Prism themes in docusaurus.config.ts (see src/css/codeColours.ts). */',
    // The block itself, which the theme coloured with inline styles on every block and every line.
    '.prism-code { color: var(--prism-color); background-color: var(--prism-background-color); }',
    // The theme's line numbers (CodeBlock/Line: a CSS-module class and a counter in ::before), at full strength.
    ".prism-code [class*='codeLineNumber']::before { color: var(--prism-line-number-color); opacity: 1; }",
    ...blocks,
    '',
  ].join('\n');
}
