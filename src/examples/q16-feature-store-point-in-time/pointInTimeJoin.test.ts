import { describe, expect, it } from 'vitest';
import { latestValueJoin, OfflineStore, OnlineStore, pointInTimeJoin, type FeatureRow } from './pointInTimeJoin';

const HOUR = 3_600_000;

/** Transactions in the last 24 h for user u1, recomputed every few hours. */
function storeWithHistory(): OfflineStore {
  const store = new OfflineStore();
  const rows: FeatureRow[] = [
    { entityId: 'u1', eventTime: 1 * HOUR, values: { txn_24h: 2 } },
    { entityId: 'u1', eventTime: 5 * HOUR, values: { txn_24h: 4 } },
    { entityId: 'u1', eventTime: 9 * HOUR, values: { txn_24h: 30 } }, // the burst that follows a fraud
    { entityId: 'u2', eventTime: 2 * HOUR, values: { txn_24h: 1 } },
  ];
  // Insert out of order: the store must not depend on arrival order.
  store.append([rows[2]!, rows[0]!, rows[3]!, rows[1]!]);
  return store;
}

/** A row that counts how often the store reads its event time: each comparison reads it twice. */
function countedRow(t: number, onRead: () => void): FeatureRow {
  return {
    entityId: 'u',
    get eventTime() {
      onRead();
      return t;
    },
    availableAt: t,
    values: { x: t },
  };
}

/**
 * Array elements `fn` moves through splice, slice, concat and push: counted, not timed, because
 * seconds vary with the machine and counts do not.
 */
function countMoves(fn: () => void): number {
  let moves = 0;
  const proto = Array.prototype as unknown as Record<'splice' | 'slice' | 'concat' | 'push', (...args: unknown[]) => unknown>;
  const originals = { splice: proto.splice, slice: proto.slice, concat: proto.concat, push: proto.push };
  proto.splice = function (this: unknown[], ...args: unknown[]) {
    const start = Math.min(Math.max(Number(args[0] ?? 0), 0), this.length);
    moves += this.length - start + Math.max(args.length - 2, 0); // the tail shifts, the new items are written
    return Reflect.apply(originals.splice, this, args);
  };
  for (const name of ['slice', 'concat'] as const) {
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      const out = Reflect.apply(originals[name], this, args) as unknown[];
      moves += out.length;
      return out;
    };
  }
  proto.push = function (this: unknown[], ...args: unknown[]) {
    moves += args.length;
    return Reflect.apply(originals.push, this, args);
  };
  try {
    fn();
  } finally {
    Object.assign(proto, originals);
  }
  return moves;
}

describe('pointInTimeJoin', () => {
  it('picks the latest value at or before the label time, never one after it', () => {
    const [row] = pointInTimeJoin([{ entityId: 'u1', eventTime: 7 * HOUR, label: 1 }], storeWithHistory(), ['txn_24h']);
    expect(row?.features.txn_24h).toBe(4);
    expect(row?.featureTimes.txn_24h).toBe(5 * HOUR);
  });

  it('includes a value stamped exactly at the label time', () => {
    const [row] = pointInTimeJoin([{ entityId: 'u1', eventTime: 5 * HOUR, label: 0 }], storeWithHistory(), ['txn_24h']);
    expect(row?.features.txn_24h).toBe(4);
  });

  it('returns null rather than borrowing the first future value when no history exists yet', () => {
    const [row] = pointInTimeJoin([{ entityId: 'u1', eventTime: 0, label: 0 }], storeWithHistory(), ['txn_24h']);
    expect(row?.features.txn_24h).toBeNull();
    expect(row?.featureTimes.txn_24h).toBeNull();
  });

  it('takes the latest value of each feature separately, so a row without a feature does not hide its older value', () => {
    const store = new OfflineStore();
    // Two pipelines write to one entity: one computes a, the other b.
    store.append([
      { entityId: 'u', eventTime: 1 * HOUR, values: { a: 1 } },
      { entityId: 'u', eventTime: 2 * HOUR, values: { b: 2 } },
    ]);
    const [row] = pointInTimeJoin([{ entityId: 'u', eventTime: 3 * HOUR, label: 0 }], store, ['a', 'b']);
    expect(row?.features).toEqual({ a: 1, b: 2 });
    expect(row?.featureTimes).toEqual({ a: 1 * HOUR, b: 2 * HOUR });
  });

  it('applies the TTL relative to each label, not to the time the query runs', () => {
    const store = storeWithHistory();
    const labels = [
      { entityId: 'u2', eventTime: 3 * HOUR, label: 0 }, // value is 1 h old: kept
      { entityId: 'u2', eventTime: 6 * HOUR, label: 0 }, // value is exactly 4 h old: kept
      { entityId: 'u2', eventTime: 8 * HOUR, label: 0 }, // value is 6 h old: expired
    ];
    const rows = pointInTimeJoin(labels, store, ['txn_24h'], { ttlMs: 4 * HOUR });
    expect(rows.map((r) => r.features.txn_24h)).toEqual([1, 1, null]);
  });

  it('skips a row whose event time qualifies but which landed after the label', () => {
    const store = new OfflineStore();
    store.append([
      { entityId: 'u3', eventTime: 0, values: { spend_1d: 10 } },
      // The nightly aggregate is stamped 24:00 but written at 30:00.
      { entityId: 'u3', eventTime: 24 * HOUR, availableAt: 30 * HOUR, values: { spend_1d: 99 } },
    ]);
    const [early, late] = pointInTimeJoin(
      [
        { entityId: 'u3', eventTime: 27 * HOUR, label: 1 },
        { entityId: 'u3', eventTime: 31 * HOUR, label: 1 },
      ],
      store,
      ['spend_1d'],
    );
    expect(early?.features.spend_1d).toBe(10);
    expect(late?.features.spend_1d).toBe(99);
  });

  it('lets the later write win when two rows share an event time (a correction)', () => {
    const store = new OfflineStore();
    store.append([{ entityId: 'u4', eventTime: HOUR, values: { score: 1 } }]);
    store.append([{ entityId: 'u4', eventTime: HOUR, values: { score: 2 } }]);
    expect(store.asOf('u4', 2 * HOUR, ['score']).score?.value).toBe(2);
    // The same inside a batch, for a row that is not the batch's first.
    store.append([
      { entityId: 'u4', eventTime: 0, values: { score: 0 } },
      { entityId: 'u4', eventTime: HOUR, values: { score: 3 } },
    ]);
    expect(store.asOf('u4', 2 * HOUR, ['score']).score?.value).toBe(3);
  });

  it('breaks an event-time tie by landing time, so replaying the original after its correction does not undo it', () => {
    const store = new OfflineStore();
    store.append([{ entityId: 'u', eventTime: HOUR, availableAt: 4 * HOUR, values: { a: 2 } }]); // the correction
    store.append([{ entityId: 'u', eventTime: HOUR, availableAt: HOUR, values: { a: 1 } }]); // a backfill replays the original
    expect(store.asOf('u', 2 * HOUR, ['a']).a?.value).toBe(1); // the correction had not landed yet
    expect(store.asOf('u', 5 * HOUR, ['a']).a?.value).toBe(2);
  });

  it('rejects timestamps that are not finite and rows available before they happened', () => {
    const store = new OfflineStore();
    expect(() => store.append([{ entityId: 'x', eventTime: Number.NaN, values: {} }])).toThrow(RangeError);
    expect(() => store.append([{ entityId: 'x', eventTime: 1, availableAt: Number.NaN, values: {} }])).toThrow(/availableAt/);
    expect(() => store.append([{ entityId: 'x', eventTime: 1, availableAt: Number.POSITIVE_INFINITY, values: {} }])).toThrow(/availableAt/);
    expect(() => store.append([{ entityId: 'x', eventTime: 10, availableAt: 5, values: {} }])).toThrow(/before its event time/);
    expect(() => store.asOf('x', Number.POSITIVE_INFINITY, ['v'])).toThrow(/finite/);
  });

  it('rejects a TTL that is not a positive duration, including 0, which Feast reads as "no limit"', () => {
    const store = storeWithHistory();
    for (const ttlMs of [Number.NaN, -1, 0]) {
      expect(() => store.asOf('u1', 5 * HOUR, ['txn_24h'], ttlMs)).toThrow(/ttlMs must be positive/);
      expect(() => pointInTimeJoin([{ entityId: 'u1', eventTime: 5 * HOUR, label: 0 }], store, ['txn_24h'], { ttlMs })).toThrow(RangeError);
    }
    expect(store.asOf('u1', 5 * HOUR, ['txn_24h'], Number.POSITIVE_INFINITY).txn_24h?.value).toBe(4);
  });

  it('leaves the store untouched when one row of a batch is invalid', () => {
    const store = new OfflineStore();
    const batch = [
      { entityId: 'ok', eventTime: 1, values: { v: 1 } },
      { entityId: 'bad', eventTime: Number.NaN, values: { v: 2 } },
    ];
    expect(() => store.append(batch)).toThrow(RangeError);
    expect(store.asOf('ok', 10, ['v']).v).toBeNull();
  });

  it('inserts rows streamed in one at a time at their place, without re-sorting the history on each append', () => {
    let reads = 0;
    const n = 2_000;
    const store = new OfflineStore();
    for (let i = 0; i < n; i++) store.append([countedRow((i * 7_919) % n, () => reads++)]); // 0..n-1 in a fixed shuffled order (7,919 is prime)
    // Per append: 2 validation reads, 2 per binary-search step, 2 for the one comparison that places the row.
    // That is at most 52,000 here; re-sorting the history on every append reads about n^2 = 4,000,000.
    expect(reads).toBeLessThanOrEqual(n * (4 + 2 * Math.ceil(Math.log2(n + 1))));
    for (const t of [0, 1, 999.5, 1_000, n - 1, n + 5]) expect(store.asOf('u', t, ['x']).x?.value).toBe(Math.min(Math.floor(t), n - 1));
  });

  it('merges an unsorted batch into the history in one pass, not by shifting the history once per row', () => {
    let reads = 0;
    const n = 2_000; // rows already stored, at even times
    const m = 2_000; // the batch: odd times, shuffled
    const store = new OfflineStore();
    store.append(Array.from({ length: n }, (_, i) => countedRow(2 * i, () => reads++)));
    const batch = Array.from({ length: m }, (_, i) => countedRow(2 * ((i * 7_919) % m) + 1, () => reads++));
    reads = 0;
    const moves = countMoves(() => store.append(batch));
    // Sorting the batch and merging it once: about m log2 m + n + m comparisons and n + m moves,
    // at most 104,000 reads and moves here. A splice per row shifts the rows after each insert: n * m = 4,000,000 moves.
    expect(reads + moves).toBeLessThanOrEqual(4 * (m * Math.ceil(Math.log2(m)) + n + m));
    for (const t of [0, 1, 1_000.5, 2 * n - 1, 2 * n + 5]) expect(store.asOf('u', t, ['x']).x?.value).toBe(Math.min(Math.floor(t), 2 * n - 1));
  });
});

describe('leakage', () => {
  it('the latest-value join leaks the post-fraud burst into a label from before it; the point-in-time join does not', () => {
    const labels = [{ entityId: 'u1', eventTime: 6 * HOUR, label: 1 }];
    const leaky = latestValueJoin(labels, storeWithHistory(), ['txn_24h']);
    const correct = pointInTimeJoin(labels, storeWithHistory(), ['txn_24h']);
    expect(leaky[0]?.features.txn_24h).toBe(30);
    expect(leaky[0]?.featureTimes.txn_24h).toBeGreaterThan(labels[0]!.eventTime);
    expect(correct[0]?.features.txn_24h).toBe(4);
    for (const row of correct) expect(row.featureTimes.txn_24h ?? -Infinity).toBeLessThanOrEqual(row.eventTime);
  });
});

describe('OnlineStore', () => {
  it('serves what the offline join gives at the moment of materialisation', () => {
    const store = storeWithHistory();
    const online = new OnlineStore();
    for (const t of [0, 3 * HOUR, 6 * HOUR, 10 * HOUR]) {
      online.materialize(store, t, ['txn_24h'], 6 * HOUR);
      for (const entityId of ['u1', 'u2']) {
        const [offline] = pointInTimeJoin([{ entityId, eventTime: t, label: 0 }], store, ['txn_24h'], { ttlMs: 6 * HOUR });
        expect(online.get(entityId, t, ['txn_24h'], 6 * HOUR)).toEqual(offline?.features);
      }
    }
  });

  it('lags the offline join between runs when availableAt is the offline landing time, not the run that serves the row', () => {
    const history = (availableAt: number): FeatureRow[] => [
      { entityId: 'c', eventTime: 0, values: { orders: 5 } },
      { entityId: 'c', eventTime: 24 * HOUR, availableAt, values: { orders: 9 } }, // lands offline at 30:00
    ];
    const request = 30.5 * HOUR; // after the 30:00 landing, before the 31:00 materialisation
    const servedAndJoined = (availableAt: number): [number | null | undefined, number | null | undefined] => {
      const store = new OfflineStore();
      store.append(history(availableAt));
      const online = new OnlineStore();
      online.materialize(store, 7 * HOUR, ['orders']); // daily run at 07:00
      const [joined] = pointInTimeJoin([{ entityId: 'c', eventTime: request, label: 0 }], store, ['orders']);
      return [online.get('c', request, ['orders']).orders, joined?.features.orders];
    };
    expect(servedAndJoined(30 * HOUR)).toEqual([5, 9]); // skew: training would see 9, serving saw 5
    expect(servedAndJoined(31 * HOUR)).toEqual([5, 5]); // availableAt = the run that first serves it
  });

  it('agrees with the offline join at every request time when availableAt is the run that serves each row and reads check the TTL', () => {
    const ttlMs = 8 * HOUR;
    const store = new OfflineStore();
    store.append([
      { entityId: 'u1', eventTime: 1 * HOUR, availableAt: 6 * HOUR, values: { txn_24h: 2 } },
      { entityId: 'u1', eventTime: 5 * HOUR, availableAt: 6 * HOUR, values: { txn_24h: 4 } },
      { entityId: 'u1', eventTime: 9 * HOUR, availableAt: 12 * HOUR, values: { txn_24h: 30 } },
      { entityId: 'u2', eventTime: 2 * HOUR, availableAt: 6 * HOUR, values: { txn_24h: 1 } },
    ]);
    const online = new OnlineStore();
    for (let now = 0; now <= 30 * HOUR; now += HOUR) {
      if (now % (6 * HOUR) === 0) online.materialize(store, now, ['txn_24h'], ttlMs); // a run every 6 h
      for (const entityId of ['u1', 'u2']) {
        const [offline] = pointInTimeJoin([{ entityId, eventTime: now, label: 0 }], store, ['txn_24h'], { ttlMs });
        expect(online.get(entityId, now, ['txn_24h'], ttlMs)).toEqual(offline?.features);
      }
    }
  });

  it('stops serving a value once it is older than the TTL, even before the next run', () => {
    const store = new OfflineStore();
    store.append([{ entityId: 'u', eventTime: 0, values: { x: 1 } }]);
    const online = new OnlineStore();
    online.materialize(store, 1 * HOUR, ['x'], 2 * HOUR);
    expect(online.get('u', 2 * HOUR, ['x'], 2 * HOUR)).toEqual({ x: 1 });
    expect(online.get('u', 48 * HOUR, ['x'], 2 * HOUR)).toEqual({ x: null });
  });

  it('checks each read against the TTL the last run used for the feature when the read passes none', () => {
    const store = new OfflineStore();
    store.append([{ entityId: 'u', eventTime: 0, values: { x: 1, y: 2 } }]);
    const online = new OnlineStore();
    online.materialize(store, 1 * HOUR, ['x'], 2 * HOUR);
    online.materialize(store, 1 * HOUR, ['y']); // no TTL: y never expires
    expect(online.get('u', 2 * HOUR, ['x', 'y'])).toEqual({ x: 1, y: 2 });
    expect(online.get('u', 48 * HOUR, ['x', 'y'])).toEqual({ x: null, y: 2 });
  });

  it('rejects a TTL that is not positive on every run and read, even before the store holds anything', () => {
    const online = new OnlineStore();
    expect(() => online.materialize(new OfflineStore(), 0, ['x'], 0)).toThrow(/ttlMs must be positive/);
    expect(() => online.get('u', 0, ['x'], 0)).toThrow(/ttlMs must be positive/);
    expect(() => online.get('u', 0, ['x'], Number.NaN)).toThrow(/ttlMs must be positive/);
  });

  it('never serves a value stamped after the request, even when the request clock is behind the last run', () => {
    const store = new OfflineStore();
    store.append([
      { entityId: 'u', eventTime: 1 * HOUR, values: { x: 1 } },
      { entityId: 'u', eventTime: 5 * HOUR, values: { x: 5 } },
    ]);
    const online = new OnlineStore();
    online.materialize(store, 6 * HOUR, ['x']);
    expect(online.get('u', 1 * HOUR, ['x'])).toEqual({ x: null }); // 5 is from the request's future; 1 is no longer online
  });

  it('removes a value online once a run finds it expired', () => {
    const online = new OnlineStore();
    const store = storeWithHistory();
    expect(online.materialize(store, 3 * HOUR, ['txn_24h'], 2 * HOUR)).toBe(2);
    online.materialize(store, 20 * HOUR, ['txn_24h'], 2 * HOUR);
    expect(online.get('u2', 20 * HOUR, ['txn_24h'])).toEqual({ txn_24h: null });
  });

  it('keeps the latest value of each feature separately', () => {
    const store = new OfflineStore();
    store.append([
      { entityId: 'u', eventTime: 1 * HOUR, values: { a: 1 } },
      { entityId: 'u', eventTime: 2 * HOUR, values: { b: 2 } },
    ]);
    const online = new OnlineStore();
    online.materialize(store, 3 * HOUR, ['a', 'b']);
    expect(online.get('u', 3 * HOUR, ['a', 'b'])).toEqual({ a: 1, b: 2 });
  });

  it('passes a correction with the same event time to the online store at the next run', () => {
    const store = new OfflineStore();
    store.append([{ entityId: 'u', eventTime: HOUR, values: { x: 1 } }]);
    const online = new OnlineStore();
    online.materialize(store, 2 * HOUR, ['x']);
    store.append([{ entityId: 'u', eventTime: HOUR, availableAt: 3 * HOUR, values: { x: 2 } }]);
    online.materialize(store, 4 * HOUR, ['x']);
    expect(online.get('u', 4 * HOUR, ['x'])).toEqual({ x: 2 });
  });

  it('refuses a run older than the last one, which would overwrite newer values', () => {
    const store = new OfflineStore();
    store.append([
      { entityId: 'u', eventTime: 1 * HOUR, values: { x: 1 } },
      { entityId: 'u', eventTime: 5 * HOUR, values: { x: 5 } },
    ]);
    const online = new OnlineStore();
    online.materialize(store, 6 * HOUR, ['x']);
    expect(() => online.materialize(store, 2 * HOUR, ['x'])).toThrow(/older than the last run/);
    expect(online.get('u', 6 * HOUR, ['x'])).toEqual({ x: 5 });
  });
});
