/**
 * Packing models onto GPUs or MIG slices by memory, and reporting how full
 * the fleet is. Pure functions, reusable in calculators.
 *
 * Placement is bin packing: best-fit decreasing (largest model first, into the
 * slot it leaves the least room in) is a simple heuristic that does well on
 * memory-bound serving. Choosing by the room left, not by the first slot
 * listed, keeps big MIG slices for big models; on a tie, a slot on a GPU
 * already in use wins, so an empty GPU is not opened while a started one has
 * an equally tight slot. Placing in arrival order strands large models that
 * no longer fit. Memory is the only dimension packed: a busy model may need
 * more compute slices than its memory calls for.
 */

export interface GpuSlot {
  /** A whole GPU ("gpu0") or a MIG instance ("gpu0/3g.20gb#0"). */
  readonly id: string;
  readonly memoryGb: number;
  /** MIG slices only: compute slices out of 7, used to break ties between slots with equal room left (a whole GPU counts as all 7). */
  readonly computeSlices?: number;
  /**
   * MIG slices only: the physical GPU the slice is cut from. You pay for all
   * of its memory, including what the layout leaves unused.
   */
  readonly gpu?: { readonly id: string; readonly memoryGb: number };
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
 * accepts are listed by `nvidia-smi mig -lgipp`. Each slot carries its GPU's
 * whole memory, so packing is measured against what was bought.
 */
export function migSlots(gpuId: string, profiles: readonly MigProfile[], layout: readonly string[]): GpuSlot[] {
  // A MIG-enabled GPU with no instances is still paid for, but no slot would carry its memory.
  if (layout.length === 0) throw new RangeError(`GPU "${gpuId}" has an empty MIG layout: give it instances, or list it as a whole GPU`);
  const whole = profiles.find((p) => p.memorySlices === 8);
  if (!whole) throw new RangeError('the profile list needs the whole-GPU profile (all 8 memory slices) to know the GPU memory');
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
  const gpu = { id: gpuId, memoryGb: whole.memoryGb };
  return chosen.map((p, i) => ({ id: `${gpuId}/${p.name}#${i}`, memoryGb: p.memoryGb, computeSlices: p.computeSlices, gpu }));
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
  /**
   * Memory in use over the physical memory of every GPU paid for: a MIG
   * layout's unused memory counts as paid for, so stranded memory shows.
   */
  readonly memoryUtilisation: number;
}

/**
 * Sums in whole megabytes are exact, so a model that exactly fills what is
 * left of a slot fits (float GB sums drift: 6 × 2.4 + 1.6 is not 16).
 * Rounding to the nearest megabyte is far finer than any serving-memory estimate.
 */
function toMb(gb: number): number {
  return Math.round(gb * 1000);
}

/** The physical GPU a slot belongs to: a whole GPU is its own. */
function gpuOf(slot: GpuSlot): string {
  return slot.gpu?.id ?? slot.id;
}

/** A memory size in whole megabytes; a size that rounds to 0 MB cannot be packed. */
function sizeMb(gb: number, owner: string): number {
  if (!(Number.isFinite(gb) && gb > 0)) throw new RangeError(`${owner} needs a finite, positive memory size, got ${gb}`);
  const mb = toMb(gb);
  if (mb === 0) throw new RangeError(`${owner} has ${gb} GB, below the 1 MB resolution`);
  return mb;
}

function checkSlots(slots: readonly GpuSlot[]): Map<string, number> {
  const ids = new Set<string>();
  const paidMb = new Map<string, number>();
  const slicedMb = new Map<string, number>();
  const computeByGpu = new Map<string, number>();
  for (const slot of slots) {
    if (ids.has(slot.id)) throw new RangeError(`slot "${slot.id}" is listed twice`);
    ids.add(slot.id);
    const slotMb = sizeMb(slot.memoryGb, `slot "${slot.id}"`);
    // A whole GPU is paid for by itself; a MIG slice by the GPU it is cut from.
    const gpuId = gpuOf(slot);
    const gpuMb = slot.gpu ? sizeMb(slot.gpu.memoryGb, `GPU "${gpuId}" of slot "${slot.id}"`) : slotMb;
    const known = paidMb.get(gpuId);
    if (known !== undefined && (known !== gpuMb || !slot.gpu)) {
      throw new RangeError(`slot "${slot.id}" disagrees with another slot about GPU "${gpuId}"`);
    }
    paidMb.set(gpuId, gpuMb);
    const sliced = (slicedMb.get(gpuId) ?? 0) + slotMb;
    if (sliced > gpuMb) throw new RangeError(`slot "${slot.id}" takes GPU "${gpuId}" past its ${gpuMb / 1000} GB`);
    slicedMb.set(gpuId, sliced);
    if (slot.computeSlices !== undefined) {
      if (!(Number.isInteger(slot.computeSlices) && slot.computeSlices >= 1 && slot.computeSlices <= 7)) {
        throw new RangeError(`slot "${slot.id}" needs 1 to 7 compute slices, got ${slot.computeSlices}`);
      }
      // Checked across all slots, since two layouts for one GPU id would each pass migSlots alone.
      const compute = (computeByGpu.get(gpuId) ?? 0) + slot.computeSlices;
      if (compute > 7) throw new RangeError(`slot "${slot.id}" takes GPU "${gpuId}" past its 7 compute slices`);
      computeByGpu.set(gpuId, compute);
    }
  }
  return paidMb;
}

export function placeModels(models: readonly ModelDemand[], slots: readonly GpuSlot[], order: 'decreasing' | 'as-given' = 'decreasing'): Placement {
  const names = new Set<string>();
  for (const m of models) {
    if (!(Number.isFinite(m.memoryGb) && m.memoryGb > 0)) throw new RangeError(`model "${m.name}" needs a finite, positive memory demand`);
    // The result names models: two of one name could read as both placed and unplaced.
    if (names.has(m.name)) throw new RangeError(`model "${m.name}" is listed twice`);
    names.add(m.name);
  }
  const paidMb = checkSlots(slots);
  // At least 1 MB, so a tiny positive demand never rounds to free.
  const demandMb = (m: ModelDemand) => Math.max(1, toMb(m.memoryGb));
  const queue = order === 'decreasing' ? [...models].sort((a, b) => demandMb(b) - demandMb(a)) : [...models];
  const freeMb = new Map(slots.map((s) => [s.id, toMb(s.memoryGb)]));
  const free = (s: GpuSlot) => freeMb.get(s.id) ?? 0;
  const started = new Set<string>();
  // Best fit: the slot left with the least room, so small models do not fill big slices. On a tie, a slot on a
  // started GPU, so an empty GPU is not opened while a started one has an equally tight slot; then fewer compute
  // slices (a whole GPU counts as all 7); then the lower id. The order the slots are listed in never decides.
  const better = (a: GpuSlot, b: GpuSlot): boolean => {
    if (free(a) !== free(b)) return free(a) < free(b);
    const [sa, sb] = [started.has(gpuOf(a)), started.has(gpuOf(b))];
    if (sa !== sb) return sa;
    const [ca, cb] = [a.computeSlices ?? 7, b.computeSlices ?? 7];
    if (ca !== cb) return ca < cb;
    return a.id < b.id;
  };
  const assignments = new Map<string, string[]>(slots.map((s) => [s.id, []]));
  const unplaced: string[] = [];
  for (const model of queue) {
    const need = demandMb(model);
    const slot = slots.filter((s) => free(s) >= need).reduce<GpuSlot | undefined>((best, s) => (!best || better(s, best) ? s : best), undefined);
    if (!slot) {
      unplaced.push(model.name);
      continue;
    }
    freeMb.set(slot.id, free(slot) - need);
    started.add(gpuOf(slot));
    assignments.get(slot.id)?.push(model.name);
  }
  const usedMb = new Map(slots.map((s) => [s.id, toMb(s.memoryGb) - free(s)]));
  const paid = [...paidMb.values()].reduce((sum, mb) => sum + mb, 0);
  const used = [...usedMb.values()].reduce((sum, mb) => sum + mb, 0);
  return {
    assignments,
    usedGb: new Map([...usedMb].map(([id, mb]) => [id, mb / 1000])),
    unplaced,
    slotsUsed: [...assignments.values()].filter((names) => names.length > 0).length,
    memoryUtilisation: paid === 0 ? 0 : used / paid,
  };
}

/**
 * Whole GPUs needed for the same work at a higher utilisation: a fleet cannot
 * buy 3.75 GPUs, so 10 GPUs at 30 % need 4 at 80 %, not 3.75.
 */
export function gpusNeeded(gpusToday: number, utilisationBefore: number, utilisationAfter: number): number {
  if (!Number.isInteger(gpusToday) || gpusToday < 0) throw new RangeError('need a whole number of GPUs');
  if (gpusToday === 0) return 0;
  const share = 1 - costReduction(utilisationBefore, utilisationAfter);
  // The small allowance stops float noise (3.0000000000000004) from buying a GPU.
  return Math.ceil(gpusToday * share - 1e-9);
}

/** Fraction of GPU spend saved when the same work runs at a higher utilisation: 30 % -> 80 % saves 62.5 %. */
export function costReduction(utilisationBefore: number, utilisationAfter: number): number {
  if (!(utilisationBefore > 0) || !(utilisationAfter >= utilisationBefore) || utilisationAfter > 1) {
    throw new RangeError('need 0 < before <= after <= 1');
  }
  return 1 - utilisationBefore / utilisationAfter;
}
