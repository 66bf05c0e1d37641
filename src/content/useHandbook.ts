/**
 * Hooks that give components the data of the page being rendered. It is
 * derived into the page's frontmatter at build time (see derive.ts), so each
 * page carries only what it shows.
 */
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import type { CatalogPageData, OverviewPageData, QuestionPageData } from './pageData';
import type { QuestionFrontMatter } from './schema';

/** The frontmatter of the question page being rendered (validated at build time), with its derived data. */
export function useQuestionFrontMatter(): QuestionFrontMatter & QuestionPageData {
  const fm = useDoc().frontMatter as unknown as QuestionFrontMatter & Partial<QuestionPageData>;
  return { ...fm, referenceList: fm.referenceList ?? [], relatedQuestions: fm.relatedQuestions ?? [] };
}

/** The questions an overview page lists. */
export function useOverviewQuestions(): OverviewPageData['topicQuestions'] {
  return (useDoc().frontMatter as Partial<OverviewPageData>).topicQuestions ?? [];
}

/** The catalog as the References page shows it. */
export function useCatalog(): CatalogPageData['referenceCatalog'] {
  return (useDoc().frontMatter as Partial<CatalogPageData>).referenceCatalog ?? [];
}
