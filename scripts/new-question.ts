/**
 * `npm run new:question -- --track architecture --topic data --number 18 --slug my-question`
 *
 * Scaffolds a question page, its example module, the module's demo (the Run
 * button's scenario) and a test for each, shaped by the schema and the page
 * anatomy the validator enforces. Every placeholder
 * carries a TODO(new-question) marker, which `npm run validate` reports until
 * it is replaced. Never overwrites a file. `--number` may be left out: the
 * first free number of the topic is taken.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { QUESTION_TYPES } from '../src/content/schema';
import { findTrack, padNumber, questionIdFor, TRACKS, type TopicDefinition, type TrackDefinition } from '../src/content/tracks';
import { ANSWER_WORDS } from './validate/rules/anatomy';
import { TODO_MARKER } from './validate/rules/todo';
import { PROJECT_ROOT } from './validate/index';

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

export interface ScaffoldOptions {
  track: string;
  topic: string;
  slug: string;
  /** Left out: the first free number of the topic. */
  number?: number;
}

export interface ScaffoldResult {
  /** Paths relative to the root, in the order they were written. */
  files: string[];
  questionId: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Numbers already used in a track, from the file names of its question pages. */
function usedNumbers(rootDir: string, track: TrackDefinition): Map<number, string> {
  const used = new Map<number, string>();
  const trackDir = path.join(rootDir, 'docs', track.slug);
  if (!existsSync(trackDir)) return used;
  for (const topic of readdirSync(trackDir, { withFileTypes: true })) {
    if (!topic.isDirectory()) continue;
    for (const file of readdirSync(path.join(trackDir, topic.name))) {
      const match = /^q(\d{2})-.+\.mdx?$/.exec(file);
      if (match) used.set(Number(match[1]), `docs/${track.slug}/${topic.name}/${file}`);
    }
  }
  return used;
}

function freeNumbers(topic: TopicDefinition, used: Map<number, string>): number[] {
  const free: number[] = [];
  for (let n = topic.range[0]; n <= topic.range[1]; n++) if (!used.has(n)) free.push(n);
  return free;
}

/** "my-question" -> "myQuestion": the module's and the function's name. */
export function camelCase(slug: string): string {
  const name = slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return /^[a-z]/.test(name) ? name : `q${name}`;
}

function questionType(track: TrackDefinition, topic: string): { type: string; guessed: boolean } {
  if ((QUESTION_TYPES as readonly string[]).includes(topic)) return { type: topic, guessed: false };
  if (topic === 'tools') return { type: 'tooling', guessed: false };
  return { type: track.anatomy === 'full' ? 'structural' : 'system-design', guessed: true };
}

function frontMatter(track: TrackDefinition, topic: string, number: number): string {
  const { type, guessed } = questionType(track, topic);
  return [
    '---',
    `questionId: ${questionIdFor(track, number)}`,
    `title: '${TODO_MARKER}: the question itself, as a reader would be asked it?'`,
    `label: '${TODO_MARKER} label'`,
    `track: ${track.slug}`,
    `topic: ${topic}`,
    `number: ${number}`,
    `difficulty: intermediate # ${TODO_MARKER}: foundational, intermediate or advanced (see the policy in CONTRIBUTING.md)`,
    `reviewed: ${new Date().toISOString().slice(0, 10)} # ${TODO_MARKER}: the day someone other than the author checked every fact against its source`,
    `type: ${type}${guessed ? ` # ${TODO_MARKER}: one of ${QUESTION_TYPES.join(', ')}` : ''}`,
    `keyInsight: '${TODO_MARKER}: the point of the answer in at most 40 words, with the trade-off in numbers.'`,
    `references: [] # ${TODO_MARKER}: ids from the catalog (/references)${track.anatomy === 'full' ? ', at least two' : ' that the answer cites'}`,
    `tags: [] # ${TODO_MARKER}: a few lowercase-with-dashes tags`,
    'related: []',
    'redirectFrom: []',
    '---',
  ].join('\n');
}

function architecturePage(head: string, importLine: string, example: string): string {
  return `${head}

${importLine}

<QuestionHeader />

## Answer

### What

${TODO_MARKER}: the decision, stated first, in two or three sentences.

### How

${TODO_MARKER}: how it works, with concrete numbers and units (ms, GB, $ per month).

### Trade-off

${TODO_MARKER}: what it costs and when not to do it. The three parts together are ${ANSWER_WORDS.min}-${ANSWER_WORDS.max} words.

## Implementation

${TODO_MARKER}: one sentence on what the module below shows.

${example}

## Diagram

\`\`\`mermaid
flowchart LR
  A["${TODO_MARKER}"] --> B[Component] --> C[Outcome]
\`\`\`

## Metrics

| Metric | Formula | Target |
| --- | --- | --- |
| ${TODO_MARKER} | formula | target |
| ${TODO_MARKER} | formula | target |
| ${TODO_MARKER} | formula | target |

## Trade-offs

| Approach | Pros | Cons | Use when |
| --- | --- | --- | --- |
| ${TODO_MARKER} | pros | cons | when |
| ${TODO_MARKER} | pros | cons | when |
| ${TODO_MARKER} | pros | cons | when |

## References

<References />
`;
}

function interviewPage(head: string, importLine: string, example: string): string {
  return `${head}

${importLine}

<QuestionHeader />

## Answer

${TODO_MARKER}: the answer, point first, with numbers and units.

:::tip[The architect's call]
${TODO_MARKER}: the decision an architect would make, in two or three sentences.
:::

## Implementation

${TODO_MARKER}: one sentence on what the module below shows.

${example}

## References

<References />
`;
}

function moduleSource(name: string): string {
  return `/**
 * ${TODO_MARKER}: what this module shows for the question, in one or two sentences.
 * Strict TypeScript, no npm dependencies, no Node-only APIs; inject clocks and randomness.
 */

/** ${TODO_MARKER}: replace this placeholder with the question's implementation. */
export function ${name}(input: number): number {
  if (input < 0) throw new RangeError('input must not be negative');
  return input;
}
`;
}

function testSource(name: string): string {
  return `import { describe, expect, it } from 'vitest';
import { ${name} } from './${name}';

// ${TODO_MARKER}: specify the behaviour the page claims, including a failure path.
describe('${name}', () => {
  it('returns a valid input unchanged', () => {
    expect(${name}(3)).toBe(3);
  });

  it('rejects a negative input', () => {
    expect(() => ${name}(-1)).toThrow(RangeError);
  });
});
`;
}

function demoSource(name: string): string {
  return `/**
 * ${TODO_MARKER}: the scenario this demo runs on the module, with the page's numbers.
 * Readers run it with the Run button (CONTRIBUTING.md, "Make an example runnable").
 */
import { ${name} } from './${name}';

export function demo(): { result: number } {
  // ${TODO_MARKER}: about ten lines, each computed from the module's results, not restated.
  const result = ${name}(3);
  console.log(\`${name}(3) = \${result}\`);
  return { result };
}
`;
}

function demoTestSource(name: string): string {
  return `import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './${name}.demo';

afterEach(() => vi.restoreAllMocks());

// ${TODO_MARKER}: check every figure the demo returns, and the lines it logs.
describe('the ${name} demo', () => {
  it('returns and prints the result of its scenario', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ result: 3 });
    expect(log).toHaveBeenCalledWith('${name}(3) = 3');
  });
});
`;
}

/** Checks the request against tracks.ts and the files on disk, then writes the five files (or none). */
export function scaffold(rootDir: string, options: ScaffoldOptions): ScaffoldResult {
  const track = findTrack(options.track);
  if (!track) throw new ScaffoldError(`unknown track "${options.track}"; use one of: ${TRACKS.map((t) => t.slug).join(', ')}`);
  const topic = track.topics.find((t) => t.slug === options.topic);
  if (!topic) throw new ScaffoldError(`topic "${options.topic}" is not part of track "${track.slug}"; use one of: ${track.topics.map((t) => t.slug).join(', ')}`);
  if (!SLUG.test(options.slug)) throw new ScaffoldError(`slug "${options.slug}" must be lowercase words joined by dashes, e.g. "feature-store-backfill"`);

  const used = usedNumbers(rootDir, track);
  const free = freeNumbers(topic, used);
  const freeText =
    free.length > 0
      ? `free numbers in this topic: ${free.join(', ')}`
      : `every number of Q${topic.range[0]}-Q${topic.range[1]} is taken; to plan more questions, widen the topic ranges (and totalQuestions) in src/content/tracks.ts first`;
  const number = options.number ?? free[0];
  if (number === undefined) throw new ScaffoldError(`topic "${topic.slug}" has no free question number: ${freeText}`);
  if (!Number.isInteger(number) || number < topic.range[0] || number > topic.range[1]) {
    throw new ScaffoldError(`question ${number} is outside topic "${topic.slug}", which holds Q${topic.range[0]}-Q${topic.range[1]}; ${freeText}`);
  }
  const taken = used.get(number);
  if (taken) throw new ScaffoldError(`question ${number} of track "${track.slug}" already exists: ${taken}; ${freeText}`);

  const name = camelCase(options.slug);
  const exampleDir = `src/examples/${track.examplePrefix}q${padNumber(number)}-${options.slug}`;
  const modulePath = `${exampleDir}/${name}.ts`;
  const pagePath = `docs/${track.slug}/${topic.slug}/q${padNumber(number)}-${options.slug}.mdx`;
  const files: [string, string][] = [
    [pagePath, ''],
    [modulePath, moduleSource(name)],
    [`${exampleDir}/${name}.test.ts`, testSource(name)],
    [`${exampleDir}/${name}.demo.ts`, demoSource(name)],
    [`${exampleDir}/${name}.demo.test.ts`, demoTestSource(name)],
  ];
  const existing = files.map(([file]) => file).filter((file) => existsSync(path.join(rootDir, file)));
  if (existing.length > 0) throw new ScaffoldError(`refusing to overwrite ${existing.join(', ')}; nothing was written. Pick another slug or number, or edit the existing file`);

  const importLine = [`import ${name}Source from '!!raw-loader!@site/${modulePath}';`, `import ${name}Demo from '!!raw-loader!@site/${exampleDir}/${name}.demo.ts';`].join('\n');
  const example = `<ExampleCode path="${modulePath}" source={${name}Source} demo={${name}Demo} />`;
  const head = frontMatter(track, topic.slug, number);
  files[0]![1] = track.anatomy === 'full' ? architecturePage(head, importLine, example) : interviewPage(head, importLine, example);

  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(rootDir, file)), { recursive: true });
    // "wx": fail rather than overwrite, even if a file appeared since the check above.
    writeFileSync(path.join(rootDir, file), text, { flag: 'wx' });
  }
  return { files: files.map(([file]) => file), questionId: questionIdFor(track, number) };
}

const USAGE = 'Usage: npm run new:question -- --track <track> --topic <topic> --slug <slug> [--number <n>]';

const TRACKS_AND_TOPICS = `Tracks and topics: ${TRACKS.map((t) => `${t.slug} (${t.topics.map((p) => p.slug).join(', ')})`).join('; ')}`;

function main(argv: string[]): number {
  let values: { track?: string; topic?: string; slug?: string; number?: string; root?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { track: { type: 'string' }, topic: { type: 'string' }, slug: { type: 'string' }, number: { type: 'string' }, root: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    // An unknown flag or a flag without its value: say which, then how the command is used.
    console.error(`new:question: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  if (!values.track || !values.topic || !values.slug) {
    console.error(`${USAGE}\n${TRACKS_AND_TOPICS}`);
    return 1;
  }
  if (values.number !== undefined && !/^\d+$/.test(values.number)) {
    console.error(`new:question: --number must be a whole number such as 18, not "${values.number}"; leave it out to take the topic's first free number`);
    return 1;
  }
  const number = values.number === undefined ? undefined : Number(values.number);
  const result = scaffold(values.root ?? PROJECT_ROOT, { track: values.track, topic: values.topic, slug: values.slug, ...(number === undefined ? {} : { number }) });
  console.log(`Created ${result.questionId}:\n${result.files.map((f) => `  ${f}`).join('\n')}\nReplace every ${TODO_MARKER} marker; "npm run validate" lists the ones left.`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    // A refused request is the author's to fix, not a crash: one line, no stack trace.
    console.error(`new:question: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
