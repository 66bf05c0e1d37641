/**
 * The parts every question page must have, and the live-code contract:
 * shown code is imported from a module that exists and has a test beside it.
 */
import path from 'node:path';
import type { RootContent, Table } from 'mdast';
import { countWords } from '../../../src/content/schema';
import { findTrack } from '../../../src/content/tracks';
import { demoPathFor } from '../../../src/runner/conventions';
import { plainFiles, type FileAccess } from '../files';
import { isJsx, jsxAttribute, lineOf, nodeText, sections, tableHeader, walk, type Section } from '../mdast';
import { problem, type Problem, type QuestionPage } from '../types';

/** Sections of an Architecture Q&A page, in order. */
export const ARCHITECTURE_SECTIONS = ['Answer', 'Implementation', 'Diagram', 'Metrics', 'Trade-offs', 'References'] as const;
/** Sections of an architect-interview page (References too, when it cites any). */
export const INTERVIEW_SECTIONS = ['Answer'] as const;
/** The interview track's callout, as a Docusaurus admonition. */
export const ARCHITECTS_CALL = /^:::(tip|note|info)\[The architect[’']s call\]\s*$/m;

/** The spoken mock answer some interview questions carry. */
export const MOCK_ANSWER_SECTION = 'Mock answer';

export const METRICS_HEADER = ['Metric', 'Formula', 'Target'];
export const TRADEOFFS_HEADER = ['Approach', 'Pros', 'Cons', 'Use when'];
export const ANSWER_PARTS = ['What', 'How', 'Trade-off'];
/** What, How and Trade-off together: about three minutes said aloud at most (CONTRIBUTING, "Fix a question"). */
export const ANSWER_WORDS = { min: 180, max: 420 } as const;

export const RAW_IMPORT = /import\s+(\w+)\s+from\s+['"]!!raw-loader!@site\/([^'"]+)['"]/g;

/** What a demo file must export for the Run control to call. */
export const DEMO_EXPORT = /^export\s+(?:async\s+)?function\s+demo\s*\(|^export\s+const\s+demo\s*=/m;

/** A module shown with a Run control, by repository paths. */
export interface RunnableExample {
  readonly module: string;
  readonly demo: string;
}

/** Raw imports of a page: variable name -> repository path and line. */
function rawImports(page: QuestionPage): Map<string, { path: string; line: number }> {
  const imports = new Map<string, { path: string; line: number }>();
  for (const node of page.tree?.children ?? []) {
    if (node.type !== 'mdxjsEsm') continue;
    for (const match of node.value.matchAll(RAW_IMPORT)) {
      const [, name, modulePath] = match;
      if (name && modulePath) imports.set(name, { path: modulePath, line: lineOf(node) });
    }
  }
  return imports;
}

/** The page's examples that have a demo, as the page declares them (checked by checkExamples). */
export function runnableExamples(page: QuestionPage): RunnableExample[] {
  if (!page.tree) return [];
  const imports = rawImports(page);
  const out: RunnableExample[] = [];
  for (const node of walk(page.tree)) {
    if (!isJsx(node, 'ExampleCode')) continue;
    const module = imports.get(jsxAttribute(node, 'source')?.trim() ?? '')?.path;
    const demo = imports.get(jsxAttribute(node, 'demo')?.trim() ?? '')?.path;
    if (module && demo) out.push({ module, demo });
  }
  return out;
}

export interface PageParts {
  hasKeyInsight: boolean;
  hasExample: boolean;
  hasDiagram: boolean;
  hasMetrics: boolean;
  hasTradeoffs: boolean;
  answerWords: number;
  hasMockAnswer: boolean;
}

function firstTable(section: Section | undefined): Table | undefined {
  return section?.nodes.find((node): node is Table => node.type === 'table');
}

function checkTable(page: QuestionPage, section: Section | undefined, expectedHeader: string[], rule: string, problems: Problem[]): boolean {
  if (!section) return false;
  const table = firstTable(section);
  if (!table) {
    problems.push(
      problem(
        page.file,
        lineOf(section.heading),
        rule,
        `the ${section.title} section has no table`,
        `add a table with the columns | ${expectedHeader.join(' | ')} | and three rows`,
      ),
    );
    return false;
  }
  const header = tableHeader(table);
  if (header.join('|').toLowerCase() !== expectedHeader.join('|').toLowerCase()) {
    problems.push(problem(page.file, lineOf(table), rule, `the ${section.title} table has the columns "${header.join(' | ')}"`, `use exactly | ${expectedHeader.join(' | ')} |`));
    return false;
  }
  const rows = table.children.length - 1;
  if (rows !== 3) {
    problems.push(problem(page.file, lineOf(table), rule, `the ${section.title} table has ${rows} rows`, 'give it exactly three rows, the three that matter most'));
    return false;
  }
  return true;
}

async function checkDemo(files: FileAccess, page: QuestionPage, node: RootContent, modulePath: string, imports: ReturnType<typeof rawImports>, problems: Problem[]): Promise<void> {
  const demoVar = jsxAttribute(node, 'demo')?.trim();
  const expected = demoPathFor(modulePath);
  if (demoVar === undefined) {
    // Every example has a Run button: a reader sees the page's claims happen on the code shown.
    const name = path.basename(expected, '.demo.ts');
    problems.push(
      problem(
        page.file,
        lineOf(node),
        'example-demo-absent',
        `the example ${modulePath} has no demo, so its page has no Run button`,
        `write ${expected} and its test, import it with: import ${name}Demo from '!!raw-loader!@site/${expected}'; and pass demo={${name}Demo} (CONTRIBUTING.md, "Make an example runnable")`,
      ),
    );
    return;
  }
  const imported = imports.get(demoVar);
  if (!imported) {
    problems.push(
      problem(
        page.file,
        lineOf(node),
        'example-demo-import',
        `<ExampleCode demo={${demoVar}}> does not name a raw import`,
        `import the demo with: import ${demoVar || 'myDemo'} from '!!raw-loader!@site/${expected}';`,
      ),
    );
    return;
  }
  if (imported.path !== expected) {
    problems.push(
      problem(
        page.file,
        imported.line,
        'example-demo-path',
        `the demo of ${modulePath} is ${imported.path}`,
        `a demo lives beside its module as ${expected}; rename it and import that file`,
      ),
    );
    return;
  }
  const text = await files.read(expected);
  if (text === undefined) {
    problems.push(
      problem(
        page.file,
        imported.line,
        'example-demo-missing',
        `the demo ${expected} does not exist`,
        `create ${expected}: it imports the module and exports a demo() function that logs a short scenario and returns its result`,
      ),
    );
    return;
  }
  if (!DEMO_EXPORT.test(text)) {
    problems.push(
      problem(
        page.file,
        imported.line,
        'example-demo-export',
        `the demo ${expected} exports no demo() function`,
        'add "export async function demo() { … }": the Run control calls it and shows what it logs and returns',
      ),
    );
  }
  const testFile = expected.replace(/\.ts$/, '.test.ts');
  if (!(await files.exists(testFile))) {
    problems.push(
      problem(page.file, imported.line, 'example-demo-untested', `the demo ${expected} has no test`, `add ${testFile}: it runs demo() and checks the result it returns`),
    );
  }
}

export async function checkExamples(rootDir: string, page: QuestionPage, problems: Problem[], files: FileAccess = plainFiles(rootDir)): Promise<boolean> {
  const tree = page.tree;
  if (!tree) return false;
  const imports = rawImports(page);
  let shown = 0;
  for (const node of walk(tree)) {
    if (!isJsx(node, 'ExampleCode')) continue;
    const shownPath = jsxAttribute(node, 'path');
    const sourceVar = jsxAttribute(node, 'source')?.trim();
    const imported = sourceVar ? imports.get(sourceVar) : undefined;
    if (!imported) {
      problems.push(
        problem(
          page.file,
          lineOf(node),
          'example-import',
          `<ExampleCode source={${sourceVar ?? ''}}> does not name a raw import`,
          "import the module with: import mySource from '!!raw-loader!@site/src/examples/<question>/<name>.ts';",
        ),
      );
      continue;
    }
    if (shownPath !== imported.path) {
      problems.push(
        problem(
          page.file,
          lineOf(node),
          'example-path',
          `<ExampleCode path="${shownPath ?? ''}"> does not match the imported file ${imported.path}`,
          `set path="${imported.path}" so the title names the file that is shown`,
        ),
      );
    }
    if (!/^src\/examples\/[^/]+\/[^/]+\.ts$/.test(imported.path) || /\.(test|demo)\.ts$/.test(imported.path)) {
      problems.push(problem(page.file, imported.line, 'example-location', `${imported.path} is not an example module`, 'examples live at src/examples/<qNN-slug>/<name>.ts'));
      continue;
    }
    if (!(await files.exists(imported.path))) {
      problems.push(problem(page.file, imported.line, 'example-missing', `the example module ${imported.path} does not exist`, 'create the module, or correct the import path'));
      continue;
    }
    const testFile = imported.path.replace(/\.ts$/, '.test.ts');
    if (!(await files.exists(testFile))) {
      problems.push(
        problem(
          page.file,
          imported.line,
          'example-untested',
          `the example module ${imported.path} has no test`,
          `add ${testFile} with vitest tests of its behaviour, including a failure path`,
        ),
      );
      continue;
    }
    await checkDemo(files, page, node, imported.path, imports, problems);
    shown++;
  }
  return shown > 0;
}

/** `files` reaches the example modules, demos and tests the page imports (plain disk access under rootDir by default). */
export async function checkQuestionAnatomy(rootDir: string, page: QuestionPage, files: FileAccess = plainFiles(rootDir)): Promise<{ problems: Problem[]; parts: PageParts }> {
  const problems: Problem[] = [];
  const parts: PageParts = { hasKeyInsight: false, hasExample: false, hasDiagram: false, hasMetrics: false, hasTradeoffs: false, answerWords: 0, hasMockAnswer: false };
  const tree = page.tree;
  if (!tree) return { problems, parts };
  const isArchitecture = findTrack(page.frontMatter.track)?.anatomy === 'full';
  const required: readonly string[] = isArchitecture ? ARCHITECTURE_SECTIONS : [...INTERVIEW_SECTIONS, ...(page.frontMatter.references.length > 0 ? ['References'] : [])];
  if (!isArchitecture && !ARCHITECTS_CALL.test(page.source)) {
    problems.push(
      problem(
        page.file,
        1,
        'architects-call',
        'the page has no "The architect\'s call" callout',
        'add the callout inside the answer, opened by ":::tip[The architect\'s call]" and closed by ":::"',
      ),
    );
  }
  const h2 = sections(tree, 2);
  const byTitle = new Map(h2.map((s) => [s.title, s]));

  const header = tree.children.find((node) => isJsx(node, 'QuestionHeader'));
  parts.hasKeyInsight = Boolean(header) && page.frontMatter.keyInsight.trim().length > 0;
  if (!header) {
    problems.push(
      problem(
        page.file,
        lineOf(h2[0]?.heading),
        'key-insight',
        'the page does not show its key insight',
        'put <QuestionHeader /> right after the imports; it shows the key insight from the frontmatter',
      ),
    );
  }

  let lastIndex = -1;
  for (const title of required) {
    const section = byTitle.get(title);
    if (!section) {
      problems.push(problem(page.file, 1, 'section-missing', `the "## ${title}" section is missing`, `add "## ${title}" (sections in order: ${required.join(', ')})`));
      continue;
    }
    const index = h2.indexOf(section);
    if (index < lastIndex) {
      problems.push(problem(page.file, lineOf(section.heading), 'section-order', `"## ${title}" is out of order`, `order the sections: ${required.join(', ')}`));
    }
    lastIndex = index;
  }

  const answer = byTitle.get('Answer');
  if (answer) {
    const text = answer.nodes
      .filter((n) => n.type !== 'code')
      .map((n) => nodeText(n as RootContent))
      .join(' ');
    parts.answerWords = countWords(text);
    if (isArchitecture) {
      const partTitles = sections({ type: 'root', children: answer.nodes }, 3).map((s) => s.title);
      if (partTitles.join('|') !== ANSWER_PARTS.join('|')) {
        problems.push(
          problem(
            page.file,
            lineOf(answer.heading),
            'answer-parts',
            `the answer's parts are "${partTitles.join(', ') || 'none'}"`,
            `split the answer into "### What", "### How" and "### Trade-off"`,
          ),
        );
      }
      if (parts.answerWords < ANSWER_WORDS.min || parts.answerWords > ANSWER_WORDS.max) {
        problems.push(
          problem(
            page.file,
            lineOf(answer.heading),
            'answer-length',
            `the answer has ${parts.answerWords} words`,
            `keep What, How and Trade-off together between ${ANSWER_WORDS.min} and ${ANSWER_WORDS.max} words (code blocks are not counted)`,
          ),
        );
      }
    }
  }

  parts.hasExample = await checkExamples(rootDir, page, problems, files);
  const implementation = byTitle.get('Implementation');
  if (isArchitecture && implementation && !parts.hasExample) {
    problems.push(
      problem(
        page.file,
        lineOf(implementation.heading),
        'example-required',
        'the Implementation section shows no tested example',
        'show a module from src/examples with <ExampleCode path=... source={...} />',
      ),
    );
  }

  const diagram = byTitle.get('Diagram');
  parts.hasDiagram = isArchitecture
    ? Boolean(diagram?.nodes.some((n) => n.type === 'code' && n.lang === 'mermaid'))
    : [...walk(tree)].some((n) => n.type === 'code' && n.lang === 'mermaid');
  parts.hasMockAnswer = byTitle.has(MOCK_ANSWER_SECTION);
  if (isArchitecture && diagram && !parts.hasDiagram) {
    problems.push(problem(page.file, lineOf(diagram.heading), 'diagram-required', 'the Diagram section has no Mermaid diagram', 'add a ```mermaid code block'));
  }
  if (isArchitecture) {
    parts.hasMetrics = checkTable(page, byTitle.get('Metrics'), METRICS_HEADER, 'metrics-table', problems);
    parts.hasTradeoffs = checkTable(page, byTitle.get('Trade-offs'), TRADEOFFS_HEADER, 'tradeoffs-table', problems);
  }

  // Related questions are shown by <References /> or, on a page that cites nothing, by <RelatedQuestions />.
  if (!isArchitecture && page.frontMatter.references.length === 0 && !tree.children.some((n) => isJsx(n, 'RelatedQuestions'))) {
    problems.push(
      problem(
        page.file,
        1,
        'related-component',
        'the page cites no references and does not show its related questions',
        'end the page with "## Related questions" and <RelatedQuestions />',
      ),
    );
  }
  const references = byTitle.get('References');
  if (references && !references.nodes.some((n) => isJsx(n, 'References'))) {
    problems.push(
      problem(
        page.file,
        lineOf(references.heading),
        'references-component',
        'the References section does not render the cited references',
        'put <References /> under "## References"; it lists the ids in the frontmatter',
      ),
    );
  }
  return { problems, parts };
}
