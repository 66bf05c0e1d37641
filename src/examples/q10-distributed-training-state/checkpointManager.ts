/**
 * Checkpoints for a distributed training job on an object store.
 *
 * A checkpoint is the model/optimizer shards plus the training state needed to
 * resume exactly (step, epoch, data-loader position, RNG seed). It counts only
 * once its manifest exists: shards are written first, the manifest last, so a
 * crash mid-save leaves an incomplete directory that resume ignores. Pruning
 * deletes the manifest first for the same reason. Resume picks the newest
 * checkpoint whose shards are all present and match their SHA-256.
 */

export interface ObjectStore {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}

/** Everything besides tensors that resuming needs; without it, samples are repeated or skipped. */
export interface TrainingState {
  readonly step: number;
  readonly epoch: number;
  readonly samplesSeenInEpoch: number;
  readonly rngSeed: number;
}

export interface Manifest {
  readonly state: TrainingState;
  readonly shards: readonly { readonly name: string; readonly sha256: string; readonly bytes: number }[];
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

export class CheckpointManager {
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

  async save(state: TrainingState, shards: ReadonlyMap<string, Uint8Array>): Promise<void> {
    const dir = this.dir(state.step);
    const entries = await Promise.all(
      [...shards].map(async ([name, data]) => {
        await this.store.put(dir + name, data);
        return { name, sha256: await sha256(data), bytes: data.byteLength };
      }),
    );
    const manifest: Manifest = { state, shards: entries };
    // The commit point: only now does this checkpoint exist for resume.
    await this.store.put(dir + MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
    await this.prune();
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

  /** Loads and verifies one checkpoint; undefined if anything is missing or corrupt. */
  private async load(step: number): Promise<Restored | undefined> {
    const raw = await this.store.get(this.dir(step) + MANIFEST);
    if (!raw) return undefined;
    let manifest: Manifest;
    try {
      manifest = JSON.parse(new TextDecoder().decode(raw)) as Manifest;
    } catch {
      return undefined;
    }
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
      const restored = await this.load(step);
      if (restored) return restored;
    }
    return undefined;
  }

  /** Keeps the newest `keepLast` committed checkpoints; drops older ones and stale partial saves. */
  private async prune(): Promise<void> {
    const steps = await this.steps();
    const committed = steps.filter((s) => s.committed);
    const newestKept = committed[0]?.step ?? Number.POSITIVE_INFINITY;
    const doomed = new Set(committed.slice(this.keepLast).map((s) => s.step));
    for (const s of steps) if (!s.committed && s.step < newestKept) doomed.add(s.step);
    for (const step of doomed) {
      const dir = this.dir(step);
      const keys = await this.store.list(dir);
      // Uncommit first: a crash halfway through leaves an ignored partial, never a "complete" one without shards.
      if (keys.includes(dir + MANIFEST)) await this.store.delete(dir + MANIFEST);
      for (const key of keys) if (key !== dir + MANIFEST) await this.store.delete(key);
    }
  }
}

/** Young (1974): checkpoint interval that minimises lost time, sqrt(2 x checkpoint cost x MTBF). */
export function youngIntervalSeconds(checkpointCostSeconds: number, mtbfSeconds: number): number {
  if (!(checkpointCostSeconds > 0) || !(mtbfSeconds > 0)) throw new RangeError('cost and MTBF must be positive');
  return Math.sqrt(2 * checkpointCostSeconds * mtbfSeconds);
}

/**
 * First-order fraction of time lost: writing checkpoints (C / tau), rework after failures
 * (tau / 2M), and the detection, restart and checkpoint load each failure costs (R / M).
 * R does not move Young's interval, but it is lost all the same.
 */
export function expectedOverhead(intervalSeconds: number, checkpointCostSeconds: number, mtbfSeconds: number, restartSeconds = 0): number {
  if (!(intervalSeconds > 0) || !(checkpointCostSeconds >= 0) || !(mtbfSeconds > 0) || !(restartSeconds >= 0)) {
    throw new RangeError('interval and MTBF must be positive, checkpoint and restart costs non-negative');
  }
  return checkpointCostSeconds / intervalSeconds + intervalSeconds / (2 * mtbfSeconds) + restartSeconds / mtbfSeconds;
}
