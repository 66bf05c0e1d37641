import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './indexMaintainer.demo';

afterEach(() => vi.restoreAllMocks());

async function run() {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const result = await demo();
  return { result, lines: log.mock.calls.map((c) => String(c[0])) };
}

describe('the index freshness demo', () => {
  it("reaches the page's figures after a week at 2% a day: 140 tombstones, 14% of the live count and 12% of all entries", async () => {
    const { result, lines } = await run();
    expect(result).toMatchObject({ tombstones: 140, liveEntries: 1000 });
    expect(lines).toContain('days 1-7, 20 updates a day (2%): 140 tombstones = 14.0% of the 1,000 live entries, 12.3% of all 1,140 (percentages computed by the demo)');
  });

  it('reports the worst lag per hourly window, so the 7.5-minute stall on day 3 does not spill into later days', async () => {
    const { result, lines } = await run();
    expect(result.worstLagMinutesPerDay).toEqual([0.5, 0.5, 7.5, 0.5, 0.5, 0.5, 0.5]);
    expect(lines).toContain('worst freshness lag from 09:00 to 10:00 each day: 0.5, 0.5, 7.5, 0.5, 0.5, 0.5, 0.5 min; 1 of 7 hours over the 5-minute target');
  });

  it('counts the change still waiting in the feed, so the hour with the connector down does not read 0', async () => {
    const { result, lines } = await run();
    expect(result).toMatchObject({ outageAppliedLagMinutes: 0, outageLagMinutes: 50 });
    expect(lines).toContain("day 7, 11:00 to 12:00, connector down: worst applied lag 0 min; counting the change waiting since 11:10, the hour's lag is 50 min");
  });

  it('ignores redelivered and late events, and returns k live hits although the nearest entries are tombstones', async () => {
    const { result, lines } = await run();
    expect(result).toMatchObject({ redeliveredApplied: 0, lateUpsert: 'ignored-stale', compacted: 141 });
    expect(result.hitsNearDeleted).toHaveLength(3);
    expect(result.hitsNearDeleted).not.toContain('doc-37');
    expect(lines).toContain("top 3 at doc-37's vector: doc-49 0.9998, doc-25 0.9993, doc-48 0.9990; doc-37's 2 stored entries would score 1.0000 (computed by the demo)");
    expect(lines).toContain("weekly compaction removes 141 entries; top 3 unchanged: yes; doc-37's entries left: 0");
  });

  it('erases the bytes at once, blocks the id against in-flight and replayed events, and keeps the hung cache pending past the timeout until a retry succeeds', async () => {
    const { result, lines } = await run();
    expect(result).toMatchObject({
      erasedChunksLeftAtOnce: 0,
      pendingAtOnce: ['customer-42'],
      erasureComplete: false,
      afterErasure: ['ignored-stale', 'ignored-stale'],
      pendingAfterRetry: 0,
    });
    expect(lines).toContain('erase customer-42 (1 chunk stored): as soon as erase() is called, 0 left, pending: customer-42');
    expect(lines).toContain('the answer cache hangs; 30 s later erase() settles: complete: false (erasure store 0 did not confirm within 30,000 ms), pending: customer-42');
    expect(lines).toContain('then its version 2 arrives, in flight before the erasure, and a replay re-sends version 1: ignored-stale, ignored-stale; 0 chunks stored');
    expect(lines).toContain('retry with the cache back: 0 purges pending; cached answers from customer-42: 0; prompt-log purge calls: 1');
  });
});
