/** Hooks that give components the question index published by the handbook-content plugin. */
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { QuestionSummary, QuickHitSummary } from './report';
import type { QuestionFrontMatter } from './schema';

export function useQuestionIndex(): QuestionSummary[] {
  const data = usePluginData('handbook-content') as { questions: QuestionSummary[] } | undefined;
  return data?.questions ?? [];
}

/** The quick-hit questions, parsed from their page at build time. */
export function useQuickHits(): QuickHitSummary[] {
  const data = usePluginData('handbook-content') as { quickHits?: QuickHitSummary[] } | undefined;
  return data?.quickHits ?? [];
}

/** The frontmatter of the question page being rendered (validated at build time). */
export function useQuestionFrontMatter(): QuestionFrontMatter {
  return useDoc().frontMatter as unknown as QuestionFrontMatter;
}
