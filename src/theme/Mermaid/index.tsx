/**
 * Wraps the theme's Mermaid component so a diagram stays readable: it fits the
 * column when it can, never draws a label below MIN_LABEL_PX (a wider diagram
 * scrolls inside its own box instead), and an Expand button opens it
 * full-screen at natural size with pan and zoom. The full-screen view's code
 * is loaded on the first click, so pages pay nothing for it until then.
 */
import Mermaid from '@theme-original/Mermaid';
import type { ComponentProps, ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { diagramWidth, minScaleFor } from './diagramWidth';
import styles from './styles.module.css';

/** Smallest font size, in px at natural size, of the diagram's text. */
function smallestFont(svg: SVGSVGElement): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const el of svg.querySelectorAll('*')) {
    if (el.tagName.toLowerCase() === 'style') continue;
    if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())) continue;
    smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(el).fontSize));
  }
  return smallest;
}

function fit(host: HTMLElement): void {
  for (const svg of host.querySelectorAll('svg')) {
    const natural = Number(svg.getAttribute('width'));
    if (!Number.isFinite(natural) || natural <= 0) continue;
    svg.style.width = `${diagramWidth(natural, host.clientWidth, minScaleFor(smallestFont(svg)))}px`;
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

  async function expand(event: React.MouseEvent<HTMLButtonElement>): Promise<void> {
    const button = event.currentTarget;
    const svg = ref.current?.querySelector('svg');
    if (!svg) return;
    const { openDiagram } = await import('./expandDiagram');
    openDiagram(svg, button);
  }

  return (
    <div className={styles.diagram} data-diagram="">
      <div ref={ref} className={styles.box}>
        <Mermaid {...props} />
      </div>
      <div className={styles.actions}>
        <button type="button" className="button button--secondary button--sm" aria-haspopup="dialog" onClick={(e) => void expand(e)}>
          Expand diagram
        </button>
      </div>
    </div>
  );
}
