/**
 * Packing models onto GPUs or MIG slices by memory, and reporting how full
 * the fleet is. Pure functions, reusable in calculators.
 *
 * Placement is bin packing: first-fit decreasing (largest model first, into
 * the first slot with room) is simple and, for memory-bound serving, close to
 * optimal. Placing in arrival order strands large models that no longer fit.
 */

export interface GpuSlot {
  /** A whole GPU ("gpu0") or a MIG instance ("gpu0/3g.20gb#0"). */
  readonly id: string;
  readonly memoryGb: number;
}

export interface ModelDemand {
  readonly name: string;
  /** Serving memory: weights plus activations, KV cache and runtime workspace. */
  readonly memoryGb: number;
}

export interface MigProfile {
  readonly name: string;
  /** Compute slices out of 7 on an A100. */
  readonly computeSlices: number;
  /** Memory slices out of 8 on an A100. */
  readonly memorySlices: number;
  readonly memoryGb: number;
  readonly maxInstances: number;
}

function profile(name: string, computeSlices: number, memorySlices: number, memoryGb: number, maxInstances: number): MigProfile {
  return { name, computeSlices, memorySlices, memoryGb, maxInstances };
}

/**
 * A100 40 GB profiles (NVIDIA MIG user guide; media-extension "+me" variants left out).
 * Seven 1g.5gb slices use 35 of the 40 GB; 1g.10gb gives one compute slice twice the memory.
 */
export const A100_40GB_MIG: readonly MigProfile[] = [
  profile('1g.5gb', 1, 1, 5, 7),
  profile('1g.10gb', 1, 2, 10, 4),
  profile('2g.10gb', 2, 2, 10, 3),
  profile('3g.20gb', 3, 4, 20, 2),
  profile('4g.20gb', 4, 4, 20, 1),
  profile('7g.40gb', 7, 8, 40, 1),
];

/** A100 80 GB: the same geometry with twice the memory per slice (1g.10gb, 1g.20gb ... 7g.80gb). */
export const A100_80GB_MIG: readonly MigProfile[] = A100_40GB_MIG.map((p) =>
  profile(p.name.replace(/\d+gb$/, `${p.memoryGb * 2}gb`), p.computeSlices, p.memorySlices, p.memoryGb * 2, p.maxInstances),
);

/**
 * Slots for one GPU cut into MIG instances. Checks slice totals and instance
 * counts, which every valid layout satisfies; the exact placements a GPU
 * accepts are listed by `nvidia-smi mig -lgipp`.
 */
export function migSlots(gpuId: string, profiles: readonly MigProfile[], layout: readonly string[]): GpuSlot[] {
  const chosen = layout.map((name) => {
    const p = profiles.find((candidate) => candidate.name === name);
    if (!p) throw new RangeError(`unknown MIG profile "${name}"`);
    return p;
  });
  const compute = chosen.reduce((sum, p) => sum + p.computeSlices, 0);
  const memory = chosen.reduce((sum, p) => sum + p.memorySlices, 0);
  if (compute > 7) throw new RangeError(`layout uses ${compute} of 7 compute slices`);
  if (memory > 8) throw new RangeError(`layout uses ${memory} of 8 memory slices`);
  for (const p of new Set(chosen)) {
    const count = chosen.filter((c) => c === p).length;
    if (count > p.maxInstances) throw new RangeError(`${p.name} allows at most ${p.maxInstances} instances, got ${count}`);
  }
  return chosen.map((p, i) => ({ id: `${gpuId}/${p.name}#${i}`, memoryGb: p.memoryGb }));
}

/** Weights only: parameters × bytes per parameter. 7B at FP16 (2 bytes) is 14 GB. */
export function weightsGb(paramsBillions: number, bytesPerParam: number): number {
  return paramsBillions * bytesPerParam;
}

/** Rule-of-thumb serving memory: 1.2 × (weights + KV cache) covers activations and workspace. */
export function servingMemoryGb(weights: number, kvCache = 0, overhead = 1.2): number {
  return overhead * (weights + kvCache);
}

export interface Placement {
  /** Slot id -> names of the models placed on it. */
  readonly assignments: ReadonlyMap<string, readonly string[]>;
  readonly usedGb: ReadonlyMap<string, number>;
  /** Models that fit no slot: they need a bigger slot, another GPU, or a smaller (quantised) model. */
  readonly unplaced: readonly string[];
  readonly slotsUsed: number;
  /** Memory in use over memory of all slots: what you pay for versus what you use. */
  readonly memoryUtilisation: number;
}

export function placeModels(models: readonly ModelDemand[], slots: readonly GpuSlot[], order: 'decreasing' | 'as-given' = 'decreasing'): Placement {
  if (models.some((m) => !(m.memoryGb > 0))) throw new RangeError('every model needs a positive memory demand');
  const queue = order === 'decreasing' ? [...models].sort((a, b) => b.memoryGb - a.memoryGb) : [...models];
  const free = new Map(slots.map((s) => [s.id, s.memoryGb]));
  const assignments = new Map<string, string[]>(slots.map((s) => [s.id, []]));
  const unplaced: string[] = [];
  for (const model of queue) {
    const slot = slots.find((s) => (free.get(s.id) ?? 0) >= model.memoryGb);
    if (!slot) {
      unplaced.push(model.name);
      continue;
    }
    free.set(slot.id, (free.get(slot.id) ?? 0) - model.memoryGb);
    assignments.get(slot.id)?.push(model.name);
  }
  const usedGb = new Map(slots.map((s) => [s.id, s.memoryGb - (free.get(s.id) ?? 0)]));
  const total = slots.reduce((sum, s) => sum + s.memoryGb, 0);
  const used = [...usedGb.values()].reduce((sum, gb) => sum + gb, 0);
  return {
    assignments,
    usedGb,
    unplaced,
    slotsUsed: [...assignments.values()].filter((names) => names.length > 0).length,
    memoryUtilisation: total === 0 ? 0 : used / total,
  };
}

/** Fraction of GPU spend saved when the same work runs at a higher utilisation: 30 % -> 80 % saves 62.5 %. */
export function costReduction(utilisationBefore: number, utilisationAfter: number): number {
  if (!(utilisationBefore > 0) || !(utilisationAfter >= utilisationBefore) || utilisationAfter > 1) {
    throw new RangeError('need 0 < before <= after <= 1');
  }
  return 1 - utilisationBefore / utilisationAfter;
}
