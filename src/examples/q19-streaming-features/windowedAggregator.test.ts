import { describe, expect, it } from 'vitest';
import { WindowedAggregator, type StreamEvent, type WindowResult } from './windowedAggregator';

const S = 1000;
const MIN = 60 * S;
const ev = (time: number, value = 1, key = 'card-1'): StreamEvent => ({ key, time, value });

/** One-minute tumbling windows, 10 s out-of-orderness, 2 min allowed lateness. */
const tumbling = () => new WindowedAggregator({ sizeMs: MIN, maxOutOfOrdernessMs: 10 * S, allowedLatenessMs: 2 * MIN });

function feed(agg: WindowedAggregator, events: readonly StreamEvent[]): WindowResult[] {
  return events.flatMap((e) => agg.onEvent(e));
}

describe('event-time windows with a watermark', () => {
  it('counts an out-of-order event in the window it happened in, not the one it arrived in', () => {
    const agg = tumbling();
    const out = feed(agg, [ev(50 * S, 10), ev(62 * S, 1), ev(55 * S, 5), ev(75 * S, 1)]);
    expect(out).toEqual([{ key: 'card-1', start: 0, end: MIN, count: 2, sum: 15, kind: 'on-time' }]);
  });

  it('does not fire a window until the watermark passes its end', () => {
    const agg = tumbling();
    expect(feed(agg, [ev(10 * S), ev(65 * S)])).toEqual([]); // watermark 55 s: the first minute may still get events
    expect(agg.watermark).toBe(55 * S);
    expect(agg.onEvent(ev(70 * S))).toHaveLength(1); // watermark reaches 60 s
  });

  it('never moves the watermark backwards when an old event arrives', () => {
    const agg = tumbling();
    feed(agg, [ev(100 * S), ev(20 * S)]);
    expect(agg.watermark).toBe(90 * S);
  });

  it('turns a late event within the allowed lateness into a corrected result to upsert', () => {
    const agg = tumbling();
    feed(agg, [ev(30 * S, 2), ev(80 * S, 1)]); // first minute fired with sum 2
    const out = agg.onEvent(ev(45 * S, 3)); // 35 s behind the watermark, well within 2 min
    expect(out).toEqual([{ key: 'card-1', start: 0, end: MIN, count: 2, sum: 5, kind: 'late-update' }]);
  });

  it('emits a late event for a key with no window yet at once, marked late, and not again as on-time', () => {
    const agg = tumbling();
    feed(agg, [ev(10 * S, 1, 'a'), ev(75 * S, 1, 'a')]); // watermark 65 s: minute 0 fired for a only
    expect(agg.onEvent(ev(30 * S, 4, 'b'))).toEqual([{ key: 'b', start: 0, end: MIN, count: 1, sum: 4, kind: 'late-update' }]);
    expect(agg.advanceWatermark(100 * S)).toEqual([]);
  });

  it('sends an event past the allowed lateness to the side output and leaves results unchanged', () => {
    const agg = tumbling();
    feed(agg, [ev(30 * S, 2), ev(200 * S, 1)]); // watermark 190 s >= 60 s + 120 s: minute 0 is gone
    expect(agg.onEvent(ev(40 * S, 99))).toEqual([]);
    expect(agg.tooLate).toEqual([ev(40 * S, 99)]);
  });

  it('keeps state only until the lateness horizon, then frees it', () => {
    const agg = tumbling();
    feed(agg, [ev(30 * S), ev(90 * S), ev(150 * S)]);
    expect(agg.openWindows()).toBe(3);
    agg.advanceWatermark(180 * S);
    expect(agg.openWindows()).toBe(2); // minute 0 dropped at 60 s + 120 s
  });

  it('gives the same results for a replay in a different order, as long as disorder stays within the bound', () => {
    const ordered = [ev(5 * S, 1), ev(20 * S, 2), ev(58 * S, 3), ev(61 * S, 4), ev(119 * S, 5), ev(125 * S, 6)];
    const shuffled = [ordered[1]!, ordered[0]!, ordered[3]!, ordered[2]!, ordered[5]!, ordered[4]!];
    const run = (events: StreamEvent[]) => {
      const agg = tumbling();
      return [...feed(agg, events), ...agg.advanceWatermark(Number.MAX_SAFE_INTEGER)];
    };
    expect(run(shuffled)).toEqual(run(ordered));
    expect(run(ordered).map((r) => r.sum)).toEqual([6, 9, 6]);
  });

  it('keeps keys apart', () => {
    const agg = tumbling();
    const out = feed(agg, [ev(1 * S, 1, 'a'), ev(2 * S, 1, 'b'), ev(3 * S, 1, 'b'), ev(90 * S, 0, 'a')]);
    expect(out.map((r) => [r.key, r.count])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('sliding windows', () => {
  it('puts each event into size / slide windows', () => {
    const agg = new WindowedAggregator({ sizeMs: 5 * MIN, slideMs: MIN, maxOutOfOrdernessMs: 0, allowedLatenessMs: 0 });
    expect(agg.windowStarts(7 * MIN + 5 * S)).toEqual([3, 4, 5, 6, 7].map((m) => m * MIN));
    feed(agg, [ev(7 * MIN + 5 * S, 4)]);
    const out = agg.advanceWatermark(20 * MIN);
    expect(out).toHaveLength(5);
    expect(out.every((r) => r.sum === 4)).toBe(true);
  });

  it('rejects a configuration that would skip events or never make progress', () => {
    expect(() => new WindowedAggregator({ sizeMs: MIN, slideMs: 2 * MIN, maxOutOfOrdernessMs: 0, allowedLatenessMs: 0 })).toThrow(RangeError);
    expect(() => new WindowedAggregator({ sizeMs: 0, maxOutOfOrdernessMs: 0, allowedLatenessMs: 0 })).toThrow(RangeError);
    expect(() => tumbling().onEvent(ev(Number.NaN))).toThrow(/bad event/);
  });
});
