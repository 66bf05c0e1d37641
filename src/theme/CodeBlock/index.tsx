/**
 * The theme's code block, with two changes:
 *
 * - Prism's extra languages (bash, json, yaml from the config) are
 *   registered when the first code block loads, instead of in the entry
 *   script of every page (see src/plugins/highlight-on-demand).
 * - It hydrates in place. The classic theme gives each block a key that
 *   changes once the page runs in the browser, which throws the server's
 *   markup away and highlights and draws every block a second time (about
 *   2,200 token elements on a question page with its example module). It
 *   did so to repaint a dark-mode reader's code, which the theme coloured
 *   inline from the colour mode; here tokens carry only class names and the
 *   stylesheet from src/css/codeColours.ts colours them in either scheme,
 *   so the server's markup is already right. scripts/site-tests/codeBlocks.test.ts
 *   checks the colours and that no token element is replaced. Compare this
 *   file with the theme's CodeBlock/index on every Docusaurus upgrade.
 */
import { isValidElement, Children, type ReactNode } from 'react';
import type { Props } from '@theme/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';
import prismIncludeLanguages from '@theme/prism-include-languages';
import { Prism } from '@site/src/lib/highlight';

prismIncludeLanguages(Prism);

/** The code as one string when it is only text, so it can be highlighted and copied; else the children as they are. */
function maybeStringifyChildren(children: ReactNode): ReactNode {
  if (Children.toArray(children).some((child) => isValidElement(child))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({ children: rawChildren, ...props }: Props): ReactNode {
  const children = maybeStringifyChildren(rawChildren);
  return typeof children === 'string' ? <StringContent {...props}>{children}</StringContent> : <ElementContent {...props}>{children}</ElementContent>;
}
