/**
 * Two pieces of the event-driven versus synchronous decision.
 *
 * 1. `BoundedQueue`: the buffer between producers and model workers. An item
 *    behind N others, drained at D items per second, waits N / D seconds; so
 *    the capacity is D x the tolerated wait, and a full queue means "the wait
 *    would exceed the tolerance". It then rejects with a Retry-After hint
 *    (back-pressure) instead of growing without bound.
 * 2. `chooseInferenceMode`: the decision rule, the throughput to provision and
 *    the reasons that drove both.
 */

/** Retry-After in HTTP is a whole number of seconds (RFC 9110, section 10.2.3). */
export type Offer = { readonly accepted: true; readonly depth: number } | { readonly accepted: false; readonly retryAfterSeconds: number };

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

export class BoundedQueue<T> {
  private items: T[] = [];
  readonly capacity: number;

  /**
   * @param drainPerSecond items per second the workers complete (measured, not hoped for)
   * @param maxWaitMs longest acceptable time in the queue
   * @param random source of retry jitter in [0, 1); tests pass a fixed one
   */
  constructor(
    readonly drainPerSecond: number,
    readonly maxWaitMs: number,
    private readonly random: () => number = Math.random,
  ) {
    requirePositive('drainPerSecond', drainPerSecond);
    requirePositive('maxWaitMs', maxWaitMs);
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
      // Retry once half the queue has drained, not after one slot: producers that
      // retry the moment a slot frees keep the queue pinned at full. Jitter up to
      // twice that spreads the retries, so rejected producers do not return in lockstep.
      // Whole seconds leave few distinct values, so clients add sub-second jitter of their own.
      const jitter = this.random();
      if (!(jitter >= 0 && jitter < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${jitter}`);
      const halfDrainSeconds = this.capacity / 2 / this.drainPerSecond;
      return { accepted: false, retryAfterSeconds: Math.ceil(halfDrainSeconds * (1 + jitter)) };
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
  /** Longest time until the result is needed: inside the caller's request, or the tolerated wait when nobody waits. */
  readonly latencyBudgetMs: number;
  /** Is a person or a synchronous caller blocked on this answer? */
  readonly callerWaits: boolean;
  /** Can the answer be sent as it is produced, like LLM tokens? */
  readonly streams?: boolean;
  readonly peakPerSecond: number;
  readonly meanPerSecond: number;
  /** Largest batch that arrives at once, such as a catalogue import; 0 if none. */
  readonly burstItems?: number;
  /** Services that need each prediction (search index, analytics, notifications...). */
  readonly consumers: number;
}

export type Mode = 'synchronous' | 'event-driven' | 'hybrid';

export interface Decision {
  readonly mode: Mode;
  /** Throughput to provision, in predictions per second. */
  readonly drainPerSecond: number;
  readonly reasons: readonly string[];
}

/** Rule-of-thumb limits, named so that a team can argue about them. */
export const LIMITS = { syncBudgetMs: 1_000, burstRatio: 5, fanOut: 2, headroom: 1.5 } as const;

function validate(w: Workload): void {
  requirePositive('latencyBudgetMs', w.latencyBudgetMs);
  requirePositive('peakPerSecond', w.peakPerSecond);
  requirePositive('meanPerSecond', w.meanPerSecond);
  if (w.peakPerSecond < w.meanPerSecond) throw new RangeError(`peakPerSecond (${w.peakPerSecond}) must be at least meanPerSecond (${w.meanPerSecond})`);
  if (!(Number.isInteger(w.consumers) && w.consumers >= 1)) throw new RangeError(`consumers must be an integer >= 1, got ${w.consumers}`);
  const burst = w.burstItems ?? 0;
  if (!(Number.isInteger(burst) && burst >= 0)) throw new RangeError(`burstItems must be an integer >= 0, got ${burst}`);
}

/** A number as the page writes it, 20,000 or 2,310.5: separators by hand, so every runtime prints the same. */
function grouped(n: number | string): string {
  const [whole, fraction] = String(n).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

export function chooseInferenceMode(w: Workload): Decision {
  validate(w);
  const ratio = (w.peakPerSecond / w.meanPerSecond).toFixed(0);
  const bursty = w.peakPerSecond / w.meanPerSecond >= LIMITS.burstRatio;
  const fanOut = w.consumers >= LIMITS.fanOut;

  if (w.callerWaits && (w.latencyBudgetMs < LIMITS.syncBudgetMs || w.streams)) {
    // Someone is blocked: a queue cannot absorb a burst without breaking the budget.
    const reasons = [
      w.streams ? `stream the answer: first tokens at once, the rest within ${grouped(w.latencyBudgetMs)} ms` : `caller waits, budget ${grouped(w.latencyBudgetMs)} ms`,
    ];
    if (fanOut) reasons.push(`then publish one event for ${w.consumers} consumers`);
    if (bursty) reasons.push(`peak is ${ratio}x the mean: size for the peak or degrade (Q8)`);
    return { mode: fanOut ? 'hybrid' : 'synchronous', drainPerSecond: w.peakPerSecond, reasons };
  }

  // Workers must keep up with the mean and clear the largest burst within the tolerated
  // wait while the mean keeps arriving; sized at the mean alone, a burst just fills the queue.
  const waitSeconds = w.latencyBudgetMs / 1000;
  const burstItems = w.burstItems ?? 0;
  const drainPerSecond = Math.max(w.meanPerSecond * LIMITS.headroom, w.meanPerSecond + burstItems / waitSeconds);
  const reasons = [w.callerWaits ? `a budget of ${grouped(w.latencyBudgetMs)} ms allows submit-then-poll` : 'nobody waits for the result'];
  const drain = grouped(drainPerSecond.toFixed(1));
  reasons.push(
    burstItems > 0
      ? `drain ${drain}/s to clear ${grouped(burstItems)} items within ${waitSeconds} s on top of the mean`
      : `drain ${drain}/s: the mean with ${LIMITS.headroom}x headroom`,
  );
  if (bursty && drainPerSecond >= w.peakPerSecond) reasons.push(`peak is ${ratio}x the mean, below the ${drain}/s drain`);
  if (bursty && drainPerSecond < w.peakPerSecond) {
    // The queue holds drain x wait items and grows by (peak - drain) per second while the peak lasts.
    const fillSeconds = (drainPerSecond * waitSeconds) / (w.peakPerSecond - drainPerSecond);
    reasons.push(`peak is ${ratio}x the mean: ${grouped(w.peakPerSecond)}/s against a ${drain}/s drain fills the ${waitSeconds} s queue in ${fillSeconds.toFixed(2)} s`);
    if (burstItems === 0) reasons.push(`set burstItems to (${grouped(w.peakPerSecond)} - ${drain}) x the peak's duration in s, so workers clear the peak within ${waitSeconds} s`);
  }
  if (fanOut) reasons.push(`${w.consumers} consumers read one published result`);
  return { mode: 'event-driven', drainPerSecond, reasons };
}
