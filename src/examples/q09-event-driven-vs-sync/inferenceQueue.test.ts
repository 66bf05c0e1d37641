import { describe, expect, it } from 'vitest';
import { BoundedQueue, chooseInferenceMode, type Workload } from './inferenceQueue';

describe('BoundedQueue', () => {
  it('holds as many items as drain in the tolerated wait: at 200 items/s, with 1,000 queued, the next item would wait 5 s', () => {
    const queue = new BoundedQueue<number>(200, 5_000);
    expect(queue.capacity).toBe(1_000);
    for (let i = 0; i < 1_000; i++) queue.offer(i);
    expect(queue.expectedWaitMs()).toBe(5_000);
  });

  it('holds at least 1 item however slow the drain: 0.1/s for 1 s rounds down to 0', () => {
    expect(new BoundedQueue(0.1, 1_000).capacity).toBe(1);
  });

  it('does not lose an item to float error: 2.05/s for 60 s is 123 items, though 2.05 x 60 computes as 122.99999999999999', () => {
    expect(new BoundedQueue(2.05, 60_000).capacity).toBe(123);
  });

  it('accepts until full, then pushes back with a retry-after instead of growing', () => {
    const queue = new BoundedQueue<number>(10, 1_000, () => 0); // capacity 10
    for (let i = 0; i < 10; i++) expect(queue.offer(i).accepted).toBe(true);
    expect(queue.offer(10)).toEqual({ accepted: false, retryAfterSeconds: 1 }); // half the queue drains in 0.5 s
    expect(queue.depth).toBe(10);
    expect(queue.expectedWaitMs()).toBe(1_000);
  });

  it('rounds Retry-After up to whole seconds and spreads retries between the half-drain time and twice it', () => {
    const fullQueue = (random: () => number) => {
      const queue = new BoundedQueue<number>(200, 5_000, random); // half of 1,000 items drains in 2.5 s
      for (let i = 0; i < 1_000; i++) queue.offer(i);
      return queue;
    };
    expect(fullQueue(() => 0).offer(0)).toEqual({ accepted: false, retryAfterSeconds: 3 }); // 2.5 s rounded up
    expect(fullQueue(() => 0.5).offer(0)).toEqual({ accepted: false, retryAfterSeconds: 4 }); // 3.75 s
    expect(fullQueue(() => 0.999).offer(0)).toEqual({ accepted: false, retryAfterSeconds: 5 }); // 4.9975 s
  });

  it.each([Number.NaN, -0.1, 1, 5])('rejects a random source that returns %s, outside [0, 1), instead of computing a Retry-After from it', (value) => {
    const queue = new BoundedQueue<number>(10, 1_000, () => value);
    for (let i = 0; i < 10; i++) queue.offer(i);
    expect(() => queue.offer(10)).toThrow(new RangeError(`random() must return a number in [0, 1), got ${value}`));
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

  it.each([
    [0, 1_000, 'drainPerSecond must be a finite number > 0, got 0'],
    [Number.POSITIVE_INFINITY, 5_000, 'drainPerSecond must be a finite number > 0, got Infinity'],
    [10, Number.NaN, 'maxWaitMs must be a finite number > 0, got NaN'],
    [200, Number.POSITIVE_INFINITY, 'maxWaitMs must be a finite number > 0, got Infinity'],
  ])('rejects drain rate %s with max wait %s', (drainPerSecond, maxWaitMs, message) => {
    expect(() => new BoundedQueue(drainPerSecond, maxWaitMs)).toThrow(new RangeError(message));
  });
});

describe('chooseInferenceMode', () => {
  const checkout: Workload = { latencyBudgetMs: 80, callerWaits: true, peakPerSecond: 3_000, meanPerSecond: 1_500, consumers: 1 };
  const perDay = (n: number) => n / 86_400;

  it('keeps a fraud check in the checkout request synchronous, sized for the peak', () => {
    const decision = chooseInferenceMode(checkout);
    expect(decision.mode).toBe('synchronous');
    expect(decision.drainPerSecond).toBe(3_000);
  });

  it('does not offer a queue as the cure for bursts when a caller is waiting', () => {
    const decision = chooseInferenceMode({ ...checkout, peakPerSecond: 15_000 });
    expect(decision.mode).toBe('synchronous');
    expect(decision.reasons.join(' ')).toMatch(/size for the peak or degrade/);
  });

  it('answers synchronously and publishes an event when other services also need the score', () => {
    expect(chooseInferenceMode({ ...checkout, consumers: 3 }).mode).toBe('hybrid');
  });

  it('streams an LLM answer that several services need and publishes one event for them: hybrid', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 20_000, callerWaits: true, streams: true, peakPerSecond: 40, meanPerSecond: 10, consumers: 3 });
    expect(decision.mode).toBe('hybrid');
    expect(decision.reasons).toEqual(['stream the answer: first tokens at once, the rest within 20,000 ms', 'then publish one event for 3 consumers']);
  });

  it('streams a long LLM answer synchronously: a 20 s budget is met by sending tokens as they come', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 20_000, callerWaits: true, streams: true, peakPerSecond: 40, meanPerSecond: 10, consumers: 1 });
    expect(decision.mode).toBe('synchronous');
    expect(decision.reasons.join(' ')).toMatch(/stream/);
    expect(decision.drainPerSecond).toBe(40);
  });

  it('makes a workload event-driven when nobody waits, even with a budget under 1 s and an answer that could stream', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 500, callerWaits: false, streams: true, peakPerSecond: 40, meanPerSecond: 10, consumers: 1 });
    expect(decision.mode).toBe('event-driven');
  });

  it('keeps a waiting caller synchronous up to 999 ms and, from 1,000 ms, polls with workers sized as for nobody waiting', () => {
    const waiting = { callerWaits: true, peakPerSecond: 100, meanPerSecond: 10, consumers: 1 };
    expect(chooseInferenceMode({ ...waiting, latencyBudgetMs: 999 })).toMatchObject({ mode: 'synchronous', drainPerSecond: 100 });
    expect(chooseInferenceMode({ ...waiting, latencyBudgetMs: 1_000 })).toMatchObject({ mode: 'event-driven', drainPerSecond: 15 }); // 10 x 1.5
  });

  it('uses submit-then-poll when the caller waits but the budget is long and the answer cannot stream', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 30_000, callerWaits: true, peakPerSecond: 5, meanPerSecond: 2, consumers: 1 });
    expect(decision.mode).toBe('event-driven');
  });

  it('makes catalogue categorisation event-driven and sizes workers to clear a 50,000-item import within 1 h: 15.0/s, 13x the 1.16/s mean', () => {
    const mean = perDay(100_000); // 1.157 per second
    const decision = chooseInferenceMode({ latencyBudgetMs: 3_600_000, callerWaits: false, peakPerSecond: 50, meanPerSecond: mean, burstItems: 50_000, consumers: 2 });
    expect(decision.mode).toBe('event-driven');
    expect(decision.reasons).toContain('nobody waits for the result');
    expect(decision.drainPerSecond).toBeCloseTo(mean + 50_000 / 3_600, 6); // 1.157 + 13.889 = 15.046
    expect(decision.drainPerSecond / mean).toBeCloseTo(13.0, 1);
    expect(new BoundedQueue(decision.drainPerSecond, 3_600_000).capacity).toBeGreaterThan(50_000); // the queue holds the import
  });

  it('says the 54,166-item queue holds the 1 h import instead of a fill time: the import is the peak, and it ends', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 3_600_000, callerWaits: false, peakPerSecond: 50, meanPerSecond: perDay(100_000), burstItems: 50_000, consumers: 2 });
    // 15.046/s x 3,600 s = 54,166.7 items, rounded down; 50/s over 15.046/s is above the drain, but only for 1,000 s.
    expect(decision.reasons).toContain('peak is 43x the mean: the 54,166-item queue holds the 50,000-item burst');
    expect(decision.reasons.join(' ')).not.toMatch(/fills/);
  });

  it('asks for no burstItems once they are given, even with the peak above the drain', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 3_600_000, callerWaits: false, peakPerSecond: 50, meanPerSecond: perDay(100_000), burstItems: 50_000, consumers: 2 });
    expect(decision.reasons.join(' ')).not.toMatch(/set burstItems/);
  });

  it('names the consumers that read one published result', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 3_600_000, callerWaits: false, peakPerSecond: 50, meanPerSecond: perDay(100_000), burstItems: 50_000, consumers: 2 });
    expect(decision.reasons).toContain('2 consumers read one published result');
  });

  it.each([
    [12, 'drain 2.31/s to clear 50,000 items within 43,200 s on top of the mean'],
    [24, 'drain 1.74/s to clear 50,000 items within 86,400 s on top of the mean'],
  ])('prints the %s h drain to three significant figures, as the page does, and the wait with separators', (hours, reason) => {
    const decision = chooseInferenceMode({
      latencyBudgetMs: hours * 3_600_000,
      callerWaits: false,
      peakPerSecond: 50,
      meanPerSecond: perDay(100_000),
      burstItems: 50_000,
      consumers: 1,
    });
    expect(decision.reasons).toContain(reason);
  });

  it.each([
    [1, 15.0, 13.0],
    [12, 2.31, 2.0],
    [24, 1.74, 1.5],
  ])('to clear a 50,000-item import within %s h on top of the mean, provisions %s/s, %sx the mean', (hours, perSecond, timesMean) => {
    const mean = perDay(100_000);
    const decision = chooseInferenceMode({ latencyBudgetMs: hours * 3_600_000, callerWaits: false, peakPerSecond: 50, meanPerSecond: mean, burstItems: 50_000, consumers: 1 });
    expect(decision.drainPerSecond).toBeCloseTo(perSecond, 1);
    expect(decision.drainPerSecond / mean).toBeCloseTo(timesMean, 1);
  });

  it('warns about a 10x peak when nobody waits: at 100/s against a 15/s drain the 5 s queue fills in 0.88 s, so burstItems must be set', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 5_000, callerWaits: false, peakPerSecond: 100, meanPerSecond: 10, consumers: 1 });
    expect(decision.mode).toBe('event-driven');
    expect(decision.drainPerSecond).toBe(15);
    expect(decision.reasons).toContain('peak is 10x the mean: 100/s against a 15.0/s drain fills the 5 s queue in 0.88 s');
    expect(decision.reasons).toContain("set burstItems to (100 - 15.0) x the peak's duration in s, so workers clear the peak within 5 s");
  });

  it('flags a peak of exactly 5 times the mean: 50/s against a 15/s drain fills the 5 s queue in 75 / 35 = 2.14 s', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 5_000, callerWaits: false, peakPerSecond: 50, meanPerSecond: 10, consumers: 1 });
    expect(decision.reasons).toContain('peak is 5x the mean: 50/s against a 15.0/s drain fills the 5 s queue in 2.14 s');
  });

  it('warns of a peak under 5 times the mean that still overflows: 4.9/s against a 1.5/s drain fills the 30 s queue in 45 / 3.4 = 13.24 s', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 30_000, callerWaits: true, peakPerSecond: 4.9, meanPerSecond: 1, consumers: 1 });
    expect(decision.mode).toBe('event-driven');
    expect(decision.reasons).toEqual([
      'a budget of 30,000 ms allows submit-then-poll',
      'drain 1.50/s: the mean with 1.5x headroom',
      'a peak of 4.9/s against a 1.50/s drain fills the 30 s queue in 13.24 s',
      "set burstItems to (4.9 - 1.50) x the peak's duration in s, so workers clear the peak within 30 s",
    ]);
  });

  it('keeps the peak reason but asks for no burstItems once they are given', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 5_000, callerWaits: false, peakPerSecond: 100, meanPerSecond: 10, burstItems: 850, consumers: 1 });
    expect(decision.drainPerSecond).toBe(180); // 10 + 850 / 5
    expect(decision.reasons).toContain('peak is 10x the mean, below the 180/s drain');
    expect(decision.reasons.join(' ')).not.toMatch(/set burstItems/);
  });

  it('sizes workers at the mean plus headroom when no burst must be cleared', () => {
    const decision = chooseInferenceMode({ latencyBudgetMs: 60_000, callerWaits: false, peakPerSecond: 200, meanPerSecond: 100, consumers: 1 });
    expect(decision.drainPerSecond).toBe(150);
  });

  it('rejects a peak below the mean', () => {
    expect(() => chooseInferenceMode({ ...checkout, peakPerSecond: 10 })).toThrow(new RangeError('peakPerSecond (10) must be at least meanPerSecond (1500)'));
  });

  it.each([
    [{ latencyBudgetMs: Number.NaN }, 'latencyBudgetMs must be a finite number > 0, got NaN'],
    [{ latencyBudgetMs: -5 }, 'latencyBudgetMs must be a finite number > 0, got -5'],
    [{ peakPerSecond: Number.NaN }, 'peakPerSecond must be a finite number > 0, got NaN'],
    [{ meanPerSecond: -1 }, 'meanPerSecond must be a finite number > 0, got -1'],
    [{ consumers: Number.NaN }, 'consumers must be an integer >= 1, got NaN'],
    [{ consumers: -1, callerWaits: false }, 'consumers must be an integer >= 1, got -1'],
    [{ consumers: 1.5 }, 'consumers must be an integer >= 1, got 1.5'],
    [{ burstItems: -1 }, 'burstItems must be an integer >= 0, got -1'],
    [{ burstItems: Number.POSITIVE_INFINITY }, 'burstItems must be an integer >= 0, got Infinity'],
  ])('rejects %o with a RangeError', (change, message) => {
    expect(() => chooseInferenceMode({ ...checkout, ...change })).toThrow(new RangeError(message));
  });
});
