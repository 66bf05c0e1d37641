import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './vectorIndex.demo';

afterEach(() => vi.restoreAllMocks());

describe('the vector index demo', () => {
  it('reaches recall@10 0.95 with 2 of 32 lists for queries like the data, but needs 6 (a fifth of the vectors) for unseen topics', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { probes, likeData, unseenTopics } = demo();
    expect(probes).toEqual([1, 2, 4, 6, 8, 16, 32]);
    // The same 32 lists serve both query sets, so the share scanned grows with the probes alike: about probes / 32.
    expect(likeData).toEqual({
      scannedPercent: [3.5, 6.5, 12.5, 18.9, 25, 50, 100],
      recall: [0.894, 0.976, 0.99, 0.994, 0.994, 0.998, 1],
      probesForTarget: 2,
      allListsEqualExact: true,
    });
    expect(unseenTopics).toEqual({
      scannedPercent: [3.3, 6.8, 13.1, 19.2, 25.4, 50.2, 100],
      // 475 of the 500 true neighbours (50 queries x 10): exactly the 0.95 target.
      recall: [0.528, 0.712, 0.884, 0.95, 0.972, 0.998, 1],
      probesForTarget: 6,
      allListsEqualExact: true,
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('to recall@10 0.95: queries like the data: 2 of 32 lists reach 0.976 scanning 6.5 %; unseen topics: 6 of 32 lists reach 0.950 scanning 19.2 %');
    expect(lines).toContain('1 of 32 lists: recall 0.894 like the data (3.5 % scanned), 0.528 on unseen topics (3.3 %)');
    expect(lines.at(-1)).toBe('all 32 lists: the same top 10 as exact search for every query');
  });
});
