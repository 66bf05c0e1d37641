import { describe, expect, it } from 'vitest';
import { IdempotentConsumer, InMemoryParkedKeys, InMemoryProcessedIds, NonRetryableError, type ConsumerOptions, type DeadLetter, type StreamEvent } from './eventConsumer';

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
  const parked = new InMemoryParkedKeys();
  const consumer = new IdempotentConsumer<Payload>({
    handle: async (e) => {
      await handle(e);
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

  it('returns the offset after the batch as the one to commit', async () => {
    const { consumer } = setup(async () => {});
    const batch = [ev('x1', 'a'), ev('x2', 'a')];
    expect((await consumer.processBatch(batch)).commitOffset).toBe(batch[1]!.offset + 1);
  });

  it('does not commit when the dead-letter topic is unavailable, so the batch is redelivered', async () => {
    const { consumer } = setup(
      async () => {
        throw new NonRetryableError('bad payload');
      },
      { deadLetter: async () => Promise.reject(new Error('DLQ unavailable')) },
    );
    await expect(consumer.processBatch([ev('p1', 'a')])).rejects.toThrow('DLQ unavailable');
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

  it('keeps a live event that arrives during the replay behind the repaired ones', async () => {
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
    await expect(consumer.replayParked('acct-5', [g1, g2])).rejects.toThrow(/missing g3/);
    await liveBatch;
    expect(applied).toEqual(['g1', 'g2']);
    expect(dead.map((d) => d.event.id)).toEqual(['g1', 'g2', 'g3']);
    expect(await consumer.isParked('acct-5')).toBe(true);
    // The rerun skips what is already applied and keeps the original order.
    expect(await consumer.replayParked('acct-5', [g1, g2, live])).toEqual({ applied: 1, duplicates: 2 });
    expect(applied).toEqual(['g1', 'g2', 'g3']);
    expect(await consumer.isParked('acct-5')).toBe(false);
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
    await expect(second).rejects.toThrow(/replay of acct-9 is already running/);
    expect(await first).toEqual({ applied: 2, duplicates: 0 });
    expect(applied).toEqual(['m1', 'm2']);
    expect(await consumer.isParked('acct-9')).toBe(false);
  });

  it('refuses a replay whose events are out of their original order, before applying anything', async () => {
    const { consumer, applied } = setup(async (e) => {
      if (e.id === 'n1') throw new NonRetryableError('bad record');
    });
    const n1 = ev('n1', 'acct-10');
    const n2 = ev('n2', 'acct-10');
    await consumer.processBatch([n1, n2]);
    await expect(consumer.replayParked('acct-10', [n2, n1])).rejects.toThrow(/original order/);
    expect(applied).toEqual([]);
    expect(await consumer.isParked('acct-10')).toBe(true);
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

  it('rejects a batch whose offsets do not increase', async () => {
    const { consumer } = setup(async () => {});
    const later = ev('o2', 'a');
    await expect(consumer.processBatch([later, { ...later, id: 'o1', offset: later.offset - 1 }])).rejects.toThrow(RangeError);
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

describe('retries and dead-lettering', () => {
  it('retries a transient failure with exponential backoff, then applies the event', async () => {
    let failures = 2;
    const { consumer, applied, sleeps } = setup(async () => {
      if (failures-- > 0) throw new Error('feature store timeout');
    });
    expect(await consumer.processBatch([ev('t1', 'a')])).toMatchObject({ applied: 1, deadLettered: 0 });
    expect(sleeps).toEqual([100, 200]);
    expect(applied).toEqual(['t1']);
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

  it('refuses a maxAttempts that is not a positive integer, so a poison event cannot be retried without end', () => {
    // Number() of an unset environment variable is NaN, which gets past a `?? 3` default and never reaches the cap.
    expect(() => setup(async () => {}, { maxAttempts: Number(undefined) })).toThrow(/maxAttempts must be an integer >= 1, got NaN/);
    expect(() => setup(async () => {}, { maxAttempts: 0 })).toThrow(RangeError);
    expect(() => setup(async () => {}, { maxAttempts: 2.5 })).toThrow(RangeError);
    expect(() => setup(async () => {}, { maxAttempts: 1 })).not.toThrow();
  });

  it.each([
    ['baseDelayMs', Number.NaN],
    ['baseDelayMs', -100],
    ['baseDelayMs', 2 ** 31],
    ['maxDelayMs', Number.NaN],
    ['maxDelayMs', -1],
    ['maxDelayMs', Number.POSITIVE_INFINITY],
  ] as const)('refuses a %s of %s, so a retry neither fires at once nor never', (name, delay) => {
    // NaN gets past a `?? 100` default; setTimeout runs a NaN, negative or over-long delay at once.
    expect(() => setup(async () => {}, { [name]: delay })).toThrow(new RangeError(`${name} must be a number of ms from 0 to 2147483647, got ${delay}`));
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

  it('parks later events of a key behind its dead-lettered event, until an operator releases the key', async () => {
    const { consumer, dead, applied } = setup(async (e) => {
      if (e.id === 'a1') throw new NonRetryableError('bad record');
    });
    const result = await consumer.processBatch([ev('a1', 'acct-1'), ev('a2', 'acct-1'), ev('b1', 'acct-2')]);
    expect(dead.map((d) => d.event.id)).toEqual(['a1', 'a2']);
    expect(dead[1]?.reason).toMatch(/^parked/);
    expect(applied).toEqual(['b1']);
    expect(result).toMatchObject({ deadLettered: 1, parked: 1 });

    await consumer.releaseKey('acct-1');
    expect(await consumer.isParked('acct-1')).toBe(false);
    await consumer.processBatch([ev('a3', 'acct-1')]);
    expect(applied).toEqual(['b1', 'a3']);
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
