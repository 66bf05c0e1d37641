/** A small question index for the practice tests, shaped like the validator's. */
import type { QuestionSummary, QuickHitSummary } from '../content/report';
import { findTrack, type Difficulty } from '../content/tracks';

export function question(track: string, topic: string, number: number, difficulty: Difficulty): QuestionSummary {
  const prefix = findTrack(track)?.idPrefix ?? track;
  const id = `${prefix}-${String(number).padStart(2, '0')}`;
  return {
    questionId: id,
    title: `Question ${id}?`,
    label: `Label ${id}`,
    track,
    topic,
    number,
    difficulty,
    keyInsight: `Insight of ${id}.`,
    permalink: `/${track}/${topic}/q${String(number).padStart(2, '0')}-slug`,
    references: [],
    related: [],
    tags: [],
    hasMockAnswer: false,
    shortAnswer: `Short answer of ${id}.`,
  };
}

export const QUESTIONS: QuestionSummary[] = [
  question('architect-interview', 'system-design', 7, 'advanced'),
  question('architecture', 'behavioral', 7, 'intermediate'),
  question('architecture', 'structural', 1, 'foundational'),
  question('architecture', 'structural', 2, 'advanced'),
];

export const QUICK_HITS: QuickHitSummary[] = [
  {
    id: 'quick-hit-what-is-a-model-registry',
    question: 'What is a model registry?',
    answer: 'A versioned store.',
    permalink: '/architect-interview/quick-hits#what-is-a-model-registry',
  },
];
