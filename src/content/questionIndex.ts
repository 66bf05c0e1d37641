/**
 * Every question's frontmatter, read from docs/ for the pages that list or
 * link other questions (see derive.ts). Docusaurus parses pages one at a
 * time, so the index is re-read on each call, but a file is parsed again only
 * when its size or modification time changed: a saved page is seen at once,
 * and the other pages cost a `stat` each.
 *
 * Malformed frontmatter is skipped here: the validator reports it, with its
 * line and fix, and fails the build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { permalinkFor } from './permalink';
import { DIFFICULTIES, type Difficulty } from './tracks';

export interface IndexedQuestion {
  questionId: string;
  title: string;
  /** The short label the sidebar shows after "Q<number>."; absent when the front matter lacks it (the validator reports that). */
  label?: string;
  track: string;
  topic: string;
  number: number;
  difficulty: Difficulty;
  keyInsight: string;
  references: string[];
  related: string[];
  /** The author's free-form tags (topic and difficulty tags are derived, not listed here). */
  tags: string[];
  permalink: string;
}

interface CachedFile {
  stamp: string;
  question: IndexedQuestion | undefined;
}

const cache = new Map<string, CachedFile>();

function listPages(dir: string, rel = ''): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listPages(dir, child);
    return /\.mdx?$/.test(entry.name) ? [child] : [];
  });
}

/** The strings of a frontmatter list; anything else in it is the validator's to report. */
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The fields pages derive from, or undefined for a page that is not a (readable) question. */
export function questionOf(file: string, data: Record<string, unknown>): IndexedQuestion | undefined {
  const { questionId, title, track, topic, number, difficulty, keyInsight } = data;
  if (typeof questionId !== 'string' || typeof title !== 'string' || typeof track !== 'string' || typeof topic !== 'string') return undefined;
  if (typeof number !== 'number' || typeof keyInsight !== 'string' || !(DIFFICULTIES as readonly unknown[]).includes(difficulty)) return undefined;
  return {
    questionId,
    title,
    ...(typeof data.label === 'string' && { label: data.label }),
    track,
    topic,
    number,
    difficulty: difficulty as Difficulty,
    keyInsight,
    references: strings(data.references),
    related: strings(data.related),
    tags: strings(data.tags),
    permalink: permalinkFor(`docs/${file}`),
  };
}

/** The questions under `docsDir`, in track and number order of their files. */
export function readQuestionIndex(docsDir: string): IndexedQuestion[] {
  const questions: IndexedQuestion[] = [];
  for (const file of listPages(docsDir).sort()) {
    const full = path.join(docsDir, file);
    let stamp: string;
    try {
      const stat = statSync(full);
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      continue;
    }
    let cached = cache.get(full);
    if (cached?.stamp !== stamp) {
      let question: IndexedQuestion | undefined;
      try {
        // Options turn off gray-matter's own cache, which would hide a saved file's new text.
        question = questionOf(file, matter(readFileSync(full, 'utf8'), {}).data as Record<string, unknown>);
      } catch {
        question = undefined;
      }
      cached = { stamp, question };
      cache.set(full, cached);
    }
    if (cached.question) questions.push(cached.question);
  }
  return questions;
}

/**
 * The index as the site's config reads it, once per page. A production build
 * (`docusaurus build`) sees the pages as they were when it started, so it
 * reads the index once and hands every page the same one, instead of listing
 * and stat-ing docs/ again per page (twice per page: the docs plugin and the
 * MDX compiler each parse its frontmatter). `docusaurus start` reads it on
 * every call, so a saved page is seen at once.
 */
export function questionIndexReader(docsDir: string, { oncePerBuild }: { oncePerBuild: boolean }): () => IndexedQuestion[] {
  if (!oncePerBuild) return () => readQuestionIndex(docsDir);
  let questions: IndexedQuestion[] | undefined;
  return () => (questions ??= readQuestionIndex(docsDir));
}
