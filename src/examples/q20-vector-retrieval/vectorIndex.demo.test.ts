import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './vectorIndex.demo';

afterEach(() => vi.restoreAllMocks());

describe('the vector index demo', () => {
  it('probing 8 of 32 lists scans about a quarter of the vectors at recall@10 0.95, one list scans 3 % at 0.55, all lists equal exact search', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result).toEqual({
      probes: [1, 2, 4, 8, 16, 32],
      scannedPercent: [3.1, 6.3, 13.1, 25.8, 50.9, 100],
      recall: [0.554, 0.732, 0.866, 0.952, 0.998, 1],
      allListsEqualExact: true,
    });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('8 of 32 lists scan 25.8 % of the vectors at recall@10 0.952; 1 list scans 3.1 % at 0.554');
  });
});
