/**
 * axe-core run inside a Playwright page: the serious and critical violations,
 * one readable line each (rule, count, first element and why it fails).
 *
 * Highlighted code is most of a question page's elements (about 1,800 of
 * 2,300 on Q01, whose example module is shown whole), nearly all of it the same
 * few token styles repeated. axe-core's verdict on a token rests on its
 * colour, size, weight, shadow and visibility and on the backgrounds and
 * opacity of the boxes behind it up to its line, so within one code block each
 * distinct combination of those is checked once, on a token axe-core judges
 * (at least two letters or digits: it skips punctuation alone and leaves one
 * character for review), the most visible in the block's width; a style with
 * no such token has every token checked. The rest of the code is left out of
 * the run (so a failing style is counted once per block): a block's <code>
 * element is one exclusion when it holds nothing but its lines, else each line
 * is one, since axe-core weighs every element against every excluded node and
 * one exclusion per line (284 on one page) cost more time than the lines
 * spared (the <code> element itself has no text or role of its own to check).
 * The page's other elements, each block's <pre> among them, get every rule as
 * before, page-level rules included.
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
    // Code is excluded and, per block and style, one token included again (axe-core includes a node whose
    // closest included ancestor is deeper than its closest excluded one).
    const lines = [...document.querySelectorAll('pre code .token-line')];
    const blocks = new Map<Element | null, number>();
    interface Style {
      /** The token that stands for the style: one axe-core judges, the most visible in the block's width. */
      pick?: { token: Element; visibility: number };
      /** Every token of the style, all checked if none is one axe-core judges. */
      tokens: Element[];
    }
    const styles = new Map<string, Style>();
    for (const line of lines) {
      const pre = line.closest('pre');
      if (!blocks.has(pre)) blocks.set(pre, blocks.size);
      const box = pre?.getBoundingClientRect();
      for (const token of [line, ...line.querySelectorAll('*')]) {
        // Elements with text of their own, as the contrast rule reads them (a wrapper would bring in its whole line).
        const ownText = [...token.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('');
        if (!ownText.trim()) continue;
        const s = getComputedStyle(token);
        // Everything the verdict reads: the token's own look, and the background and opacity of each box up to its line.
        const behind: string[] = [];
        for (let e: Element | null = token; e && e !== line.parentElement; e = e.parentElement) {
          const b = getComputedStyle(e);
          behind.push(`${b.backgroundColor} ${b.backgroundImage} ${b.opacity}`);
        }
        const key = [blocks.get(pre), s.color, s.fontSize, s.fontWeight, s.textShadow, s.visibility, ...behind].join('|');
        const style = styles.get(key) ?? { tokens: [] };
        styles.set(key, style);
        style.tokens.push(token);
        // axe-core leaves out text of punctuation alone (`/**`, `{`) and marks one character for review: a pick has
        // at least two letters or digits.
        if ((ownText.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < 2) continue;
        if (style.pick?.visibility === 2) continue;
        const rect = token.getBoundingClientRect();
        const visibility = !box ? 2 : rect.left >= box.left && rect.right <= box.right ? 2 : rect.right > box.left && rect.left < box.right ? 1 : 0;
        if (!style.pick || visibility > style.pick.visibility) style.pick = { token, visibility };
      }
    }
    const include: Node[] = [document, ...[...styles.values()].flatMap((style) => (style.pick ? [style.pick.token] : style.tokens))];
    // A block is one exclusion, its <code>, when that holds nothing but its lines; otherwise each line is one.
    // (Comments, such as React's markers, show nothing; any other text beside the lines keeps them one by one.)
    const linesOnly = new Map<Element, boolean>();
    const holdsOnlyLines = (code: Element): boolean =>
      [...code.childNodes].every((n) => (n instanceof Element ? n.classList.contains('token-line') : n.nodeType === Node.COMMENT_NODE || !(n.textContent ?? '').trim()));
    const exclude = [
      ...new Set(
        lines.map((line) => {
          const code = line.parentElement;
          if (code?.localName !== 'code') return line;
          if (!linesOnly.has(code)) linesOnly.set(code, holdsOnlyLines(code));
          return linesOnly.get(code) ? code : line;
        }),
      ),
    ];
    const { violations } = await axe.run({ include, exclude, page: true }, { resultTypes: ['violations'], ...(only ? { runOnly: { type: 'rule', values: only } } : {}) });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => {
        const first = v.nodes[0];
        const detail = first ? ` First: ${first.target.join(' ')}: ${(first.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}` : '';
        return `${v.id} (${v.impact}, ${v.nodes.length} element(s)): ${v.help}.${detail}`;
      });
  }, rules ?? null);
}
