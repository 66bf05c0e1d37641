/**
 * The local search bar, with two ARIA repairs so screen readers announce its
 * results as a listbox (axe-core: aria-required-attr, aria-required-children).
 * Its autocomplete library links the input to the results with the ARIA 1.0
 * `aria-owns`; ARIA 1.2 expects `aria-controls`. And the "See all results"
 * link sits inside the listbox, where only options may be.
 */
import React, { useEffect, useRef, type ComponentProps, type ReactNode } from 'react';
import SearchBar from '@theme-original/SearchBar';
import { repairSearchAria } from './repairSearchAria';

export default function SearchBarWrapper(props: ComponentProps<typeof SearchBar>): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return undefined;
    repairSearchAria(root);
    const observer = new MutationObserver(() => repairSearchAria(root));
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-owns'] });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} style={{ display: 'contents' }}>
      <SearchBar {...props} />
    </div>
  );
}
