import { describe, expect, it } from 'vitest';
import { buildDeck, cardLabel, deckFacets, filterDeck, QUICK_HITS_TOPIC } from './deck';
import { QUESTIONS, QUICK_HITS } from './fixtures';

describe('the practice deck', () => {
  const deck = buildDeck(QUESTIONS, QUICK_HITS);

  it('has one card per question of both tracks and per quick hit, Architecture Q&A first, by number', () => {
    expect(deck.map((c) => c.id)).toEqual(['arch-01', 'arch-02', 'arch-07', 'interview-07', 'quick-hit-what-is-a-model-registry']);
  });

  it('keys each card by the stable question id, not by its wording', () => {
    const reworded = buildDeck(
      QUESTIONS.map((q) => ({ ...q, title: `${q.title} (reworded)` })),
      QUICK_HITS,
    );
    expect(reworded.map((c) => c.id)).toEqual(deck.map((c) => c.id));
  });

  it('carries the question, the key insight, the short answer and the page of each question', () => {
    expect(deck.find((c) => c.id === 'arch-07')).toMatchObject({
      question: 'Question arch-07?',
      keyInsight: 'Insight of arch-07.',
      shortAnswer: 'Short answer of arch-07.',
      permalink: '/architecture/behavioral/q07-slug',
      difficulty: 'intermediate',
    });
  });

  it('puts quick hits in the interview track, without a difficulty, linking to their heading', () => {
    const hit = deck.find((c) => c.kind === 'quick-hit')!;
    expect(hit).toMatchObject({ track: 'architect-interview', topic: QUICK_HITS_TOPIC });
    expect(hit.difficulty).toBeUndefined();
    expect(hit.permalink).toBe('/architect-interview/quick-hits#what-is-a-model-registry');
    expect(cardLabel(hit)).toBe('Quick hit');
  });

  it('names cards by track and number', () => {
    expect(deck.map(cardLabel).slice(0, 4)).toEqual(['Q1', 'Q2', 'Q7', 'Interview Q7']);
  });
});

describe('filters', () => {
  const deck = buildDeck(QUESTIONS, QUICK_HITS);

  it('narrow by track, topic or part, and difficulty, together', () => {
    expect(filterDeck(deck, { track: 'architecture' }).map((c) => c.id)).toEqual(['arch-01', 'arch-02', 'arch-07']);
    expect(filterDeck(deck, { topic: 'architecture/structural' }).map((c) => c.id)).toEqual(['arch-01', 'arch-02']);
    expect(filterDeck(deck, { topic: 'architect-interview/quick-hits' }).map((c) => c.id)).toEqual(['quick-hit-what-is-a-model-registry']);
    expect(filterDeck(deck, { difficulty: 'advanced' }).map((c) => c.id)).toEqual(['arch-02', 'interview-07']);
    expect(filterDeck(deck, { track: 'architecture', difficulty: 'advanced' }).map((c) => c.id)).toEqual(['arch-02']);
  });

  it('with nothing chosen keep the whole deck', () => {
    expect(filterDeck(deck, {})).toHaveLength(deck.length);
  });

  it('offer only choices that have cards, with counts, and topics of the chosen track only', () => {
    const all = deckFacets(deck, {});
    expect(all.tracks).toEqual([
      { value: 'architecture', label: 'Architecture Q&A', count: 3 },
      { value: 'architect-interview', label: 'Architect interview track', count: 2 },
    ]);
    expect(all.topics.map((g) => g.options.map((o) => `${o.value}=${o.count}`))).toEqual([
      ['architecture/structural=2', 'architecture/behavioral=1'],
      ['architect-interview/system-design=1', 'architect-interview/quick-hits=1'],
    ]);
    expect(all.difficulties.map((d) => `${d.value}=${d.count}`)).toEqual(['foundational=1', 'intermediate=1', 'advanced=2']);
    expect(deckFacets(deck, { track: 'architect-interview' }).topics.map((g) => g.track)).toEqual(['architect-interview']);
  });
});
