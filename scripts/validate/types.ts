import type { Root } from 'mdast';
import type { QuestionFrontMatter } from '../../src/content/schema';

/** One thing wrong with the content, located and with a way to fix it. */
export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  readonly line: number;
  /** Short rule name, so tests and contributors can refer to it. */
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
}

export interface ParsedPage {
  /** Path relative to the project root, e.g. `docs/architecture/structural/q01-x.mdx`. */
  readonly file: string;
  readonly source: string;
  /** Raw frontmatter as YAML parsed it, or null when it did not parse. */
  readonly data: Record<string, unknown> | null;
  /** Line (1-based) of each top-level frontmatter key. */
  readonly keyLines: ReadonlyMap<string, number>;
  /** The MDX tree, or null when the body did not parse. */
  readonly tree: Root | null;
}

export interface QuestionPage extends ParsedPage {
  readonly frontMatter: QuestionFrontMatter;
  /** URL path of the page, e.g. `/architecture/structural/q01-x`. */
  readonly permalink: string;
}

/** What the collection rules read of a question page (a kept result has no tree). */
export type QuestionFacts = Pick<QuestionPage, 'file' | 'keyLines' | 'frontMatter' | 'permalink'>;

export function problem(file: string, line: number | undefined, rule: string, message: string, fix: string): Problem {
  return { file, line: line ?? 1, rule, message, fix };
}
