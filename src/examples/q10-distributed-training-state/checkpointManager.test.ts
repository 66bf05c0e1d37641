import { describe, expect, it } from 'vitest';
import { CheckpointManager, expectedOverhead, youngIntervalSeconds, type ObjectStore, type TrainingState } from './checkpointManager';

/** An in-memory object store that records operations and can crash after a number of puts. */
class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  readonly log: string[] = [];
  putsBeforeCrash = Number.POSITIVE_INFINITY;
  async put(key: string, data: Uint8Array) {
    if (this.putsBeforeCrash-- <= 0) throw new Error('node lost');
    this.objects.set(key, data);
    this.log.push(`put ${key}`);
  }
  async get(key: string) {
    return this.objects.get(key);
  }
  async list(prefix: string) {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  async delete(key: string) {
    this.objects.delete(key);
    this.log.push(`delete ${key}`);
  }
}

const state = (step: number): TrainingState => ({ step, epoch: Math.floor(step / 5_000), samplesSeenInEpoch: (step % 5_000) * 256, rngSeed: 7 });
const shards = (step: number) =>
  new Map([
    ['rank-0.bin', new TextEncoder().encode(`weights+adam rank 0 @${step}`)],
    ['rank-1.bin', new TextEncoder().encode(`weights+adam rank 1 @${step}`)],
  ]);
const dir = (step: number) => `checkpoints/step-${String(step).padStart(12, '0')}/`;

describe('CheckpointManager', () => {
  it('writes every shard before the manifest', async () => {
    const store = new MemoryStore();
    await new CheckpointManager(store).save(state(1_000), shards(1_000));
    expect(store.log.at(-1)).toBe(`put ${dir(1_000)}MANIFEST.json`);
    expect(store.log.filter((l) => l.startsWith('put'))).toHaveLength(3);
  });

  it('resumes from the newest committed checkpoint when a save crashed before its manifest', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    await manager.save(state(1_000), shards(1_000));
    await manager.save(state(2_000), shards(2_000));
    store.putsBeforeCrash = 2; // Both shards of step 3,000 land, the manifest does not.
    await expect(manager.save(state(3_000), shards(3_000))).rejects.toThrow('node lost');
    const restored = await manager.restoreLatest();
    expect(restored?.state).toEqual(state(2_000));
    expect(new TextDecoder().decode(restored?.shards.get('rank-1.bin'))).toBe('weights+adam rank 1 @2000');
  });

  it('keeps the data-loader position, so resuming neither repeats nor skips samples', async () => {
    const manager = new CheckpointManager(new MemoryStore());
    await manager.save(state(7_500), shards(7_500));
    expect((await manager.restoreLatest())?.state).toMatchObject({ epoch: 1, samplesSeenInEpoch: 640_000, rngSeed: 7 });
  });

  it('skips a checkpoint with a corrupt or missing shard and falls back to the one before', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    await manager.save(state(1_000), shards(1_000));
    await manager.save(state(2_000), shards(2_000));
    store.objects.set(`${dir(2_000)}rank-0.bin`, new TextEncoder().encode('truncated'));
    expect((await manager.restoreLatest())?.state.step).toBe(1_000);
    store.objects.delete(`${dir(1_000)}rank-1.bin`);
    expect(await manager.restoreLatest()).toBeUndefined();
  });

  it('keeps the last three, deleting each old manifest before its shards', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store, 3);
    for (const step of [1_000, 2_000, 3_000, 4_000]) await manager.save(state(step), shards(step));
    const steps = new Set([...store.objects.keys()].map((k) => k.slice(0, dir(0).length)));
    expect([...steps].sort()).toEqual([dir(2_000), dir(3_000), dir(4_000)]);
    const deletes = store.log.filter((l) => l.startsWith('delete'));
    expect(deletes[0]).toBe(`delete ${dir(1_000)}MANIFEST.json`);
    expect(deletes).toHaveLength(3);
  });

  it('cleans up a crashed partial save once a newer checkpoint is committed', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    store.putsBeforeCrash = 1;
    await expect(manager.save(state(1_000), shards(1_000))).rejects.toThrow();
    store.putsBeforeCrash = Number.POSITIVE_INFINITY;
    await manager.save(state(2_000), shards(2_000));
    expect([...store.objects.keys()].some((k) => k.startsWith(dir(1_000)))).toBe(false);
  });

  it("never counts another job's checkpoints under a nested prefix as its own", async () => {
    const store = new MemoryStore();
    const jobA = new CheckpointManager(store); // checkpoints/
    const jobB = new CheckpointManager(store, 3, 'checkpoints/finetune/');
    for (const step of [1_000, 2_000, 3_000]) await jobB.save(state(step), shards(step));
    for (const step of [100, 200]) await jobA.save(state(step), shards(step));
    expect((await jobA.restoreLatest())?.state.step).toBe(200);
    expect(store.objects.has(`${dir(100)}MANIFEST.json`)).toBe(true);
    expect((await jobB.restoreLatest())?.state.step).toBe(3_000);
  });

  it('rejects a prefix that does not end with "/", since run-1 would also list run-10', () => {
    expect(() => new CheckpointManager(new MemoryStore(), 3, 'run-1')).toThrow(/prefix must be empty or end with "\/", got "run-1"/);
    expect(() => new CheckpointManager(new MemoryStore(), 3, '')).not.toThrow();
  });

  it('starts fresh when nothing was ever committed', async () => {
    expect(await new CheckpointManager(new MemoryStore()).restoreLatest()).toBeUndefined();
  });
});

describe("Young's checkpoint interval", () => {
  it('is about 38 minutes for a 60 s checkpoint and a 12 h MTBF, costing about 5% of the run without restarts', () => {
    const interval = youngIntervalSeconds(60, 12 * 3_600);
    expect(interval).toBeCloseTo(2_276.8, 1);
    expect(expectedOverhead(interval, 60, 12 * 3_600)).toBeCloseTo(0.0527, 3);
  });

  it('shrinks with the blocking part of the checkpoint: 5 s async staging gives about 11 minutes and 1.5% without restarts', () => {
    const interval = youngIntervalSeconds(5, 12 * 3_600);
    expect(interval).toBeCloseTo(657.3, 1);
    expect(expectedOverhead(interval, 5, 12 * 3_600)).toBeCloseTo(0.0152, 3);
  });

  it('adds the 5-minute detection, restart and load per failure: 300 / 43,200 = 0.7% more, about 6.0% in all', () => {
    const interval = youngIntervalSeconds(60, 12 * 3_600);
    expect(expectedOverhead(interval, 60, 12 * 3_600, 300)).toBeCloseTo(0.0527 + 0.00694, 3);
    expect(expectedOverhead(youngIntervalSeconds(5, 12 * 3_600), 5, 12 * 3_600, 300)).toBeCloseTo(0.0221, 3);
  });

  it('beats checkpointing twice or half as often', () => {
    const best = youngIntervalSeconds(60, 43_200);
    for (const other of [best / 2, best * 2]) expect(expectedOverhead(other, 60, 43_200)).toBeGreaterThan(expectedOverhead(best, 60, 43_200));
  });

  it('rejects non-positive inputs', () => {
    expect(() => youngIntervalSeconds(0, 43_200)).toThrow(RangeError);
  });
});
