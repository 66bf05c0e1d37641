import { describe, expect, it } from 'vitest';
import { features, parity, readyToCutOver, runBatch, score, StreamingScorer, WINDOW_MS, type ParityReport, type ScoringModel, type Txn } from './dualRun';

const model: ScoringModel = {
  version: 'fraud@17',
  amountMean: 80,
  amountStd: 40,
  weights: { bias: -4, count24h: 0.3, sum24h: 0.002, amountZ: 0.8 },
};

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Three users, one transaction every 5 hours each, over two days; amounts vary deterministically. */
function day(): Txn[] {
  const events: Txn[] = [];
  for (let i = 0; i < 10; i++) {
    for (const user of ['u1', 'u2', 'u3']) {
      events.push({ id: `${user}-${i}`, userId: user, amount: 20 + ((i * 37 + user.length * 11) % 150) + 0.1, at: i * 5 * HOUR });
    }
  }
  return events;
}

/** Feeds events in the given arrival order; each is appended to the log at its own event time. */
function stream(events: readonly Txn[], scorer = new StreamingScorer(model)): Map<string, number> {
  for (const e of events) scorer.handle(e, e.at);
  return scorer.scores;
}

/** The arrival order of day() with one event moved to just after another. */
function arriving(id: string, after: string): Txn[] {
  const events = day();
  const late = events.find((e) => e.id === id)!;
  const arrival = events.filter((e) => e !== late);
  arrival.splice(arrival.findIndex((e) => e.id === after) + 1, 0, late);
  return arrival;
}

describe('features (the one definition both paths call)', () => {
  it('uses a half-open 24 h window: an event exactly 24 h earlier is out, one a millisecond later is in', () => {
    const now: Txn = { id: 'c', userId: 'u1', amount: 80, at: WINDOW_MS + 10 };
    const history: Txn[] = [
      { id: 'a', userId: 'u1', amount: 10, at: 10 },
      { id: 'b', userId: 'u1', amount: 5, at: 11 },
    ];
    expect(features(now, history, model)).toEqual({ count24h: 1, sum24h: 5, amountZ: 0 });
  });

  it('breaks ties at the same timestamp by id, so both paths agree on what came first', () => {
    const a: Txn = { id: 'a', userId: 'u1', amount: 10, at: 100 };
    const b: Txn = { id: 'b', userId: 'u1', amount: 10, at: 100 };
    expect(features(b, [a, b], model).count24h).toBe(1);
    expect(features(a, [a, b], model).count24h).toBe(0);
  });

  it('sums in the one total order whatever order the history is held in, so the float result is identical', () => {
    const a: Txn = { id: 'a', userId: 'u1', amount: 0.1, at: 1 };
    const b: Txn = { id: 'b', userId: 'u1', amount: 0.2, at: 2 };
    const c: Txn = { id: 'c', userId: 'u1', amount: 0.3, at: 3 };
    const e: Txn = { id: 'e', userId: 'u1', amount: 1, at: 4 };
    // (0.1 + 0.2) + 0.3 = 0.6000000000000001, but (0.2 + 0.3) + 0.1 = 0.6
    expect(features(e, [b, c, a], model).sum24h).toBe(features(e, [a, b, c], model).sum24h);
  });

  it('normalises with the statistics frozen in the model, not with the data in hand', () => {
    const e: Txn = { id: 'x', userId: 'u1', amount: 160, at: 0 };
    expect(features(e, [], model).amountZ).toBe(2);
  });

  it('refuses a model whose standard deviation cannot normalise, when it is loaded', () => {
    const broken = { ...model, amountStd: 0 };
    expect(() => new StreamingScorer(broken)).toThrow(/amountStd/);
    expect(() => runBatch(day(), broken)).toThrow(/amountStd/);
  });
});

describe('dual run: batch and streaming on the same events', () => {
  it('agrees bit for bit on every event when events arrive in event-time order', () => {
    const events = day();
    const report = parity(runBatch(events, model), stream(events));
    expect(report).toMatchObject({ compared: 30, mismatches: [], missingInStream: [], missingInBatch: [], parityRate: 1 });
  });

  it('still agrees when users interleave differently, as long as each user is in order (per-key ordering)', () => {
    const events = day();
    const reordered = [...events.filter((e) => e.userId === 'u3'), ...events.filter((e) => e.userId !== 'u3')];
    expect(parity(runBatch(events, model), stream(reordered)).parityRate).toBe(1);
  });

  it('scores one day from its partition plus the previous 24 h as history, and emits only that day', () => {
    const events = day();
    const day1 = events.filter((e) => e.at < DAY);
    const day2 = events.filter((e) => e.at >= DAY);
    const streamDay2 = new Map([...stream(events)].filter(([id]) => day2.some((e) => e.id === id)));
    const batch = runBatch(day2, model, day1);
    expect(batch.size).toBe(15);
    expect(parity(batch, streamDay2).parityRate).toBe(1);
    // Without history, every day-2 event whose window reaches back into day 1 differs: the calendar-partition trap.
    expect(parity(runBatch(day2, model), streamDay2).mismatches).toHaveLength(12);
  });

  it('reports exactly the event whose window differs when another event arrives late', () => {
    const report = parity(runBatch(day(), model), stream(arriving('u1-3', 'u1-4'))); // u1-3 arrives after u1-4
    expect(report.mismatches.map((m) => m.id)).toEqual(['u1-4']);
    expect(report.parityRate).toBeCloseTo(29 / 30, 10);
  });

  it('mismatches every later event of that user scored before the late one arrived, and the late one once its history is evicted', () => {
    // u1-3 (15 h) arrives after u1-4 (20 h) and u1-5 (25 h); u1-6 (30 h) is scored after it, so it agrees again.
    // The late event itself differs too: after u1-5 the stream keeps only events newer than 25 - 24 = 1 h, so u1-0 (0 h) is gone.
    expect(parity(runBatch(day(), model), stream(arriving('u1-3', 'u1-5'))).mismatches.map((m) => m.id)).toEqual(['u1-3', 'u1-4', 'u1-5']);
  });

  it('fixes the late event itself, but not the events scored before it arrived, when state is kept for window plus allowed lateness', () => {
    const scorer = new StreamingScorer(model, { allowedLatenessMs: 12 * HOUR });
    expect(parity(runBatch(day(), model), stream(arriving('u1-3', 'u1-5'), scorer)).mismatches.map((m) => m.id)).toEqual(['u1-4', 'u1-5']);
  });

  it('scores a redelivered event once and never adds it to state twice (at-least-once delivery)', () => {
    const events = day();
    const redelivered = events.flatMap((e) => (e.id === 'u1-2' ? [e, { ...e }] : [e]));
    expect(parity(runBatch(events, model), stream(redelivered))).toMatchObject({ mismatches: [], parityRate: 1 });
  });

  it('counts a duplicate row in the batch input once', () => {
    const events = day();
    const withDuplicate = [...events, { ...events.find((e) => e.id === 'u2-4')! }];
    expect(parity(runBatch(withDuplicate, model), stream(events))).toMatchObject({ mismatches: [], parityRate: 1 });
  });

  it('scores the first copy of a duplicated id in the batch input, the one its windows count, as the stream does', () => {
    const events = day();
    const changed = { ...events.find((e) => e.id === 'u2-4')!, amount: 999 }; // same id, different content
    const batch = runBatch([...events, changed], model);
    expect(batch.get('u2-4')).toBe(runBatch(events, model).get('u2-4'));
    expect(parity(batch, stream([...events, changed]))).toMatchObject({ mismatches: [], parityRate: 1 });
  });

  it('dead-letters an event stamped further ahead of its arrival than the clock-skew bound, so it cannot evict the user’s history', () => {
    const bad: Txn = { id: 'u2-bad', userId: 'u2', amount: 50, at: 3 * DAY }; // a client clock three days fast
    const scorer = new StreamingScorer(model);
    for (const e of day()) {
      scorer.handle(e, e.at);
      if (e.id === 'u2-2') expect(scorer.handle(bad, e.at)).toBeUndefined();
    }
    expect(scorer.quarantined).toEqual([bad]);
    expect(parity(runBatch(day(), model), scorer.scores)).toMatchObject({ mismatches: [], missingInStream: [], missingInBatch: [], parityRate: 1 });
  });

  it('keeps history for the clock-skew bound too: an event stamped minutes ahead does not evict what the next in-order event needs', () => {
    const MIN = 60_000;
    const a: Txn = { id: 'a', userId: 'u', amount: 30, at: HOUR + 2 * MIN };
    const ahead: Txn = { id: 'ahead', userId: 'u', amount: 50, at: 25 * HOUR + 4 * MIN }; // reaches the log at 25 h: 4 min fast, inside the 5 min bound
    const b: Txn = { id: 'b', userId: 'u', amount: 40, at: 25 * HOUR + MIN }; // its window (1 h 01, 25 h 01) holds a
    const scorer = new StreamingScorer(model);
    scorer.handle(a, a.at);
    scorer.handle(ahead, 25 * HOUR);
    scorer.handle(b, b.at);
    expect(scorer.scores.get('b')).toBe(runBatch([a, ahead, b], model).get('b'));
  });

  it('refuses a missing or non-finite arrival time, which would let any future-dated event through the skew check', () => {
    const scorer = new StreamingScorer(model);
    const farFuture: Txn = { id: 'f', userId: 'u', amount: 1, at: 3 * DAY };
    expect(() => scorer.handle(farFuture, Number.NaN)).toThrow(/arrivedAt/);
    const handleWithoutArrival = scorer.handle.bind(scorer) as (e: Txn) => unknown; // a JavaScript caller that leaves it out
    expect(() => handleWithoutArrival(farFuture)).toThrow(/arrivedAt/);
  });

  it('refuses a negative allowed lateness or clock-skew bound', () => {
    expect(() => new StreamingScorer(model, { allowedLatenessMs: -1 })).toThrow(/allowedLatenessMs/);
    expect(() => new StreamingScorer(model, { maxClockSkewMs: -1 })).toThrow(/maxClockSkewMs/);
  });

  it('dead-letters an event without a finite time or amount instead of throwing on it; the batch job rejects it', () => {
    const noTime: Txn = { id: 'u3-nan', userId: 'u3', amount: 50, at: Number.NaN };
    const noAmount: Txn = { id: 'u3-inf', userId: 'u3', amount: Number.POSITIVE_INFINITY, at: 11 * HOUR };
    const scorer = new StreamingScorer(model);
    for (const e of day()) {
      scorer.handle(e, e.at);
      if (e.id === 'u3-2') [noTime, noAmount].forEach((bad) => scorer.handle(bad, e.at));
    }
    expect(scorer.quarantined).toEqual([noTime, noAmount]);
    expect(parity(runBatch(day(), model), scorer.scores).parityRate).toBe(1);
    expect(() => runBatch([...day(), noTime], model)).toThrow(/u3-nan/);
  });

  it('dead-letters a redelivered bad event once', () => {
    const bad: Txn = { id: 'u3-nan', userId: 'u3', amount: 50, at: Number.NaN };
    const scorer = new StreamingScorer(model);
    scorer.handle(bad, 0);
    scorer.handle({ ...bad }, 0);
    expect(scorer.quarantined).toHaveLength(1);
  });

  it('keeps working on a key with 200,000 events in its window (no argument-spread limit)', () => {
    const scorer = new StreamingScorer(model);
    const hot = Array.from({ length: 200_000 }, (_, i): Txn => ({ id: `e${i}`, userId: 'hot', amount: 1, at: i }));
    (scorer as unknown as { recent: Map<string, Txn[]> }).recent.set('hot', hot); // seeded: handling them one by one is quadratic
    expect(() => scorer.handle({ id: 'new', userId: 'hot', amount: 1, at: 200_000 }, 200_000)).not.toThrow();
  });

  it('counts an event the stream never scored as a failure, not as a skipped row', () => {
    const events = day();
    const report = parity(runBatch(events, model), stream(events.filter((e) => e.id !== 'u2-7')));
    expect(report.missingInStream).toEqual(['u2-7']);
    expect(report.mismatches.map((m) => m.id)).toEqual(['u2-8', 'u2-9']); // their windows held u2-7
    expect(report.parityRate).toBeCloseTo(1 - 3 / 30, 12);
  });

  it('lowers the rate by exactly one event for one missing event', () => {
    const events = day();
    const report = parity(runBatch(events, model), stream(events.filter((e) => e.id !== 'u2-9'))); // no later window needs u2-9
    expect(report).toMatchObject({ mismatches: [], missingInStream: ['u2-9'] });
    expect(report.parityRate).toBeCloseTo(29 / 30, 12);
  });

  it('compares scores exactly by default; a tolerance is opt-in, for two different engines', () => {
    const batch = new Map([['a', 0.5]]);
    const stream = new Map([['a', 0.5 + 2 ** -53]]); // one unit in the last place apart
    expect(parity(batch, stream).mismatches).toHaveLength(1);
    expect(parity(batch, stream, 1e-9).parityRate).toBe(1);
    expect(() => parity(batch, stream, Number.NaN)).toThrow(/tolerance/);
  });

  it('exposes a batch job that normalised with its own batch statistics: every score differs', () => {
    const events = day();
    const mean = events.reduce((s, e) => s + e.amount, 0) / events.length;
    const std = Math.sqrt(events.reduce((s, e) => s + (e.amount - mean) ** 2, 0) / events.length);
    const naiveBatch = new Map(
      events.map((e) => {
        const f = features(e, events, model);
        return [e.id, score({ ...f, amountZ: (e.amount - mean) / std }, model)] as const;
      }),
    );
    expect(parity(naiveBatch, stream(events)).mismatches).toHaveLength(30);
  });
});

describe('readyToCutOver', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `e${i}`);
  const scores = new Map(ids.map((id) => [id, 0.5] as const));
  const good = parity(scores, scores);
  const bad = parity(scores, new Map([...scores, ['e0', 0.4], ['e1', 0.4]])); // 998 / 1000 = 99.8 %

  /** Consecutive calendar days from 2026-11-01, one report each. */
  const days = (...reports: ParityReport[]) => reports.map((report, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, report }));

  it('needs the full run of consecutive days at or above the bar', () => {
    expect(readyToCutOver(days(good, good, good), 3)).toBe(true);
    expect(readyToCutOver(days(good, good), 3)).toBe(false);
  });

  it('counts a day exactly on the bar as good: one mismatch in 1,000 is 99.9 %', () => {
    const onTheBar = parity(scores, new Map([...scores, ['e0', 0.4]]));
    expect(onTheBar.parityRate).toBe(0.999);
    expect(readyToCutOver(days(good, good, onTheBar), 3)).toBe(true);
  });

  it('restarts the count after a bad day', () => {
    expect(readyToCutOver(days(good, good, bad), 3)).toBe(false);
    expect(readyToCutOver(days(bad, good, good, good), 3)).toBe(true);
  });

  it('does not count a run with a day missing from it as consecutive', () => {
    const run = days(good, good, good, good);
    expect(readyToCutOver([run[0]!, run[1]!, run[3]!], 3)).toBe(false); // 1, 2 and 4 November
  });

  it('blocks cut-over on a day with an event missing from either side, even when the parity rate clears the bar', () => {
    const streamOnly = parity(scores, new Map([...scores, ['extra', 0.5]])); // the stream produced an event batch never saw
    const batchOnly = parity(new Map([...scores, ['extra', 0.5]]), scores);
    expect(streamOnly.missingInBatch).toEqual(['extra']);
    expect(streamOnly.parityRate).toBeGreaterThanOrEqual(0.999);
    expect(readyToCutOver(days(good, good, streamOnly), 3)).toBe(false);
    expect(batchOnly.parityRate).toBeGreaterThanOrEqual(0.999);
    expect(readyToCutOver(days(good, good, batchOnly), 3)).toBe(false);
  });

  it('does not count a day with too few events to test the bar, nor one with nothing compared', () => {
    const tiny = parity(new Map([['a', 0.5]]), new Map([['a', 0.5]])); // one event: a 99.9 % bar means 100 %
    expect(readyToCutOver(days(good, good, tiny), 3)).toBe(false);
    expect(readyToCutOver(days(good, good, tiny), 3, 0.999, 1)).toBe(true);
    expect(readyToCutOver(days(good, good, parity(new Map(), new Map())), 3, 0.999, 0)).toBe(false);
  });

  it('rejects a run length below one day', () => {
    expect(() => readyToCutOver(days(good), 0)).toThrow(/minDays/);
  });
});
