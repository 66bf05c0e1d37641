/**
 * Wraps the theme's Mermaid component so a diagram stays readable: it fits the
 * column when it can, and never shrinks below MIN_SCALE of its natural size
 * (a wider diagram scrolls inside its own box instead).
 */
import Mermaid from '@theme-original/Mermaid';
import type { ComponentProps, ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { diagramWidth } from './diagramWidth';
import styles from './styles.module.css';

function fit(host: HTMLElement): void {
  for (const svg of host.querySelectorAll('svg')) {
    const natural = Number(svg.getAttribute('width'));
    if (!Number.isFinite(natural) || natural <= 0) continue;
    svg.style.width = `${diagramWidth(natural, host.clientWidth)}px`;
    svg.style.height = 'auto';
  }
  // A diagram that scrolls sideways must be reachable by keyboard (focus it, then use the arrow keys).
  if (host.scrollWidth > host.clientWidth) {
    host.tabIndex = 0;
    host.setAttribute('role', 'region');
    host.setAttribute('aria-label', 'Diagram (scrolls sideways)');
  } else {
    host.removeAttribute('tabindex');
    host.removeAttribute('role');
    host.removeAttribute('aria-label');
  }
}

export default function MermaidWrapper(props: ComponentProps<typeof Mermaid>): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return undefined;
    // Mermaid renders asynchronously: fit whenever the diagram appears or the column resizes.
    const observer = new MutationObserver(() => fit(host));
    observer.observe(host, { childList: true, subtree: true });
    const resize = new ResizeObserver(() => fit(host));
    resize.observe(host);
    fit(host);
    return () => {
      observer.disconnect();
      resize.disconnect();
    };
  }, []);
  return (
    <div ref={ref} className={styles.diagram}>
      <Mermaid {...props} />
    </div>
  );
}
