/**
 * The theme's code-block frame without its inline colours. The theme set the
 * Prism theme's text and background colours on every block from the colour
 * mode, which the server renders as light: a dark-mode reader saw light
 * blocks until the page's scripts ran. The stylesheet from
 * src/css/codeColours.ts sets the same two colours per colour scheme. (A
 * wrapper could not drop the theme's inline style.) Compare this file with
 * the theme's CodeBlock/Container on every Docusaurus upgrade.
 */
import type { ComponentProps, ReactNode } from 'react';
import clsx from 'clsx';
import { ThemeClassNames } from '@docusaurus/theme-common';
import styles from './styles.module.css';

export default function CodeBlockContainer<T extends 'div' | 'pre'>({ as: As, ...props }: { as: T } & ComponentProps<T>): ReactNode {
  const Element = As as 'div';
  return <Element {...(props as ComponentProps<'div'>)} className={clsx(props.className, styles.codeBlockContainer, ThemeClassNames.common.codeBlock)} />;
}
