/**
 * Two pieces of the event-driven versus synchronous decision.
 *
 * 1. `BoundedQueue`: the buffer between producers and model workers. An item
 *    behind N others, drained at D items per second, waits N / D seconds; so
 *    the capacity is D x the tolerated wait, and a full queue means "the wait
 *    would reach the tolerance". It then rejects with a Retry-After hint
 *    (back-pressure) instead of growing without bound. An in-process sketch:
 *    takeBatch removes items, so a worker that crashes loses its batch (at most
 *    once); a broker such as Kafka redelivers until the consumer commits its
 *    offset, which is why consumers must be idempotent.
 * 2. `chooseInferenceMode`: the decision rule, the throughput to provision and
 *    the reasons that drove both.
 */

/** Retry-After's delay-seconds form is a whole number of seconds (RFC 9110, section 10.2.3); the other form is an HTTP-date. */
export type Offer = { readonly accepted: true; readonly depth: number } | { readonly accepted: false; readonly retryAfterSeconds: number };

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

/** Items that drain within the wait; the 1e-9 absorbs float error (2.05 x 60,000 / 1,000 is 122.99999999999999, not 123). */
function queueCapacity(drainPerSecond: number, maxWaitMs: number): number {
  return Math.max(1, Math.floor((drainPerSecond * maxWaitMs) / 1000 + 1e-9));
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
    this.capacity = queueCapacity(drainPerSecond, maxWaitMs);
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
  /** Largest batch that arrives at once, such as a catalogue import, taken as the whole peak; 0 if none. */
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

/** A rate to three significant figures (2.31, 15.0), whole from 100 up: one decimal would print 1.7 where 1.74 is needed. */
function rate(perSecond: number): string {
  return perSecond >= 100 ? grouped(Math.round(perSecond)) : perSecond.toPrecision(3);
}

export function chooseInferenceMode(w: Workload): Decision {
  validate(w);
  const ratio = grouped((w.peakPerSecond / w.meanPerSecond).toFixed(0));
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
  const drain = rate(drainPerSecond);
  const wait = grouped(waitSeconds);
  reasons.push(
    burstItems > 0 ? `drain ${drain}/s to clear ${grouped(burstItems)} items within ${wait} s on top of the mean` : `drain ${drain}/s: the mean with ${LIMITS.headroom}x headroom`,
  );
  // A peak above the drain is flagged whatever its ratio; the ratio only adds "Nx the mean".
  const peakIs = `peak is ${ratio}x the mean`;
  if (drainPerSecond >= w.peakPerSecond) {
    if (bursty) reasons.push(`${peakIs}, below the ${drain}/s drain`);
  } else if (burstItems > 0) {
    // The burst is the peak. The drain is at least mean + burst / wait, so the queue, drain x wait items, holds the
    // whole burst however fast it arrives; the peak ends when the burst does.
    const holds = `the ${grouped(queueCapacity(drainPerSecond, w.latencyBudgetMs))}-item queue holds the ${grouped(burstItems)}-item burst`;
    reasons.push(bursty ? `${peakIs}: ${holds}` : holds);
  } else {
    // No burst size, so the peak may never end: the queue holds drain x wait items and grows by (peak - drain) per second.
    const fillSeconds = (drainPerSecond * waitSeconds) / (w.peakPerSecond - drainPerSecond);
    const fills = `${grouped(w.peakPerSecond)}/s against a ${drain}/s drain fills the ${wait} s queue in ${grouped(fillSeconds.toFixed(2))} s`;
    reasons.push(bursty ? `${peakIs}: ${fills}` : `a peak of ${fills}`);
    reasons.push(`set burstItems to (${grouped(w.peakPerSecond)} - ${drain}) x the peak's duration in s, so workers clear the peak within ${wait} s`);
  }
  if (fanOut) reasons.push(`${w.consumers} consumers read one published result`);
  return { mode: 'event-driven', drainPerSecond, reasons };
}
