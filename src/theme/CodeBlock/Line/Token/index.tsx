/**
 * A token of a highlighted line, as the theme renders it (a span with the
 * token's classes), except plain text: Prism's "plain" tokens carry no colour
 * of their own (src/css/codeColours.ts gives the block its text colour), so
 * they are written as text in the line instead of a span each. They were 40 %
 * of the token elements of a question page (1,760 of 4,398 on the largest),
 * elements the browser styled, laid out and React hydrated for nothing.
 */
import type { ReactNode } from 'react';
import type { Props } from '@theme/CodeBlock/Line/Token';

export default function CodeBlockLineToken({ line: _line, token: _token, ...props }: Props): ReactNode {
  // The class names say the token is plain text and nothing else; an empty line's plain token has a style (an
  // inline block that holds the line's height) and keeps its span.
  return props.className === 'token plain' && props.style === undefined ? props.children : <span {...props} />;
}
