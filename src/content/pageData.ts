/**
 * What a page carries for its components, derived into its frontmatter when
 * Docusaurus parses it (see derive.ts). Each page ships only the data it
 * renders: a question page its own references and related questions, an
 * overview its questions, the References page the catalog with backlinks.
 * Nothing here is written by authors; the schema (schema.ts) stays the one
 * source of what they write.
 */
import type { Difficulty } from './tracks';

/** A catalog entry as a page shows it. */
export interface ReferenceView {
  id: string;
  /** Anchor on the References page: `a1`, `g10`. */
  anchor: string;
  kind: 'glossary' | 'tool' | 'literature';
  /** Term or tool name, shown in bold before the text; none for literature. */
  lead?: string;
  /** Definition, purpose, or the citation itself. */
  text: string;
  /** For literature: what a reader gets from the work. */
  note?: string;
  href?: string;
}

/** A link to another question. */
export interface QuestionLink {
  questionId: string;
  title: string;
  permalink: string;
  track: string;
  number: number;
  difficulty: Difficulty;
}

/** A question as an overview lists it. */
export interface QuestionListItem extends QuestionLink {
  keyInsight: string;
}

/** A catalog entry on the References page, with the questions that cite it. */
export interface CatalogEntryView extends ReferenceView {
  citedBy: QuestionLink[];
}

/** Derived keys of a question page's frontmatter. */
export interface QuestionPageData {
  referenceList: ReferenceView[];
  relatedQuestions: QuestionLink[];
}

/** Derived key of a track or topic overview's frontmatter. */
export interface OverviewPageData {
  topicQuestions: QuestionListItem[];
}

/** Derived key of the References page's frontmatter. */
export interface CatalogPageData {
  referenceCatalog: CatalogEntryView[];
}

/** The page that lists the whole catalog. */
export const REFERENCES_PAGE = 'docs/references.mdx';
