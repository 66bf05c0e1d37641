/**
 * Grading and the order of a practice session. Pure functions: the time and
 * the randomness are passed in, so the tests state exact outcomes.
 */
import type { PracticeCard } from './deck';

export const GRADES = ['know', 'again', 'dont-know'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  know: 'Know it',
  again: 'Review again',
  'dont-know': "Don't know",
};

export interface CardProgress {
  grade: Grade;
  /** How many times the card was graded. */
  reviews: number;
  /** When it was last graded (ISO 8601). */
  lastReviewed: string;
}

/** Progress by stable card id. Ids of cards no longer in the deck are kept: the card may come back. */
export type Progress = Readonly<Record<string, CardProgress>>;

export function gradeCard(progress: Progress, cardId: string, grade: Grade, now: Date): Progress {
  const previous = progress[cardId];
  return { ...progress, [cardId]: { grade, reviews: (previous?.reviews ?? 0) + 1, lastReviewed: now.toISOString() } };
}

/**
 * Which cards come first: what the reader did not know, then what they asked
 * to review again, then cards never seen, and cards they know last.
 */
const RANK: Record<Grade | 'new', number> = { 'dont-know': 0, again: 1, new: 2, know: 3 };

export function cardStatus(progress: Progress, cardId: string): Grade | 'new' {
  return progress[cardId]?.grade ?? 'new';
}

/** Fisher-Yates with an injected random source in [0, 1). */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order of a session: by rank; within a rank, graded cards oldest first
 * and new cards in deck order, or every rank shuffled when `random` is given.
 */
export function sessionOrder(cards: readonly PracticeCard[], progress: Progress, random?: () => number): PracticeCard[] {
  const base = random ? shuffle(cards, random) : [...cards];
  const position = new Map(base.map((card, i) => [card.id, i]));
  return base.sort((a, b) => {
    const byRank = RANK[cardStatus(progress, a.id)] - RANK[cardStatus(progress, b.id)];
    if (byRank !== 0) return byRank;
    const pa = progress[a.id];
    const pb = progress[b.id];
    if (pa && pb && !random && pa.lastReviewed !== pb.lastReviewed) return pa.lastReviewed < pb.lastReviewed ? -1 : 1;
    return position.get(a.id)! - position.get(b.id)!;
  });
}

export interface ProgressSummary {
  total: number;
  know: number;
  again: number;
  dontKnow: number;
  new: number;
  /** Share of the cards known, 0-100, rounded down so 100 means every card. */
  percentKnown: number;
}

export function summarize(cards: readonly PracticeCard[], progress: Progress): ProgressSummary {
  const summary = { total: cards.length, know: 0, again: 0, dontKnow: 0, new: 0, percentKnown: 0 };
  for (const card of cards) {
    const status = cardStatus(progress, card.id);
    if (status === 'know') summary.know++;
    else if (status === 'again') summary.again++;
    else if (status === 'dont-know') summary.dontKnow++;
    else summary.new++;
  }
  summary.percentKnown = cards.length === 0 ? 0 : Math.floor((summary.know / cards.length) * 100);
  return summary;
}
