/** Rules over the whole collection: uniqueness, difficulty policy, references, related questions. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { referenceEntrySchema, type ReferenceEntry } from '../../../src/content/references/schema';
import type { DifficultyRow } from '../../../src/content/report';
import { DIFFICULTIES, TRACKS, findTrack } from '../../../src/content/tracks';
import { problem, type Problem, type QuestionFacts } from '../types';

function duplicates<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

export function checkUniqueness(questions: readonly QuestionFacts[]): Problem[] {
  const problems: Problem[] = [];
  const report = (group: QuestionFacts[], field: string, what: string, fix: string): void => {
    const others = (q: QuestionFacts) =>
      group
        .filter((o) => o !== q)
        .map((o) => o.file)
        .join(', ');
    for (const q of group) problems.push(problem(q.file, q.keyLines.get(field), `duplicate-${field}`, `${what} is also used by ${others(q)}`, fix));
  };
  for (const group of duplicates(questions, (q) => q.frontMatter.questionId)) {
    report(group, 'questionId', `questionId "${group[0]?.frontMatter.questionId}"`, 'give each question its own id; never reuse the id of another question');
  }
  for (const group of duplicates(questions, (q) => `${q.frontMatter.track}#${q.frontMatter.number}`)) {
    report(group, 'number', `number ${group[0]?.frontMatter.number} in track ${group[0]?.frontMatter.track}`, 'number the questions of a track 1, 2, 3... without repeats');
  }
  const slugOf = (q: QuestionFacts) => `${q.frontMatter.track}#${q.file.replace(/^.*\/q\d{2}-/, '').replace(/\.mdx?$/, '')}`;
  for (const group of duplicates(questions, slugOf)) {
    report(group, 'title', `the slug "${slugOf(group[0]!).split('#')[1]}"`, 'give the file a slug that names this question only');
  }
  return problems;
}

export function difficultyTable(questions: readonly QuestionFacts[]): DifficultyRow[] {
  const rows: DifficultyRow[] = [];
  for (const track of TRACKS) {
    for (const topic of track.topics) {
      const inTopic = questions.filter((q) => q.frontMatter.track === track.slug && q.frontMatter.topic === topic.slug);
      if (inTopic.length === 0) continue;
      const counts = { foundational: 0, intermediate: 0, advanced: 0 };
      for (const q of inTopic) counts[q.frontMatter.difficulty]++;
      const size = topic.range[1] - topic.range[0] + 1;
      rows.push({
        track: track.slug,
        topic: topic.slug,
        label: topic.label,
        counts,
        expected: track.perTopicDifficulty ? { ...track.perTopicDifficulty } : null,
        complete: inTopic.length === size,
      });
    }
  }
  return rows;
}

export function checkDifficulty(questions: readonly QuestionFacts[]): Problem[] {
  const problems: Problem[] = [];
  for (const row of difficultyTable(questions)) {
    if (!row.expected) continue;
    const expected = row.expected;
    const inTopic = questions.filter((q) => q.frontMatter.track === row.track && q.frontMatter.topic === row.topic);
    for (const difficulty of DIFFICULTIES) {
      const over = row.counts[difficulty] > expected[difficulty];
      const under = row.complete && row.counts[difficulty] < expected[difficulty];
      if (!over && !under) continue;
      const policy = DIFFICULTIES.map((d) => `${expected[d]} ${d}`).join(', ');
      const culprits = over ? inTopic.filter((q) => q.frontMatter.difficulty === difficulty) : inTopic;
      for (const q of culprits) {
        problems.push(
          problem(
            q.file,
            q.keyLines.get('difficulty'),
            'difficulty-distribution',
            `topic "${row.topic}" has ${row.counts[difficulty]} ${difficulty} question(s); the policy is ${policy}`,
            'change the difficulty of one question in the topic so that the counts match the policy',
          ),
        );
      }
    }
  }
  return problems;
}

export interface CatalogCheck {
  entries: ReferenceEntry[];
  problems: Problem[];
}

/** Validate catalog entries and find the line of each id in its source file. */
export async function checkCatalog(rootDir: string, entries: readonly unknown[]): Promise<CatalogCheck & { lineOf: (id: string) => { file: string; line: number } }> {
  const dir = 'src/content/references';
  const files = [
    'literature.ts',
    'tools.ts',
    'glossary.ts',
    ...(await readdir(path.join(rootDir, dir, 'topics')).catch(() => [])).filter((f) => f.endsWith('.ts')).map((f) => `topics/${f}`),
  ];
  const locations = new Map<string, { file: string; line: number }>();
  for (const name of files) {
    const file = `${dir}/${name}`;
    const text = await readFile(path.join(rootDir, file), 'utf8').catch(() => '');
    text.split('\n').forEach((line, i) => {
      const match = /\bid:\s*'([AGLT]\d+)'/.exec(line);
      if (match?.[1] && !locations.has(match[1])) locations.set(match[1], { file, line: i + 1 });
    });
  }
  const lineOf = (id: string) => locations.get(id) ?? { file: `${dir}/index.ts`, line: 1 };
  const problems: Problem[] = [];
  const valid: ReferenceEntry[] = [];
  for (const raw of entries) {
    const parsed = referenceEntrySchema.safeParse(raw);
    const id = String((raw as { id?: unknown }).id ?? '?');
    if (!parsed.success) {
      const where = lineOf(id);
      for (const issue of parsed.error.issues) {
        problems.push(
          problem(
            where.file,
            where.line,
            'catalog-entry',
            `reference ${id}: "${issue.path.join('.')}" ${issue.message}`,
            'correct the entry; see src/content/references/schema.ts',
          ),
        );
      }
      continue;
    }
    valid.push(parsed.data);
  }
  for (const group of duplicates(valid, (e) => e.id)) {
    const where = lineOf(group[0]!.id);
    problems.push(problem(where.file, where.line, 'catalog-duplicate', `reference id ${group[0]!.id} is defined ${group.length} times`, 'give each entry its own id'));
  }
  const sameThing = (e: ReferenceEntry): string =>
    e.kind === 'tool' ? `tool:${e.name.toLowerCase()}` : e.kind === 'glossary' ? `term:${e.term.toLowerCase()}` : `doi:${e.doi ?? e.url ?? e.id}`;
  for (const group of duplicates(valid, sameThing)) {
    const [first, ...others] = group;
    for (const other of others) {
      const where = lineOf(other.id);
      problems.push(
        problem(
          where.file,
          where.line,
          'catalog-duplicate',
          `reference ${other.id} describes the same work, tool or term as ${first!.id}`,
          `cite ${first!.id} instead and remove ${other.id}`,
        ),
      );
    }
  }
  return { entries: valid, problems, lineOf };
}

export function checkCitations(
  questions: readonly QuestionFacts[],
  catalog: CatalogCheck & { lineOf: (id: string) => { file: string; line: number } },
  requireAllCited: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(catalog.entries.map((e) => e.id));
  const cited = new Set<string>();
  const ids = new Set(questions.map((q) => q.frontMatter.questionId));
  for (const q of questions) {
    const refs = q.frontMatter.references;
    for (const id of refs) {
      cited.add(id);
      if (!known.has(id)) {
        problems.push(
          problem(
            q.file,
            q.keyLines.get('references'),
            'reference-unknown',
            `reference ${id} is not in the catalog`,
            'cite an existing id (see /references) or add the entry to src/content/references/',
          ),
        );
      }
    }
    for (const group of duplicates(refs, (id) => id)) {
      problems.push(problem(q.file, q.keyLines.get('references'), 'reference-repeated', `reference ${group[0]} is listed twice`, 'list each reference once'));
    }
    if (findTrack(q.frontMatter.track)?.anatomy === 'full' && new Set(refs).size < 2) {
      problems.push(
        problem(
          q.file,
          q.keyLines.get('references') ?? q.keyLines.get('title'),
          'references-too-few',
          `the page cites ${new Set(refs).size} reference(s)`,
          'cite at least two references that back the answer',
        ),
      );
    }
    for (const rel of q.frontMatter.related) {
      if (rel === q.frontMatter.questionId) {
        problems.push(problem(q.file, q.keyLines.get('related'), 'related-self', 'the page lists itself as related', `remove "${rel}" from related`));
      } else if (!ids.has(rel)) {
        problems.push(problem(q.file, q.keyLines.get('related'), 'related-unknown', `related question "${rel}" does not exist`, 'use the questionId of an existing question'));
      }
    }
  }
  if (requireAllCited) {
    for (const entry of catalog.entries) {
      if (cited.has(entry.id)) continue;
      const where = catalog.lineOf(entry.id);
      problems.push(
        problem(
          where.file,
          where.line,
          'reference-uncited',
          `reference ${entry.id} is not cited by any question`,
          'cite it where it backs an answer, or remove it from the catalog',
        ),
      );
    }
  }
  return problems;
}
