/**
 * Demo: the page's diagram, run. A two-rank job commits steps 1000 and 2000,
 * then loses a node after the shards of step 3000 land but before its manifest.
 * The restarted job resumes from step 2000 with each rank's data position and
 * RNG state, saves on, keeps the last three (deleting a manifest before its
 * shards) and skips a checkpoint whose shard has rotted. Then Young's and
 * Daly's intervals for the page's 60 s checkpoint and 12 h MTBF.
 */
import { CheckpointManager, dalyIntervalSeconds, expectedOverhead, youngIntervalSeconds } from './checkpointManager';
import { checkpointDir, MemoryStore, shardsAt, trainingStateAt } from './trainingFixtures';

/** A whole number with thousands separators, written out so the output does not depend on the browser's locale. */
const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');

export async function demo(): Promise<{
  partialSave: string[];
  resumedAt: number | undefined;
  restorable: number[];
  firstDelete: string | undefined;
  afterBitRot: number | undefined;
  youngSeconds: number;
  lostPercent: { sync: number; async: number };
  dalyMinutes: number;
}> {
  const store = new MemoryStore();
  const save = async (manager: CheckpointManager, step: number): Promise<string> => {
    try {
      await manager.save(trainingStateAt(step), shardsAt(step));
      return 'committed';
    } catch (error) {
      return `failed (${(error as Error).message})`;
    }
  };

  const job = new CheckpointManager(store); // keeps the last three
  for (const step of [1_000, 2_000]) console.log(`save step ${step}: ${await save(job, step)}`);
  store.putsBeforeCrash = 2; // the node is lost after two more uploads
  const outcome = await save(job, 3_000);
  const partialSave = (await store.list(checkpointDir(3_000))).map((key) => key.slice(checkpointDir(3_000).length));
  console.log(`save step 3000: ${outcome}; its directory holds ${partialSave.join(', ')}`);

  store.putsBeforeCrash = Number.POSITIVE_INFINITY;
  const restarted = new CheckpointManager(store); // torchrun, with --max-restarts above 0, restarts every worker
  const resumed = (await restarted.restoreLatest())?.state;
  const rank1 = resumed?.ranks[1];
  console.log(
    `restart: resume at step ${resumed?.step}, epoch ${resumed?.epoch}; rank 1 at sample ${rank1 && grouped(rank1.samplesSeenInEpoch)} of its epoch, RNG "${rank1?.rngState}"`,
  );

  const logBefore = store.log.length;
  const outcomes: string[] = [];
  for (const step of [3_000, 4_000]) outcomes.push(`save step ${step}: ${await save(restarted, step)}`);
  console.log(outcomes.join('; '));
  const deletes = store.log.slice(logBefore).filter((entry) => entry.startsWith('delete '));
  const restorable: number[] = [];
  for (const step of [1_000, 2_000, 3_000, 4_000]) if (await restarted.restore(step)) restorable.push(step);
  console.log(`checkpoints that still restore: ${restorable.join(', ')}; pruning ran: ${deletes[0]} first, then ${deletes.length - 1} more`);

  store.objects.set(`${checkpointDir(4_000)}rank-0.bin`, new TextEncoder().encode('bit rot'));
  const afterBitRot = (await restarted.restoreLatest())?.state.step;
  console.log(`step 4000's rank-0.bin rots in storage: resume now picks step ${afterBitRot}`);

  const mtbf = 12 * 3_600;
  const young = youngIntervalSeconds(60, mtbf);
  const lost = (checkpointSeconds: number, intervalSeconds: number, extra: { restartSeconds?: number; uploadSeconds?: number } = {}) =>
    100 * expectedOverhead({ intervalSeconds, checkpointSeconds, mtbfSeconds: mtbf, ...extra });
  const sync = lost(60, young, { restartSeconds: 300 });
  console.log(
    `Young, 60 s checkpoint, 12 h MTBF: every ${grouped(young)} s, i.e. ${(young / 60).toFixed(0)} min; lost to writing and rework ${lost(60, young).toFixed(1)}%, ${sync.toFixed(1)}% with a 5-minute restart per failure`,
  );
  const asyncInterval = youngIntervalSeconds(5, mtbf);
  const async = lost(5, asyncInterval, { restartSeconds: 300, uploadSeconds: 60 });
  console.log(
    `5 s blocking copy: every ${asyncInterval.toFixed(0)} s, i.e. ${(asyncInterval / 60).toFixed(0)} min; lost ${lost(5, asyncInterval, { restartSeconds: 300 }).toFixed(1)}% with restarts, ${async.toFixed(2)}% with the 60 s upload`,
  );
  const dalyMinutes = Number((dalyIntervalSeconds(60, mtbf) / 60).toFixed(1));
  console.log(`Daly's refinement for the 60 s checkpoint: ${dalyMinutes} min`);

  return {
    partialSave,
    resumedAt: resumed?.step,
    restorable,
    firstDelete: deletes[0],
    afterBitRot,
    youngSeconds: Math.round(young),
    lostPercent: { sync: Number(sync.toFixed(1)), async: Number(async.toFixed(2)) },
    dalyMinutes,
  };
}
