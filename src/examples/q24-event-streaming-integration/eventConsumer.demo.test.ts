import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './eventConsumer.demo';

afterEach(() => vi.restoreAllMocks());

describe('the event consumer demo', () => {
  it('dead-letters a failing event after 3 attempts and 300 ms of backoff and an invalid one at once, parks its key, ignores a redelivery, replays the key in order, and fails the batch on an outage with its lane stopped instead of parking', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    // Batch 0-6: cust-2's three events and c1-a are applied (4); c1-b fails 3 times and c3-a fails validation once,
    // both dead-lettered (2); c1-c follows c1-b into the queue (1 parked). The offset to commit: 6 + 1 = 7.
    expect(result.firstBatch).toEqual({ applied: 4, duplicates: 0, deadLettered: 2, parked: 1, commitOffset: 7 });
    // Full jitter at its top: 100 × 2^0 = 100 ms after attempt 1, 100 × 2^1 = 200 ms after attempt 2, none after
    // attempt 3; c3-a's NonRetryableError sleeps not at all.
    expect(result.backoffMs).toEqual([100, 200]);
    // The redelivered seven are 4 applied ids and 3 dead-lettered or parked ones: all duplicates.
    expect(result.redelivered).toEqual({ applied: 0, duplicates: 7 });
    expect(result.replay).toEqual({ applied: 2, duplicates: 0 });
    // The outage batch holds offsets 7, 8 and 9; it must be re-read from its first offset.
    expect(result.outageSeekTo).toBe(7);
    // Each id once; cust-1 in offset order (c1-a, c1-b, c1-c, c1-d, c1-e) even though c1-b and c1-c came in through
    // the replay; c3-a, dead-lettered, never.
    expect(result.appliedOrder).toEqual(['c1-a', 'c2-a', 'c2-b', 'c2-c', 'c1-b', 'c1-c', 'c1-d', 'c2-d', 'c1-e']);
    // 300,000 ms / (3 × 1,000 ms + 300 ms) = 90.9, so 90 records.
    expect(result.maxRecordsPerPoll).toBe(90);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('batch at offsets 0-6: 4 applied, 2 dead-lettered, 1 parked; commit offset 7 once it resolves');
    expect(lines).toContain('c1-b keeps failing: backoff 100 ms, 200 ms (300 ms), dead-lettered after 3 attempts; c3-a fails validation: dead-lettered after 1 attempt');
    expect(lines).toContain('cust-1 is parked: c1-c waits in the dead-letter queue behind c1-b instead of overtaking it');
    expect(lines).toContain('the commit is lost and offsets 0-6 are redelivered: 0 applied, 7 duplicates, no effect written twice');
    expect(lines).toContain('operator replays cust-1 from parkedEvents (c1-b, c1-c): 2 applied in their original order, key released');
    // Jitter 0.5: 0.5 × 100 = 50 ms and 0.5 × 200 = 100 ms. c1-d's third outage fails its lane before c1-e runs;
    // c2-d, in its own lane, is tried 3 times too.
    expect(lines).toContain(
      'feature store 503, backoff 50 ms, 100 ms (jitter 0.5), tried c1-d 3 times, c1-e 0 times, c2-d 3 times: the batch at offsets 7-9 fails, seek back to offset 7; 0 dead-lettered, no key parked',
    );
    expect(lines).toContain('the store recovers, the re-read from offset 7 applies 3: effects in order c1-a, c2-a, c2-b, c2-c, c1-b, c1-c, c1-d, c2-d, c1-e');
    expect(lines).toContain('worst case per event: 3 x 1,000 ms + 300 ms = 3,300 ms, so at most 90 records per poll fit in 300,000 ms');
  });
});
