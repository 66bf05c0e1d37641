/**
 * axe-core run inside a Playwright page: the serious and critical violations,
 * one readable line each (rule, count, first element and why it fails).
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
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'], ...(only ? { runOnly: { type: 'rule', values: only } } : {}) });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => {
        const first = v.nodes[0];
        const detail = first ? ` First: ${first.target.join(' ')}: ${(first.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}` : '';
        return `${v.id} (${v.impact}, ${v.nodes.length} element(s)): ${v.help}.${detail}`;
      });
  }, rules ?? null);
}
