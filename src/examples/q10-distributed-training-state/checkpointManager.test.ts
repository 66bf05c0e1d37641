import { describe, expect, it } from 'vitest';
import { CheckpointManager, dalyIntervalSeconds, expectedOverhead, youngIntervalSeconds, type RankState, type TrainingState } from './checkpointManager';
import { checkpointDir as dir, MemoryStore, pause, shardsAt as shards, trainingStateAt as state } from './trainingFixtures';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

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

  it("keeps each rank's data-loader position and RNG state, so resuming neither repeats samples nor replays random draws", async () => {
    const manager = new CheckpointManager(new MemoryStore());
    await manager.save(state(7_500), shards(7_500));
    const restored = await manager.restoreLatest();
    expect(restored?.state.epoch).toBe(1);
    expect(restored?.state.ranks).toEqual([
      { samplesSeenInEpoch: 320_000, rngState: 'generators of rank 0 @7500' },
      { samplesSeenInEpoch: 320_000, rngState: 'generators of rank 1 @7500' },
    ]);
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

  it('falls back past a manifest that parses but has the wrong shape, instead of failing the resume', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    await manager.save(state(1_000), shards(1_000));
    await manager.save(state(2_000), shards(2_000));
    const { shards: entries } = JSON.parse(new TextDecoder().decode(store.objects.get(`${dir(2_000)}MANIFEST.json`)));
    const { epoch: _, ...noEpoch } = state(2_000);
    for (const bad of [
      {},
      null,
      { state: state(2_000), shards: [{ name: 'rank-0.bin' }] },
      { state: state(2_000), shards: [] },
      { state: { ...state(2_000), ranks: [null] }, shards: entries },
      { state: noEpoch, shards: entries },
    ]) {
      store.objects.set(`${dir(2_000)}MANIFEST.json`, encode(bad));
      expect((await manager.restoreLatest())?.state.step).toBe(1_000);
    }
  });

  it('rejects a save whose checkpoint does not verify after upload, and resume keeps the one before', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    await manager.save(state(1_000), shards(1_000));
    store.truncates = (key) => key === `${dir(2_000)}rank-1.bin`; // acknowledged, but only one byte kept
    await expect(manager.save(state(2_000), shards(2_000))).rejects.toThrow(/checkpoint 2000 failed verification after upload/);
    expect((await manager.restoreLatest())?.state.step).toBe(1_000);
    expect(await store.list(dir(2_000))).toEqual([]);
  });

  it('reports a verified save as saved even when pruning fails, and prunes at the next save instead', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store, 1);
    await manager.save(state(1_000), shards(1_000));
    const remove = store.delete.bind(store);
    store.delete = () => Promise.reject(new Error('request timed out'));
    await manager.save(state(2_000), shards(2_000));
    expect((await manager.restoreLatest())?.state.step).toBe(2_000);
    store.delete = remove;
    await manager.save(state(3_000), shards(3_000));
    expect(await store.list('checkpoints/')).toEqual([...shards(3_000).keys(), 'MANIFEST.json'].map((name) => dir(3_000) + name).sort());
  });

  it('waits for every upload of a failed save before starting the next, so no straggler lands after it', async () => {
    const store = new MemoryStore();
    const upload = store.put.bind(store);
    store.put = (key, data) => (key === `${dir(2_000)}rank-1.bin` ? Promise.reject(new Error('upload failed')) : upload(key, data));
    const manager = new CheckpointManager(store);
    const release = store.hold(`${dir(2_000)}rank-0.bin`);
    const failed = expect(manager.save(state(2_000), shards(2_000))).rejects.toThrow('upload failed');
    const next = manager.save(state(3_000), shards(3_000));
    await pause(); // time enough for step 3,000 to commit, were it let start
    release();
    await failed;
    await next;
    const puts = store.log.filter((l) => l.startsWith('put '));
    expect(puts.indexOf(`put ${dir(2_000)}rank-0.bin`)).toBeLessThan(puts.indexOf(`put ${dir(3_000)}rank-0.bin`));
    expect(await store.list(dir(2_000))).toEqual([]); // the partial save was pruned once step 3,000 committed
  });

  it('rejects, before uploading anything, a training state that resume would not accept', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    const { epoch: _, ...noEpoch } = state(1_000);
    await expect(manager.save(noEpoch as TrainingState, shards(1_000))).rejects.toThrow(/epoch must be a non-negative safe integer/);
    for (const ranks of [undefined, [], [null], [{ samplesSeenInEpoch: 0 }], [{ samplesSeenInEpoch: -1, rngState: 'g' }]]) {
      await expect(manager.save({ ...state(1_000), ranks } as unknown as TrainingState, shards(1_000))).rejects.toThrow(/ranks must/);
    }
    expect(store.log).toEqual([]);
  });

  it('checks the state as resume will read it back: an array hole becomes null and a BigInt does not serialise', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    const sparse: RankState[] = [];
    sparse[1] = state(1_000).ranks[1]!; // rank 0 is a hole, which every() skips
    await expect(manager.save({ ...state(1_000), ranks: sparse }, shards(1_000))).rejects.toThrow(/ranks must/);
    const withBigInt = { ...state(1_000), seed: 42n } as TrainingState;
    await expect(manager.save(withBigInt, shards(1_000))).rejects.toThrow(/state is not JSON-serialisable/);
    expect(store.log).toEqual([]);
  });

  it('copies the state when save is called, so the caller may change its own object at once', async () => {
    const manager = new CheckpointManager(new MemoryStore());
    const live = state(1_000);
    const saved = manager.save(live, shards(1_000));
    (live.ranks[0] as { samplesSeenInEpoch: number }).samplesSeenInEpoch = 999; // the trainer moves on
    await saved;
    expect((await manager.restoreLatest())?.state).toEqual(state(1_000));
  });

  it('ignores a manifest whose step is not the step of its directory', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store);
    await manager.save(state(1_000), shards(1_000));
    for (const name of ['MANIFEST.json', 'rank-0.bin', 'rank-1.bin']) {
      store.objects.set(`${dir(9_000)}${name}`, store.objects.get(`${dir(1_000)}${name}`)!);
    }
    expect(await manager.restore(9_000)).toBeUndefined();
    expect((await manager.restoreLatest())?.state.step).toBe(1_000);
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

  it('leaves a partial save newer than every committed checkpoint alone: it may still be uploading', async () => {
    const store = new MemoryStore();
    await store.put(`${dir(9_000)}rank-0.bin`, new Uint8Array([1]));
    await new CheckpointManager(store).save(state(1_000), shards(1_000));
    expect(store.objects.has(`${dir(9_000)}rank-0.bin`)).toBe(true);
  });

  it('rolls back on purpose by discarding newer checkpoints, manifest first, so resume does not return to them', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store); // keeps three
    for (const step of [1_000, 2_000, 3_000, 4_000]) await manager.save(state(step), shards(step));
    await manager.discardNewerThan(2_000); // past a loss spike after step 2,000
    await manager.save(state(2_500), shards(2_500));
    expect((await manager.restoreLatest())?.state.step).toBe(2_500);
    expect((await manager.restore(2_000))?.state.step).toBe(2_000);
    expect(store.log.find((l) => l.startsWith(`delete ${dir(4_000)}`))).toBe(`delete ${dir(4_000)}MANIFEST.json`);
  });

  it('runs overlapping saves one at a time, so pruning never strips a save still in flight', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store); // keeps three
    await manager.save(state(1_000), shards(1_000));
    await manager.save(state(1_500), shards(1_500));
    const openManifest = store.hold(`${dir(2_000)}MANIFEST.json`);
    const slow = manager.save(state(2_000), shards(2_000));
    const next = manager.save(state(3_000), shards(3_000)); // issued before step 2,000 has committed
    await pause();
    openManifest();
    await Promise.all([slow, next]);
    for (const step of [1_500, 2_000, 3_000]) expect((await manager.restore(step))?.state.step).toBe(step);
    for (const key of store.objects.keys()) {
      if (key.endsWith('MANIFEST.json')) expect(store.objects.has(key.replace('MANIFEST.json', 'rank-0.bin'))).toBe(true);
    }
  });

  it('snapshots the shards when save is called, so the caller may reuse its staging buffers at once', async () => {
    const store = new MemoryStore();
    store.readsLazily = true;
    const manager = new CheckpointManager(store);
    const staging = new TextEncoder().encode('weights @1');
    const saved = manager.save(state(1), new Map([['rank-0.bin', staging]]));
    staging.set(new TextEncoder().encode('weights @2')); // training refills the buffer while the upload runs
    await saved;
    const restored = await manager.restoreLatest();
    expect(restored?.state.step).toBe(1);
    expect(new TextDecoder().decode(restored?.shards.get('rank-0.bin'))).toBe('weights @1');
  });

  it('counts only checkpoints that still verify towards the ones it keeps', async () => {
    const store = new MemoryStore();
    const manager = new CheckpointManager(store, 2);
    await manager.save(state(1_000), shards(1_000));
    await manager.save(state(2_000), shards(2_000));
    store.objects.set(`${dir(2_000)}rank-0.bin`, new TextEncoder().encode('bit rot'));
    await manager.save(state(3_000), shards(3_000));
    store.objects.set(`${dir(3_000)}rank-1.bin`, new TextEncoder().encode('bit rot'));
    expect((await manager.restoreLatest())?.state.step).toBe(1_000);
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

  it('rejects a step that resume could never find: negative, fractional, not a number or beyond safe integers', async () => {
    const manager = new CheckpointManager(new MemoryStore());
    for (const step of [-1, 1.5, Number.NaN, 1e21]) {
      await expect(manager.save(state(step), shards(1))).rejects.toThrow(/step must be a non-negative safe integer/);
    }
  });

  it('rejects a save without shards, or with a shard named like the manifest', async () => {
    const manager = new CheckpointManager(new MemoryStore());
    await expect(manager.save(state(1), new Map())).rejects.toThrow(RangeError);
    await expect(manager.save(state(1), new Map([['MANIFEST.json', new Uint8Array([1])]]))).rejects.toThrow(/reserved/);
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

  it('rejects a keepLast that is not a positive integer', () => {
    for (const keepLast of [0, 1.5]) expect(() => new CheckpointManager(new MemoryStore(), keepLast)).toThrow(/keepLast must be a positive integer/);
    expect(() => new CheckpointManager(new MemoryStore(), 1)).not.toThrow();
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
  const mtbf = 12 * 3_600;

  it('is about 38 minutes for a 60 s checkpoint and a 12 h MTBF, costing about 5% of the run without restarts', () => {
    const interval = youngIntervalSeconds(60, mtbf);
    expect(interval).toBeCloseTo(2_276.8, 1);
    expect(expectedOverhead({ intervalSeconds: interval, checkpointSeconds: 60, mtbfSeconds: mtbf })).toBeCloseTo(0.0527, 3);
  });

  it('shrinks with the blocking part of the checkpoint: 5 s async staging gives about 11 minutes and 1.5% without restarts', () => {
    const interval = youngIntervalSeconds(5, mtbf);
    expect(interval).toBeCloseTo(657.3, 1);
    expect(expectedOverhead({ intervalSeconds: interval, checkpointSeconds: 5, mtbfSeconds: mtbf })).toBeCloseTo(0.0152, 3);
  });

  it('adds the 5-minute detection, restart and load per failure: 300 / 43,200 = 0.7% more, about 6.0% in all', () => {
    const interval = youngIntervalSeconds(60, mtbf);
    expect(expectedOverhead({ intervalSeconds: interval, checkpointSeconds: 60, mtbfSeconds: mtbf, restartSeconds: 300 })).toBeCloseTo(0.0527 + 0.00694, 3);
    const asyncInterval = youngIntervalSeconds(5, mtbf);
    expect(expectedOverhead({ intervalSeconds: asyncInterval, checkpointSeconds: 5, mtbfSeconds: mtbf, restartSeconds: 300 })).toBeCloseTo(0.0221, 3);
  });

  it('adds the upload a failure can catch in flight: 60 s more rework per failure takes the async case from 2.2% to about 2.35%', () => {
    const interval = youngIntervalSeconds(5, mtbf);
    const overhead = expectedOverhead({ intervalSeconds: interval, checkpointSeconds: 5, mtbfSeconds: mtbf, restartSeconds: 300, uploadSeconds: 60 });
    expect(overhead).toBeCloseTo(0.02216 + 60 / 43_200, 4);
    expect(overhead).toBeGreaterThan(0.0235);
    expect(overhead).toBeLessThan(0.0236);
  });

  it('rejects an interval no longer than the upload, since saves would then pile up', () => {
    expect(() => expectedOverhead({ intervalSeconds: 60, checkpointSeconds: 5, mtbfSeconds: mtbf, uploadSeconds: 60 })).toThrow(/longer than the upload/);
  });

  it('rejects an interval no longer than the blocking part of the checkpoint', () => {
    expect(() => expectedOverhead({ intervalSeconds: 60, checkpointSeconds: 60, mtbfSeconds: mtbf })).toThrow(/longer than the blocking part/);
  });

  it('beats checkpointing twice or half as often', () => {
    const best = youngIntervalSeconds(60, mtbf);
    const at = (intervalSeconds: number) => expectedOverhead({ intervalSeconds, checkpointSeconds: 60, mtbfSeconds: mtbf });
    for (const other of [best / 2, best * 2]) expect(at(other)).toBeGreaterThan(at(best));
  });

  it('rejects non-positive or infinite inputs', () => {
    expect(() => youngIntervalSeconds(0, mtbf)).toThrow(RangeError);
    expect(() => youngIntervalSeconds(Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
    expect(() => expectedOverhead({ intervalSeconds: Number.POSITIVE_INFINITY, checkpointSeconds: 60, mtbfSeconds: mtbf })).toThrow(RangeError);
  });

  it('refuses a checkpoint cost that is not small next to the MTBF, pointing to Daly', () => {
    expect(() => youngIntervalSeconds(3_600, 3_600)).toThrow(/dalyIntervalSeconds/);
  });
});

describe("Daly's checkpoint interval", () => {
  it('matches the optimum Daly reports for M = 24 h and a 5-minute dump: about 117 minutes (his Fig. 3)', () => {
    expect(dalyIntervalSeconds(300, 86_400) / 60).toBeCloseTo(116.7, 1);
  });

  it('is within 2% of Young for this page: 37.3 minutes against 37.9 for 60 s and 12 h', () => {
    expect(dalyIntervalSeconds(60, 43_200)).toBeCloseTo(2_237.0, 0);
    expect(1 - dalyIntervalSeconds(60, 43_200) / youngIntervalSeconds(60, 43_200)).toBeCloseTo(0.0175, 3);
  });

  it('stays below the MTBF when the checkpoint cost is large, where Young would exceed it', () => {
    expect(dalyIntervalSeconds(3_600, 3_600)).toBeCloseTo(2_974, 0);
    expect(dalyIntervalSeconds(10_000, 3_600)).toBe(3_600);
  });

  it('rejects non-positive or infinite inputs', () => {
    expect(() => dalyIntervalSeconds(0, 3_600)).toThrow(RangeError);
    expect(() => dalyIntervalSeconds(60, Number.NaN)).toThrow(RangeError);
  });
});
