/**
 * The pages this plugin adds, each with the data it alone uses (route
 * modules), rather than global data that every page would download.
 */
import type { PracticeCard } from '../../practice/deck';

/** URL paths (without the base URL) of the plugin's pages; the validator's link check reads them too. */
export const PLUGIN_ROUTES = {
  home: '/',
  practice: '/practice',
  validationReport: '/validation-report',
} as const;

/** What the home page shows of the content. */
export interface HomeSummary {
  /** Questions per track, for the tracks that have any, in the order of tracks.ts. */
  tracks: { slug: string; count: number }[];
  /** Questions with a spoken mock answer. */
  mockAnswers: { questionId: string; label: string; permalink: string }[];
  questionCount: number;
}

/** The practice page's deck, built at build time. */
export type PracticeDeck = PracticeCard[];
