/**
 * The full-screen view of a diagram: a modal <dialog> that shows a copy of the
 * diagram at its natural size, with pan and zoom by mouse (drag, wheel),
 * touch (drag, pinch) and keyboard (arrow keys, + and −, 0 to reset).
 * Escape or Close ends it and focus returns to the Expand button.
 * Loaded on the first Expand click only (see index.tsx).
 */
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';
import styles from './expand.module.css';

const PAN_STEP_PX = 60;
const ZOOM_STEP = 0.25;

/**
 * A copy of `svg` whose ids do not clash with the original's: Mermaid scopes
 * its styles and arrow markers by the diagram's id, so every use is renamed.
 */
export function copyWithFreshIds(svg: SVGSVGElement, suffix: string): SVGSVGElement {
  const id = svg.id;
  const html = id ? svg.outerHTML.split(id).join(`${id}${suffix}`) : svg.outerHTML;
  const template = document.createElement('template');
  template.innerHTML = html;
  const copy = template.content.firstElementChild as SVGSVGElement;
  const natural = Number(svg.getAttribute('width')) || svg.viewBox.baseVal.width;
  copy.removeAttribute('style');
  copy.style.width = `${natural}px`;
  copy.style.maxWidth = 'none';
  copy.style.height = 'auto';
  return copy;
}

function button(label: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'button button--secondary button--sm';
  b.textContent = text;
  if (label !== text) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

let opened = 0;

/** Open `svg` full-screen; focus goes back to `returnTo` when the dialog closes. */
export function openDiagram(svg: SVGSVGElement, returnTo: HTMLElement): HTMLDialogElement {
  const n = ++opened;
  const dialog = document.createElement('dialog');
  dialog.className = styles.dialog!;
  const titleId = `diagram-full-title-${n}`;
  dialog.setAttribute('aria-labelledby', titleId);

  const bar = document.createElement('div');
  bar.className = styles.bar!;
  const title = document.createElement('h2');
  title.id = titleId;
  title.className = styles.title!;
  const page = document.querySelector('article h1')?.textContent?.trim();
  title.textContent = page ? `Diagram: ${page}` : 'Diagram';

  const viewport = document.createElement('div');
  // The site's dark-mode label colours are scoped to this class.
  viewport.className = `${styles.viewport} docusaurus-mermaid-container`;
  viewport.tabIndex = 0;
  viewport.setAttribute('role', 'group');
  viewport.setAttribute('aria-roledescription', 'diagram you can zoom');
  viewport.setAttribute('aria-label', 'Diagram at full size');
  const hintId = `diagram-full-hint-${n}`;
  viewport.setAttribute('aria-describedby', hintId);
  const stage = document.createElement('div');
  stage.className = styles.stage!;
  stage.append(copyWithFreshIds(svg, `-full${n}`));
  viewport.append(stage);

  const zoomIn = () => panzoom.zoomIn();
  const zoomOut = () => panzoom.zoomOut();
  const reset = () => panzoom.reset();

  const controls = document.createElement('div');
  controls.className = styles.controls!;
  controls.setAttribute('role', 'group');
  controls.setAttribute('aria-label', 'Zoom');
  controls.append(
    button('Zoom out', '−', zoomOut),
    button('Zoom in', '+', zoomIn),
    button('Reset zoom', 'Reset', reset),
    button('Close', 'Close', () => dialog.close()),
  );
  bar.append(title, controls);

  const hint = document.createElement('p');
  hint.id = hintId;
  hint.className = styles.hint!;
  hint.textContent = 'Drag or use the arrow keys to move; wheel, pinch or + and − to zoom; 0 resets; Esc closes.';

  dialog.append(bar, hint, viewport);
  document.body.append(dialog);

  // Closures above use it only after the dialog is open, by which time it exists.
  const panzoom: PanzoomObject = Panzoom(stage, { canvas: true, maxScale: 6, minScale: 0.1, step: ZOOM_STEP, cursor: 'grab' });
  const onWheel = (event: WheelEvent) => panzoom.zoomWithWheel(event);
  viewport.addEventListener('wheel', onWheel, { passive: false });

  dialog.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // Buttons keep their own keys (Enter, Space); everything else pans and zooms.
    const scale = panzoom.getScale();
    const step = PAN_STEP_PX / scale;
    const moves: Record<string, () => void> = {
      '+': zoomIn,
      '=': zoomIn,
      '-': zoomOut,
      _: zoomOut,
      '0': reset,
      ArrowLeft: () => panzoom.pan(step, 0, { relative: true }),
      ArrowRight: () => panzoom.pan(-step, 0, { relative: true }),
      ArrowUp: () => panzoom.pan(0, step, { relative: true }),
      ArrowDown: () => panzoom.pan(0, -step, { relative: true }),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  });

  dialog.addEventListener('close', () => {
    viewport.removeEventListener('wheel', onWheel);
    panzoom.destroy();
    dialog.remove();
    returnTo.focus();
  });

  dialog.showModal();
  viewport.focus();
  return dialog;
}
