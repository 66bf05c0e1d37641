/**
 * Markup rules that apply to every page: money stays text, math parses,
 * diagrams parse (and are warned about when likely too wide, see
 * ./diagrams.ts), and code is imported rather than pasted.
 */
// Garbled amounts the money rule recognises:
// cspell:ignore pertoken dayforcompute xtheirannualsavings
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Root } from 'mdast';
import { memoryVerdicts, verdictKey, type Verdict, type VerdictStore } from '../cache';
import nativeImport from '../nativeImport.cjs';
import { lineOf, walk } from '../mdast';
import { problem, type Problem } from '../types';
import { wideDiagram, widthVerdict } from './diagrams';

/** A package by name, loaded with Node's own import() (see ../nativeImport.cjs). */
async function importPackage<T>(name: string): Promise<T> {
  const loaded = (await nativeImport(pathToFileURL(createRequire(import.meta.url).resolve(name)).href)) as { default: T };
  return loaded.default;
}

// KaTeX, jsdom and Mermaid are loaded the first time a formula or diagram has no verdict yet, so a run that finds every verdict cached loads none of them.
let katexModule: typeof import('katex').default | undefined;

async function typeset(value: string, displayMode: boolean): Promise<Verdict> {
  katexModule ??= await importPackage<typeof import('katex').default>('katex');
  try {
    katexModule.renderToString(value, { throwOnError: true, displayMode, strict: 'ignore' });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const PASTED_LANGUAGES = new Set(['ts', 'tsx', 'typescript', 'js', 'jsx', 'javascript', 'py', 'python']);

/**
 * A dollar amount whose "$" and spaces were eaten: "0.0001pertoken",
 * "120/dayforcompute", "3xtheirannualsavings", "X,995X".
 */
const GARBLED_MONEY = [/\d[\d.,]*\/?[a-z]{8,}/, /\b[A-Z],\d{3}[A-Z]\b/, /[a-z]{6,}[.:][A-Z][a-z]*[a-z]{12,}/];

/** "$x^2$" or "$\alpha$": single-dollar math, which this site does not parse. */
const SINGLE_DOLLAR_MATH = /(^|[^$\\])\$(?![\s\d$])[^$\n]+?\$(?!\$)/;

/** `verdicts` remembers what KaTeX said about each formula, so an unchanged formula is not typeset again. */
export async function checkMarkup(file: string, tree: Root, verdicts: VerdictStore = memoryVerdicts()): Promise<Problem[]> {
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
      const key = verdictKey(node.type === 'math' ? 'katex-display' : 'katex-inline', value);
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict = await typeset(value, node.type === 'math');
        verdicts.set(key, verdict);
      }
      if (verdict !== null) {
        problems.push(
          problem(
            file,
            lineOf(node),
            'katex',
            `the formula does not typeset: ${verdict.replace(/^KaTeX parse error: /, '')}`,
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
  domWindow ??= new (await importPackage<typeof import('jsdom')>('jsdom')).JSDOM('<!doctype html><html><body></body></html>').window;
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

type Mermaid = typeof import('mermaid').default;
type MermaidBlock = { value: string };

/**
 * The verdict of each block under `kind`: taken from `verdicts` where it is
 * there, otherwise worked out by `verdictOf` with Mermaid loaded (only then)
 * and kept. Identical diagrams are worked out once.
 */
async function diagramVerdicts(
  blocks: readonly MermaidBlock[],
  kind: 'mermaid' | 'mermaid-width',
  verdicts: VerdictStore,
  verdictOf: (mermaid: Mermaid, source: string) => Promise<Verdict>,
): Promise<(Verdict | undefined)[]> {
  const keys = blocks.map((block) => verdictKey(kind, block.value));
  const unknown = [...new Set(blocks.filter((_, i) => verdicts.get(keys[i]!) === undefined).map((block) => block.value))];
  if (unknown.length > 0) {
    await withDom(async () => {
      const mermaid = await importPackage<Mermaid>('mermaid');
      for (const source of unknown) verdicts.set(verdictKey(kind, source), await verdictOf(mermaid, source));
    });
  }
  return keys.map((key) => verdicts.get(key));
}

async function parseVerdict(mermaid: Mermaid, source: string): Promise<Verdict> {
  try {
    await mermaid.parse(source);
    return null;
  } catch (error) {
    return String((error as Error).message ?? error)
      .split('\n')
      .slice(0, 2)
      .join(' ');
  }
}

/** A diagram that does not parse gets null here: the mermaid rule reports it. */
async function widthVerdictOf(mermaid: Mermaid, source: string): Promise<Verdict> {
  try {
    // parse() registers the diagram's kind, which getDiagramFromText needs.
    await mermaid.parse(source);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    return widthVerdict(diagram.type, diagram.db);
  } catch {
    return null;
  }
}

/** `verdicts` remembers what Mermaid said about each diagram, so an unchanged diagram is not parsed again. */
export async function checkMermaid(file: string, tree: Root, verdicts: VerdictStore = memoryVerdicts()): Promise<Problem[]> {
  const blocks = [...walk(tree)].flatMap((node) => (node.type === 'code' && node.lang === 'mermaid' ? [node] : []));
  if (blocks.length === 0) return [];
  const found = await diagramVerdicts(blocks, 'mermaid', verdicts, parseVerdict);
  return blocks.flatMap((block, i) => {
    const verdict = found[i];
    if (verdict === null || verdict === undefined) return [];
    return [
      problem(
        file,
        lineOf(block),
        'mermaid',
        `the Mermaid diagram does not parse (${verdict})`,
        'check the diagram at https://mermaid.live and quote labels that contain brackets or punctuation, e.g. A["p95 < 50 ms"]',
      ),
    ];
  });
}

/**
 * Warnings (not problems) for diagrams likely wider than the desktop column.
 * Only diagrams that parse are measured; `verdicts` remembers each diagram's
 * width verdict, so an unchanged diagram does not load Mermaid again.
 */
export async function checkMermaidWidths(file: string, tree: Root, verdicts: VerdictStore = memoryVerdicts()): Promise<Problem[]> {
  const blocks = [...walk(tree)].flatMap((node) =>
    node.type === 'code' && node.lang === 'mermaid' && typeof verdicts.get(verdictKey('mermaid', node.value)) !== 'string' ? [node] : [],
  );
  if (blocks.length === 0) return [];
  const found = await diagramVerdicts(blocks, 'mermaid-width', verdicts, widthVerdictOf);
  return blocks.flatMap((block, i) => {
    const verdict = found[i];
    return typeof verdict === 'string' ? [wideDiagram(file, lineOf(block), verdict)] : [];
  });
}
