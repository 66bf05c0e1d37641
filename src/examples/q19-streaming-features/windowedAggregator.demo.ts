/**
 * Demo: the page's sequence diagram, event by event, for one card. One-minute
 * tumbling windows, a 10 s out-of-orderness bound and 2 minutes of allowed
 * lateness: an out-of-order event still lands in its own window, a late one
 * within the lateness upserts a corrected count, and one past it goes to the
 * side output instead of vanishing. Event times are plain numbers: no clock.
 */
import { WindowedAggregator } from './windowedAggregator';

const S = 1000;
const span = (start: number, end: number): string => `${start / S}-${end / S} s`;

export function demo(): { store: Record<string, number>; tooLate: number[]; watermark: number } {
  const agg = new WindowedAggregator({ sizeMs: 60 * S, maxOutOfOrdernessMs: 10 * S, allowedLatenessMs: 120 * S });
  // The online store upserts by key and window: a late update replaces the earlier count.
  const store: Record<string, number> = {};
  let newest = Number.NEGATIVE_INFINITY;

  console.log('1-minute tumbling windows, 10 s out-of-orderness bound, 2 min allowed lateness');
  for (const seconds of [50, 62, 55, 75, 45, 200, 40]) {
    const sideOutputBefore = agg.tooLate.length;
    const results = agg.onEvent({ key: 'card-1', time: seconds * S, value: 1 });
    const what = results.map((r) => {
      store[span(r.start, r.end)] = r.count;
      return `${r.kind === 'on-time' ? 'fire' : 'upsert'} window ${span(r.start, r.end)}, count ${r.count} (${r.kind})`;
    });
    if (agg.tooLate.length > sideOutputBefore) {
      what.push('too late, sent to the side output');
    } else if (seconds < newest && results.length === 0) {
      const [start = 0] = agg.windowStarts(seconds * S);
      what.push(`out of order but on time, counted in window ${span(start, start + 60 * S)}`);
    }
    newest = Math.max(newest, seconds);
    console.log(`event at ${seconds} s, watermark ${agg.watermark / S} s${what.length ? `: ${what.join('; ')}` : ''}`);
  }
  const stored = Object.entries(store).map(([w, count]) => `window ${w} = ${count}`);
  console.log(`online store: ${stored.join(', ')}; side output: ${agg.tooLate.length} event for the batch pipeline to reconcile`);
  return { store, tooLate: agg.tooLate.map((e) => e.time / S), watermark: agg.watermark / S };
}
