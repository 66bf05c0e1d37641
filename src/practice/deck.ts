/**
 * The practice deck: one card per question of every track and per quick hit,
 * built from the question index the validator derives from the pages. The
 * Practice page and the Anki deck both use it, so they never disagree.
 */
import type { QuestionSummary, QuickHitSummary } from '../content/report';
import { DIFFICULTIES, DIFFICULTY_LABELS, TRACKS, questionLabelFor, type Difficulty } from '../content/tracks';

/** Topic slug given to the quick hits, which sit in the interview track beside its parts. */
export const QUICK_HITS_TOPIC = 'quick-hits';
export const QUICK_HITS_LABEL = 'Quick hits';
const QUICK_HITS_TRACK = 'architect-interview';

export interface PracticeCard {
  /** Stable id: the questionId, or `quick-hit-<anchor>`. Progress is saved under it. */
  id: string;
  kind: 'question' | 'quick-hit';
  track: string;
  topic: string;
  /** Question number in its track; none for quick hits. */
  number?: number;
  /** Quick hits have no difficulty. */
  difficulty?: Difficulty;
  question: string;
  keyInsight?: string;
  shortAnswer: string;
  /** URL path of the page (with an anchor for quick hits), without the base URL. */
  permalink: string;
}

export function buildDeck(questions: readonly QuestionSummary[], quickHits: readonly QuickHitSummary[]): PracticeCard[] {
  const trackOrder = (slug: string): number => TRACKS.findIndex((t) => t.slug === slug);
  const cards: PracticeCard[] = [...questions]
    .sort((a, b) => trackOrder(a.track) - trackOrder(b.track) || a.number - b.number)
    .map((q) => ({
      id: q.questionId,
      kind: 'question',
      track: q.track,
      topic: q.topic,
      number: q.number,
      difficulty: q.difficulty,
      question: q.title,
      keyInsight: q.keyInsight,
      shortAnswer: q.shortAnswer,
      permalink: q.permalink,
    }));
  for (const hit of quickHits) {
    cards.push({
      id: hit.id,
      kind: 'quick-hit',
      track: QUICK_HITS_TRACK,
      topic: QUICK_HITS_TOPIC,
      question: hit.question,
      shortAnswer: hit.answer,
      permalink: hit.permalink,
    });
  }
  return cards;
}

/** What the reader narrowed the deck to; an absent field means "all". */
export interface DeckFilter {
  track?: string;
  /** A topic (Architecture Q&A) or part (interview track), as `<track>/<topic>`. */
  topic?: string;
  difficulty?: Difficulty;
}

export function topicKey(card: Pick<PracticeCard, 'track' | 'topic'>): string {
  return `${card.track}/${card.topic}`;
}

export function filterDeck(cards: readonly PracticeCard[], filter: DeckFilter): PracticeCard[] {
  return cards.filter(
    (card) => (!filter.track || card.track === filter.track) && (!filter.topic || topicKey(card) === filter.topic) && (!filter.difficulty || card.difficulty === filter.difficulty),
  );
}

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

export interface TopicGroup {
  track: string;
  label: string;
  options: FilterOption[];
}

export interface DeckFacets {
  tracks: FilterOption[];
  /** Topics and parts, grouped by track, limited to the chosen track if any. */
  topics: TopicGroup[];
  difficulties: FilterOption[];
}

/** The choices the filters offer: only values that have cards, with their counts. */
export function deckFacets(cards: readonly PracticeCard[], filter: DeckFilter): DeckFacets {
  const count = (pred: (c: PracticeCard) => boolean): number => cards.filter(pred).length;
  const tracks = TRACKS.map((t) => ({ value: t.slug, label: t.label, count: count((c) => c.track === t.slug) })).filter((o) => o.count > 0);
  const topics = TRACKS.filter((t) => !filter.track || t.slug === filter.track)
    .map((t) => ({
      track: t.slug,
      label: t.label,
      options: [...t.topics.map((topic) => ({ slug: topic.slug, label: topic.label })), { slug: QUICK_HITS_TOPIC, label: QUICK_HITS_LABEL }]
        .map(({ slug, label }) => {
          const value = `${t.slug}/${slug}`;
          return { value, label, count: count((c) => topicKey(c) === value) };
        })
        .filter((o) => o.count > 0),
    }))
    .filter((group) => group.options.length > 0);
  const difficulties = DIFFICULTIES.map((d) => ({ value: d, label: DIFFICULTY_LABELS[d], count: count((c) => c.difficulty === d) })).filter((o) => o.count > 0);
  return { tracks, topics, difficulties };
}

/** "Q7", "Interview Q7" or "Quick hit": how a card names its question. */
export function cardLabel(card: PracticeCard): string {
  if (card.kind === 'quick-hit' || card.number === undefined) return QUICK_HITS_LABEL.replace(/s$/, '');
  return questionLabelFor(card.track, card.number);
}

/** Label of a card's topic or part. */
export function topicLabel(card: Pick<PracticeCard, 'track' | 'topic'>): string {
  if (card.topic === QUICK_HITS_TOPIC) return QUICK_HITS_LABEL;
  return TRACKS.find((t) => t.slug === card.track)?.topics.find((t) => t.slug === card.topic)?.label ?? card.topic;
}
