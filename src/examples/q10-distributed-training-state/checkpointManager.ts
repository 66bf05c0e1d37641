/**
 * Checkpoints for a distributed training job on an object store.
 *
 * A checkpoint is the model/optimizer shards plus the training state needed to
 * resume exactly (step, epoch, and each rank's data-loader position and RNG
 * state). It counts only once its manifest exists: shards are written first,
 * the manifest last, so a crash mid-save leaves an incomplete directory that
 * resume ignores. Pruning deletes the manifest first for the same reason.
 * Resume picks the newest checkpoint whose manifest is well formed and whose
 * shards are all present and match their SHA-256.
 *
 * `save` plays the coordinator of a real job: there, each rank uploads its own
 * shard and reports name, size and SHA-256, and after a barrier rank 0 writes
 * the manifest (DCP does the same in its StorageWriter's `finish`).
 */

export interface ObjectStore {
  /** Must time out (the SDK's request timeout): a hung upload blocks every later save. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** Undefined only for a definite "not found"; must throw on transient errors, since pruning deletes what reads back as missing. */
  get(key: string): Promise<Uint8Array | undefined>;
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}

/** What one rank needs to continue exactly where it stopped; it differs between ranks even when the weights do not. */
export interface RankState {
  readonly samplesSeenInEpoch: number;
  /** Serialised generator states (Python, NumPy, CPU, CUDA): a seed alone would replay the random stream from its start. */
  readonly rngState: string;
}

/**
 * Everything besides tensors that resuming needs; without it, samples are repeated or skipped. The learning-rate
 * schedule is a function of `step` here; a scheduler or grad scaler with state of its own goes into the shards.
 */
export interface TrainingState {
  readonly step: number;
  readonly epoch: number;
  /** Indexed by rank. */
  readonly ranks: readonly RankState[];
}

export interface ShardEntry {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface Manifest {
  readonly state: TrainingState;
  readonly shards: readonly ShardEntry[];
}

export interface Restored {
  readonly state: TrainingState;
  readonly shards: ReadonlyMap<string, Uint8Array>;
}

const MANIFEST = 'MANIFEST.json';

async function sha256(data: Uint8Array): Promise<string> {
  // digest() wants an ArrayBuffer-backed view; shard bytes never live in a SharedArrayBuffer.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Why `value` cannot be resumed from, or undefined if it can: `save` and resume apply the same rules. */
function stateProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'state must be an object';
  const { step, epoch, ranks } = value as Partial<TrainingState>;
  // Resume parses the step back from the directory name, so anything but a plain integer would be saved and never found.
  if (!isCount(step)) return `step must be a non-negative safe integer, got ${step}`;
  if (!isCount(epoch)) return `epoch must be a non-negative safe integer, got ${epoch}`;
  const isRank = (r: Partial<RankState> | null) => isCount(r?.samplesSeenInEpoch) && typeof r?.rngState === 'string';
  if (!Array.isArray(ranks) || ranks.length === 0 || !ranks.every(isRank)) {
    return 'ranks must hold, for every rank, a non-negative samplesSeenInEpoch and an rngState string';
  }
  return undefined;
}

/**
 * `value` as resume will read it back from a manifest, and the copy `save` keeps. JSON turns an array's holes into
 * null and throws on a BigInt, so checking the original would let such a state be uploaded and then fail to verify.
 */
function asReadBack(value: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new RangeError(`state is not JSON-serialisable: ${(error as Error).message}`);
  }
  return json === undefined ? undefined : JSON.parse(json);
}

/** A manifest read back from storage is untrusted input: anything but the expected shape means "not a checkpoint". */
function isManifest(value: unknown, step: number): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const { state, shards } = value as Partial<Manifest>;
  return (
    stateProblem(state) === undefined &&
    state?.step === step &&
    Array.isArray(shards) &&
    shards.length > 0 &&
    shards.every((s: Partial<ShardEntry>) => typeof s?.name === 'string' && typeof s.sha256 === 'string' && typeof s.bytes === 'number')
  );
}

export class CheckpointManager {
  /** The save or discard in progress; the next one starts only after it has committed or failed. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ObjectStore,
    private readonly keepLast = 3,
    private readonly prefix = 'checkpoints/',
  ) {
    if (!Number.isInteger(keepLast) || keepLast < 1) throw new RangeError('keepLast must be a positive integer');
    // Without the slash, prefix run-1 would also list (and prune) run-10's checkpoints.
    if (prefix !== '' && !prefix.endsWith('/')) throw new RangeError(`prefix must be empty or end with "/", got "${prefix}"`);
  }

  /** Zero-padded so that listing order is step order. */
  private dir(step: number): string {
    return `${this.prefix}step-${String(step).padStart(12, '0')}/`;
  }

  /** Runs `task` after every earlier one has finished: overlapping saves would let one prune the other's shards. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined); // A failed save must not block the next one.
    return run;
  }

  /**
   * Copies the state and shards at once (the blocking part of an asynchronous save), so the caller may reuse its
   * staging buffers as soon as `save` returns, then uploads them after any earlier save has finished. Queued saves
   * each hold a full copy, so a trainer should await the previous save before starting the next. Resolves once the
   * checkpoint is committed and verified; pruning older ones is best effort.
   */
  async save(state: TrainingState, shards: ReadonlyMap<string, Uint8Array>): Promise<void> {
    // Checked before any upload: a state resume would reject must fail here, not be saved and silently skipped later.
    const readBack = asReadBack(state);
    const problem = stateProblem(readBack);
    if (problem) throw new RangeError(problem);
    if (shards.size === 0) throw new RangeError('a checkpoint needs at least one shard');
    if (shards.has(MANIFEST)) throw new RangeError(`shard name ${MANIFEST} is reserved for the commit marker`);
    const copies = new Map([...shards].map(([name, data]) => [name, data.slice()]));
    return this.enqueue(() => this.commit(readBack as TrainingState, copies));
  }

  private async commit(state: TrainingState, shards: ReadonlyMap<string, Uint8Array>): Promise<void> {
    // Re-saving a committed step overwrites its shards in place; a crash midway leaves checksums that fail, so resume
    // falls back to the previous checkpoint instead of loading mixed data.
    const dir = this.dir(state.step);
    // allSettled, not all: a save that failed must not let the next one start while its other uploads still land.
    const uploads = await Promise.allSettled(
      [...shards].map(async ([name, data]): Promise<ShardEntry> => {
        await this.store.put(dir + name, data);
        return { name, sha256: await sha256(data), bytes: data.byteLength };
      }),
    );
    const failed = uploads.find((u) => u.status === 'rejected');
    if (failed) throw failed.reason;
    const entries = uploads.flatMap((u) => (u.status === 'fulfilled' ? [u.value] : []));
    const manifest: Manifest = { state, shards: entries };
    // The commit point: only now does this checkpoint exist for resume.
    await this.store.put(dir + MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
    // Read back before reporting success: an upload the store acknowledged but truncated, say, must not count.
    if (!(await this.restore(state.step))) {
      await this.discard(state.step);
      throw new Error(`checkpoint ${state.step} failed verification after upload and was discarded`);
    }
    // The save has succeeded; what pruning fails to delete now, it deletes at the next save.
    await this.prune(state.step).catch(() => undefined);
  }

  /** Steps that have a directory, newest first, with whether a manifest was committed. */
  private async steps(): Promise<{ step: number; committed: boolean }[]> {
    const byStep = new Map<number, boolean>();
    for (const key of await this.store.list(this.prefix)) {
      // Anchored: checkpoints/finetune/step-... belongs to another job nested under this prefix.
      const match = /^step-(\d+)\/(.+)$/.exec(key.slice(this.prefix.length));
      if (!match) continue;
      const step = Number(match[1]);
      byStep.set(step, (byStep.get(step) ?? false) || match[2] === MANIFEST);
    }
    return [...byStep].map(([step, committed]) => ({ step, committed })).sort((a, b) => b.step - a.step);
  }

  /** Loads and verifies one checkpoint; undefined if anything is missing, malformed or corrupt. */
  async restore(step: number): Promise<Restored | undefined> {
    const raw = await this.store.get(this.dir(step) + MANIFEST);
    if (!raw) return undefined;
    let manifest: unknown;
    try {
      manifest = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return undefined;
    }
    if (!isManifest(manifest, step)) return undefined;
    const shards = new Map<string, Uint8Array>();
    for (const shard of manifest.shards) {
      const data = await this.store.get(this.dir(step) + shard.name);
      if (!data || data.byteLength !== shard.bytes || (await sha256(data)) !== shard.sha256) return undefined;
      shards.set(shard.name, data);
    }
    return { state: manifest.state, shards };
  }

  /** The newest complete checkpoint, or undefined for a fresh start. */
  async restoreLatest(): Promise<Restored | undefined> {
    for (const { step, committed } of await this.steps()) {
      if (!committed) continue;
      const restored = await this.restore(step);
      if (restored) return restored;
    }
    return undefined;
  }

  /**
   * Deletes every checkpoint, complete or partial, newer than `step`. Resume orders checkpoints by step, so a
   * deliberate rollback (past a loss spike, say) must discard the newer ones first, or resume would return to them.
   */
  discardNewerThan(step: number): Promise<void> {
    return this.enqueue(async () => {
      for (const s of await this.steps()) if (s.step > step) await this.discard(s.step);
    });
  }

  /** Uncommits first: a crash halfway through leaves an ignored partial, never a "complete" one without shards. */
  private async discard(step: number): Promise<void> {
    const dir = this.dir(step);
    const keys = await this.store.list(dir);
    if (keys.includes(dir + MANIFEST)) await this.store.delete(dir + MANIFEST);
    for (const key of keys) if (key !== dir + MANIFEST) await this.store.delete(key);
  }

  /**
   * Keeps the save just verified plus the newest other checkpoints that still verify, `keepLast` in all, so a corrupt
   * one never pushes out the last good one; verifying reads them back here, which a store that keeps checksums of
   * its own can answer without the download. Deletes the other committed checkpoints and partial saves older than
   * the newest commit. A newer partial is left alone: it may be a save still uploading (from a restarted job's
   * lingering coordinator, say), and a listing cannot tell it from a crashed one.
   */
  private async prune(saved: number): Promise<void> {
    const steps = await this.steps();
    const committed = steps.filter((s) => s.committed);
    const newestCommitted = committed[0]?.step ?? Number.POSITIVE_INFINITY;
    const kept = new Set([saved]);
    for (const { step } of committed) {
      if (kept.size === this.keepLast) break;
      if (step !== saved && (await this.restore(step))) kept.add(step);
    }
    const doomed = committed.filter((s) => !kept.has(s.step)).map((s) => s.step);
    for (const s of steps) if (!s.committed && s.step < newestCommitted) doomed.push(s.step);
    for (const step of doomed) await this.discard(step);
  }
}

function requirePositive(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive finite number, got ${value}`);
  }
}

/**
 * Young (1974): checkpoint interval that minimises lost time, sqrt(2 x checkpoint cost x MTBF). A first-order
 * model: it needs the checkpoint cost to be small next to the MTBF (here at most a tenth, a rule of thumb).
 */
export function youngIntervalSeconds(checkpointCostSeconds: number, mtbfSeconds: number): number {
  requirePositive({ checkpointCostSeconds, mtbfSeconds });
  if (checkpointCostSeconds > mtbfSeconds / 10) {
    throw new RangeError('checkpoint cost is not small next to the MTBF; use dalyIntervalSeconds');
  }
  return Math.sqrt(2 * checkpointCostSeconds * mtbfSeconds);
}

/**
 * Daly (2006), higher-order estimate: sqrt(2CM) x [1 + sqrt(C / 2M) / 3 + (C / 2M) / 9] - C while C < 2M, else M.
 * The restart time lengthens the run but does not move this optimum.
 */
export function dalyIntervalSeconds(checkpointCostSeconds: number, mtbfSeconds: number): number {
  requirePositive({ checkpointCostSeconds, mtbfSeconds });
  if (checkpointCostSeconds >= 2 * mtbfSeconds) return mtbfSeconds;
  const ratio = checkpointCostSeconds / (2 * mtbfSeconds);
  return Math.sqrt(2 * checkpointCostSeconds * mtbfSeconds) * (1 + Math.sqrt(ratio) / 3 + ratio / 9) - checkpointCostSeconds;
}

export interface OverheadInputs {
  readonly intervalSeconds: number;
  /** The part of a checkpoint that blocks training: the whole write if synchronous, the host copy if asynchronous. */
  readonly checkpointSeconds: number;
  readonly mtbfSeconds: number;
  /** Detection, restart and checkpoint load after each failure. */
  readonly restartSeconds?: number;
  /** Asynchronous saves only: time from the copy to the committed manifest. */
  readonly uploadSeconds?: number;
}

/**
 * First-order fraction of time lost: writing checkpoints (C / tau), rework after failures (tau / 2M), the restart each
 * failure costs (R / M) and, with asynchronous saves, the upload L a failure can catch in flight, which sends resume
 * back one more checkpoint (L / M). R and L do not move Young's interval, but they are lost all the same.
 */
export function expectedOverhead({ intervalSeconds, checkpointSeconds, mtbfSeconds, restartSeconds = 0, uploadSeconds = 0 }: OverheadInputs): number {
  requirePositive({ intervalSeconds, mtbfSeconds });
  for (const [name, value] of Object.entries({ checkpointSeconds, restartSeconds, uploadSeconds })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative finite number, got ${value}`);
  }
  if (checkpointSeconds >= intervalSeconds) {
    throw new RangeError('the interval must be longer than the blocking part of the checkpoint, or training never runs');
  }
  if (uploadSeconds > 0 && intervalSeconds <= uploadSeconds) {
    throw new RangeError('the interval must be longer than the upload, or saves pile up behind each other');
  }
  return checkpointSeconds / intervalSeconds + intervalSeconds / (2 * mtbfSeconds) + restartSeconds / mtbfSeconds + uploadSeconds / mtbfSeconds;
}
