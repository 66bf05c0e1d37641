/**
 * The data behind the Validation Report page. It is computed from the content
 * at build time by the validator (scripts/validate), so it cannot go stale.
 */
import type { Difficulty } from './tracks';

export interface QuestionSummary {
  questionId: string;
  title: string;
  label: string;
  track: string;
  topic: string;
  number: number;
  difficulty: Difficulty;
  keyInsight: string;
  permalink: string;
  references: string[];
  related: string[];
  tags: string[];
  /** The page has a spoken "Mock answer" section. */
  hasMockAnswer: boolean;
  /** A few plain-text sentences for practice cards and the Anki deck, taken from the page itself. */
  shortAnswer: string;
}

/** One rapid-fire question of the quick-hits page: its `###` heading and the text under it. */
export interface QuickHitSummary {
  /** Stable id for practice progress: `quick-hit-<anchor>`. */
  id: string;
  question: string;
  answer: string;
  /** URL of the page with the heading's anchor. */
  permalink: string;
}

export interface QuestionChecklist extends QuestionSummary {
  /** The day an expert last checked the page's facts, YYYY-MM-DD. */
  reviewed: string;
  keyInsightWords: number;
  answerWords: number;
  hasKeyInsight: boolean;
  hasExample: boolean;
  hasDiagram: boolean;
  hasMetrics: boolean;
  hasTradeoffs: boolean;
  problems: number;
}

/** One topic's questions by difficulty, against what the track expects (the validator's difficulty policy). */
export interface DifficultyRow {
  track: string;
  topic: string;
  label: string;
  counts: Record<Difficulty, number>;
  expected: Record<Difficulty, number> | null;
  complete: boolean;
}

export interface TrackReport {
  slug: string;
  label: string;
  expectedQuestions: number;
  questions: number;
  counts: Record<Difficulty, number>;
}

export interface ValidationReport {
  generatedAt: string;
  verdict: 'pass' | 'fail';
  problemCount: number;
  problems: { file: string; line: number; rule: string; message: string; fix: string }[];
  tracks: TrackReport[];
  difficulty: DifficultyRow[];
  questions: QuestionChecklist[];
  quickHits: QuickHitSummary[];
  catalog: { entries: number; cited: number; byKind: Record<string, number> };
}
