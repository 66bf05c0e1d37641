import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './gpuPlacement.demo';

afterEach(() => vi.restoreAllMocks());

describe('the GPU placement demo', () => {
  it('packs three 2 GB models on one T4 at 45 %, the first taking the lower id of two empty T4s, strands 5 GB with seven 1g.5gb slices, prefers 1g.10gb on a tie and needs 4 GPUs where 10 ran', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result).toEqual({
      t4Slot: 't4-0',
      t4Models: ['a', 'b', 'c'],
      t4Share: 0.45,
      migPacking: 0.875,
      detectorTies: ['a100/2g.10gb#1', 'a100/1g.10gb#2'],
      detectorSlot: 'a100/1g.10gb#2',
      fp16Unplaced: true,
      saving: 0.625,
      gpusFor10: 4,
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('two empty T4s, listed t4-1, t4-0: a would keep 13.6 GB on either, so the lower id, t4-0, takes it; b and c join t4-0, which has less room left');
    expect(lines).toContain('  t4-0 holds 7.2 of 16 GB (45 %); t4-1 stays empty');
    expect(lines).toContain('a 6 GB model on an A100 cut 3g.20gb + 2g.10gb + 1g.10gb: a100/2g.10gb#1 and a100/1g.10gb#2 would each keep 4 GB spare');
    expect(lines).toContain('  it takes a100/1g.10gb#2: 1 compute slice, against 2 compute slices on a100/2g.10gb#1');
    expect(lines).toContain('10 GPUs today need 10 × 0.375 = 3.75, rounded up to 4 whole GPUs');
  });
});
