import { describe, expect, it } from 'vitest';
import { IndexMaintainer, PurgeTimeoutError, cosine, type ChangeEvent, type Schedule } from './indexMaintainer';

const upsert = (docId: string, version: number, texts: string[], vector: number[] = [1, 0], committedAt = 0): ChangeEvent => ({
  kind: 'upsert',
  docId,
  version,
  committedAt,
  chunks: texts.map((text) => ({ text, vector })),
});
const del = (docId: string, version: number, committedAt = 0): ChangeEvent => ({ kind: 'delete', docId, version, committedAt });
const texts = (index: IndexMaintainer) => index.query([1, 0], 10).map((h) => h.text);

/** Lets every promise callback already queued run: stores that answer at once have answered. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A store's answer the test gives when it chooses. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Timers on a manual clock: advance() moves it on and fires the timers that fall due. */
function manualTimers() {
  let now = 0;
  const timers = new Set<{ at: number; fire: () => void }>();
  const schedule: Schedule = (ms, fire) => {
    const timer = { at: now + ms, fire };
    timers.add(timer);
    return () => void timers.delete(timer);
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of [...timers]) {
      if (t.at <= now) {
        timers.delete(t);
        t.fire();
      }
    }
  };
  return { schedule, advance, waiting: () => timers.size };
}

describe('IndexMaintainer.apply', () => {
  it('serves only the newest version of a document after an update', () => {
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('refunds', 1, ['refunds within 14 days']));
    index.apply(upsert('refunds', 2, ['refunds within 30 days']));
    expect(texts(index)).toEqual(['refunds within 30 days']);
  });

  it('ignores an older version that arrives after a newer one', () => {
    const index = new IndexMaintainer(2, () => 0);
    expect(index.apply(upsert('refunds', 2, ['refunds within 30 days']))).toBe('applied');
    expect(index.apply(upsert('refunds', 1, ['refunds within 14 days']))).toBe('ignored-stale');
    expect(texts(index)).toEqual(['refunds within 30 days']);
  });

  it('applies a duplicate event once, so redelivery leaves the index unchanged', () => {
    const index = new IndexMaintainer(2, () => 0);
    const event = upsert('faq', 1, ['a', 'b']);
    index.apply(event);
    expect(index.apply(event)).toBe('ignored-stale');
    expect(index.storedTexts()).toEqual(['a', 'b']);
  });

  it('returns the same query results whatever order a shuffled feed arrives in', () => {
    const feed = [upsert('d', 1, ['v1']), upsert('d', 2, ['v2']), del('d', 3), upsert('e', 1, ['e1']), upsert('e', 2, ['e2'])];
    const orders = [feed, [...feed].reverse(), [feed[2]!, feed[0]!, feed[4]!, feed[1]!, feed[3]!]];
    const results = orders.map((order) => {
      const index = new IndexMaintainer(2, () => 0);
      order.forEach((e) => index.apply(e));
      return texts(index);
    });
    expect(results).toEqual([['e2'], ['e2'], ['e2']]);
  });

  it('keeps a deleted document deleted when an older upsert arrives late', () => {
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('d', 1, ['old']));
    index.apply(del('d', 2));
    expect(index.apply(upsert('d', 1, ['old']))).toBe('ignored-stale');
    expect(texts(index)).toEqual([]);
    // A genuinely newer version (the document was re-created at the source) comes back.
    index.apply(upsert('d', 3, ['recreated']));
    expect(texts(index)).toEqual(['recreated']);
  });

  it('rejects bad input with an error that names the field', () => {
    const index = new IndexMaintainer(2, () => 0);
    expect(() => index.apply(upsert('', 1, ['x']))).toThrow(TypeError);
    expect(() => index.apply(upsert('d', 0, ['x']))).toThrow(/version must be a positive safe integer/);
    expect(() => index.apply(upsert('d', 1.5, ['x']))).toThrow(RangeError);
    expect(() => index.apply(upsert('d', 1, ['x'], [1, 0, 0]))).toThrow(/3 dimensions, expected 2/);
    expect(() => new IndexMaintainer(0, () => 0)).toThrow(/dimension/);
    expect(() => index.query([1, 0], 0)).toThrow(/k must be/);
    expect(() => index.query([1], 3)).toThrow(/query vector/);
  });

  it('refuses a fractional dimension or k', () => {
    expect(() => new IndexMaintainer(1.5, () => 0)).toThrow(/dimension must be a positive integer/);
    const index = new IndexMaintainer(2, () => 0);
    expect(() => index.query([1, 0], 1.5)).toThrow(/k must be a positive integer/);
  });

  it('refuses a version above 2^53 - 1, where two versions can round to the same number', () => {
    const index = new IndexMaintainer(2, () => 0);
    expect(index.apply(upsert('d', Number.MAX_SAFE_INTEGER, ['x']))).toBe('applied');
    // 2^53 + 1 is not a double: it rounds to 2^53, so the next version would look like a duplicate.
    expect(() => index.apply(upsert('e', 2 ** 53, ['y']))).toThrow(/safe integer/);
  });

  it('copies the vector, so a caller that reuses its array does not change the stored entry', () => {
    const index = new IndexMaintainer(2, () => 0);
    const vector = [1, 0];
    index.apply(upsert('a', 1, ['x'], vector));
    vector[0] = 0;
    vector[1] = 1;
    expect(index.query([1, 0], 1)[0]!.score).toBe(1);
  });

  it('rejects a vector with a non-finite component, which would otherwise scramble the ranking', () => {
    const index = new IndexMaintainer(2, () => 0);
    expect(() => index.apply(upsert('m', 1, ['broken embedding'], [Number.NaN, 0]))).toThrow(/finite/);
    // A NaN score compares as a tie with every hit, so the sort could put 0.5 above 0.9.
    index.apply(upsert('a', 1, ['weak hit'], [0.5, Math.sqrt(0.75)]));
    index.apply(upsert('z', 1, ['strong hit'], [0.9, Math.sqrt(0.19)]));
    expect(texts(index)).toEqual(['strong hit', 'weak hit']);
    expect(() => index.query([Number.POSITIVE_INFINITY, 0], 1)).toThrow(/finite/);
  });

  it('breaks score ties by code-point order of the chunk id, the same in every locale', () => {
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('a', 1, ['lower-case id']));
    index.apply(upsert('B', 1, ['upper-case id']));
    // 'B' (U+0042) sorts before 'a' (U+0061); a locale-aware comparison puts 'a' first.
    expect(index.query([1, 0], 2).map((h) => h.chunkId)).toEqual(['B#0', 'a#0']);
  });
});

describe('tombstones and compaction', () => {
  it('leaves replaced and deleted chunks as tombstones that queries never return', () => {
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('a', 1, ['a-old-0', 'a-old-1']));
    index.apply(upsert('a', 2, ['a-new-0']));
    index.apply(upsert('b', 1, ['b-0']));
    index.apply(del('b', 2));
    expect(index.tombstoneCount()).toBe(3);
    expect(texts(index)).toEqual(['a-new-0']);
  });

  it('filters tombstones while scanning, so k live hits come back even when the nearest entries are dead', () => {
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('near', 1, ['near-1', 'near-2'], [1, 0]));
    index.apply(upsert('far', 1, ['far'], [0.6, 0.8]));
    index.apply(del('near', 2));
    // Taking the top 2 and then filtering would return nothing.
    expect(index.query([1, 0], 2).map((h) => h.text)).toEqual(['far']);
  });

  it('compaction removes exactly the tombstones and changes no query result', () => {
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('a', 1, ['a1']));
    index.apply(upsert('a', 2, ['a2']));
    index.apply(upsert('b', 1, ['b1'], [0, 1]));
    index.apply(del('b', 2));
    const before = index.query([1, 1], 5);
    expect(index.compact()).toBe(2);
    expect(index.tombstoneCount()).toBe(0);
    expect(index.storedTexts()).toEqual(['a2']);
    expect(index.query([1, 1], 5)).toEqual(before);
  });
});

describe('IndexMaintainer.erase (right to erasure)', () => {
  it('removes the bytes at once, without waiting for compaction, and purges derived caches', async () => {
    const answerCache = new Map([['q1', { docId: 'patient-42', answer: 'summary of patient 42' }]]);
    const index = new IndexMaintainer(2, () => 0, [(docId) => answerCache.forEach((v, k) => v.docId === docId && answerCache.delete(k))]);
    index.apply(upsert('patient-42', 1, ['record v1']));
    index.apply(upsert('patient-42', 2, ['record v2']));
    index.apply(upsert('policy', 1, ['policy text']));
    await index.erase('patient-42');
    expect(index.storedTexts()).toEqual(['policy text']);
    expect(answerCache.size).toBe(0);
  });

  it('cannot be undone by replaying the change feed from an old offset', async () => {
    const index = new IndexMaintainer(2, () => 0);
    const original = upsert('patient-42', 7, ['record']);
    index.apply(original);
    await index.erase('patient-42');
    expect(index.apply(original)).toBe('ignored-stale');
    expect(index.apply(upsert('patient-42', 8, ['record again']))).toBe('ignored-stale');
    expect(index.storedTexts()).toEqual([]);
    expect(index.pendingErasures()).toEqual([]); // no derived store, nothing to wait for
  });

  it('refuses an empty document id', async () => {
    const index = new IndexMaintainer(2, () => 0, [() => undefined]);
    await expect(index.erase('')).rejects.toThrow(TypeError);
    expect(index.pendingErasures()).toEqual([]);
  });

  it('blocks the id before any store answers, so an event applied during the purge is refused', async () => {
    const cache = deferred();
    const index = new IndexMaintainer(2, () => 0, [() => cache.promise]);
    index.apply(upsert('p', 1, ['personal record']));
    const erasing = index.erase('p');
    expect(index.apply(upsert('p', 2, ['written during the purge']))).toBe('ignored-stale');
    cache.resolve();
    await erasing;
    expect(index.storedTexts()).toEqual([]);
  });

  it('tells every listener even when one fails, and keeps the failed purge pending until a retry succeeds', async () => {
    let cacheUp = false;
    const toldFlaky: string[] = [];
    const toldLog: string[] = [];
    const index = new IndexMaintainer(2, () => 0, [
      (docId) => {
        if (!cacheUp) throw new Error('cache down');
        toldFlaky.push(docId);
      },
      (docId) => toldLog.push(docId),
    ]);
    index.apply(upsert('p', 1, ['personal record']));
    const outcome = await index.erase('p');
    expect(outcome.complete).toBe(false);
    expect(outcome.errors.map((e) => (e as Error).message)).toEqual(['cache down']);
    expect(toldLog).toEqual(['p']);
    expect(index.storedTexts()).toEqual([]);
    expect(index.pendingErasures()).toEqual(['p']);
    expect(await index.retryPendingPurges()).toBe(1); // still down: one purge left
    cacheUp = true;
    expect(await index.retryPendingPurges()).toBe(0);
    expect(toldFlaky).toEqual(['p']);
    expect(toldLog).toEqual(['p']); // a listener that succeeded is not told twice
    expect(index.pendingErasures()).toEqual([]);
  });

  it('reports a complete erasure when every listener succeeds', async () => {
    const index = new IndexMaintainer(2, () => 0, [() => undefined]);
    expect(await index.erase('q')).toEqual({ complete: true, errors: [] });
    expect(index.pendingErasures()).toEqual([]);
  });

  it('counts an async store that rejects as a failed purge, kept pending, not as a completed erasure', async () => {
    const index = new IndexMaintainer(2, () => 0, [
      async () => {
        throw new Error('redis down');
      },
    ]);
    const outcome = await index.erase('p');
    expect(outcome.complete).toBe(false);
    expect(outcome.errors.map((e) => (e as Error).message)).toEqual(['redis down']);
    expect(index.pendingErasures()).toEqual(['p']);
    expect(await index.retryPendingPurges()).toBe(1);
  });

  it('reports completion only after every async store has finished its purge, and removes the bytes before any store answers', async () => {
    const purged: string[] = [];
    const index = new IndexMaintainer(2, () => 0, [
      async (docId) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        purged.push(docId);
      },
    ]);
    index.apply(upsert('p', 1, ['personal record']));
    const erasing = index.erase('p');
    expect(index.storedTexts()).toEqual([]);
    expect(purged).toEqual([]);
    expect(await erasing).toEqual({ complete: true, errors: [] });
    expect(purged).toEqual(['p']);
  });

  it('counts failed (document, store) pairs when retrying, not documents', async () => {
    const down = async () => {
      throw new Error('down');
    };
    const index = new IndexMaintainer(2, () => 0, [down, down]);
    await index.erase('a');
    await index.erase('b');
    expect(index.pendingErasures()).toEqual(['a', 'b']);
    expect(await index.retryPendingPurges()).toBe(4);
  });

  it('keeps a store pending when an erase and a retry of the same document overlap', async () => {
    const slowRetry = deferred();
    // Each store answers its calls in turn: store 0 fails, then answers the retry slowly, then confirms at once.
    const cache = [() => Promise.reject(new Error('cache down')), () => slowRetry.promise, () => Promise.resolve()];
    const log = [() => Promise.resolve(), () => Promise.reject(new Error('log down'))];
    const index = new IndexMaintainer(2, () => 0, [() => cache.shift()!(), () => log.shift()!()]);
    await index.erase('p');
    const retrying = index.retryPendingPurges(); // asks store 0 again
    const second = await index.erase('p'); // store 0 confirms, store 1 fails
    expect(second.errors.map((e) => (e as Error).message)).toEqual(['log down']);
    slowRetry.resolve(); // the retry finishes last, with a success
    expect(await retrying).toBe(1);
    expect(index.pendingErasures()).toEqual(['p']);
  });

  it('settles at the timeout when a store never answers, and keeps that store pending from the moment it was called', async () => {
    const timers = manualTimers();
    let cacheHangs = true;
    const purged: string[] = [];
    const index = new IndexMaintainer(2, () => 0, [(docId) => (cacheHangs ? new Promise<void>(() => undefined) : void purged.push(docId)), () => undefined], {
      purgeTimeoutMs: 30_000,
      schedule: timers.schedule,
    });
    let settled = false;
    const erasing = index.erase('p').finally(() => (settled = true));
    expect(index.pendingErasures()).toEqual(['p']); // before any store has answered
    await settle();
    timers.advance(29_999);
    await settle();
    expect(settled).toBe(false);
    timers.advance(1);
    const outcome = await erasing;
    expect(outcome.complete).toBe(false);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(PurgeTimeoutError);
    expect((outcome.errors[0] as Error).message).toBe('erasure store 0 did not confirm within 30,000 ms');
    expect(index.pendingErasures()).toEqual(['p']);
    cacheHangs = false;
    expect(await index.retryPendingPurges()).toBe(0);
    expect(purged).toEqual(['p']);
    expect(timers.waiting()).toBe(0); // every timer fired or was cancelled
  });

  it('ignores a confirmation that arrives after the timeout: the store stays pending until a retry confirms', async () => {
    const timers = manualTimers();
    const late = deferred();
    let calls = 0;
    const index = new IndexMaintainer(2, () => 0, [() => (++calls === 1 ? late.promise : undefined)], { purgeTimeoutMs: 1_000, schedule: timers.schedule });
    const erasing = index.erase('p');
    timers.advance(1_000);
    expect((await erasing).complete).toBe(false);
    late.resolve();
    await settle();
    expect(index.pendingErasures()).toEqual(['p']);
    expect(await index.retryPendingPurges()).toBe(0);
  });

  it('times out on real timers by default, and refuses a timeout setTimeout cannot keep', async () => {
    const index = new IndexMaintainer(2, () => 0, [() => new Promise<void>(() => undefined)], { purgeTimeoutMs: 5 });
    const outcome = await index.erase('p');
    expect(outcome.errors[0]).toBeInstanceOf(PurgeTimeoutError);
    expect(index.pendingErasures()).toEqual(['p']);
    expect(() => new IndexMaintainer(2, () => 0, [], { purgeTimeoutMs: 0 })).toThrow(/purgeTimeoutMs/);
    expect(() => new IndexMaintainer(2, () => 0, [], { purgeTimeoutMs: 2 ** 31 })).toThrow(/purgeTimeoutMs/);
  });

  it('whereas a plain delete keeps the bytes until compaction', () => {
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('d', 1, ['secret']));
    index.apply(del('d', 2));
    expect(index.storedTexts()).toEqual(['secret']);
    index.compact();
    expect(index.storedTexts()).toEqual([]);
  });
});

describe('freshness lag', () => {
  it('reports the worst lag per window, so one incident does not fail the target in every later window', () => {
    let now = 0;
    const index = new IndexMaintainer(2, () => now);
    now = 600_000;
    index.apply(upsert('a', 1, ['x'], [1, 0], 0)); // a 10-minute incident
    expect(index.closeLagWindow()).toBe(600_000);
    expect(index.maxLagMs()).toBe(0);
    now = 700_000;
    index.apply(upsert('b', 1, ['y'], [1, 0], 699_000));
    expect(index.maxLagMs()).toBe(1_000);
    expect(index.closeLagWindow()).toBe(1_000);
  });

  it('counts the oldest change still waiting in the feed, so an hour with the connector down does not read 0', () => {
    let now = 3_600_000; // 01:00; the connector went down at 00:10, just after a change was committed
    const index = new IndexMaintainer(2, () => now);
    expect(index.maxLagMs()).toBe(0); // nothing applied this hour
    expect(index.closeLagWindow(600_000)).toBe(3_000_000);
    now = 7_200_000; // 02:00: that change is applied 110 minutes after its commit; a newer one has waited 200 s
    index.apply(upsert('a', 1, ['x'], [1, 0], 600_000));
    expect(index.closeLagWindow(7_000_000)).toBe(6_600_000);
    expect(() => index.closeLagWindow(Number.NaN)).toThrow(RangeError);
  });

  it('refuses a clock reading that is not a finite number, and leaves the index as it was', () => {
    let now = Number.NaN;
    const index = new IndexMaintainer(2, () => now);
    expect(() => index.apply(upsert('a', 1, ['x']))).toThrow(/clock must return a finite time/);
    expect(index.storedTexts()).toEqual([]);
    now = 1_000;
    expect(index.apply(upsert('a', 1, ['x'], [1, 0], 400))).toBe('applied');
    expect(index.maxLagMs()).toBe(600);
  });

  it('counts a commit time ahead of the indexer clock as zero lag, never negative', () => {
    const index = new IndexMaintainer(2, () => 1_000);
    index.apply(upsert('a', 1, ['x'], [1, 0], 5_000));
    expect(index.maxLagMs()).toBe(0);
  });

  it('is the worst time from source commit to applied change, read from the injected clock', () => {
    let now = 10_000;
    const index = new IndexMaintainer(2, () => now);
    expect(index.maxLagMs()).toBe(0);
    index.apply(upsert('a', 1, ['x'], [1, 0], 9_500));
    now = 20_000;
    index.apply(upsert('b', 1, ['y'], [1, 0], 12_000));
    index.apply(upsert('b', 1, ['y'], [1, 0], 0)); // a duplicate is not a new change
    expect(index.maxLagMs()).toBe(8_000);
  });

  it('still answers after 200,000 applied changes, and rejects a commit time that is not a number', () => {
    const index = new IndexMaintainer(2, () => 1_000);
    for (let i = 0; i < 200_000; i++) index.apply(del(`d${i}`, 1, 400));
    expect(index.maxLagMs()).toBe(600);
    expect(() => index.apply(del('x', 1, Number.NaN))).toThrow(/committedAt/);
  });
});

describe('cosine', () => {
  it('is 1 for the same direction, 0 for orthogonal vectors and for a zero vector', () => {
    expect(cosine([2, 0], [1, 0])).toBe(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([0, 0], [1, 0])).toBe(0);
  });

  it('stays correct for finite components whose squares overflow or underflow', () => {
    expect(cosine([1e200, 0], [1e200, 1e200])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([1e-200, 0], [1e-200, 1e-200])).toBeCloseTo(Math.SQRT1_2, 12);
    const index = new IndexMaintainer(2, () => 0);
    index.apply(upsert('huge', 1, ['huge'], [1e200, 0]));
    index.apply(upsert('side', 1, ['side'], [0.6, 0.8]));
    const hits = index.query([1, 0], 2);
    expect(hits.map((h) => h.text)).toEqual(['huge', 'side']);
    expect(hits[0]!.score).toBeCloseTo(1, 12);
    expect(hits[1]!.score).toBeCloseTo(0.6, 12);
  });
});
