/**
 * An idempotent, order-preserving consumer for one partition of a Kafka-style log.
 *
 * The log delivers at least once, so the consumer (not the broker) makes processing effectively once: each
 * effect commits in one transaction with its event id, events keep their order per key, a bad event is retried
 * with a cap and then dead-lettered with its key parked, and a dependency outage fails the batch instead.
 */

export interface StreamEvent<T = unknown> {
  /** Unique per event, set by the producer (for example from an outbox row id). */
  id: string;
  /** Partition key, such as a customer id; order matters only within a key. */
  key: string;
  offset: number;
  payload: T;
}

/** A failure that retrying cannot fix, such as a payload that fails validation: dead-lettered at once. */
export class NonRetryableError extends Error {}

/**
 * A dependency is down: throw it for timeouts, 5xx answers and refused connections. If the last attempt
 * fails with it, the batch fails instead of dead-lettering: in an outage every event fails, and
 * dead-lettering them all would park every key in flight.
 */
export class DependencyUnavailableError extends Error {}

/**
 * Thrown by processBatch. Commit nothing and seek the partition back to seekTo before polling again: the
 * client's position has already moved past the batch, so the next poll would skip it. If the cause is a
 * DependencyUnavailableError, pause the partition with backoff first.
 */
export class BatchFailedError extends Error {
  constructor(
    readonly seekTo: number,
    cause: unknown,
  ) {
    super(`batch from offset ${seekTo} failed: ${messageOf(cause)}; seek back to ${seekTo} before polling again`, { cause });
  }
}

export interface DeadLetter<T> {
  event: StreamEvent<T>;
  reason: string;
  attempts: number;
}

/** Port: ids of applied events, in the database that holds the effects (Tx is its transaction handle). */
export interface ProcessedIds<Tx = unknown> {
  has(id: string): Promise<boolean>;
  /**
   * In ONE transaction: inserts the id (a UNIQUE column), then runs the effect with the transaction.
   * Both commit or neither, so no crash or failed commit leaves an effect without its id. Returns false,
   * running nothing, if the id is there; a concurrent insert of it waits for the first transaction.
   * A store that cannot join the transaction (Redis, an external API) needs an idempotent write instead.
   */
  applyOnce(id: string, effect: (tx: Tx) => Promise<void>): Promise<boolean>;
}

/**
 * Port: keys with an event in the dead-letter queue. Durable and shared by the consumer group: after a
 * rebalance the partition's new owner must still park the key, or it applies later events first. Parking
 * is not fenced: a stalled old owner can park a key for an event the new owner has applied; a replay then
 * counts that event as a duplicate and releases the key.
 */
export interface ParkedKeys<T> {
  has(key: string): Promise<boolean>;
  /** Parks the event's key and keeps the event, with its original offset. */
  add(event: StreamEvent<T>): Promise<void>;
  /**
   * Keeps the event only if its key is parked, and says whether it did. Atomic (one conditional insert),
   * so an event checked just before a replay releases the key cannot park it again afterwards.
   */
  addIfParked(event: StreamEvent<T>): Promise<boolean>;
  /** Whether this event is already in the dead-letter queue, so a redelivery does not send it twice. */
  holds(eventId: string): Promise<boolean>;
  /** The key's parked events, each once, in original offset order (one key is always on one partition). */
  heldFor(key: string): Promise<StreamEvent<T>[]>;
  /**
   * Releases the key only if every event held for it is in eventIds, and returns the held ids that are not.
   * Atomic (one conditional delete in a database), so an event parked at the same moment is never forgotten.
   */
  releaseIfCovered(key: string, eventIds: ReadonlySet<string>): Promise<string[]>;
}

export interface ConsumerOptions<T, Tx = unknown> {
  /** Writes the effect through tx; should stop when signal aborts (the attempt has timed out). */
  handle: (event: StreamEvent<T>, context: { tx: Tx; signal: AbortSignal }) => Promise<void>;
  processed: ProcessedIds<Tx>;
  parked: ParkedKeys<T>;
  /** Publishes to the dead-letter topic; if it throws, the batch fails. */
  deadLetter: (letter: DeadLetter<T>) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  /** Returns a number in [0, 1) for backoff jitter; injected so tests are deterministic. */
  random?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  handlerTimeoutMs?: number;
}

/** The longest delay setTimeout keeps; a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;
/** Rounds of live events a replay applies before giving up on a key hotter than the replay. */
const MAX_REPLAY_ROUNDS = 10;

export interface BatchResult {
  /** The offset to commit (the next one to read), or undefined for an empty batch: then commit nothing. */
  commitOffset: number | undefined;
  applied: number;
  /** Already applied or dead-lettered; includes an event whose timed-out attempt committed before its retry. */
  duplicates: number;
  deadLettered: number;
  parked: number;
}

type Failure = { reason: string; attempts: number };

export class IdempotentConsumer<T, Tx = unknown> {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly handlerTimeoutMs: number;
  /** Keys with a replay or discard running in this process. Two at once could apply and discard one event. */
  private readonly repairing = new Set<string>();

  constructor(private readonly options: ConsumerOptions<T, Tx>) {
    this.maxAttempts = options.maxAttempts ?? 3;
    // NaN gets past `??` and `attempt >= NaN` is never true: the cap would never dead-letter a poison event.
    if (!(Number.isInteger(this.maxAttempts) && this.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be an integer >= 1, got ${this.maxAttempts}`);
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.handlerTimeoutMs = options.handlerTimeoutMs ?? 1_000;
    // NaN gets past `??` too, and setTimeout runs a NaN, negative or over-long delay at once.
    for (const [name, ms, min] of [
      ['baseDelayMs', this.baseDelayMs, 0],
      ['maxDelayMs', this.maxDelayMs, 0],
      ['handlerTimeoutMs', this.handlerTimeoutMs, 1],
    ] as const) {
      if (!(ms >= min && ms <= MAX_TIMER_MS)) throw new RangeError(`${name} must be a number of ms from ${min} to ${MAX_TIMER_MS}, got ${ms}`);
    }
  }

  /**
   * Processes one polled batch of one partition; call it for one batch of a partition at a time. Run the
   * client with enable.auto.commit=false and commit commitOffset only after this resolves. On a
   * BatchFailedError commit nothing and seek back to its seekTo: events applied before the failure are
   * skipped when read again.
   */
  async processBatch(events: readonly StreamEvent<T>[]): Promise<BatchResult> {
    events.forEach((e, i) => {
      if (!(Number.isSafeInteger(e.offset) && e.offset >= 0)) throw new RangeError(`offsets must be integers >= 0, got ${e.offset}`);
      if (i > 0 && e.offset <= events[i - 1]!.offset) throw new RangeError(`offsets must increase: ${events[i - 1]!.offset} then ${e.offset}`);
    });
    const last = events.at(-1);
    const result: BatchResult = { commitOffset: last === undefined ? undefined : last.offset + 1, applied: 0, duplicates: 0, deadLettered: 0, parked: 0 };
    // One lane per key: lanes run concurrently (no cap here), events inside a lane run one after another.
    const lanes = new Map<string, StreamEvent<T>[]>();
    for (const event of events) {
      const lane = lanes.get(event.key);
      if (lane) lane.push(event);
      else lanes.set(event.key, [event]);
    }
    // Every lane settles before the batch fails: rejecting on the first failure while other lanes still run
    // lets a consumer that re-polls at once process the same key in two runs concurrently.
    const settled = await Promise.allSettled([...lanes.values()].map((lane) => this.runLane(lane, result)));
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    // If any lane hit an outage, that is the cause: it is what the caller must pause the partition for.
    if (errors.length > 0) throw new BatchFailedError(events[0]!.offset, errors.find((e) => e instanceof DependencyUnavailableError) ?? errors[0]);
    return result;
  }

  async isParked(key: string): Promise<boolean> {
    return this.options.parked.has(key);
  }

  /** The key's parked events, each once and in order: the list to repair for replayParked. */
  async parkedEvents(key: string): Promise<StreamEvent<T>[]> {
    return this.options.parked.heldFor(key);
  }

  /**
   * Called by an operator with the repaired versions of every event parked for the key, in their original
   * order. Applies them while the key is still parked, so live events for the key queue behind them; then
   * applies, as they are, live events parked meanwhile (they were parked only for order), and releases the
   * key. If an event fails again it throws and the key stays parked; a rerun skips what was applied.
   * Take the events from parkedEvents, not from the dead-letter topic, which can hold one twice.
   */
  async replayParked(key: string, fixedEvents: readonly StreamEvent<T>[]): Promise<{ applied: number; duplicates: number }> {
    return this.exclusive(key, () => this.replayExclusive(key, fixedEvents));
  }

  /**
   * Releases a parked key WITHOUT applying its parked events, followers included: for events the operator
   * decided to discard. Marks them as applied, so a redelivery of a batch that was never committed does not run them.
   */
  async discardParked(key: string): Promise<void> {
    return this.exclusive(key, async () => {
      const held = (await this.options.parked.heldFor(key)).map((e) => e.id);
      for (const id of held) await this.options.processed.applyOnce(id, async () => {});
      const live = await this.options.parked.releaseIfCovered(key, new Set(held));
      if (live.length > 0) throw new Error(`${live.join(', ')} parked for ${key} while discarding; the key stays parked`);
    });
  }

  /** One replay or discard per key at a time. The lock is in-process, so repairs must run from one operator process. */
  private async exclusive<R>(key: string, repair: () => Promise<R>): Promise<R> {
    if (this.repairing.has(key)) throw new Error(`a replay or discard of ${key} is already running; rerun it after that one settles`);
    this.repairing.add(key);
    try {
      return await repair();
    } finally {
      this.repairing.delete(key);
    }
  }

  private async replayExclusive(key: string, fixedEvents: readonly StreamEvent<T>[]): Promise<{ applied: number; duplicates: number }> {
    const ids = new Set<string>();
    for (const e of fixedEvents) {
      if (ids.has(e.id)) throw new RangeError(`event ${e.id} is listed twice; take the events from parkedEvents, not the dead-letter topic`);
      ids.add(e.id);
    }
    const stray = fixedEvents.find((e) => e.key !== key);
    if (stray) throw new RangeError(`event ${stray.id} has key ${stray.key}, not ${key}`);
    // The order is judged by the offsets recorded at parking: repaired events may carry new offsets.
    const held = (await this.options.parked.heldFor(key)).map((e) => e.id);
    const notParked = fixedEvents.find((e) => !held.includes(e.id));
    if (notParked) throw new RangeError(`event ${notParked.id} is not parked for ${key}; a replay applies only dead-lettered events`);
    const missing = held.filter((id) => !fixedEvents.some((e) => e.id === id));
    if (missing.length > 0) throw new Error(`replay of ${key} must include every parked event; missing ${missing.join(', ')}`);
    if (fixedEvents.some((e, i) => e.id !== held[i])) throw new RangeError(`replay must keep the original order: ${held.join(', ')}`);

    const result = { applied: 0, duplicates: 0 };
    const done = new Set<string>();
    let batch = fixedEvents;
    for (let round = 1; round <= MAX_REPLAY_ROUNDS; round++) {
      for (const event of batch) {
        // Bypasses holds(): these ids are in the dead-letter queue on purpose. Only an applied id is skipped.
        const outcome = (await this.options.processed.has(event.id)) ? 'duplicate' : await this.applyWithRetries(event);
        if (typeof outcome !== 'string') throw new Error(`replay of ${event.id} failed after ${outcome.attempts} attempt(s): ${outcome.reason}; key ${key} stays parked`);
        result[outcome === 'applied' ? 'applied' : 'duplicates']++;
        done.add(event.id);
      }
      const liveIds = await this.options.parked.releaseIfCovered(key, done);
      if (liveIds.length === 0) return result;
      batch = (await this.options.parked.heldFor(key)).filter((e) => liveIds.includes(e.id));
    }
    throw new Error(`live events for ${key} keep arriving; the key stays parked: pause its partition and rerun`);
  }

  private async runLane(lane: readonly StreamEvent<T>[], result: BatchResult): Promise<void> {
    for (const event of lane) {
      // A redelivery of an event already applied or already dead-lettered: nothing to do.
      if ((await this.options.processed.has(event.id)) || (await this.options.parked.holds(event.id))) {
        result.duplicates++;
        continue;
      }
      // Later events of a parked key follow it, so they are never applied out of order. One conditional insert,
      // not has() then add(): a replay could release the key in between, and add() would park it again.
      if (await this.options.parked.addIfParked(event)) {
        // A replay reads the parked-key store; this copy only tells the operator why the event waits (if the
        // publish fails, the re-read skips the event as parked, and the store still holds it).
        await this.options.deadLetter({ event, reason: `parked: an earlier event for key ${event.key} is in the dead-letter queue`, attempts: 0 });
        result.parked++;
        continue;
      }
      // An outage throws here: the lane stops, so no later event of the key runs ahead of this one.
      const outcome = await this.applyWithRetries(event);
      if (outcome === 'applied') result.applied++;
      else if (outcome === 'duplicate') result.duplicates++;
      else {
        // Dead-letter before parking: if parking fails, the batch fails and the re-read publishes the event again,
        // so the topic can hold it twice; the parked-key store keeps it once.
        await this.options.deadLetter({ event, ...outcome });
        await this.options.parked.add(event);
        result.deadLettered++;
      }
    }
  }

  private async applyWithRetries(event: StreamEvent<T>): Promise<'applied' | 'duplicate' | Failure> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.attempt(event)) ? 'applied' : 'duplicate';
      } catch (error) {
        // A poison event must not block its partition forever: cap the attempts, then dead-letter.
        if (error instanceof NonRetryableError) return { reason: error.message, attempts: attempt };
        if (attempt >= this.maxAttempts) {
          if (error instanceof DependencyUnavailableError) throw error;
          return { reason: messageOf(error), attempts: attempt };
        }
        // Full jitter: failing lanes spread their retries instead of hitting a recovering store together.
        const random = this.options.random ?? Math.random;
        await this.options.sleep(random() * Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs));
      }
    }
  }

  /** One attempt, bounded by the handler timeout. Resolves false if the id was already applied. */
  private async attempt(event: StreamEvent<T>): Promise<boolean> {
    const abort = new AbortController();
    let handlerFailed = false;
    const run = this.options.processed.applyOnce(event.id, async (tx) => {
      try {
        await this.options.handle(event, { tx, signal: abort.signal });
      } catch (error) {
        handlerFailed = true; // also when a non-async handler throws before returning a promise
        throw error;
      }
    });
    run.catch(() => undefined); // after a timeout nobody awaits it; its rejection must not go unhandled
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new DependencyUnavailableError(`handler timed out after ${this.handlerTimeoutMs} ms`));
      }, this.handlerTimeoutMs);
    });
    try {
      return await Promise.race([run, timeout]);
    } catch (error) {
      // An error from the store itself, not the handler, means the database is down: an outage, not a bad event.
      if (handlerFailed || error instanceof DependencyUnavailableError) throw error;
      throw new DependencyUnavailableError(`applied-id store failed: ${messageOf(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** In-memory ProcessedIds for tests. It cannot roll an effect back; a database rolls it back with the id. */
export class InMemoryProcessedIds implements ProcessedIds {
  readonly ids = new Set<string>();
  /** Transactions in flight by id: a second insert of the id waits for the first, as on a UNIQUE index. */
  private readonly running = new Map<string, Promise<void>>();
  async has(id: string) {
    return this.ids.has(id);
  }
  async applyOnce(id: string, effect: (tx: unknown) => Promise<void>) {
    while (this.running.has(id)) await this.running.get(id)!.catch(() => undefined);
    if (this.ids.has(id)) return false;
    const run = effect(undefined);
    this.running.set(id, run);
    try {
      await run;
      this.ids.add(id);
      return true;
    } finally {
      this.running.delete(id);
    }
  }
}

/** In-memory ParkedKeys for tests; production keeps them in a store the whole consumer group reads, such as a database table. */
export class InMemoryParkedKeys<T = unknown> implements ParkedKeys<T> {
  /** Parked key -> its events in the dead-letter queue, by id. */
  readonly keys = new Map<string, Map<string, StreamEvent<T>>>();
  async has(key: string) {
    return this.keys.has(key);
  }
  async add(event: StreamEvent<T>) {
    this.keys.set(event.key, (this.keys.get(event.key) ?? new Map<string, StreamEvent<T>>()).set(event.id, event));
  }
  async addIfParked(event: StreamEvent<T>) {
    const held = this.keys.get(event.key);
    held?.set(event.id, event);
    return held !== undefined;
  }
  async holds(eventId: string) {
    return [...this.keys.values()].some((events) => events.has(eventId));
  }
  async heldFor(key: string) {
    return [...(this.keys.get(key)?.values() ?? [])].sort((a, b) => a.offset - b.offset);
  }
  async releaseIfCovered(key: string, eventIds: ReadonlySet<string>) {
    const missing = [...(this.keys.get(key)?.keys() ?? [])].filter((id) => !eventIds.has(id));
    if (missing.length === 0) this.keys.delete(key);
    return missing;
  }
}
