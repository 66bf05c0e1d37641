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

describe('pointInTimeJoin', () => {
  it('picks the latest value at or before the label time, never one after it', () => {
    const [row] = pointInTimeJoin([{ entityId: 'u1', eventTime: 7 * HOUR, label: 1 }], storeWithHistory(), ['txn_24h']);
    expect(row?.features.txn_24h).toBe(4);
    expect(row?.featureTime).toBe(5 * HOUR);
  });

  it('includes a value stamped exactly at the label time', () => {
    const [row] = pointInTimeJoin([{ entityId: 'u1', eventTime: 5 * HOUR, label: 0 }], storeWithHistory(), ['txn_24h']);
    expect(row?.features.txn_24h).toBe(4);
  });

  it('returns null rather than borrowing the first future value when no history exists yet', () => {
    const [row] = pointInTimeJoin([{ entityId: 'u1', eventTime: 0, label: 0 }], storeWithHistory(), ['txn_24h']);
    expect(row?.features.txn_24h).toBeNull();
    expect(row?.featureTime).toBeNull();
  });

  it('applies the TTL relative to each label, not to the time the query runs', () => {
    const store = storeWithHistory();
    const labels = [
      { entityId: 'u2', eventTime: 3 * HOUR, label: 0 }, // value is 1 h old: kept
      { entityId: 'u2', eventTime: 8 * HOUR, label: 0 }, // value is 6 h old: expired
    ];
    const rows = pointInTimeJoin(labels, store, ['txn_24h'], { ttlMs: 4 * HOUR });
    expect(rows.map((r) => r.features.txn_24h)).toEqual([1, null]);
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
    expect(store.asOf('u4', 2 * HOUR)?.values.score).toBe(2);
  });

  it('rejects timestamps that are not finite and rows available before they happened', () => {
    const store = new OfflineStore();
    expect(() => store.append([{ entityId: 'x', eventTime: Number.NaN, values: {} }])).toThrow(RangeError);
    expect(() => store.append([{ entityId: 'x', eventTime: 10, availableAt: 5, values: {} }])).toThrow(/before its event time/);
    expect(() => store.asOf('x', Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it('leaves the store untouched when one row of a batch is invalid', () => {
    const store = new OfflineStore();
    const batch = [
      { entityId: 'ok', eventTime: 1, values: { v: 1 } },
      { entityId: 'bad', eventTime: Number.NaN, values: { v: 2 } },
    ];
    expect(() => store.append(batch)).toThrow(RangeError);
    expect(store.asOf('ok', 10)).toBeUndefined();
  });
});

describe('leakage', () => {
  it('the latest-value join leaks the post-fraud burst into a label from before it; the point-in-time join does not', () => {
    const labels = [{ entityId: 'u1', eventTime: 6 * HOUR, label: 1 }];
    const leaky = latestValueJoin(labels, storeWithHistory(), ['txn_24h']);
    const correct = pointInTimeJoin(labels, storeWithHistory(), ['txn_24h']);
    expect(leaky[0]?.features.txn_24h).toBe(30);
    expect(leaky[0]?.featureTime).toBeGreaterThan(labels[0]!.eventTime);
    expect(correct[0]?.features.txn_24h).toBe(4);
    for (const row of correct) expect(row.featureTime ?? -Infinity).toBeLessThanOrEqual(row.eventTime);
  });
});

describe('OnlineStore', () => {
  it('serves exactly what the offline join would have produced at the same moment (no skew)', () => {
    const store = storeWithHistory();
    const online = new OnlineStore();
    for (const t of [0, 3 * HOUR, 6 * HOUR, 10 * HOUR]) {
      online.materialize(store, t, 6 * HOUR);
      for (const entityId of ['u1', 'u2']) {
        const [offline] = pointInTimeJoin([{ entityId, eventTime: t, label: 0 }], store, ['txn_24h'], { ttlMs: 6 * HOUR });
        expect(online.get(entityId, ['txn_24h'])?.txn_24h ?? null).toBe(offline?.features.txn_24h);
      }
    }
  });

  it('removes a value online once it has expired', () => {
    const online = new OnlineStore();
    const store = storeWithHistory();
    expect(online.materialize(store, 3 * HOUR, 2 * HOUR)).toBe(2);
    online.materialize(store, 20 * HOUR, 2 * HOUR);
    expect(online.get('u2', ['txn_24h'])).toBeUndefined();
  });
});
