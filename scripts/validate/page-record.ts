/**
 * What the validator keeps of one checked page: its own problems and the few
 * facts the collection rules and the report need. Plain data, so it can be
 * kept between runs, and small, so reusing it costs next to nothing.
 */
import type { QuickHitSummary } from '../../src/content/report';
import type { QuestionFrontMatter } from '../../src/content/schema';
import type { Dependencies } from './files';
import type { PageParts } from './rules/anatomy';
import type { AnchorComponent } from './rules/linkFacts';
import type { Problem } from './types';

/** A link of a page to a page of the site (external links are not kept). */
export interface PageLink {
  readonly url: string;
  readonly line: number;
}

export interface PageRecord {
  readonly file: string;
  /** Problems found in this page alone, and in the example files it imports. */
  readonly problems: Problem[];
  /** Advice that does not fail validation: diagrams likely too wide for the column. */
  readonly warnings: Problem[];
  /** Raw frontmatter, or null when it did not parse. */
  readonly data: Record<string, unknown> | null;
  /** Line of each top-level frontmatter key, in file order. */
  readonly keyLines: [string, number][];
  /** False when the body is not valid MDX (the page then has no links or anchors to check). */
  readonly parsed: boolean;
  /** Set on a question page whose frontmatter is valid. */
  readonly question?: {
    readonly frontMatter: QuestionFrontMatter;
    readonly parts: PageParts;
    readonly shortAnswer: string;
  };
  /** Set on the quick-hits page. */
  readonly quickHits?: QuickHitSummary[];
  readonly links: PageLink[];
  /** Ids of the page's headings and of JSX elements with an id. */
  readonly anchors: string[];
  /** Components on the page that render anchors of their own, and how many anchors came before each (see rules/links.ts). */
  readonly anchorComponents: { name: AnchorComponent; at: number }[];
  /** Files beyond the page that its result depends on. */
  readonly dependencies: Dependencies;
}

/** True when the value survives JSON unchanged (no Date from YAML, no undefined), so a record can be kept on disk. */
export function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value as object).every(isPlainData);
  return false;
}
