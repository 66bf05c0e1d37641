/**
 * Markup rules that apply to every page: money stays text, math parses,
 * diagrams parse and are of a kind the site draws (and are warned about when
 * likely too wide, see ./diagrams.ts), and code is imported rather than pasted.
 */
// Garbled amounts the money rule recognises:
// cspell:ignore pertoken dayforcompute xtheirannualsavings
import type { Root } from 'mdast';
import { diagramKindProblem } from '../../../src/content/diagramKinds';
import { memoryVerdicts, verdictKey, type Verdict, type VerdictStore } from '../cache';
import { lineOf, walk } from '../mdast';
import { renderers } from '../renderers';
import { problem, type Problem } from '../types';
import { wideDiagram, widthVerdict } from './diagrams';

/** Verdicts being worked out, by the key of the job that works them out. */
const working = new Map<string, Promise<void>>();

/**
 * The verdict under `key`, from `verdicts` or else worked out by `work` and
 * kept. Identical formulas or diagrams being worked out at the same time (on
 * pages checked side by side) share one answer.
 */
async function known(verdicts: VerdictStore, key: string, work: () => Promise<void>, jobKey = key): Promise<Verdict | undefined> {
  let verdict = verdicts.get(key);
  if (verdict !== undefined) return verdict;
  let job = working.get(jobKey);
  if (!job) {
    job = work().finally(() => working.delete(jobKey));
    working.set(jobKey, job);
  }
  await job;
  verdict = verdicts.get(key);
  // Another store (a test's, another validator's) asked first: work it out for this one too.
  if (verdict === undefined) {
    await work();
    verdict = verdicts.get(key);
  }
  return verdict;
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
  // A formula's problem waits for its verdict; every formula of the page is asked for at once, and the problems keep the page's order.
  const problems: (Problem | Promise<Problem | undefined>)[] = [];
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
      const line = lineOf(node);
      const typeset = async () => void verdicts.set(key, await renderers().typeset(value, node.type === 'math'));
      problems.push(
        known(verdicts, key, typeset).then((verdict) =>
          typeof verdict === 'string'
            ? problem(
                file,
                line,
                'katex',
                `the formula does not typeset: ${verdict.replace(/^KaTeX parse error: /, '')}`,
                'fix the LaTeX (see https://katex.org/docs/supported.html for what KaTeX supports)',
              )
            : undefined,
        ),
      );
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
  return (await Promise.all(problems)).filter((p) => p !== undefined);
}

/**
 * Asks Mermaid about a diagram once and keeps the verdicts `verdicts` lacks:
 * does it parse (kind 'mermaid'), is it of a kind and layout the site draws
 * ('mermaid-kind') and is it likely too wide ('mermaid-width'); the last two
 * are null for a diagram that does not parse, which the mermaid rule reports.
 */
function askMermaid(verdicts: VerdictStore, source: string): () => Promise<void> {
  return async () => {
    const answer = await renderers().diagram(source);
    const parses = answer.verdict === null;
    // A diagram that parses always has a kind and a layout; without them the check itself failed, and passes nothing.
    if (parses && (answer.kind === null || answer.layout === null)) throw new Error('the Mermaid check could not run: Mermaid named no kind or layout for a diagram that parses');
    const kindProblem = parses ? diagramKindProblem(answer.kind!, answer.layout!) : null;
    const found: [Parameters<typeof verdictKey>[0], Verdict][] = [
      ['mermaid', answer.verdict],
      // The problem and its fix, one line each.
      ['mermaid-kind', kindProblem && `${kindProblem.message}\n${kindProblem.fix}`],
      ['mermaid-width', widthVerdict(parses ? answer.diagram : null)],
    ];
    for (const [kind, verdict] of found) {
      const key = verdictKey(kind, source);
      if (verdicts.get(key) === undefined) verdicts.set(key, verdict);
    }
  };
}

/** The verdict of each block under `kind`, from `verdicts` or else from Mermaid (loaded only then). */
function diagramVerdicts(blocks: readonly { value: string }[], kind: 'mermaid' | 'mermaid-kind' | 'mermaid-width', verdicts: VerdictStore): Promise<(Verdict | undefined)[]> {
  return Promise.all(blocks.map((block) => known(verdicts, verdictKey(kind, block.value), askMermaid(verdicts, block.value), verdictKey('mermaid', block.value))));
}

/**
 * Every diagram parses and is of a kind and layout the site draws (src/content/diagramKinds.ts: the bundle leaves
 * the others out, so such a diagram would fail on the page). `verdicts` remembers what Mermaid said about each
 * diagram, so an unchanged diagram is not parsed again.
 */
export async function checkMermaid(file: string, tree: Root, verdicts: VerdictStore = memoryVerdicts()): Promise<Problem[]> {
  const blocks = [...walk(tree)].flatMap((node) => (node.type === 'code' && node.lang === 'mermaid' ? [node] : []));
  if (blocks.length === 0) return [];
  const [parse, kind] = await Promise.all([diagramVerdicts(blocks, 'mermaid', verdicts), diagramVerdicts(blocks, 'mermaid-kind', verdicts)]);
  return blocks.flatMap((block, i) => {
    const parseVerdict = parse[i];
    if (typeof parseVerdict === 'string') {
      return [
        problem(
          file,
          lineOf(block),
          'mermaid',
          `the Mermaid diagram does not parse (${parseVerdict})`,
          'check the diagram at https://mermaid.live and quote labels that contain brackets or punctuation, e.g. A["p95 < 50 ms"]',
        ),
      ];
    }
    const kindVerdict = kind[i];
    if (typeof kindVerdict !== 'string') return [];
    const [message = kindVerdict, fix = ''] = kindVerdict.split('\n');
    return [problem(file, lineOf(block), 'mermaid-kind', message, fix)];
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
  const found = await diagramVerdicts(blocks, 'mermaid-width', verdicts);
  return blocks.flatMap((block, i) => {
    const verdict = found[i];
    return typeof verdict === 'string' ? [wideDiagram(file, lineOf(block), verdict)] : [];
  });
}
