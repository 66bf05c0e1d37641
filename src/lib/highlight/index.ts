/**
 * Syntax highlighting for the theme's code blocks, on Prism's own core with
 * only the languages this site shows: TypeScript (every example), JavaScript
 * beneath it, and the config's `prism.additionalLanguages`, which the theme
 * registers on this Prism (see src/theme/CodeBlock).
 *
 * The classic theme imports `Highlight` and `Prism` from
 * prism-react-renderer, whose single bundle carries Prism with about twenty
 * grammars and twenty colour themes: some 25 KiB gzipped on every page with
 * code, most of it for languages the handbook never shows. The
 * highlight-on-demand plugin points the bundler's `prism-react-renderer` at
 * this module instead. It offers the part of that API the theme uses, with
 * the same lines, tokens and class names (src/lib/highlight/index.test.ts
 * compares the two token by token), but no colours: the theme's `theme` prop
 * is ignored, and the stylesheet from src/css/codeColours.ts colours tokens
 * by their class names in the reader's colour scheme.
 */
import { createElement, useCallback, useMemo, type CSSProperties, type ReactNode } from 'react';
import type { PrismTheme } from 'prism-react-renderer';

/** Prism, as its grammar files and the theme's language loader expect it. */
export type PrismLike = typeof import('prismjs');

interface PrismToken {
  type: string;
  alias?: string | string[];
  content: string | PrismToken | (string | PrismToken)[];
}

/** One highlighted piece of a line: its token types (outermost first) and its text. */
export interface Token {
  types: string[];
  content: string;
  /** Set on the only token of an empty line, so the line keeps its height. */
  empty?: boolean;
}

/**
 * Prism's core reads `Prism.manual` from the global object while it loads:
 * without it, Prism would highlight every `<code class="language-…">` in the
 * page itself, under React's feet. Its grammar files extend a global `Prism`.
 */
function loadPrism(): PrismLike {
  const root = globalThis as { Prism?: unknown };
  const before = root.Prism;
  root.Prism = { manual: true, disableWorkerMessageHandler: true };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the global must be set before Prism's core runs, which ordered imports cannot do
  const prism = require('prismjs/components/prism-core') as PrismLike;
  root.Prism = prism;
  /* eslint-disable @typescript-eslint/no-require-imports -- grammar files register themselves on the global Prism */
  require('prismjs/components/prism-clike');
  // JavaScript highlights the inside of regular expressions when this grammar is there first.
  require('prismjs/components/prism-regex');
  require('prismjs/components/prism-javascript');
  // Marks /** … */ as a doc comment, as the theme's default highlighter does; TypeScript inherits it from JavaScript.
  require('prismjs/components/prism-javadoclike');
  require('prismjs/components/prism-typescript');
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (before === undefined) delete root.Prism;
  else root.Prism = before;
  return prism;
}

export const Prism: PrismLike = loadPrism();

function withType(types: readonly string[], added: string | readonly string[] | undefined): string[] {
  if (added === undefined) return [...types];
  // A nested token of the same type as its parent adds nothing; a list of aliases is always added.
  if (typeof added === 'string') return types[types.length - 1] === added ? [...types] : [...types, added];
  return [...types, ...added];
}

/** Prism's nested tokens as lines of flat tokens, each carrying the types of every token around it. */
export function normalizeTokens(stream: readonly (string | PrismToken)[]): Token[][] {
  const lines: Token[][] = [[]];
  const visit = (items: readonly (string | PrismToken)[], types: readonly string[], nested: boolean): void => {
    for (const item of items) {
      if (typeof item === 'string') {
        addText(nested ? [...types] : ['plain'], item);
        continue;
      }
      const itemTypes = withType(withType(types, item.type), item.alias);
      if (typeof item.content === 'string') addText(itemTypes, item.content);
      else visit(Array.isArray(item.content) ? item.content : [item.content], itemTypes, true);
    }
  };
  const addText = (types: string[], text: string): void => {
    const parts = text.split(/\r\n|\r|\n/);
    parts.forEach((part, index) => {
      if (index > 0) lines.push([]);
      lines[lines.length - 1]!.push({ types, content: part });
    });
  };
  visit(stream, [], false);
  for (const line of lines) {
    if (line.length === 0) line.push({ types: ['plain'], content: '\n', empty: true });
    else if (line.length === 1 && line[0]!.content === '') Object.assign(line[0]!, { content: '\n', empty: true });
  }
  return lines;
}

/** Lines of tokens for `code`; plain text where Prism has no grammar for the language. */
export function tokenize(prism: PrismLike, code: string, language: string): Token[][] {
  const grammar = prism.languages[language];
  if (grammar === undefined) return normalizeTokens([code]);
  const env = { code, grammar, language, tokens: [] as (string | PrismToken)[] };
  prism.hooks.run('before-tokenize', env);
  env.tokens = prism.tokenize(env.code, env.grammar as Parameters<PrismLike['tokenize']>[1]) as (string | PrismToken)[];
  prism.hooks.run('after-tokenize', env);
  return normalizeTokens(env.tokens);
}

/**
 * The only style a token element carries: an empty line's token is an
 * inline block, except one of a single type other than plain (a blank line
 * inside a comment), as prism-react-renderer has it. Colours come from the
 * stylesheet (src/css/codeColours.ts).
 */
function layoutStyle(token: Token): CSSProperties | undefined {
  if (!token.empty || (token.types.length === 1 && token.types[0] !== 'plain')) return undefined;
  return { display: 'inline-block' };
}

interface LinePropsInput {
  line?: Token[];
  className?: string;
  style?: CSSProperties;
  [key: string]: unknown;
}

interface TokenPropsInput {
  token: Token;
  className?: string;
  style?: CSSProperties;
  [key: string]: unknown;
}

export interface RenderProps {
  tokens: Token[][];
  className: string;
  style: CSSProperties;
  getLineProps(input: LinePropsInput): Record<string, unknown> & { className: string };
  getTokenProps(input: TokenPropsInput): Record<string, unknown> & { className: string; children: string };
}

export interface HighlightProps {
  code: string;
  language: string;
  /** Passed by the theme and ignored: the stylesheet colours the tokens. */
  theme?: PrismTheme;
  prism?: PrismLike;
  children(props: RenderProps): ReactNode;
}

const joinClasses = (...names: (string | undefined)[]): string => names.filter(Boolean).join(' ');

function HighlightTokens({ code, language: requested, prism = Prism, children }: HighlightProps): ReactNode {
  const language = requested.toLowerCase();
  const tokens = useMemo(() => tokenize(prism, code, language), [prism, code, language]);
  const getLineProps = useCallback(({ line: _line, className, ...rest }: LinePropsInput) => ({ ...rest, className: joinClasses('token-line', className) }), []);
  const getTokenProps = useCallback(
    ({ token, className, style, ...rest }: TokenPropsInput) => ({
      ...rest,
      className: joinClasses('token', ...token.types, className),
      children: token.content,
      style: style === undefined ? layoutStyle(token) : { ...layoutStyle(token), ...style },
    }),
    [],
  );
  return children({ tokens, className: `prism-code language-${language}`, style: {}, getLineProps, getTokenProps });
}

/** The code block's highlighter: render props with the lines of tokens and their props. */
export function Highlight(props: HighlightProps): ReactNode {
  return createElement(HighlightTokens, props);
}
