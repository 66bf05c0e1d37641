import { describe, expect, it } from 'vitest';
import {
  BatchFailedError,
  DependencyUnavailableError,
  IdempotentConsumer,
  InMemoryParkedKeys,
  InMemoryProcessedIds,
  NonRetryableError,
  type ConsumerOptions,
  type DeadLetter,
  type ParkedKeys,
  type ProcessedIds,
  type StreamEvent,
} from './eventConsumer';

type Payload = { score: number };

let nextOffset = 0;
const ev = (id: string, key: string): StreamEvent<Payload> => ({ id, key, offset: nextOffset++, payload: { score: 1 } });

/** Yield to the event loop n times: a deterministic stand-in for slow and fast handlers. */
async function yieldTimes(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

function setup(handle: ConsumerOptions<Payload>['handle'], overrides: Partial<ConsumerOptions<Payload>> = {}) {
  const applied: string[] = [];
  const dead: DeadLetter<Payload>[] = [];
  const sleeps: number[] = [];
  const processed = new InMemoryProcessedIds();
  const parked = new InMemoryParkedKeys<Payload>();
  const consumer = new IdempotentConsumer<Payload>({
    handle: async (e, context) => {
      await handle(e, context);
      applied.push(e.id);
    },
    processed,
    parked,
    deadLetter: async (letter) => {
      dead.push(letter);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1, // the full backoff, so the delays are exact
    ...overrides,
  });
  return { consumer, applied, dead, sleeps, processed, parked };
}

describe('at-least-once delivery made effectively once', () => {
  it('applies each event id once, within a batch and across redelivered batches', async () => {
    const { consumer, applied } = setup(async () => {});
    const a1 = ev('e1', 'a');
    const first = await consumer.processBatch([a1, { ...a1, offset: nextOffset++ }, ev('e2', 'b')]);
    const redelivered = await consumer.processBatch([{ ...a1, offset: nextOffset++ }]);
    expect(applied).toEqual(['e1', 'e2']);
    expect(first).toMatchObject({ applied: 2, duplicates: 1 });
    expect(redelivered).toMatchObject({ applied: 0, duplicates: 1 });
  });

  it('commits the effect and the applied id in one transaction, so a failed commit leaves neither and the retry applies the event once', async () => {
    const featureRows: string[] = [];
    const ids = new Set<string>();
    let failedCommits = 0;
    // A database-like store: the handler writes through the transaction, and a failed commit discards those writes.
    const processed: ProcessedIds<string[]> = {
      has: async (id) => ids.has(id),
      applyOnce: async (id, effect) => {
        if (ids.has(id)) return false;
        const tx: string[] = [];
        await effect(tx);
        if (failedCommits++ === 0) throw new Error('commit failed: connection reset');
        featureRows.push(...tx);
        ids.add(id);
        return true;
      },
    };
    const consumer = new IdempotentConsumer<Payload, string[]>({
      handle: async (e, { tx }) => {
        tx.push(`features of ${e.id}`);
      },
      processed,
      parked: new InMemoryParkedKeys(),
      deadLetter: async () => {},
      sleep: async () => {},
    });
    expect(await consumer.processBatch([ev('t1', 'a')])).toMatchObject({ applied: 1, deadLettered: 0 });
    expect(featureRows).toEqual(['features of t1']);
  });

  it('applies an event once when a stalled old owner and the new owner run it at the same time', async () => {
    // After a rebalance the old owner may still be processing the batch the new owner has just polled.
    const effects: string[] = [];
    const processed = new InMemoryProcessedIds();
    const parked = new InMemoryParkedKeys<Payload>();
    const handle = async (e: StreamEvent<Payload>) => {
      await yieldTimes(10);
      effects.push(e.id);
    };
    const oldOwner = setup(handle, { processed, parked });
    const newOwner = setup(handle, { processed, parked });
    const z1 = ev('z1', 'acct-0');
    const [before, after] = await Promise.all([oldOwner.consumer.processBatch([z1]), newOwner.consumer.processBatch([z1])]);
    expect(effects).toEqual(['z1']);
    expect([before.applied, after.applied].sort()).toEqual([0, 1]);
  });

  it('returns the offset after the batch as the one to commit, and none for an empty batch', async () => {
    const { consumer } = setup(async () => {});
    const batch = [ev('x1', 'a'), ev('x2', 'a')];
    expect((await consumer.processBatch(batch)).commitOffset).toBe(batch[1]!.offset + 1);
    // Committing 0 after an empty poll would rewind the group to the start of the partition.
    expect((await consumer.processBatch([])).commitOffset).toBeUndefined();
  });

  it('fails the batch with the offset to seek back to when the dead-letter topic is unavailable', async () => {
    const { consumer } = setup(
      async () => {
        throw new NonRetryableError('bad payload');
      },
      { deadLetter: async () => Promise.reject(new Error('DLQ unavailable')) },
    );
    const p1 = ev('p1', 'a');
    const batch = consumer.processBatch([p1, ev('p2', 'b')]);
    // The client's position is already past the batch: without a seek back, the next poll would skip it.
    await expect(batch).rejects.toBeInstanceOf(BatchFailedError);
    await expect(batch).rejects.toMatchObject({ seekTo: p1.offset, message: expect.stringContaining('DLQ unavailable') });
  });

  it('fails a batch only after every key lane has settled, so no lane is still running when the consumer re-polls', async () => {
    let releaseSlowLane = () => {};
    const slowLane = new Promise<void>((resolve) => (releaseSlowLane = resolve));
    const { consumer, applied } = setup(
      async (e) => {
        if (e.key === 'bad') throw new NonRetryableError('bad payload');
        await slowLane; // key "slow" is still being processed when key "bad" fails
      },
      { deadLetter: async () => Promise.reject(new Error('DLQ unavailable')) },
    );
    let settled = false;
    const batch = consumer.processBatch([ev('b1', 'bad'), ev('s1', 'slow')]).finally(() => (settled = true));
    batch.catch(() => undefined); // observed below; avoids an unhandled rejection while we wait
    await yieldTimes(20);
    expect(settled).toBe(false); // the failed lane alone does not end the batch
    releaseSlowLane();
    await expect(batch).rejects.toThrow('DLQ unavailable');
    expect(applied).toEqual(['s1']); // the slow lane finished before the batch failed
  });

  it('does not dead-letter an event twice when its batch is redelivered', async () => {
    const { consumer, dead } = setup(async (e) => {
      if (e.id === 'd1') throw new NonRetryableError('bad record');
    });
    const d1 = ev('d1', 'acct-3');
    const d2 = ev('d2', 'acct-3');
    await consumer.processBatch([d1, d2]);
    // The commit was lost (say the consumer crashed), so the broker delivers both events again.
    const again = await consumer.processBatch([
      { ...d1, offset: nextOffset++ },
      { ...d2, offset: nextOffset++ },
    ]);
    expect(dead.map((d) => d.event.id)).toEqual(['d1', 'd2']);
    expect(again).toMatchObject({ duplicates: 2, deadLettered: 0, parked: 0 });
  });

  it('rejects a batch whose offsets do not increase', async () => {
    const { consumer } = setup(async () => {});
    const later = ev('o2', 'a');
    await expect(consumer.processBatch([later, { ...later, id: 'o1', offset: later.offset - 1 }])).rejects.toThrow(RangeError);
  });

  it.each([Number.NaN, 1.5, -1])('rejects an offset of %s, which would make the offset to commit meaningless', async (offset) => {
    const { consumer, applied } = setup(async () => {});
    await expect(consumer.processBatch([{ ...ev('o3', 'a'), offset }])).rejects.toThrow(new RangeError(`offsets must be integers >= 0, got ${offset}`));
    expect(applied).toEqual([]);
  });
});

describe('ordering per key', () => {
  it('keeps each key in offset order while different keys run concurrently', async () => {
    // s1 is slow; if events of one key ran concurrently, s2 would finish first.
    const { consumer, applied } = setup(async (e) => yieldTimes(e.id === 's1' ? 50 : 1));
    await consumer.processBatch([ev('s1', 'slow'), ev('f1', 'fast'), ev('s2', 'slow'), ev('f2', 'fast')]);
    expect(applied.filter((id) => id.startsWith('s'))).toEqual(['s1', 's2']);
    expect(applied.filter((id) => id.startsWith('f'))).toEqual(['f1', 'f2']);
    expect(applied.indexOf('f2')).toBeLessThan(applied.indexOf('s1')); // "fast" did not wait for "slow"
  });
});

describe('retries, outages and dead-lettering', () => {
  it('retries a transient failure with exponential backoff, then applies the event', async () => {
    let failures = 2;
    const { consumer, applied, sleeps } = setup(async () => {
      if (failures-- > 0) throw new Error('feature store timeout');
    });
    expect(await consumer.processBatch([ev('t1', 'a')])).toMatchObject({ applied: 1, deadLettered: 0 });
    expect(sleeps).toEqual([100, 200]);
    expect(applied).toEqual(['t1']);
  });

  it('spreads the backoff with full jitter, so failing lanes do not retry in lockstep', async () => {
    const { consumer, sleeps } = setup(
      async () => {
        throw new Error('down');
      },
      { random: () => 0.5 },
    );
    await consumer.processBatch([ev('j1', 'a')]);
    expect(sleeps).toEqual([50, 100]);
  });

  it('dead-letters a poison event after 3 attempts and keeps consuming the partition', async () => {
    const { consumer, dead, sleeps, applied } = setup(async (e) => {
      if (e.id === 'poison') throw new Error('model returned NaN');
    });
    const result = await consumer.processBatch([ev('poison', 'a'), ev('ok', 'b')]);
    expect(dead).toEqual([expect.objectContaining({ reason: 'model returned NaN', attempts: 3 })]);
    expect(sleeps).toEqual([100, 200]);
    expect(applied).toEqual(['ok']);
    expect(result).toMatchObject({ applied: 1, deadLettered: 1 });
  });

  it('fails the batch on a dependency outage instead of dead-lettering and parking every key, and applies it all once re-read', async () => {
    let down = true;
    const { consumer, dead, applied } = setup(async () => {
      if (down) throw new DependencyUnavailableError('feature store 503');
    });
    const batch = [ev('u1', 'cust-1'), ev('u2', 'cust-2'), ev('u3', 'cust-1')];
    await expect(consumer.processBatch(batch)).rejects.toMatchObject({ seekTo: batch[0]!.offset, cause: expect.any(DependencyUnavailableError) });
    expect(dead).toEqual([]);
    expect(await consumer.isParked('cust-1')).toBe(false);
    expect(await consumer.isParked('cust-2')).toBe(false);
    down = false; // the caller paused the partition, the store recovered, and it sought back to seekTo
    expect(await consumer.processBatch(batch)).toMatchObject({ applied: 3, deadLettered: 0 });
    expect(applied).toEqual(['u1', 'u2', 'u3']);
  });

  it('names the outage as the cause of a failed batch even when another lane failed first for another reason', async () => {
    const { consumer } = setup(
      async (e) => {
        if (e.key === 'a-bad') throw new NonRetryableError('bad payload'); // its lane then fails on the DLQ publish
        throw new DependencyUnavailableError('feature store 503');
      },
      { deadLetter: async () => Promise.reject(new Error('DLQ unavailable')) },
    );
    // The caller pauses the partition only for an outage; told "DLQ unavailable" it would re-poll at once.
    await expect(consumer.processBatch([ev('c1', 'a-bad'), ev('c2', 'b-down')])).rejects.toMatchObject({ cause: expect.any(DependencyUnavailableError) });
  });

  it('treats a failing applied-id store as an outage: the batch fails and nothing is dead-lettered or parked', async () => {
    const { consumer, dead } = setup(async () => {}, {
      processed: {
        has: async () => false,
        applyOnce: async () => Promise.reject(new Error('database connection refused')),
      },
    });
    await expect(consumer.processBatch([ev('v1', 'acct-1')])).rejects.toMatchObject({ cause: expect.any(DependencyUnavailableError) });
    expect(dead).toEqual([]);
    expect(await consumer.isParked('acct-1')).toBe(false);
  });

  it('times out a hung handler and aborts its signal, so one stuck call cannot hold the batch past 3 attempts', async () => {
    const signals: AbortSignal[] = [];
    const { consumer, dead } = setup(
      async (_e, { signal }) => {
        signals.push(signal);
        // Hangs until aborted, then gives up, as a client call passed the signal does (its transaction rolls back).
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
      { handlerTimeoutMs: 10 },
    );
    const batch = consumer.processBatch([ev('w1', 'acct-1')]);
    await expect(batch).rejects.toMatchObject({ cause: expect.any(DependencyUnavailableError) });
    await expect(batch).rejects.toThrow(/timed out after 10 ms/);
    expect(signals).toHaveLength(3);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(dead).toEqual([]);
  });

  it('refuses a maxAttempts that is not a positive integer, so a poison event cannot be retried without end', () => {
    // Number() of an unset environment variable is NaN, which gets past a `?? 3` default and never reaches the cap.
    expect(() => setup(async () => {}, { maxAttempts: Number(undefined) })).toThrow(/maxAttempts must be an integer >= 1, got NaN/);
    expect(() => setup(async () => {}, { maxAttempts: 0 })).toThrow(RangeError);
    expect(() => setup(async () => {}, { maxAttempts: 2.5 })).toThrow(RangeError);
    expect(() => setup(async () => {}, { maxAttempts: 1 })).not.toThrow();
  });

  it.each([
    ['baseDelayMs', Number.NaN, 0],
    ['baseDelayMs', -100, 0],
    ['baseDelayMs', 2 ** 31, 0],
    ['maxDelayMs', Number.NaN, 0],
    ['maxDelayMs', -1, 0],
    ['maxDelayMs', Number.POSITIVE_INFINITY, 0],
    ['handlerTimeoutMs', 0, 1],
    ['handlerTimeoutMs', Number.NaN, 1],
  ] as const)('refuses a %s of %s, so a retry or a timeout neither fires at once nor never', (name, delay, min) => {
    // NaN gets past a `?? 100` default; setTimeout runs a NaN, negative or over-long delay at once.
    expect(() => setup(async () => {}, { [name]: delay })).toThrow(new RangeError(`${name} must be a number of ms from ${min} to 2147483647, got ${delay}`));
  });

  it('accepts backoff delays from 0 to 2^31 - 1 ms', () => {
    expect(() => setup(async () => {}, { baseDelayMs: 0, maxDelayMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it('sends a non-retryable failure straight to the dead-letter queue', async () => {
    const { consumer, dead, sleeps } = setup(async () => {
      throw new NonRetryableError('schema v3 is not supported');
    });
    await consumer.processBatch([ev('n1', 'a')]);
    expect(dead[0]).toMatchObject({ attempts: 1, reason: 'schema v3 is not supported' });
    expect(sleeps).toEqual([]);
  });

  it('dead-letters a NonRetryableError that a non-async handler throws before returning a promise', async () => {
    const dead: DeadLetter<Payload>[] = [];
    const consumer = new IdempotentConsumer<Payload>({
      // Not async: the throw happens before any promise exists, yet it is still the handler's failure.
      handle: (e) => {
        if (e.id === 'sy1') throw new NonRetryableError('bad payload');
        return Promise.resolve();
      },
      processed: new InMemoryProcessedIds(),
      parked: new InMemoryParkedKeys(),
      deadLetter: async (letter) => {
        dead.push(letter);
      },
      sleep: async () => {},
    });
    expect(await consumer.processBatch([ev('sy1', 'a'), ev('sy2', 'b')])).toMatchObject({ applied: 1, deadLettered: 1 });
    expect(dead[0]).toMatchObject({ attempts: 1, reason: 'bad payload' });
  });

  it('caps the backoff delay', async () => {
    const { consumer, sleeps } = setup(
      async () => {
        throw new Error('down');
      },
      { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 250 },
    );
    await consumer.processBatch([ev('c1', 'a')]);
    expect(sleeps).toEqual([100, 200, 250, 250]);
  });

  it('parks later events of a key behind its dead-lettered event, until an operator discards them', async () => {
    const { consumer, dead, applied } = setup(async (e) => {
      if (e.id === 'a1') throw new NonRetryableError('bad record');
    });
    const result = await consumer.processBatch([ev('a1', 'acct-1'), ev('a2', 'acct-1'), ev('b1', 'acct-2')]);
    expect(dead.map((d) => d.event.id)).toEqual(['a1', 'a2']);
    expect(dead[1]?.reason).toMatch(/^parked/);
    expect(applied).toEqual(['b1']);
    expect(result).toMatchObject({ deadLettered: 1, parked: 1 });

    await consumer.discardParked('acct-1');
    expect(await consumer.isParked('acct-1')).toBe(false);
    await consumer.processBatch([ev('a3', 'acct-1')]);
    expect(applied).toEqual(['b1', 'a3']);
  });

  it('keeps discarded events discarded when their uncommitted batch is read again', async () => {
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'k1') throw new NonRetryableError('bad record');
    });
    const batch = [ev('k1', 'acct-2'), ev('k2', 'acct-2')];
    await consumer.processBatch(batch);
    await consumer.discardParked('acct-2');
    // The offset commit was lost, so the same batch comes back.
    expect(await consumer.processBatch(batch)).toMatchObject({ applied: 0, duplicates: 2 });
    expect(applied).toEqual([]);
  });

  it('refuses to discard a key while a replay of it is running, so no event is both applied and discarded', async () => {
    let fixed = false;
    const { consumer } = setup(async (e) => {
      if (e.id === 'dr1' && !fixed) throw new NonRetryableError('bad record');
      await yieldTimes(5);
    });
    const dr1 = ev('dr1', 'acct-12');
    await consumer.processBatch([dr1]);
    fixed = true;
    const replay = consumer.replayParked('acct-12', [dr1]);
    await expect(consumer.discardParked('acct-12')).rejects.toThrow(/replay or discard of acct-12 is already running/);
    expect(await replay).toEqual({ applied: 1, duplicates: 0 });
  });

  it('keeps the key parked when a live event is parked while the discard runs', async () => {
    const live = ev('dl2', 'acct-13');
    let discarding = false;
    const inner = new InMemoryProcessedIds();
    // A live event for the key arrives while the discard is marking the held ids as applied.
    const processed: ProcessedIds = {
      has: (id) => inner.has(id),
      applyOnce: async (id, effect) => {
        if (discarding && id === 'dl1') await s.consumer.processBatch([live]); // runs after s is set
        return inner.applyOnce(id, effect);
      },
    };
    const s = setup(
      async (e) => {
        if (e.id === 'dl1') throw new NonRetryableError('bad record');
      },
      { processed },
    );
    await s.consumer.processBatch([ev('dl1', 'acct-13')]);
    discarding = true;
    await expect(s.consumer.discardParked('acct-13')).rejects.toThrow(/dl2 parked for acct-13 while discarding/);
    expect(await s.consumer.isParked('acct-13')).toBe(true);
    expect(s.applied).toEqual([]);
  });

  it('keeps parking a key after a rebalance: a new consumer sharing the parked-key store dead-letters its later events', async () => {
    const before = setup(async (e) => {
      if (e.id === 'r1') throw new NonRetryableError('bad record');
    });
    await before.consumer.processBatch([ev('r1', 'acct-9')]);

    // The partition moves to another instance; the de-duplication and parked-key stores are shared.
    const after = setup(async () => {}, { processed: before.processed, parked: before.parked });
    const result = await after.consumer.processBatch([ev('r2', 'acct-9'), ev('r3', 'acct-9'), ev('s1', 'acct-7')]);
    expect(after.applied).toEqual(['s1']);
    expect(after.dead.map((d) => d.event.id)).toEqual(['r2', 'r3']);
    expect(after.dead.every((d) => d.reason.startsWith('parked'))).toBe(true);
    expect(result).toMatchObject({ applied: 1, parked: 2 });
    expect(await after.consumer.isParked('acct-9')).toBe(true);
  });
});

describe('replaying a parked key', () => {
  it('applies the repaired events of a parked key in order, then releases the key', async () => {
    let fixed = false;
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'f1' && !fixed) throw new NonRetryableError('bad record');
    });
    const f1 = ev('f1', 'acct-4');
    const f2 = ev('f2', 'acct-4');
    await consumer.processBatch([f1, f2]);
    fixed = true;
    // Sent through processBatch, the replay would count as duplicates of the dead-lettered events and be dropped.
    expect(await consumer.replayParked('acct-4', [f1, f2])).toEqual({ applied: 2, duplicates: 0 });
    expect(applied).toEqual(['f1', 'f2']);
    expect(await consumer.isParked('acct-4')).toBe(false);
    await consumer.processBatch([ev('f3', 'acct-4')]);
    expect(applied).toEqual(['f1', 'f2', 'f3']);
  });

  it('applies a live event parked during the replay after the repaired ones, then releases the key', async () => {
    let fixed = false;
    const g1 = ev('g1', 'acct-5');
    const g2 = ev('g2', 'acct-5');
    const live = ev('g3', 'acct-5');
    let liveBatch: Promise<unknown> | undefined;
    const { consumer, applied, dead } = setup(async (e) => {
      if (e.id === 'g1' && !fixed) throw new NonRetryableError('bad record');
      // While the operator's replay applies g1, the partition delivers a new event for the same key.
      if (e.id === 'g1' && fixed && !liveBatch) liveBatch = consumer.processBatch([live]);
    });
    await consumer.processBatch([g1, g2]);
    fixed = true;
    expect(await consumer.replayParked('acct-5', [g1, g2])).toEqual({ applied: 3, duplicates: 0 });
    await liveBatch;
    expect(dead.map((d) => d.event.id)).toEqual(['g1', 'g2', 'g3']); // g3 was parked, not applied ahead of g1
    expect(applied).toEqual(['g1', 'g2', 'g3']);
    expect(await consumer.isParked('acct-5')).toBe(false);
  });

  it('finishes the replay of a hot key that gets a live event during each of its first three steps', async () => {
    let fixed = false;
    const liveEvents: StreamEvent<Payload>[] = [];
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'h0' && !fixed) throw new NonRetryableError('bad record');
      if (fixed && liveEvents.length < 3) {
        const live = ev(`live${liveEvents.length}`, 'hot');
        liveEvents.push(live);
        await consumer.processBatch([live]); // parked behind the replay
      }
    });
    const h0 = ev('h0', 'hot');
    await consumer.processBatch([h0]);
    fixed = true;
    expect(await consumer.replayParked('hot', [h0])).toEqual({ applied: 4, duplicates: 0 });
    expect(applied).toEqual(['h0', 'live0', 'live1', 'live2']);
    expect(await consumer.isParked('hot')).toBe(false);
  });

  it('refuses a replay that leaves out a parked event, before applying anything', async () => {
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'h1') throw new NonRetryableError('bad record');
    });
    const h1 = ev('h1', 'acct-6');
    await consumer.processBatch([h1, ev('h2', 'acct-6')]);
    await expect(consumer.replayParked('acct-6', [h1])).rejects.toThrow(/missing h2/);
    expect(applied).toEqual([]);
    expect(await consumer.isParked('acct-6')).toBe(true);
  });

  it('keeps the key parked when a repaired event still fails', async () => {
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'k1') throw new NonRetryableError('still bad');
    });
    const k1 = ev('k1', 'acct-8');
    const k2 = ev('k2', 'acct-8');
    await consumer.processBatch([k1, k2]);
    await expect(consumer.replayParked('acct-8', [k1, k2])).rejects.toThrow(/k1 failed after 1 attempt\(s\): still bad/);
    expect(applied).toEqual([]);
    expect(await consumer.isParked('acct-8')).toBe(true);
  });

  it('refuses a second replay of a key while the first is running, so no event is applied twice', async () => {
    let fixed = false;
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'm1' && !fixed) throw new NonRetryableError('bad record');
      await yieldTimes(5);
    });
    const m1 = ev('m1', 'acct-9');
    const m2 = ev('m2', 'acct-9');
    await consumer.processBatch([m1, m2]);
    fixed = true;
    const first = consumer.replayParked('acct-9', [m1, m2]);
    const second = consumer.replayParked('acct-9', [m1, m2]);
    await expect(second).rejects.toThrow(/replay or discard of acct-9 is already running/);
    expect(await first).toEqual({ applied: 2, duplicates: 0 });
    expect(applied).toEqual(['m1', 'm2']);
    expect(await consumer.isParked('acct-9')).toBe(false);
  });

  it('refuses a replay out of the original order, judged by the offsets recorded at parking, before applying anything', async () => {
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'n1') throw new NonRetryableError('bad record');
    });
    const n1 = ev('n1', 'acct-10');
    const n2 = ev('n2', 'acct-10');
    await consumer.processBatch([n1, n2]);
    await expect(consumer.replayParked('acct-10', [n2, n1])).rejects.toThrow(/original order/);
    // Repaired events re-produced with new offsets cannot pass in the wrong order either.
    await expect(
      consumer.replayParked('acct-10', [
        { ...n2, offset: 100 },
        { ...n1, offset: 101 },
      ]),
    ).rejects.toThrow(/original order/);
    expect(applied).toEqual([]);
    expect(await consumer.isParked('acct-10')).toBe(true);
  });

  it('applies a live event normally, not parking the key again, when a replay releases the key while the event is being parked', async () => {
    let fixed = false;
    let released = () => {};
    const release = new Promise<void>((resolve) => (released = resolve));
    const inner = new InMemoryParkedKeys<Payload>();
    // The live event's parking reaches the store only after the replay has released the key.
    const parked: ParkedKeys<Payload> = {
      has: (key) => inner.has(key),
      holds: (id) => inner.holds(id),
      heldFor: (key) => inner.heldFor(key),
      add: async (e) => {
        if (e.id === 'rl2') await release;
        return inner.add(e);
      },
      addIfParked: async (e) => {
        if (e.id === 'rl2') await release;
        return inner.addIfParked(e);
      },
      releaseIfCovered: async (key, ids) => {
        const missing = await inner.releaseIfCovered(key, ids);
        if (missing.length === 0) released();
        return missing;
      },
    };
    const { consumer, applied } = setup(
      async (e) => {
        if (e.id === 'rl1' && !fixed) throw new NonRetryableError('bad record');
      },
      { parked },
    );
    const rl1 = ev('rl1', 'acct-14');
    await consumer.processBatch([rl1]);
    fixed = true;
    const liveBatch = consumer.processBatch([ev('rl2', 'acct-14')]);
    await yieldTimes(10); // the live event is on its way into the parked-key store
    expect(await consumer.replayParked('acct-14', [rl1])).toEqual({ applied: 1, duplicates: 0 });
    expect(await liveBatch).toMatchObject({ applied: 1, parked: 0 });
    expect(applied).toEqual(['rl1', 'rl2']);
    expect(await consumer.isParked('acct-14')).toBe(false);
  });

  it("lists a parked key's events once each in their original order, and refuses a replay that lists one twice", async () => {
    let parkFails = true;
    const inner = new InMemoryParkedKeys<Payload>();
    // The first parking fails after the dead-letter publish, so the re-read publishes dp1 to the topic again.
    const parked: ParkedKeys<Payload> = {
      has: (key) => inner.has(key),
      holds: (id) => inner.holds(id),
      heldFor: (key) => inner.heldFor(key),
      addIfParked: (e) => inner.addIfParked(e),
      releaseIfCovered: (key, ids) => inner.releaseIfCovered(key, ids),
      add: async (e) => {
        if (parkFails) {
          parkFails = false;
          throw new Error('parked-key store unavailable');
        }
        return inner.add(e);
      },
    };
    const { consumer, dead, applied } = setup(async () => Promise.reject(new NonRetryableError('bad record')), { parked });
    const batch = [ev('dp1', 'acct-15'), ev('dp2', 'acct-15')];
    await expect(consumer.processBatch(batch)).rejects.toBeInstanceOf(BatchFailedError);
    await consumer.processBatch(batch);
    const fromTopic = dead.map((d) => d.event);
    expect(fromTopic.map((e) => e.id)).toEqual(['dp1', 'dp1', 'dp2']);
    await expect(consumer.replayParked('acct-15', fromTopic)).rejects.toThrow(/dp1 is listed twice/);
    expect((await consumer.parkedEvents('acct-15')).map((e) => e.id)).toEqual(['dp1', 'dp2']);
    expect(applied).toEqual([]);
  });

  it('refuses a replay that carries an event not parked for the key, before applying anything', async () => {
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'q1') throw new NonRetryableError('bad record');
    });
    const q1 = ev('q1', 'acct-11');
    await consumer.processBatch([q1]);
    await expect(consumer.replayParked('acct-11', [q1, ev('zz', 'acct-11')])).rejects.toThrow(/zz is not parked for acct-11/);
    expect(applied).toEqual([]);
    expect(await consumer.isParked('acct-11')).toBe(true);
  });
});
