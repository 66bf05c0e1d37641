import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './pagedKvCache.demo';

afterEach(() => vi.restoreAllMocks());

describe('the paged KV cache demo', () => {
  it('holds six sequences in 50 blocks with 24 slots wasted, where a 512-token reservation would waste 1,912', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { report, copies, admittedBeforeFull } = demo();
    expect(report).toEqual({ sequences: 6, logicalTokens: 1160, usedBlocks: 50, pagedWasteSlots: 24, contiguousSlots: 3072, contiguousWasteSlots: 1912 });
    expect(copies).toBe(2);
    expect(admittedBeforeFull).toBe(1);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('120-token prompts that still fit: 1; the next needs 8 blocks, 6 free: preempt or queue it');
  });
});
