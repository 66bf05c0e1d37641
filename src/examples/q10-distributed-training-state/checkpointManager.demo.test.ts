import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './checkpointManager.demo';

afterEach(() => vi.restoreAllMocks());

describe('the checkpoint demo', () => {
  it("ignores the save that crashed before its manifest and resumes from step 2000 with each rank's position and RNG state", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.partialSave).toEqual(['rank-0.bin', 'rank-1.bin']);
    expect(result.resumedAt).toBe(2_000);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('save step 3000: failed (node lost); its directory holds rank-0.bin, rank-1.bin');
    expect(lines).toContain('restart: resume at step 2000, epoch 0; rank 1 at sample 256,000 of its epoch, RNG "generators of rank 1 @2000"');
  });

  it('keeps the last three, deleting the oldest manifest before its shards, and skips a checkpoint whose shard rotted', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.restorable).toEqual([2_000, 3_000, 4_000]);
    expect(result.firstDelete).toBe('delete checkpoints/step-000000001000/MANIFEST.json');
    expect(result.afterBitRot).toBe(3_000);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain("step 4000's rank-0.bin rots in storage: resume now picks step 3000");
  });

  it("gives the page's figures: Young's 2,277 s for 60 s and 12 h, about 6.0% lost; 2.35% with asynchronous saves; Daly's 37.3 minutes", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({ youngSeconds: 2_277, lostPercent: { sync: 6.0, async: 2.35 }, dalyMinutes: 37.3 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain(
      'Young, 60 s checkpoint, 12 h MTBF: every 2,277 s, i.e. 38 min; lost to writing and rework 5.3%, 6.0% with a 5-minute restart per failure',
    );
  });
});
