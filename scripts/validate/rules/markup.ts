/**
 * Markup rules that apply to every page: money stays text, math parses,
 * diagrams parse, and code is imported rather than pasted.
 */
// Garbled amounts the money rule recognises:
// cspell:ignore pertoken dayforcompute xtheirannualsavings
import katex from 'katex';
import type { Root } from 'mdast';
import { lineOf, walk } from '../mdast';
import { problem, type Problem } from '../types';
import { checkDiagramWidths } from './diagrams';

const PASTED_LANGUAGES = new Set(['ts', 'tsx', 'typescript', 'js', 'jsx', 'javascript', 'py', 'python']);

/**
 * A dollar amount whose "$" and spaces were eaten: "0.0001pertoken",
 * "120/dayforcompute", "3xtheirannualsavings", "X,995X".
 */
const GARBLED_MONEY = [/\d[\d.,]*\/?[a-z]{8,}/, /\b[A-Z],\d{3}[A-Z]\b/, /[a-z]{6,}[.:][A-Z][a-z]*[a-z]{12,}/];

/** "$x^2$" or "$\alpha$": single-dollar math, which this site does not parse. */
const SINGLE_DOLLAR_MATH = /(^|[^$\\])\$(?![\s\d$])[^$\n]+?\$(?!\$)/;

export function checkMarkup(file: string, tree: Root): Problem[] {
  const problems: Problem[] = [];
  for (const node of walk(tree)) {
    if (node.type === 'text') {
      const garbled = GARBLED_MONEY.find((pattern) => pattern.test(node.value));
      if (garbled) {
        const match = garbled.exec(node.value)?.[0] ?? '';
        problems.push(
          problem(
            file,
            lineOf(node),
            'money-garbled',
            `"${match}" looks like a dollar amount that lost its "$" and spaces`,
            'write the amount in full with its unit and spaces, e.g. "$0.0001 per token"',
          ),
        );
      }
      if (SINGLE_DOLLAR_MATH.test(node.value)) {
        problems.push(
          problem(
            file,
            lineOf(node),
            'math-single-dollar',
            'single-dollar math ("$x$") is not parsed on this site, so a "$" pair stays literal text',
            'write math as $$x$$ (inline) or in a $$ block; write money as plain "$20"',
          ),
        );
      }
    } else if (node.type === 'inlineMath' || node.type === 'math') {
      const value = node.value;
      if (node.type === 'inlineMath' && /^\s*\d/.test(value) && /(^|[^\\a-z])[a-z]{3,}\s+[a-z]{3,}/i.test(value)) {
        problems.push(
          problem(
            file,
            lineOf(node),
            'money-as-math',
            `"$$${value}$$" is prose between two "$$", which the site would typeset as a formula`,
            'write money as plain "$20/day"; use $$…$$ only around formulas',
          ),
        );
        continue;
      }
      try {
        katex.renderToString(value, { throwOnError: true, displayMode: node.type === 'math', strict: 'ignore' });
      } catch (error) {
        problems.push(
          problem(
            file,
            lineOf(node),
            'katex',
            `the formula does not typeset: ${(error as Error).message.replace(/^KaTeX parse error: /, '')}`,
            'fix the LaTeX (see https://katex.org/docs/supported.html for what KaTeX supports)',
          ),
        );
      }
    } else if (node.type === 'code' && node.lang && PASTED_LANGUAGES.has(node.lang.toLowerCase())) {
      problems.push(
        problem(
          file,
          lineOf(node),
          'pasted-code',
          `a \`\`\`${node.lang} block is pasted by hand, so nothing compiles or tests it`,
          'move the code into src/examples/<question>/<name>.ts with a <name>.test.ts beside it, import it with "!!raw-loader!@site/..." and show it with <ExampleCode>',
        ),
      );
    }
  }
  return problems;
}

const DOM_GLOBALS = ['window', 'document', 'DOMParser'] as const;

/**
 * Mermaid sanitises labels with DOMPurify, which needs a DOM. Lend it a jsdom
 * window for the duration of the check only: a global `window` left behind
 * would make Docusaurus' server-side rendering believe it runs in a browser.
 */
// One window per process: mermaid's DOMPurify keeps the window it first saw.
let domWindow: import('jsdom').DOMWindow | undefined;

async function withDom<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<string, unknown>;
  const saved = DOM_GLOBALS.map((key) => [key, Object.getOwnPropertyDescriptor(g, key)] as const);
  domWindow ??= new (await import('jsdom')).JSDOM('<!doctype html><html><body></body></html>').window;
  const window = domWindow;
  for (const key of DOM_GLOBALS) {
    Object.defineProperty(g, key, { value: key === 'window' ? window : window[key], configurable: true, writable: true });
  }
  try {
    return await fn();
  } finally {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(g, key, descriptor);
      else delete g[key];
    }
  }
}

export async function checkMermaid(file: string, tree: Root): Promise<Problem[]> {
  const blocks = [...walk(tree)].filter((node) => node.type === 'code' && node.lang === 'mermaid');
  if (blocks.length === 0) return [];
  return withDom(async () => {
    const { default: mermaid } = await import('mermaid');
    const problems: Problem[] = [];
    for (const block of blocks) {
      if (block.type !== 'code') continue;
      try {
        await mermaid.parse(block.value);
      } catch (error) {
        const firstLine = String((error as Error).message ?? error)
          .split('\n')
          .slice(0, 2)
          .join(' ');
        problems.push(
          problem(
            file,
            lineOf(block),
            'mermaid',
            `the Mermaid diagram does not parse (${firstLine})`,
            'check the diagram at https://mermaid.live and quote labels that contain brackets or punctuation, e.g. A["p95 < 50 ms"]',
          ),
        );
      }
    }
    return problems;
  });
}

/** Warnings (not problems) for diagrams likely wider than the desktop column; see rules/diagrams.ts. */
export async function checkMermaidWidths(file: string, tree: Root): Promise<Problem[]> {
  if (![...walk(tree)].some((node) => node.type === 'code' && node.lang === 'mermaid')) return [];
  return withDom(async () => {
    const { default: mermaid } = await import('mermaid');
    return checkDiagramWidths(file, tree, async (text) => {
      // parse() registers the diagram's kind, which getDiagramFromText needs.
      await mermaid.parse(text);
      return mermaid.mermaidAPI.getDiagramFromText(text);
    });
  });
}
