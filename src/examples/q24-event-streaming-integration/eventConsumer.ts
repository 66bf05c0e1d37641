/**
 * An idempotent, order-preserving consumer for a Kafka-style partition.
 *
 * The log delivers at least once, so the consumer (not the broker) makes
 * processing effectively once: it skips event ids it has applied, keeps the
 * order of events per key, retries with a cap and then dead-letters, parking
 * the key so its later events cannot overtake the dead-lettered one.
 */

export interface StreamEvent<T = unknown> {
  /** Unique per event, set by the producer (for example from an outbox row id). */
  id: string;
  /** Partition key, such as a customer id; order matters only within a key. */
  key: string;
  offset: number;
  payload: T;
}

/** A failure that retrying cannot fix, such as a payload that fails validation. */
export class NonRetryableError extends Error {}

export interface DeadLetter<T> {
  event: StreamEvent<T>;
  reason: string;
  attempts: number;
}

/**
 * Port: ids of applied events. In production the id is written in the same
 * database transaction as the handler's effect; otherwise a crash between
 * the two replays the effect on redelivery.
 */
export interface ProcessedIds {
  has(id: string): Promise<boolean>;
  add(id: string): Promise<void>;
}

/**
 * Port: keys with an event in the dead-letter queue. Durable and shared by the
 * consumer group, like ProcessedIds: after a rebalance or restart the
 * partition's new owner must still park the key, or it applies later events
 * ahead of the repaired one.
 */
export interface ParkedKeys {
  has(key: string): Promise<boolean>;
  /** Parks the key and records which of its events went to the dead-letter queue. */
  add(key: string, eventId: string): Promise<void>;
  /** Whether this event is already in the dead-letter queue, so a redelivery does not send it twice. */
  holds(eventId: string): Promise<boolean>;
  /** Ids of the key's events in the dead-letter queue, so a replay can prove it covers all of them. */
  heldFor(key: string): Promise<string[]>;
  /** Releases the key and forgets its events. */
  delete(key: string): Promise<void>;
  /**
   * Releases the key only if every event held for it is in eventIds, and returns the held ids that are not.
   * Atomic (one conditional delete in a database), so an event parked at the same moment is never forgotten.
   */
  releaseIfCovered(key: string, eventIds: ReadonlySet<string>): Promise<string[]>;
}

export interface ConsumerOptions<T> {
  handle: (event: StreamEvent<T>) => Promise<void>;
  processed: ProcessedIds;
  parked: ParkedKeys;
  /** Publishes to the dead-letter topic; if it throws, the batch is not committed. */
  deadLetter: (letter: DeadLetter<T>) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** The longest delay setTimeout keeps; a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

export interface BatchResult {
  /** The offset to commit: the next one to read. Committed only after the whole batch is settled. */
  commitOffset: number;
  applied: number;
  duplicates: number;
  deadLettered: number;
  parked: number;
}

export class IdempotentConsumer<T> {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  /** Keys with a replay running in this process. Two replays of one key would each apply every event. */
  private readonly replaying = new Set<string>();

  constructor(private readonly options: ConsumerOptions<T>) {
    this.maxAttempts = options.maxAttempts ?? 3;
    // NaN gets past `??` and `attempt >= NaN` is never true: the cap would never dead-letter a poison event.
    if (!(Number.isInteger(this.maxAttempts) && this.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be an integer >= 1, got ${this.maxAttempts}`);
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    // NaN gets past `??` too, and setTimeout runs a NaN, negative or over-long delay at once.
    for (const [name, delay] of [
      ['baseDelayMs', this.baseDelayMs],
      ['maxDelayMs', this.maxDelayMs],
    ] as const) {
      if (!(delay >= 0 && delay <= MAX_TIMER_MS)) throw new RangeError(`${name} must be a number of ms from 0 to ${MAX_TIMER_MS}, got ${delay}`);
    }
  }

  /**
   * Releases a parked key WITHOUT applying its parked events: for events the operator decided to discard.
   * To apply repaired events use replayParked. Replaying them through processBatch does not work: while the
   * key is parked they count as duplicates, and after a release live events for the key can overtake them.
   */
  async releaseKey(key: string): Promise<void> {
    await this.options.parked.delete(key);
  }

  /**
   * Called by an operator with the repaired versions of every event parked for the key, in their original
   * order. Applies them while the key is still parked, so live events for the key keep queuing behind them,
   * then releases the key. If an event fails again, or a live event was parked while the replay ran and is
   * not in it, it throws and the key stays parked; a rerun skips the events already applied.
   * One replay per key at a time: a second concurrent one is refused. The lock is in-process, so replays
   * must run from one operator process (or take a lease on the key in the shared store first).
   */
  async replayParked(key: string, fixedEvents: readonly StreamEvent<T>[]): Promise<{ applied: number; duplicates: number }> {
    if (this.replaying.has(key)) throw new Error(`a replay of ${key} is already running; rerun it after that one settles`);
    this.replaying.add(key);
    try {
      return await this.replayExclusive(key, fixedEvents);
    } finally {
      this.replaying.delete(key);
    }
  }

  private async replayExclusive(key: string, fixedEvents: readonly StreamEvent<T>[]): Promise<{ applied: number; duplicates: number }> {
    const stray = fixedEvents.find((e) => e.key !== key);
    if (stray) throw new RangeError(`event ${stray.id} has key ${stray.key}, not ${key}`);
    fixedEvents.forEach((e, i) => {
      if (i > 0 && e.offset <= fixedEvents[i - 1]!.offset) throw new RangeError(`replay must keep the original order: offset ${fixedEvents[i - 1]!.offset} then ${e.offset}`);
    });
    const given = new Set(fixedEvents.map((e) => e.id));
    const held = new Set(await this.options.parked.heldFor(key));
    const notParked = fixedEvents.find((e) => !held.has(e.id));
    if (notParked) throw new RangeError(`event ${notParked.id} is not parked for ${key}; a replay applies only dead-lettered events`);
    const missingError = (missing: string[]) => new Error(`replay of ${key} must include every parked event; missing ${missing.join(', ')}`);
    const missingAtStart = [...held].filter((id) => !given.has(id));
    if (missingAtStart.length > 0) throw missingError(missingAtStart);
    const result = { applied: 0, duplicates: 0 };
    for (const event of fixedEvents) {
      // Bypasses holds(): these ids are in the dead-letter queue on purpose. Only an applied id is skipped.
      if (await this.options.processed.has(event.id)) {
        result.duplicates++;
        continue;
      }
      const outcome = await this.applyWithRetries(event);
      if (outcome !== 'applied') throw new Error(`replay of ${event.id} failed after ${outcome.attempts} attempt(s): ${outcome.reason}; key ${key} stays parked`);
      result.applied++;
    }
    // A live event parked during the replay queues behind the repaired ones; releasing now would strand it.
    const missingAtEnd = await this.options.parked.releaseIfCovered(key, given);
    if (missingAtEnd.length > 0) throw missingError(missingAtEnd);
    return result;
  }

  async isParked(key: string): Promise<boolean> {
    return this.options.parked.has(key);
  }

  /** Process one polled batch from one partition, in offset order. */
  async processBatch(events: readonly StreamEvent<T>[]): Promise<BatchResult> {
    events.forEach((e, i) => {
      if (i > 0 && e.offset <= events[i - 1]!.offset) throw new RangeError(`offsets must increase: ${events[i - 1]!.offset} then ${e.offset}`);
    });
    const result: BatchResult = { commitOffset: (events.at(-1)?.offset ?? -1) + 1, applied: 0, duplicates: 0, deadLettered: 0, parked: 0 };
    // One lane per key: lanes run concurrently, events inside a lane run one after another.
    const lanes = new Map<string, StreamEvent<T>[]>();
    for (const event of events) lanes.set(event.key, [...(lanes.get(event.key) ?? []), event]);
    // Every lane settles before the batch fails: rejecting on the first failure while other lanes still run
    // lets a consumer that re-polls at once process the same key in two runs concurrently.
    const settled = await Promise.allSettled([...lanes.values()].map((lane) => this.runLane(lane, result)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    // An error escaping a lane (say the dead-letter topic is down) fails the batch before a commit, so the
    // broker redelivers it; committing first would turn at-least-once into at-most-once.
    if (failed) throw failed.reason;
    return result;
  }

  private async runLane(lane: readonly StreamEvent<T>[], result: BatchResult): Promise<void> {
    for (const event of lane) {
      // A redelivery of an event already applied or already dead-lettered: nothing to do.
      if ((await this.options.processed.has(event.id)) || (await this.options.parked.holds(event.id))) {
        result.duplicates++;
        continue;
      }
      // Later events of a parked key follow it into the dead-letter queue, so they are never applied out of order.
      if (await this.options.parked.has(event.key)) {
        await this.options.deadLetter({ event, reason: `parked: an earlier event for key ${event.key} is in the dead-letter queue`, attempts: 0 });
        await this.options.parked.add(event.key, event.id);
        result.parked++;
        continue;
      }
      const outcome = await this.applyWithRetries(event);
      if (outcome === 'applied') {
        result.applied++;
      } else {
        // Dead-letter before parking: if parking fails, the batch is redelivered and the event is dead-lettered again with its real reason.
        await this.options.deadLetter({ event, ...outcome });
        await this.options.parked.add(event.key, event.id);
        result.deadLettered++;
      }
    }
  }

  private async applyWithRetries(event: StreamEvent<T>): Promise<'applied' | { reason: string; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handle(event);
        await this.options.processed.add(event.id);
        return 'applied';
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // A poison event must not block its partition forever: cap the attempts, then dead-letter.
        if (error instanceof NonRetryableError || attempt >= this.maxAttempts) return { reason, attempts: attempt };
        await this.options.sleep(Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs));
      }
    }
  }
}

/** In-memory ProcessedIds for tests; production keeps ids (with a retention window) beside the data they guard. */
export class InMemoryProcessedIds implements ProcessedIds {
  readonly ids = new Set<string>();
  async has(id: string) {
    return this.ids.has(id);
  }
  async add(id: string) {
    this.ids.add(id);
  }
}

/** In-memory ParkedKeys for tests; production keeps them in a store the whole consumer group reads, such as a database table. */
export class InMemoryParkedKeys implements ParkedKeys {
  /** Parked key -> ids of its events in the dead-letter queue. */
  readonly keys = new Map<string, Set<string>>();
  async has(key: string) {
    return this.keys.has(key);
  }
  async add(key: string, eventId: string) {
    this.keys.set(key, (this.keys.get(key) ?? new Set<string>()).add(eventId));
  }
  async holds(eventId: string) {
    return [...this.keys.values()].some((ids) => ids.has(eventId));
  }
  async heldFor(key: string) {
    return [...(this.keys.get(key) ?? [])];
  }
  async delete(key: string) {
    this.keys.delete(key);
  }
  async releaseIfCovered(key: string, eventIds: ReadonlySet<string>) {
    const missing = [...(this.keys.get(key) ?? [])].filter((id) => !eventIds.has(id));
    if (missing.length === 0) this.keys.delete(key);
    return missing;
  }
}
