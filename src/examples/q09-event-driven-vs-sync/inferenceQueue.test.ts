import { describe, expect, it } from 'vitest';
import { BoundedQueue, chooseInferenceMode, type Workload } from './inferenceQueue';

describe('BoundedQueue', () => {
  it("sizes itself by Little's law: 200 items/s drained and a 5 s tolerance hold 1,000 items", () => {
    expect(new BoundedQueue(200, 5_000).capacity).toBe(1_000);
  });

  it('accepts until full, then pushes back with a retry-after instead of growing', () => {
    const queue = new BoundedQueue<number>(10, 1_000); // capacity 10
    for (let i = 0; i < 10; i++) expect(queue.offer(i).accepted).toBe(true);
    expect(queue.offer(10)).toEqual({ accepted: false, retryAfterMs: 500 });
    expect(queue.depth).toBe(10);
    expect(queue.expectedWaitMs()).toBe(1_000);
  });

  it('hands out batches in arrival order and accepts again once drained', () => {
    const queue = new BoundedQueue<string>(4, 1_000);
    ['a', 'b', 'c', 'd'].forEach((x) => queue.offer(x));
    expect(queue.offer('e').accepted).toBe(false);
    expect(queue.takeBatch(3)).toEqual(['a', 'b', 'c']);
    expect(queue.offer('e')).toEqual({ accepted: true, depth: 2 });
    expect(queue.takeBatch(10)).toEqual(['d', 'e']);
    expect(queue.takeBatch(10)).toEqual([]);
  });

  it('rejects a drain rate or tolerance that is not positive', () => {
    expect(() => new BoundedQueue(0, 1_000)).toThrow(RangeError);
    expect(() => new BoundedQueue(10, Number.NaN)).toThrow(RangeError);
  });
});

describe('chooseInferenceMode', () => {
  const checkout: Workload = { latencyBudgetMs: 80, callerWaits: true, peakPerSecond: 3_000, meanPerSecond: 1_500, consumers: 1 };

  it('keeps a fraud check in the checkout request synchronous', () => {
    expect(chooseInferenceMode(checkout).mode).toBe('synchronous');
  });

  it('does not offer a queue as the cure for bursts when a caller is waiting', () => {
    const decision = chooseInferenceMode({ ...checkout, peakPerSecond: 15_000 });
    expect(decision.mode).toBe('synchronous');
    expect(decision.reasons.join(' ')).toMatch(/size for the peak or degrade/);
  });

  it('answers synchronously and publishes an event when other services also need the score', () => {
    expect(chooseInferenceMode({ ...checkout, consumers: 3 }).mode).toBe('hybrid');
  });

  it('makes catalogue categorisation event-driven: 100K products a day is 1.2/s, nobody waits', () => {
    const perSecond = 100_000 / 86_400;
    const decision = chooseInferenceMode({ latencyBudgetMs: 3_600_000, callerWaits: false, peakPerSecond: 50, meanPerSecond: perSecond, consumers: 2 });
    expect(perSecond).toBeCloseTo(1.16, 2);
    expect(decision.mode).toBe('event-driven');
    expect(decision.reasons).toContain('nobody waits for the result');
  });

  it('uses submit-then-poll when the caller waits but the budget is long', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 30_000, callerWaits: true, peakPerSecond: 5, meanPerSecond: 2, consumers: 1 });
    expect(decision.mode).toBe('event-driven');
  });

  it('rejects a peak below the mean', () => {
    expect(() => chooseInferenceMode({ ...checkout, peakPerSecond: 10 })).toThrow(RangeError);
  });
});
