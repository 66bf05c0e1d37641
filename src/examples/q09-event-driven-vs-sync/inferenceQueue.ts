/**
 * Two pieces of the event-driven versus synchronous decision.
 *
 * 1. `BoundedQueue`: the buffer between producers and model workers. Its
 *    capacity comes from Little's law (items waiting = drain rate x wait), so
 *    a full queue means "the wait would exceed the tolerance"; it then rejects
 *    with a retry-after hint (back-pressure) instead of growing without bound.
 * 2. `chooseInferenceMode`: the decision rule, with the reasons that drove it.
 */

export type Offer = { readonly accepted: true; readonly depth: number } | { readonly accepted: false; readonly retryAfterMs: number };

export class BoundedQueue<T> {
  private items: T[] = [];
  readonly capacity: number;

  /**
   * @param drainPerSecond items per second the workers complete (measured, not hoped for)
   * @param maxWaitMs longest acceptable time in the queue
   */
  constructor(
    readonly drainPerSecond: number,
    readonly maxWaitMs: number,
  ) {
    if (!(drainPerSecond > 0) || !(maxWaitMs > 0)) throw new RangeError('drain rate and max wait must be positive');
    this.capacity = Math.max(1, Math.floor((drainPerSecond * maxWaitMs) / 1000));
  }

  get depth(): number {
    return this.items.length;
  }

  /** Expected wait for a new item at the current depth. */
  expectedWaitMs(): number {
    return (this.items.length / this.drainPerSecond) * 1000;
  }

  offer(item: T): Offer {
    if (this.items.length >= this.capacity) {
      // Retry after half the queue has drained, not after one slot: producers
      // that retry the moment a slot frees keep the queue pinned at full.
      return { accepted: false, retryAfterMs: Math.ceil((this.capacity / 2 / this.drainPerSecond) * 1000) };
    }
    this.items.push(item);
    return { accepted: true, depth: this.items.length };
  }

  /** Workers pull batches: GPUs are efficient with batches, and pulling is itself back-pressure. */
  takeBatch(max: number): T[] {
    return this.items.splice(0, Math.max(0, max));
  }
}

export interface Workload {
  /** Longest time the caller can wait for the result inside its own request. */
  readonly latencyBudgetMs: number;
  /** Is a person or a synchronous caller blocked on this answer? */
  readonly callerWaits: boolean;
  readonly peakPerSecond: number;
  readonly meanPerSecond: number;
  /** Services that need each prediction (search index, analytics, notifications...). */
  readonly consumers: number;
}

export type Mode = 'synchronous' | 'event-driven' | 'hybrid';

export interface Decision {
  readonly mode: Mode;
  readonly reasons: readonly string[];
}

/** Rule-of-thumb limits, named so that a team can argue about them. */
export const LIMITS = { syncBudgetMs: 1_000, burstRatio: 5, fanOut: 2 } as const;

export function chooseInferenceMode(w: Workload): Decision {
  if (!(w.meanPerSecond > 0) || w.peakPerSecond < w.meanPerSecond) throw new RangeError('need 0 < mean <= peak');
  const burst = w.peakPerSecond / w.meanPerSecond;
  const bursty = burst >= LIMITS.burstRatio;
  const fanOut = w.consumers >= LIMITS.fanOut;

  if (w.callerWaits && w.latencyBudgetMs < LIMITS.syncBudgetMs) {
    // Someone is blocked: a queue cannot absorb a burst without breaking the budget.
    const capacity = bursty ? [`peak is ${burst.toFixed(0)}x the mean: size for the peak or degrade (Q8)`] : [];
    if (!fanOut) return { mode: 'synchronous', reasons: [`caller waits with a ${w.latencyBudgetMs} ms budget`, ...capacity] };
    return {
      mode: 'hybrid',
      reasons: [`answer the caller within ${w.latencyBudgetMs} ms`, `then publish one event for ${w.consumers} consumers`, ...capacity],
    };
  }
  const reasons = [w.callerWaits ? `a ${w.latencyBudgetMs} ms budget allows submit-then-poll` : 'nobody waits for the result'];
  if (bursty) reasons.push(`peak is ${burst.toFixed(0)}x the mean: workers can be sized near the mean`);
  if (fanOut) reasons.push(`${w.consumers} consumers read one published result`);
  return { mode: 'event-driven', reasons };
}
