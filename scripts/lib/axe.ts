/**
 * axe-core run inside a Playwright page: the serious and critical violations,
 * one readable line each (rule, count, first element and why it fails).
 *
 * Highlighted code is most of a question page's elements (about 2,200 of
 * 3,100 on a page with an example module), and nearly all of it is the same
 * few token styles repeated. axe-core's verdict on a token rests only on its
 * colour, size, weight, opacity and shadow and on the backgrounds of its line
 * and code block, so within one code block each distinct combination of those
 * is checked once, on its first token with text, in every run and both colour
 * schemes; the rest of each line is left out of the run (so a failing style is
 * counted once per block). The page's other elements, the code blocks themselves
 * among them, get every rule as before.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The rules axe-core runs by default whose verdict rests on colours (its
 * `cat.color` category): the only ones a switch of colour scheme can change,
 * since the switch restyles the page and leaves its document as it was. Read
 * from axe-core itself, so a colour rule a later version adds is run too.
 */
export const COLOUR_RULES: readonly string[] = (require('axe-core') as { _audit: { rules: { id: string; enabled: boolean; tags: string[] }[] } })._audit.rules
  .filter((rule) => rule.enabled && rule.tags.includes('cat.color'))
  .map((rule) => rule.id);

/** Serious and critical violations on the page as it is now: of every rule axe-core runs by default, or only of `rules`. */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
  // Once per document: a page checked in both colour schemes is not sent the 500 KB script twice.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (only) => {
    interface AxeNode {
      target: string[];
      failureSummary?: string;
    }
    interface AxeViolation {
      id: string;
      impact?: string;
      help: string;
      nodes: AxeNode[];
    }
    const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // Code lines are excluded and, of their elements with text, the first of each style in each block included
    // again (axe-core includes a node whose closest included ancestor is deeper than its closest excluded one).
    const lines = [...document.querySelectorAll('pre code .token-line')];
    const blocks = new Map<Element | null, number>();
    // Per style, its first token inside the block's visible width (a token scrolled out of it is not measured the same way), or else its first token.
    const checkedToken = new Map<string, { token: Element; inView: boolean }>();
    for (const line of lines) {
      const pre = line.closest('pre');
      if (!blocks.has(pre)) blocks.set(pre, blocks.size);
      const box = pre?.getBoundingClientRect();
      const lineBackground = getComputedStyle(line).backgroundColor;
      for (const token of [line, ...line.querySelectorAll('*')]) {
        // What axe-core's contrast rule reads: elements with text of their own (a wrapper would bring in its whole line).
        if (![...token.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())) continue;
        const s = getComputedStyle(token);
        const style = [blocks.get(pre), lineBackground, s.color, s.backgroundColor, s.fontSize, s.fontWeight, s.opacity, s.textShadow, s.visibility].join('|');
        const chosen = checkedToken.get(style);
        if (chosen?.inView) continue;
        const rect = token.getBoundingClientRect();
        const inView = !box || (rect.left >= box.left && rect.right <= box.right);
        if (!chosen || inView) checkedToken.set(style, { token, inView });
      }
    }
    const include: Node[] = [document, ...[...checkedToken.values()].map((c) => c.token)];
    const { violations } = await axe.run({ include, exclude: lines }, { resultTypes: ['violations'], ...(only ? { runOnly: { type: 'rule', values: only } } : {}) });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => {
        const first = v.nodes[0];
        const detail = first ? ` First: ${first.target.join(' ')}: ${(first.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}` : '';
        return `${v.id} (${v.impact}, ${v.nodes.length} element(s)): ${v.help}.${detail}`;
      });
  }, rules ?? null);
}
