import type { ReactNode } from 'react';
import { cheatSheetFigure } from '../../lib/formulas';
import styles from './styles.module.css';

/**
 * A worked-example number on the cheat sheet, computed by the formulas
 * library at build time. `data-figure` lets the built-site test recompute it.
 */
export default function Figure({ id }: { readonly id: string }): ReactNode {
  const { value, text } = cheatSheetFigure(id);
  return (
    <span className={styles.figure} data-figure={id} data-value={value}>
      {text}
    </span>
  );
}
