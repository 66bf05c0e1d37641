/**
 * Checks that run inside a page already open in the every-page pass
 * (browser.test.ts), so no page is loaded again just to be measured at
 * another width or printed: each returns what is wrong, one line each.
 */
import type { Page } from 'playwright-core';
import { DIAGRAM_SVGS } from '../lib/browser';

/** The label size the site promises as the smallest on screen (src/theme/Mermaid/diagramWidth.ts). */
export const MIN_LABEL_PX = 11;

/** A4 minus 10 mm margins, in CSS pixels (96 per inch): the width a question page prints at. */
export const A4_CONTENT_WIDTH_PX = Math.round(((210 - 20) / 25.4) * 96);

/** At the page's current width: every diagram fits its column, scrolls nowhere, and no label is drawn under MIN_LABEL_PX. */
export async function diagramFitProblems(page: Page): Promise<string[]> {
  return page.evaluate((minLabel) => {
    const out: string[] = [];
    document.querySelectorAll('[data-diagram]').forEach((wrapper, i) => {
      const box = wrapper.firstElementChild as HTMLElement;
      const svg = box.querySelector('svg');
      if (!svg) return;
      const drawn = svg.getBoundingClientRect().width;
      const natural = Number(svg.getAttribute('width')) || svg.viewBox.baseVal.width;
      const scale = drawn / (svg.viewBox.baseVal.width || natural);
      let smallest = Number.POSITIVE_INFINITY;
      for (const el of svg.querySelectorAll('*')) {
        if (el.tagName.toLowerCase() === 'style') continue;
        if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())) continue;
        smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(el).fontSize) * scale);
      }
      const name = `diagram ${i + 1} (${Math.round(natural)} px natural)`;
      if (drawn > box.clientWidth + 0.5) out.push(`${name} is drawn ${Math.round(drawn)} px wide in a ${box.clientWidth} px column`);
      if (box.scrollWidth > box.clientWidth) out.push(`${name} scrolls sideways: ${box.scrollWidth} px in ${box.clientWidth} px`);
      if (smallest < minLabel - 0.05) out.push(`${name} has a label drawn at ${smallest.toFixed(1)} px`);
    });
    return out;
  }, MIN_LABEL_PX);
}

/**
 * What is wrong with the page as it prints (the browser's Ctrl+P uses the
 * same print styles as the PDF): no site chrome, code wraps instead of being
 * cut, diagrams fit the page width, the references are still there and text
 * is dark on the paper. Emulates print media and returns to screen after.
 */
export async function printProblems(page: Page, { cites, diagrams }: { cites: boolean; diagrams: number }): Promise<string[]> {
  const drawn = await page.locator(DIAGRAM_SVGS).count();
  await page.emulateMedia({ media: 'print' });
  const found = await page.evaluate((cites) => {
    const out: string[] = [];
    const shown = (el: Element | null) => el !== null && getComputedStyle(el).display !== 'none' && (el as HTMLElement).offsetParent !== null;
    for (const selector of ['.navbar', '.theme-doc-sidebar-container', '.footer', '.pagination-nav', '.theme-edit-this-page']) {
      if (shown(document.querySelector(selector))) out.push(`${selector} is printed`);
    }
    const article = document.querySelector('article');
    const width = article?.getBoundingClientRect().width ?? 0;
    for (const pre of document.querySelectorAll('article pre')) {
      if (getComputedStyle(pre).whiteSpace !== 'pre-wrap') out.push('a code block does not wrap');
      if (pre.scrollWidth > pre.clientWidth + 1) out.push(`a code block is cut: ${pre.scrollWidth}px of content in ${pre.clientWidth}px`);
    }
    for (const svg of document.querySelectorAll('.docusaurus-mermaid-container svg')) {
      const drawn = svg.getBoundingClientRect().width;
      if (drawn > width + 1) out.push(`a diagram is ${Math.round(drawn)}px wide on a ${Math.round(width)}px page`);
    }
    const references = document.getElementById('references');
    if (cites && (!shown(references) || !shown(references?.nextElementSibling ?? null))) out.push('the references are not printed');
    const bodyColor = getComputedStyle(document.querySelector('.markdown') ?? document.body).color;
    const [r = 0, g = 0, b = 0] = bodyColor.match(/\d+/g)!.map(Number);
    if (r + g + b > 3 * 128) out.push(`text prints in a light colour (${bodyColor}) on white paper`);
    return out;
  }, cites);
  await page.emulateMedia({ media: 'screen' });
  return drawn < diagrams ? [`only ${drawn} of ${diagrams} diagram(s) are drawn`, ...found] : found;
}

/**
 * Resizes an open page and waits until it has laid itself out at the new
 * width: diagrams refit their column from a ResizeObserver, whose callbacks
 * run before the next frames are painted.
 */
export async function resizeInPlace(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * What a switch of colour scheme changed in the page's document, outside its
 * diagrams (which Mermaid redraws): call it with 'remember' in one scheme and
 * 'compare' after the switch. Each element is compared by its tag, its
 * attributes but `class` and `style` (which carry the looks) and its own
 * text. Returns the number of changed elements and the first few, one line
 * each; nothing when the document is the same, which is what lets the
 * every-page pass run only axe-core's colour rules after the switch.
 */
export async function colourSchemeChanges(page: Page, step: 'remember' | 'compare'): Promise<string[]> {
  return page.evaluate((step) => {
    const lines = [...document.body.querySelectorAll('*')]
      .filter((el) => !el.closest('.docusaurus-mermaid-container'))
      .map((el) => {
        const attributes = [...el.attributes]
          .filter((a) => a.name !== 'class' && a.name !== 'style')
          .map((a) => `${a.name}="${a.value}"`)
          .sort()
          .join(' ');
        const text = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('')
          .trim()
          .slice(0, 60);
        return `<${el.tagName.toLowerCase()}${attributes ? ` ${attributes}` : ''}>${text}`;
      });
    const store = window as unknown as { __outlineBeforeSwitch?: string[] };
    if (step === 'remember') {
      store.__outlineBeforeSwitch = lines;
      return [];
    }
    const before = store.__outlineBeforeSwitch ?? [];
    const changed: string[] = [];
    for (let i = 0; i < Math.max(before.length, lines.length); i++) {
      if (before[i] !== lines[i]) changed.push(`element ${i + 1}: ${before[i] ?? '(none)'} became ${lines[i] ?? '(none)'}`);
    }
    return changed.length === 0 ? [] : [`${changed.length} element(s) changed`, ...changed.slice(0, 3).map((c) => c.slice(0, 300))];
  }, step);
}
