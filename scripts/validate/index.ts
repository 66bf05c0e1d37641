/**
 * The content validator: reads every page under docs/ and the reference
 * catalog, applies every rule, and returns all problems at once together with
 * the data of the Validation Report. It never writes to a content file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceCatalog } from '../../src/content/references';
import type { QuestionChecklist, ValidationReport } from '../../src/content/report';
import { countWords } from '../../src/content/schema';
import { DIFFICULTIES, TRACKS } from '../../src/content/tracks';
import { sortProblems } from './format';
import { listContentFiles, permalinkFor, readPage } from './load';
import { checkQuestionAnatomy, type PageParts } from './rules/anatomy';
import { checkCatalog, checkCitations, checkDifficulty, checkUniqueness, difficultyTable } from './rules/collection';
import { checkFrontMatter } from './rules/frontmatter';
import { checkLinks } from './rules/links';
import { checkMarkup, checkMermaid, checkMermaidWidths } from './rules/markup';
import { QUICK_HITS_FILE, quickHitsOf, shortAnswerOf } from './summaries';
import { checkExampleTodoMarkers, checkTodoMarkers } from './rules/todo';
import { problem, type ParsedPage, type Problem, type QuestionPage } from './types';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ValidateOptions {
  /** Folder that holds docs/ (a fixture folder in tests). */
  rootDir?: string;
  /** Catalog entries; the real catalog by default. */
  catalog?: readonly unknown[];
}

export interface ValidationResult {
  problems: Problem[];
  /** Advice that does not fail validation (e.g. a diagram likely too wide for the column). */
  warnings: Problem[];
  questions: QuestionPage[];
  pages: ParsedPage[];
  report: ValidationReport;
}

function checkOverviews(pages: readonly ParsedPage[], questions: readonly QuestionPage[]): Problem[] {
  const problems: Problem[] = [];
  const files = new Set(pages.map((p) => p.file));
  const folders = new Set<string>();
  for (const q of questions) {
    folders.add(`docs/${q.frontMatter.track}`);
    folders.add(`docs/${q.frontMatter.track}/${q.frontMatter.topic}`);
  }
  for (const folder of [...folders].sort()) {
    if (!files.has(`${folder}/index.mdx`) && !files.has(`${folder}/index.md`)) {
      problems.push(
        problem(
          `${folder}/index.mdx`,
          1,
          'overview-missing',
          `${folder} has questions but no overview page`,
          `add ${folder}/index.mdx with a title, a description and a one-paragraph overview`,
        ),
      );
    }
  }
  return problems;
}

export async function validateContent(options: ValidateOptions = {}): Promise<ValidationResult> {
  const rootDir = options.rootDir ?? PROJECT_ROOT;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const pages: ParsedPage[] = [];
  const questions: QuestionPage[] = [];
  const parts = new Map<QuestionPage, PageParts>();

  for (const file of await listContentFiles(rootDir)) {
    const { page, problems: parseProblems } = await readPage(rootDir, file);
    pages.push(page);
    problems.push(...parseProblems);
    problems.push(...checkTodoMarkers(file, page.source));
    if (page.tree) {
      problems.push(...checkMarkup(file, page.tree));
      const mermaidProblems = await checkMermaid(file, page.tree);
      problems.push(...mermaidProblems);
      if (mermaidProblems.length === 0) warnings.push(...(await checkMermaidWidths(file, page.tree)));
    }
    const { problems: fmProblems, question } = checkFrontMatter(page);
    problems.push(...fmProblems);
    if (question) questions.push({ ...page, frontMatter: question, permalink: permalinkFor(file) });
  }

  for (const q of questions) {
    const result = await checkQuestionAnatomy(rootDir, q);
    problems.push(...result.problems);
    problems.push(...(await checkExampleTodoMarkers(rootDir, q)));
    parts.set(q, result.parts);
  }

  const catalog = await checkCatalog(PROJECT_ROOT, options.catalog ?? referenceCatalog);
  problems.push(...catalog.problems);
  const architecture = TRACKS[0];
  const architectureComplete = questions.filter((q) => q.frontMatter.track === architecture.slug).length >= architecture.totalQuestions;
  problems.push(...checkUniqueness(questions));
  problems.push(...checkDifficulty(questions));
  problems.push(...checkCitations(questions, catalog, architectureComplete));
  problems.push(...checkOverviews(pages, questions));
  problems.push(...checkLinks(pages, questions, PROJECT_ROOT));

  const sorted = sortProblems(problems);
  const report = buildReport(sorted, questions, parts, catalog.entries);
  const quickHitsPage = pages.find((p) => p.file === QUICK_HITS_FILE);
  report.quickHits = quickHitsPage ? quickHitsOf(quickHitsPage) : [];
  return { problems: sorted, warnings: sortProblems(warnings), questions, pages, report };
}

function buildReport(
  problems: readonly Problem[],
  questions: readonly QuestionPage[],
  parts: ReadonlyMap<QuestionPage, PageParts>,
  catalog: readonly { id: string; kind: string }[],
): ValidationReport {
  const ordered = [...questions].sort(
    (a, b) => TRACKS.findIndex((t) => t.slug === a.frontMatter.track) - TRACKS.findIndex((t) => t.slug === b.frontMatter.track) || a.frontMatter.number - b.frontMatter.number,
  );
  const checklist: QuestionChecklist[] = ordered.map((q) => {
    const fm = q.frontMatter;
    const p = parts.get(q);
    return {
      questionId: fm.questionId,
      title: fm.title,
      label: fm.label,
      track: fm.track,
      topic: fm.topic,
      number: fm.number,
      difficulty: fm.difficulty,
      keyInsight: fm.keyInsight,
      permalink: q.permalink,
      references: fm.references,
      related: fm.related,
      tags: fm.tags,
      hasMockAnswer: p?.hasMockAnswer ?? false,
      shortAnswer: shortAnswerOf(q),
      keyInsightWords: countWords(fm.keyInsight),
      answerWords: p?.answerWords ?? 0,
      hasKeyInsight: p?.hasKeyInsight ?? false,
      hasExample: p?.hasExample ?? false,
      hasDiagram: p?.hasDiagram ?? false,
      hasMetrics: p?.hasMetrics ?? false,
      hasTradeoffs: p?.hasTradeoffs ?? false,
      problems: problems.filter((pr) => pr.file === q.file).length,
    };
  });
  const cited = new Set(questions.flatMap((q) => q.frontMatter.references));
  const byKind: Record<string, number> = {};
  for (const entry of catalog) byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
  return {
    generatedAt: new Date().toISOString(),
    verdict: problems.length === 0 ? 'pass' : 'fail',
    problemCount: problems.length,
    problems: problems.map((p) => ({ ...p })),
    tracks: TRACKS.map((track) => {
      const inTrack = questions.filter((q) => q.frontMatter.track === track.slug);
      const counts = { foundational: 0, intermediate: 0, advanced: 0 };
      for (const q of inTrack) counts[q.frontMatter.difficulty]++;
      return { slug: track.slug, label: track.label, expectedQuestions: track.totalQuestions, questions: inTrack.length, counts };
    }),
    difficulty: difficultyTable(questions),
    questions: checklist,
    quickHits: [],
    catalog: { entries: catalog.length, cited: catalog.filter((e) => cited.has(e.id)).length, byKind },
  };
}

export { DIFFICULTIES };
export { formatProblem } from './format';
export type { Problem } from './types';
