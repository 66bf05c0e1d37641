/**
 * What the checkpoint tests and the demo share: an in-memory object store that
 * records operations, can crash after a number of puts and can hold puts back,
 * and the training state and shards a two-rank job saves at a given step.
 */
import type { ObjectStore, TrainingState } from './checkpointManager';

/** An in-memory object store that records operations, can crash after a number of puts, and can hold puts back. */
export class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  readonly log: string[] = [];
  putsBeforeCrash = Number.POSITIVE_INFINITY;
  /** Puts whose key starts with a gate's prefix wait until the gate opens. */
  readonly gates = new Map<string, Promise<void>>();
  /** When true, a put reads its bytes only after a pause, as a streaming upload does. */
  readsLazily = false;
  /** A put whose key this matches is acknowledged but keeps only the first byte, as a broken upload path might. */
  truncates: (key: string) => boolean = () => false;
  async put(key: string, data: Uint8Array) {
    if (this.putsBeforeCrash-- <= 0) throw new Error('node lost');
    if (this.readsLazily) await pause();
    for (const [prefix, gate] of this.gates) if (key.startsWith(prefix)) await gate;
    this.objects.set(key, this.truncates(key) ? data.slice(0, 1) : data.slice());
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
  /** Holds back puts under `prefix` until the returned function is called. */
  hold(prefix: string): () => void {
    let open!: () => void;
    this.gates.set(prefix, new Promise<void>((resolve) => (open = resolve)));
    return open;
  }
}

/** A real 5 ms wait, used only by tests of uploads in flight (`readsLazily`); the demo never sets it. */
export const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Two ranks, 5,000 steps an epoch, 128 samples per rank and step, and an RNG state that differs by rank. */
export const trainingStateAt = (step: number): TrainingState => ({
  step,
  epoch: Math.floor(step / 5_000),
  ranks: [0, 1].map((rank) => ({ samplesSeenInEpoch: (step % 5_000) * 128, rngState: `generators of rank ${rank} @${step}` })),
});

/** One shard per rank, its bytes naming the rank and step. */
export const shardsAt = (step: number) =>
  new Map([
    ['rank-0.bin', new TextEncoder().encode(`weights+adam rank 0 @${step}`)],
    ['rank-1.bin', new TextEncoder().encode(`weights+adam rank 1 @${step}`)],
  ]);

/** Where CheckpointManager, with its default prefix, puts the checkpoint of `step`. */
export const checkpointDir = (step: number) => `checkpoints/step-${String(step).padStart(12, '0')}/`;
