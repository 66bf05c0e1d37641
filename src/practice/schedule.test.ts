import { describe, expect, it } from 'vitest';
import { buildDeck } from './deck';
import { QUESTIONS, QUICK_HITS } from './fixtures';
import { gradeCard, sessionOrder, shuffle, summarize, type Progress } from './schedule';

const deck = buildDeck(QUESTIONS, QUICK_HITS);
const t = (minute: number): Date => new Date(Date.UTC(2025, 0, 1, 9, minute));

describe('grading', () => {
  it('records the grade, counts reviews and stamps the time, without changing the previous progress', () => {
    const before: Progress = {};
    const once = gradeCard(before, 'arch-07', 'again', t(0));
    const twice = gradeCard(once, 'arch-07', 'know', t(5));
    expect(before).toEqual({});
    expect(once['arch-07']).toEqual({ grade: 'again', reviews: 1, lastReviewed: '2025-01-01T09:00:00.000Z' });
    expect(twice['arch-07']).toEqual({ grade: 'know', reviews: 2, lastReviewed: '2025-01-01T09:05:00.000Z' });
  });
});

describe('session order', () => {
  it('brings back "don\'t know" and "review again" cards before new ones, and known cards last', () => {
    let progress: Progress = {};
    progress = gradeCard(progress, 'arch-01', 'know', t(0));
    progress = gradeCard(progress, 'interview-07', 'again', t(1));
    progress = gradeCard(progress, 'arch-07', 'dont-know', t(2));
    expect(sessionOrder(deck, progress).map((c) => c.id)).toEqual(['arch-07', 'interview-07', 'arch-02', 'quick-hit-what-is-a-model-registry', 'arch-01']);
  });

  it('shows the longest-waiting card of a grade first', () => {
    let progress: Progress = {};
    progress = gradeCard(progress, 'arch-07', 'again', t(1));
    progress = gradeCard(progress, 'arch-02', 'again', t(9));
    progress = gradeCard(progress, 'interview-07', 'again', t(3));
    expect(
      sessionOrder(deck, progress)
        .slice(0, 3)
        .map((c) => c.id),
    ).toEqual(['arch-07', 'interview-07', 'arch-02']);
  });

  it('with nothing graded keeps the deck order', () => {
    expect(sessionOrder(deck, {}).map((c) => c.id)).toEqual(deck.map((c) => c.id));
  });

  it('when shuffled still puts cards to review before new ones', () => {
    const progress = gradeCard({}, 'quick-hit-what-is-a-model-registry', 'again', t(0));
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let run = 0; run < 5; run++) {
      expect(sessionOrder(deck, progress, random)[0]!.id).toBe('quick-hit-what-is-a-model-registry');
    }
  });
});

describe('shuffle', () => {
  it('is a permutation decided by the random source', () => {
    const items = [1, 2, 3, 4, 5];
    const values = [0.1, 0.9, 0.5, 0.3];
    const shuffled = shuffle(items, () => values.shift() ?? 0);
    expect([...shuffled].sort()).toEqual(items);
    expect(shuffled).toEqual([3, 5, 2, 4, 1]);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('progress summary', () => {
  it('counts each grade over the filtered cards and the share known', () => {
    let progress: Progress = gradeCard({}, 'arch-01', 'know', t(0));
    progress = gradeCard(progress, 'arch-02', 'again', t(0));
    progress = gradeCard(progress, 'not-in-deck-anymore', 'know', t(0));
    expect(summarize(deck.slice(0, 3), progress)).toEqual({ total: 3, know: 1, again: 1, dontKnow: 0, new: 1, percentKnown: 33 });
    expect(summarize([], progress).percentKnown).toBe(0);
  });
});
