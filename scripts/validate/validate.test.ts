/**
 * The validator's specification: the good fixture passes, and each broken
 * input is rejected with the file, the line, what is wrong and how to fix it.
 */
// Broken inputs on purpose: a garbled amount and a misspelt import name.
// cspell:ignore pertoken Demoo
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceCatalog } from '../../src/content/references';
import { formatProblem, validateContent, PROJECT_ROOT, type Problem } from './index';
import { runnableExamples } from './rules/anatomy';
import { checkCitations } from './rules/collection';

const GOOD = path.join(PROJECT_ROOT, 'scripts/validate/fixtures/good');
const Q1 = 'docs/architecture/structural/q01-component-boundaries.mdx';
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Files {
  read(file: string): Promise<string>;
  write(file: string, text: string): Promise<void>;
  edit(file: string, from: string | RegExp, to: string): Promise<void>;
  remove(file: string): Promise<void>;
}

async function fixture(mutate: (files: Files) => Promise<void> = async () => {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'handbook-validate-'));
  tempDirs.push(dir);
  await cp(GOOD, dir, { recursive: true });
  const files: Files = {
    read: (file) => readFile(path.join(dir, file), 'utf8'),
    async write(file, text) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    },
    async edit(file, from, to) {
      const text = await files.read(file);
      const next = text.replace(from, () => to); // a function, so "$$" in `to` stays literal
      if (next === text) throw new Error(`fixture edit did not apply to ${file}: ${String(from)}`);
      await files.write(file, next);
    },
    remove: (file) => rm(path.join(dir, file)),
  };
  await mutate(files);
  return dir;
}

/** Validates a broken fixture and checks that the validator left every file as it was. */
async function problemsFor(mutate: (files: Files) => Promise<void>): Promise<Problem[]> {
  const dir = await fixture(mutate);
  const before = await snapshot(dir);
  const { problems } = await validateContent({ rootDir: dir });
  expect(await snapshot(dir), "the validator must never change or delete an author's file").toEqual(before);
  return problems;
}

/** Copy Q1 as a second question in the same topic. */
async function addSecondQuestion(files: Files, changes: Record<string, string> = {}): Promise<void> {
  let text = (await files.read(Q1)).replace('questionId: arch-01', 'questionId: arch-02').replace('number: 1', 'number: 2');
  text = text.replace('difficulty: foundational', 'difficulty: intermediate').replace('label: Component boundaries', 'label: Second question');
  for (const [from, to] of Object.entries(changes)) text = text.replace(from, to);
  await files.write(changes.__file ?? 'docs/architecture/structural/q02-second-question.mdx', text);
}

describe('the good fixture', () => {
  it('accepts a complete interview-track page', async () => {
    expect((await problemsFor((f) => addInterviewQuestion(f))).map(formatProblem)).toEqual([]);
  });

  it('passes every rule', async () => {
    const result = await validateContent({ rootDir: GOOD });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.report.verdict).toBe('pass');
    expect(result.report.questions[0]).toMatchObject({ questionId: 'arch-01', hasExample: true, hasDiagram: true, hasMetrics: true, hasTradeoffs: true, hasKeyInsight: true });
  });

  it('accepts links to existing pages, sections and short links', async () => {
    const links = 'See [the diagram](#diagram), [the overview](./index.mdx), [its metrics](./q01-component-boundaries.mdx#metrics) and [the short link](/q/1).\n\n## Diagram\n';
    expect((await problemsFor((f) => f.edit(Q1, '## Diagram\n', links))).map(formatProblem)).toEqual([]);
  });

  it('lists the examples a page makes runnable, with their demos', async () => {
    const result = await validateContent({ rootDir: GOOD });
    expect(runnableExamples(result.questions[0]!)).toEqual([{ module: 'src/examples/q01-fixture/retry.ts', demo: 'src/examples/q01-fixture/retry.demo.ts' }]);
  });

  it('the real content of the handbook passes too', async () => {
    const result = await validateContent();
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.questions.length).toBeGreaterThan(0);
  });
});

const INTERVIEW_Q1 = 'docs/architect-interview/lifecycle/q01-fine-tuning.mdx';

/** A minimal interview-track question, valid unless a part is left out. */
async function addInterviewQuestion(files: Files, { callout = true, relatedQuestions = true } = {}): Promise<void> {
  await files.write('docs/architect-interview/index.mdx', '---\ntitle: Interview\ndescription: A fixture track overview.\n---\n');
  await files.write('docs/architect-interview/lifecycle/index.mdx', '---\ntitle: Lifecycle\ndescription: A fixture part overview.\n---\n');
  const frontMatter = [
    '---',
    'questionId: interview-01',
    'title: When do you fine-tune rather than train from scratch?',
    'label: Fine-tune or train',
    'track: architect-interview',
    'topic: lifecycle',
    'number: 1',
    'difficulty: foundational',
    'reviewed: 2026-11-23',
    'type: lifecycle',
    'keyInsight: Fine-tune first; train from scratch only when the domain is unlike any pre-trained model.',
    '---',
  ].join('\n');
  const body = [
    '<QuestionHeader />',
    '## Answer',
    'Fine-tune first.',
    ...(callout ? [":::tip[The architect's call]\nFine-tune, then measure.\n:::"] : []),
    ...(relatedQuestions ? ['## Related questions', '<RelatedQuestions />'] : []),
  ].join('\n\n');
  await files.write(INTERVIEW_Q1, `${frontMatter}\n\n${body}\n`);
}

interface BadCase {
  name: string;
  mutate: (files: Files) => Promise<void>;
  rule: string;
  file?: string;
  line?: number;
  message: RegExp;
}

const BAD: BadCase[] = [
  { name: 'frontmatter that is not YAML', rule: 'frontmatter-yaml', line: 3, message: /not valid YAML/, mutate: (f) => f.edit(Q1, /^title: .*$/m, 'title: What: is: this?') },
  { name: 'a missing required field', rule: 'schema', message: /"keyInsight"/, mutate: (f) => f.edit(Q1, /^keyInsight: .*\n/m, '') },
  {
    name: 'an unknown field',
    rule: 'schema',
    line: 2,
    message: /unknown frontmatter field "description"/,
    mutate: (f) => f.edit(Q1, '---\n', '---\ndescription: written by hand\n'),
  },
  { name: 'a missing review date', rule: 'schema', message: /"reviewed"/, mutate: (f) => f.edit(Q1, /^reviewed: .*\n/m, '') },
  {
    name: 'a review date that is not a day',
    rule: 'schema',
    line: 9,
    message: /"reviewed" must be the day an expert last checked the facts/,
    mutate: (f) => f.edit(Q1, /^reviewed: .*$/m, 'reviewed: last week'),
  },
  { name: 'a review date in the future', rule: 'reviewed-future', line: 9, message: /in the future/, mutate: (f) => f.edit(Q1, /^reviewed: .*$/m, 'reviewed: 2999-01-01') },
  {
    name: 'a fixed page that shows its review date but has none',
    file: 'docs/architecture/index.mdx',
    rule: 'reviewed-missing',
    message: /<FactsChecked \/> but has no "reviewed" date/,
    mutate: (f) =>
      f.edit('docs/architecture/index.mdx', '# Architecture Q&A\n', "import FactsChecked from '@site/src/components/FactsChecked';\n\n# Architecture Q&A\n\n<FactsChecked />\n"),
  },
  {
    name: 'a fixed page reviewed in the future',
    file: 'docs/architecture/index.mdx',
    rule: 'reviewed-future',
    line: 4,
    message: /in the future/,
    mutate: (f) => f.edit('docs/architecture/index.mdx', "used by the validator's tests.\n", "used by the validator's tests.\nreviewed: 2999-01-01\n"),
  },
  { name: 'a bad difficulty', rule: 'schema', line: 8, message: /"difficulty"/, mutate: (f) => f.edit(Q1, 'difficulty: foundational', 'difficulty: expert') },
  {
    name: 'a key insight over 40 words',
    rule: 'schema',
    line: 11,
    message: /at most 40 words/,
    mutate: (f) => f.edit(Q1, /^keyInsight: .*$/m, `keyInsight: ${'word '.repeat(41).trim()}`),
  },
  { name: 'a title that is not a question', rule: 'schema', line: 3, message: /must end with "\?"/, mutate: (f) => f.edit(Q1, 'of an ML system?', 'of an ML system') },
  { name: 'an id from another track', rule: 'schema', line: 2, message: /start with "arch-"/, mutate: (f) => f.edit(Q1, 'questionId: arch-01', 'questionId: interview-01') },
  { name: 'a number outside its topic', rule: 'schema', line: 7, message: /outside topic "structural"/, mutate: (f) => f.edit(Q1, 'number: 1', 'number: 7') },
  {
    name: 'a file name that disagrees with the number',
    rule: 'file-location',
    file: 'docs/architecture/structural/q02-component-boundaries.mdx',
    line: 7,
    message: /file name says q02 but "number" is 1/,
    mutate: async (f) => {
      await f.write('docs/architecture/structural/q02-component-boundaries.mdx', await f.read(Q1));
      await f.remove(Q1);
    },
  },
  {
    name: 'a duplicate question id',
    rule: 'duplicate-questionId',
    line: 2,
    message: /questionId "arch-01" is also used by/,
    mutate: (f) => addSecondQuestion(f, { 'questionId: arch-02': 'questionId: arch-01' }),
  },
  {
    name: 'a duplicate number',
    rule: 'duplicate-number',
    file: 'docs/architecture/structural/q01-another-slug.mdx',
    line: 7,
    message: /number 1 in track architecture is also used/,
    mutate: (f) =>
      addSecondQuestion(f, { 'questionId: arch-02\n': 'questionId: arch-02\n', 'number: 2': 'number: 1', __file: 'docs/architecture/structural/q01-another-slug.mdx' }),
  },
  {
    name: 'a duplicate slug',
    rule: 'duplicate-title',
    message: /the slug "component-boundaries"/,
    mutate: (f) => addSecondQuestion(f, { __file: 'docs/architecture/structural/q02-component-boundaries.mdx' }),
  },
  {
    name: 'an unknown reference',
    rule: 'reference-unknown',
    line: 12,
    message: /reference L999 is not in the catalog/,
    mutate: (f) => f.edit(Q1, 'references: [A1, A2]', 'references: [A1, A2, L999]'),
  },
  { name: 'too few references', rule: 'references-too-few', line: 12, message: /cites 1 reference/, mutate: (f) => f.edit(Q1, 'references: [A1, A2]', 'references: [A1]') },
  {
    name: 'an unknown related question',
    rule: 'related-unknown',
    line: 14,
    message: /related question "arch-29" does not exist/,
    mutate: (f) => f.edit(Q1, 'related: []', 'related: [arch-29]'),
  },
  {
    name: 'a difficulty distribution that breaks the policy',
    rule: 'difficulty-distribution',
    line: 8,
    message: /2 foundational question\(s\); the policy is 1 foundational, 2 intermediate, 2 advanced/,
    mutate: (f) => addSecondQuestion(f, { 'difficulty: intermediate': 'difficulty: foundational' }),
  },
  { name: 'a missing section', rule: 'section-missing', message: /"## Diagram" section is missing/, mutate: (f) => f.edit(Q1, /## Diagram\n\n```mermaid[\s\S]*?```\n/, '') },
  {
    name: 'an answer without its three parts',
    rule: 'answer-parts',
    message: /answer's parts are "What, Details, Trade-off"/,
    mutate: (f) => f.edit(Q1, '### How', '### Details'),
  },
  {
    name: 'an answer that is too short',
    rule: 'answer-length',
    message: /the answer has \d+ words/,
    mutate: (f) => f.edit(Q1, /### How\n\n[\s\S]*?## Implementation/, '### How\n\nShort.\n\n### Trade-off\n\nCheap.\n\n## Implementation'),
  },
  { name: 'a metrics table with two rows', rule: 'metrics-table', message: /Metrics table has 2 rows/, mutate: (f) => f.edit(Q1, /\| Independent deployments .*\n/, '') },
  {
    name: 'a trade-offs table with the wrong columns',
    rule: 'tradeoffs-table',
    message: /columns "Approach \| Pros \| Cons \| When"/,
    mutate: (f) => f.edit(Q1, '| Approach | Pros | Cons | Use when |', '| Approach | Pros | Cons | When |'),
  },
  {
    name: 'a missing example module',
    rule: 'example-missing',
    line: 17,
    message: /src\/examples\/q01-fixture\/gone\.ts does not exist/,
    mutate: async (f) => {
      await f.edit(Q1, "q01-fixture/retry.ts';", "q01-fixture/gone.ts';");
      await f.edit(Q1, 'path="src/examples/q01-fixture/retry.ts"', 'path="src/examples/q01-fixture/gone.ts"');
    },
  },
  { name: 'an example without a test', rule: 'example-untested', line: 17, message: /retry\.ts has no test/, mutate: (f) => f.remove('src/examples/q01-fixture/retry.test.ts') },
  {
    name: 'an example whose title names another file',
    rule: 'example-path',
    message: /does not match the imported file/,
    mutate: (f) => f.edit(Q1, 'path="src/examples/q01-fixture/retry.ts"', 'path="src/examples/q01-fixture/other.ts"'),
  },
  {
    name: 'a demo that names no raw import',
    rule: 'example-demo-import',
    line: 38,
    message: /demo=\{retryDemoo\}> does not name a raw import/,
    mutate: (f) => f.edit(Q1, 'demo={retryDemo}', 'demo={retryDemoo}'),
  },
  {
    name: 'an example without a demo',
    rule: 'example-demo-absent',
    line: 38,
    message: /the example src\/examples\/q01-fixture\/retry\.ts has no demo, so its page has no Run button/,
    mutate: (f) => f.edit(Q1, ' demo={retryDemo}', ''),
  },
  {
    name: 'a demo that does not sit beside its module',
    rule: 'example-demo-path',
    line: 17,
    message: /the demo of src\/examples\/q01-fixture\/retry\.ts is src\/examples\/q01-fixture\/scenario\.ts/,
    mutate: async (f) => {
      await f.write('src/examples/q01-fixture/scenario.ts', await f.read('src/examples/q01-fixture/retry.demo.ts'));
      await f.edit(Q1, 'q01-fixture/retry.demo.ts', 'q01-fixture/scenario.ts');
    },
  },
  {
    name: 'a missing demo',
    rule: 'example-demo-missing',
    line: 17,
    message: /the demo src\/examples\/q01-fixture\/retry\.demo\.ts does not exist/,
    mutate: (f) => f.remove('src/examples/q01-fixture/retry.demo.ts'),
  },
  {
    name: 'a demo without a test',
    rule: 'example-demo-untested',
    line: 17,
    message: /retry\.demo\.ts has no test/,
    mutate: (f) => f.remove('src/examples/q01-fixture/retry.demo.test.ts'),
  },
  {
    name: 'a demo that exports no demo()',
    rule: 'example-demo-export',
    line: 17,
    message: /exports no demo\(\) function/,
    mutate: (f) => f.edit('src/examples/q01-fixture/retry.demo.ts', 'export function demo()', 'export function run()'),
  },
  {
    name: 'a demo shown as if it were the module',
    rule: 'example-location',
    message: /retry\.demo\.ts is not an example module/,
    mutate: (f) => f.edit(Q1, 'path="src/examples/q01-fixture/retry.ts" source={retrySource}', 'path="src/examples/q01-fixture/retry.demo.ts" source={retryDemo}'),
  },
  {
    name: 'a placeholder left by new:question',
    rule: 'todo-marker',
    line: 3,
    message: /the scaffold's TODO\(new-question\) marker is still here \(the question itself\?\)/,
    mutate: (f) => f.edit(Q1, /^title: .*$/m, "title: 'TODO(new-question): the question itself?'"),
  },
  {
    name: 'a placeholder left in an example module',
    rule: 'todo-marker',
    file: 'src/examples/q01-fixture/retry.ts',
    line: 1,
    message: /marker is still here/,
    mutate: (f) => f.edit('src/examples/q01-fixture/retry.ts', /^/, '// TODO(new-question): explain the module\n'),
  },
  {
    name: 'a link to a page that does not exist',
    rule: 'link-broken',
    line: 40,
    message: /points at docs\/architecture\/structural\/q09-missing\.mdx, which does not exist/,
    mutate: (f) => f.edit(Q1, '## Diagram\n', 'See [the missing page](./q09-missing.mdx).\n\n## Diagram\n'),
  },
  {
    name: 'a link to a URL that is no page',
    rule: 'link-broken',
    message: /points at \/architecture\/nowhere, which is no page/,
    mutate: (f) => f.edit(Q1, '## Diagram\n', 'See [nowhere](/architecture/nowhere).\n\n## Diagram\n'),
  },
  {
    name: 'a link to an anchor that does not exist',
    rule: 'anchor-broken',
    line: 40,
    message: /names the anchor #no-such-section, which this page does not have/,
    mutate: (f) => f.edit(Q1, '## Diagram\n', 'See [below](#no-such-section).\n\n## Diagram\n'),
  },
  {
    name: 'code pasted by hand',
    rule: 'pasted-code',
    message: /```ts block is pasted by hand/,
    mutate: (f) => f.edit(Q1, '## Diagram\n', '```ts\nconst x = 1;\n```\n\n## Diagram\n'),
  },
  {
    name: 'money garbled by a math parser',
    rule: 'money-garbled',
    message: /"0\.0001pertoken" looks like a dollar amount/,
    mutate: (f) => f.edit(Q1, '## Diagram\n', 'A small model costs 0.0001pertoken.\n\n## Diagram\n'),
  },
  {
    name: 'money typeset as math',
    rule: 'money-as-math',
    message: /prose between two "\$\$"/,
    mutate: (f) => f.edit(Q1, '## Diagram\n', 'It costs $$20/day and $$5 per hour.\n\n## Diagram\n'),
  },
  { name: 'single-dollar math', rule: 'math-single-dollar', message: /single-dollar math/, mutate: (f) => f.edit(Q1, '## Diagram\n', 'The loss is $x^2$ here.\n\n## Diagram\n') },
  { name: 'a formula KaTeX cannot typeset', rule: 'katex', message: /the formula does not typeset/, mutate: (f) => f.edit(Q1, '| count |', '| $$\\frac{a}$$ |') },
  {
    name: 'a Mermaid diagram that does not parse',
    rule: 'mermaid',
    message: /Mermaid diagram does not parse/,
    mutate: (f) => f.edit(Q1, 'A[Ingestion] --> B[Features] --> C[Training]', 'A[Ingestion] --> '),
  },
  {
    name: 'a Mermaid diagram of a kind the site does not draw',
    rule: 'mermaid-kind',
    line: 42,
    message: /^Mermaid reads this diagram as kind "pie", which is not one the site draws$/,
    mutate: (f) => f.edit(Q1, 'flowchart LR\n  A[Ingestion] --> B[Features] --> C[Training]', 'pie\n  "Ingestion": 2\n  "Training": 1'),
  },
  {
    name: 'a Mermaid diagram that asks for a layout the site does not include',
    rule: 'mermaid-kind',
    line: 42,
    message: /^this flowchart asks for the "elk" layout; the site lays diagrams out with dagre only$/,
    mutate: (f) => f.edit(Q1, 'flowchart LR\n', '---\nconfig:\n  layout: elk\n---\nflowchart LR\n'),
  },
  { name: 'MDX that does not parse', rule: 'mdx-syntax', message: /not valid MDX/, mutate: (f) => f.edit(Q1, '## Diagram\n', '<div>\n\n## Diagram\n') },
  { name: 'a page that does not show its key insight', rule: 'key-insight', message: /does not show its key insight/, mutate: (f) => f.edit(Q1, '<QuestionHeader />\n', '') },
  {
    name: 'references that are not rendered',
    rule: 'references-component',
    message: /does not render the cited references/,
    mutate: (f) => f.edit(Q1, '<References />', 'See above.'),
  },
  {
    name: 'a topic without an overview',
    rule: 'overview-missing',
    file: 'docs/architecture/structural/index.mdx',
    message: /has questions but no overview page/,
    mutate: (f) => f.remove('docs/architecture/structural/index.mdx'),
  },
  {
    name: 'an overview without a description',
    rule: 'page-frontmatter',
    file: 'docs/architecture/index.mdx',
    message: /"description"/,
    mutate: (f) => f.edit('docs/architecture/index.mdx', /^description: .*\n/m, ''),
  },
  {
    name: "an interview page without the architect's call",
    rule: 'architects-call',
    file: INTERVIEW_Q1,
    message: /no "The architect's call" callout/,
    mutate: (f) => addInterviewQuestion(f, { callout: false }),
  },
  {
    name: 'an interview page that cites nothing and hides its related questions',
    rule: 'related-component',
    file: INTERVIEW_Q1,
    message: /does not show its related questions/,
    mutate: (f) => addInterviewQuestion(f, { relatedQuestions: false }),
  },
];

describe('each broken input is rejected with path, line, problem and fix', () => {
  it.each(BAD)('$name → [$rule]', async (bad) => {
    const problems = await problemsFor(bad.mutate);
    const match = problems.find((p) => p.rule === bad.rule);
    expect(match, `expected a [${bad.rule}] problem, got:\n${problems.map(formatProblem).join('\n')}`).toBeDefined();
    expect(match!.file).toBe(bad.file ?? Q1);
    if (bad.line !== undefined) expect(match!.line).toBe(bad.line);
    expect(match!.message).toMatch(bad.message);
    expect(match!.fix.length).toBeGreaterThan(10);
    expect(formatProblem(match!)).toMatch(new RegExp(`^${(bad.file ?? Q1).replace(/[.]/g, '\\.')}:\\d+: .+\\. Fix: .+ \\[${bad.rule}\\]$`));
  });

  it('covers at least 25 distinct rules', () => {
    expect(new Set(BAD.map((b) => b.rule)).size).toBeGreaterThanOrEqual(25);
  });
});

describe('catalog rules', () => {
  it('rejects a malformed catalog entry, naming the catalog file', async () => {
    const catalog = [...referenceCatalog, { id: 'L998', kind: 'literature', citation: 'Too short', note: 'x' }];
    const { problems } = await validateContent({ rootDir: GOOD, catalog });
    const bad = problems.filter((p) => p.rule === 'catalog-entry');
    expect(bad.map((p) => p.message).join('\n')).toMatch(/reference L998: "citation"/);
  });

  it('rejects a duplicate catalog id', async () => {
    const catalog = [...referenceCatalog, referenceCatalog[0]];
    const { problems } = await validateContent({ rootDir: GOOD, catalog });
    expect(problems.find((p) => p.rule === 'catalog-duplicate')?.message).toMatch(/is defined 2 times/);
  });

  it('rejects the same tool listed twice under two ids', async () => {
    const kafka = referenceCatalog.find((e) => e.kind === 'tool' && e.name === 'Apache Kafka')!;
    const { problems } = await validateContent({ rootDir: GOOD, catalog: [...referenceCatalog, { ...kafka, id: 'T999' }] });
    expect(problems.find((p) => p.rule === 'catalog-duplicate')?.message).toMatch(/T999 describes the same work, tool or term as T8/);
  });

  it('once the Q&A is complete, flags catalog entries that no question cites', () => {
    const problems = checkCitations(
      [],
      {
        entries: [{ id: 'G1', kind: 'glossary', term: 'Port', definition: 'A port is an interface the core owns.' }],
        problems: [],
        lineOf: () => ({ file: 'src/content/references/glossary.ts', line: 12 }),
      },
      true,
    );
    expect(problems).toEqual([expect.objectContaining({ rule: 'reference-uncited', file: 'src/content/references/glossary.ts', line: 12 })]);
  });
});

describe('the command line', () => {
  const run = promisify(execFile);
  const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
  // A fresh tsx process compiles and loads the validator (about 15 s on this two-core machine), more when other test files run beside it.
  const CLI_TIMEOUT_MS = 60_000;

  it(
    "exits 1 with one line per problem and no stack trace, and leaves the author's files untouched",
    async () => {
      const dir = await fixture((f) => f.edit(Q1, 'difficulty: foundational', 'difficulty: expert'));
      const before = await snapshot(dir);
      const result = await run(tsx, ['scripts/validate.ts', '--root', dir], { cwd: PROJECT_ROOT }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/docs\/architecture\/structural\/q01-component-boundaries\.mdx:8: "difficulty"/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await snapshot(dir)).toEqual(before);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'prints a warning for a diagram likely too wide for the column, names the fix, and still exits 0',
    async () => {
      const chain = 'A[Ingestion service] --> B[Feature pipeline] --> C[Training job] --> D[Evaluation gate] --> E[Model registry] --> F[Serving fleet]';
      const dir = await fixture((f) => f.edit(Q1, 'A[Ingestion] --> B[Features] --> C[Training]', chain));
      const { stdout, stderr } = await run(tsx, ['scripts/validate.ts', '--root', dir], { cwd: PROJECT_ROOT });
      expect(stderr).toMatch(
        /^warning: docs\/architecture\/structural\/q01-component-boundaries\.mdx:\d+: this diagram is likely about \d+ px wide.*left-to-right chain of 6 nodes.*Fix: .*top-down \(flowchart TB\).* \[diagram-wide\]$/m,
      );
      expect(stdout).toMatch(/Content is valid: 1 question page.* 1 warning\(s\) above\./);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'exits 0 on valid content',
    async () => {
      const { stdout } = await run(tsx, ['scripts/validate.ts', '--root', GOOD], { cwd: PROJECT_ROOT });
      expect(stdout).toMatch(/Content is valid: 1 question page/);
    },
    CLI_TIMEOUT_MS,
  );
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string): Promise<void> {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) await walk(child);
      else out[child] = await readFile(path.join(dir, child), 'utf8');
    }
  }
  await walk('.');
  return out;
}
