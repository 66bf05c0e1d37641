import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { hasState } from '../../lib/calculator/urlState';
import styles from './styles.module.css';

/**
 * A calculator folded under a formula group. It opens by itself when the page
 * was loaded from a link that carries a scenario for it. Not printed.
 */
export default function CalculatorDetails({ prefix, summary, children }: { readonly prefix: string; readonly summary: string; readonly children: ReactNode }): ReactNode {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    // The URL exists only in the browser, so it is read after hydration, as a second render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (hasState(window.location.search, prefix)) setOpen(true);
  }, [prefix]);
  return (
    <details className={`${styles.details} handbook-screen-only`} open={open} onToggle={(event) => setOpen(event.currentTarget.open)} data-calculator={prefix}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
