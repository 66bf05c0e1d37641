/**
 * axe-core run inside a Playwright page: the serious and critical violations,
 * one readable line each (rule, count, first element and why it fails).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
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
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => {
        const first = v.nodes[0];
        const detail = first ? ` First: ${first.target.join(' ')}: ${(first.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}` : '';
        return `${v.id} (${v.impact}, ${v.nodes.length} element(s)): ${v.help}.${detail}`;
      });
  });
}
