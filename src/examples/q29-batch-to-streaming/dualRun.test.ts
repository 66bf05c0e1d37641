import { describe, expect, it } from 'vitest';
import { features, parity, readyToCutOver, runBatch, score, StreamingScorer, WINDOW_MS, type ScoringModel, type Txn } from './dualRun';

const model: ScoringModel = {
  version: 'fraud@17',
  amountMean: 80,
  amountStd: 40,
  weights: { bias: -4, count24h: 0.3, sum24h: 0.002, amountZ: 0.8 },
};

const HOUR = 60 * 60 * 1000;

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

function stream(events: readonly Txn[]): Map<string, number> {
  const scorer = new StreamingScorer(model);
  for (const e of events) scorer.handle(e);
  return scorer.scores;
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

  it('normalises with the statistics frozen in the model, not with the data in hand', () => {
    const e: Txn = { id: 'x', userId: 'u1', amount: 160, at: 0 };
    expect(features(e, [], model).amountZ).toBe(2);
  });
});

describe('dual run: batch and streaming on the same events', () => {
  it('agrees on every event when events arrive in event-time order', () => {
    const events = day();
    const report = parity(runBatch(events, model), stream(events));
    expect(report).toMatchObject({ compared: 30, mismatches: [], missingInStream: [], missingInBatch: [], parityRate: 1 });
  });

  it('still agrees when users interleave differently, as long as each user is in order (per-key ordering)', () => {
    const events = day();
    const reordered = [...events.filter((e) => e.userId === 'u3'), ...events.filter((e) => e.userId !== 'u3')];
    expect(parity(runBatch(events, model), stream(reordered)).parityRate).toBe(1);
  });

  it('reports exactly the event whose window differs when another event arrives late', () => {
    const events = day();
    const late = events.find((e) => e.id === 'u1-3')!;
    const arrival = [...events.filter((e) => e !== late)];
    arrival.splice(arrival.findIndex((e) => e.id === 'u1-4') + 1, 0, late); // u1-3 arrives after u1-4
    const report = parity(runBatch(events, model), stream(arrival));
    expect(report.mismatches.map((m) => m.id)).toEqual(['u1-4']);
    expect(report.parityRate).toBeCloseTo(29 / 30, 10);
  });

  it('mismatches every later event of that user scored before the late one arrived, and the late one once its history is evicted', () => {
    const events = day();
    const late = events.find((e) => e.id === 'u1-3')!; // at 15 h
    const arrival = [...events.filter((e) => e !== late)];
    arrival.splice(arrival.findIndex((e) => e.id === 'u1-5') + 1, 0, late); // arrives after u1-4 (20 h) and u1-5 (25 h)
    // u1-6 (30 h) is scored after the late event arrives, so it agrees again. The late event itself differs too:
    // after u1-5 the stream keeps only events newer than 25 - 24 = 1 h, so u1-0 (0 h), inside u1-3's window, is gone.
    expect(parity(runBatch(events, model), stream(arrival)).mismatches.map((m) => m.id)).toEqual(['u1-3', 'u1-4', 'u1-5']);
  });

  it('counts an event the stream never scored as a failure, not as a skipped row', () => {
    const events = day();
    const report = parity(runBatch(events, model), stream(events.filter((e) => e.id !== 'u2-7')));
    expect(report.missingInStream).toEqual(['u2-7']);
    expect(report.parityRate).toBeLessThan(1);
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
  const good = parity(new Map([['a', 0.5]]), new Map([['a', 0.5]]));
  const bad = parity(
    new Map([
      ['a', 0.5],
      ['b', 0.2],
    ]),
    new Map([
      ['a', 0.5],
      ['b', 0.3],
    ]),
  );

  it('needs the full run of days at or above the bar', () => {
    expect(readyToCutOver([good, good, good], 3)).toBe(true);
    expect(readyToCutOver([good, good], 3)).toBe(false);
  });

  it('restarts the count after a bad day', () => {
    expect(readyToCutOver([good, good, bad], 3)).toBe(false);
    expect(readyToCutOver([bad, good, good, good], 3)).toBe(true);
  });

  it('blocks cut-over on a day with an event missing from either side, even when the parity rate clears the bar', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `e${i}`);
    const scores = new Map(ids.map((id) => [id, 0.5] as const));
    const streamOnly = parity(scores, new Map([...scores, ['extra', 0.5]])); // the stream produced an event batch never saw
    const batchOnly = parity(new Map([...scores, ['extra', 0.5]]), scores);
    expect(streamOnly.missingInBatch).toEqual(['extra']);
    expect(streamOnly.parityRate).toBeGreaterThanOrEqual(0.999);
    expect(readyToCutOver([good, good, streamOnly], 3)).toBe(false);
    expect(batchOnly.parityRate).toBeGreaterThanOrEqual(0.999);
    expect(readyToCutOver([good, good, batchOnly], 3)).toBe(false);
  });

  it('does not treat a day with nothing compared as a good day', () => {
    const empty = parity(new Map(), new Map());
    expect(readyToCutOver([good, good, empty], 3)).toBe(false);
  });
});
