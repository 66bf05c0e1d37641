/**
 * Every rule that needs one page only (and the example files it imports):
 * parsing, markup, diagrams, frontmatter, anatomy. This module loads the MDX
 * parser, so the validator imports it only when some page must be checked.
 */
import type { VerdictStore } from './cache';
import { permalinkFor, recordingFiles, type FileAccess } from './files';
import { parsePage } from './load';
import type { PageRecord } from './page-record';
import { checkQuestionAnatomy } from './rules/anatomy';
import { checkFrontMatter } from './rules/frontmatter';
import { linkFactsOf } from './rules/linkFacts';
import { checkMarkup, checkMermaid, checkMermaidWidths } from './rules/markup';
import { checkExampleTodoMarkers, checkTodoMarkers } from './rules/todo';
import { QUICK_HITS_FILE, quickHitsOf, shortAnswerOf } from './summaries';
import type { ParsedPage, Problem, QuestionPage } from './types';

export interface PageContext {
  readonly rootDir: string;
  /** The example modules, demos and tests, by path from rootDir. */
  readonly files: FileAccess;
  readonly verdicts: VerdictStore;
}

export interface CheckedPage {
  readonly record: PageRecord;
  readonly page: ParsedPage;
  readonly question?: QuestionPage;
}

/** Counts pages parsed in this process, so a test can prove that an unchanged page was not parsed again. */
export const pageChecks = { count: 0 };

export async function checkPage(context: PageContext, file: string, source: string): Promise<CheckedPage> {
  pageChecks.count++;
  const files = recordingFiles(context.files);
  const problems: Problem[] = [];
  let warnings: Problem[] = [];
  const { page, problems: parseProblems } = parsePage(file, source);
  problems.push(...parseProblems);
  problems.push(...checkTodoMarkers(file, page.source));
  if (page.tree) {
    // Formulas and diagrams are asked about together, so the worker can load Mermaid while KaTeX answers.
    const [markup, mermaid] = await Promise.all([checkMarkup(file, page.tree, context.verdicts), checkMermaid(file, page.tree, context.verdicts)]);
    problems.push(...markup, ...mermaid);
    // After checkMermaid, whose verdicts tell which diagrams parse.
    warnings = await checkMermaidWidths(file, page.tree, context.verdicts);
  }
  const { problems: fmProblems, question: frontMatter } = checkFrontMatter(page);
  problems.push(...fmProblems);

  let question: QuestionPage | undefined;
  let questionFacts: PageRecord['question'];
  if (frontMatter) {
    question = { ...page, frontMatter, permalink: permalinkFor(file) };
    const anatomy = await checkQuestionAnatomy(context.rootDir, question, files);
    problems.push(...anatomy.problems);
    problems.push(...(await checkExampleTodoMarkers(context.rootDir, question, files)));
    questionFacts = { frontMatter, parts: anatomy.parts, shortAnswer: shortAnswerOf(question) };
  }

  const facts = page.tree ? linkFactsOf(page.tree) : { links: [], anchors: [], anchorComponents: [] };
  const record: PageRecord = {
    file,
    problems,
    warnings,
    data: page.data,
    keyLines: [...page.keyLines],
    parsed: page.tree !== null,
    ...(questionFacts ? { question: questionFacts } : {}),
    ...(file === QUICK_HITS_FILE ? { quickHits: quickHitsOf(page) } : {}),
    ...facts,
    dependencies: files.seen,
  };
  return { record, page, ...(question ? { question } : {}) };
}
