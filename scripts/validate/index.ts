/**
 * The content validator: reads every page under docs/ and the reference
 * catalog, applies every rule, and returns all problems at once together with
 * the data of the Validation Report. It never writes to a content file.
 *
 * validateContent() parses every page and returns the trees with the result;
 * createValidator() (./validator) reuses unchanged pages' results, for the
 * command line and the dev server.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ValidationReport } from '../../src/content/report';
import { DIFFICULTIES } from '../../src/content/tracks';
import { defaultCacheDir, openVerdicts } from './cache';
import { collect } from './collect';
import { listContentFiles, plainFiles, PROJECT_ROOT } from './files';
import type { PageRecord } from './page-record';
import type { ParsedPage, Problem, QuestionPage } from './types';

export interface ValidateOptions {
  /** Folder that holds docs/ (a fixture folder in tests). */
  rootDir?: string;
  /** Catalog entries; the real catalog by default. */
  catalog?: readonly unknown[];
  /** Where Mermaid and KaTeX verdicts are kept between runs; false keeps them in this process only. */
  cacheDir?: string | false;
  /** The day review dates are measured against; now by default. */
  today?: Date;
}

export interface ValidationResult {
  problems: Problem[];
  /** Advice that does not fail validation (a diagram likely too wide for the column). */
  warnings: Problem[];
  questions: QuestionPage[];
  pages: ParsedPage[];
  report: ValidationReport;
}

export async function validateContent(options: ValidateOptions = {}): Promise<ValidationResult> {
  const rootDir = options.rootDir ?? PROJECT_ROOT;
  const verdicts = await openVerdicts(options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir);
  const { checkPage } = await import('./page');
  const files = plainFiles(rootDir);
  const pages: ParsedPage[] = [];
  const questions: QuestionPage[] = [];
  const records: PageRecord[] = [];
  for (const file of await listContentFiles(rootDir)) {
    const source = await readFile(path.join(rootDir, file), 'utf8');
    const checked = await checkPage({ rootDir, files, verdicts }, file, source);
    records.push(checked.record);
    pages.push(checked.page);
    if (checked.question) questions.push(checked.question);
  }
  const { problems, warnings, report } = await collect(records, options.catalog, options.today);
  await verdicts.save();
  return { problems, warnings, questions, pages, report };
}

export { createValidator, type Validator, type ValidatorOptions, type ValidatorRun } from './validator';
export { PROJECT_ROOT };
export { DIFFICULTIES };
export { formatProblem } from './format';
export { releaseRenderers } from './renderers';
export type { Problem } from './types';
