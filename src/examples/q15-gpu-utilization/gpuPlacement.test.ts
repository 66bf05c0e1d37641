import { describe, expect, it } from 'vitest';
import { A100_40GB_MIG, A100_80GB_MIG, costReduction, gpusNeeded, migSlots, placeModels, servingMemoryGb, weightsGb, type GpuSlot, type Placement } from './gpuPlacement';

const twoT4s: GpuSlot[] = [
  { id: 'gpu0', memoryGb: 16 },
  { id: 'gpu1', memoryGb: 16 },
];

/** Model -> profile of the slot it landed in ("gpu0/2g.10gb"), so layouts listed in any order compare equal. */
function profileOf(placement: Placement): Record<string, string> {
  const where: Record<string, string> = {};
  for (const [slot, names] of placement.assignments) for (const name of names) where[name] = slot.replace(/#\d+$/, '');
  return where;
}

describe('placeModels (best-fit decreasing)', () => {
  it('packs the largest models first and reports memory utilisation', () => {
    const models = [
      { name: 'ranker', memoryGb: 5 },
      { name: 'embedder', memoryGb: 9 },
      { name: 'ocr', memoryGb: 3 },
      { name: 'classifier', memoryGb: 7 },
      { name: 'ner', memoryGb: 4 },
    ];
    const placement = placeModels(models, twoT4s);
    expect(placement.assignments.get('gpu0')).toEqual(['embedder', 'classifier']);
    expect(placement.assignments.get('gpu1')).toEqual(['ranker', 'ner', 'ocr']);
    expect(placement.usedGb.get('gpu0')).toBe(16);
    expect(placement.memoryUtilisation).toBe(28 / 32);
    expect(placement.unplaced).toEqual([]);
  });

  it('fits what arrival order strands', () => {
    const slots: GpuSlot[] = [
      { id: 'a', memoryGb: 10 },
      { id: 'b', memoryGb: 10 },
    ];
    const models = [2, 2, 2, 2, 6, 6].map((gb, i) => ({ name: `m${i}`, memoryGb: gb }));
    expect(placeModels(models, slots, 'as-given').unplaced).toEqual(['m5']);
    expect(placeModels(models, slots).unplaced).toEqual([]);
  });

  it('puts each model in the slot it leaves the least room in, whatever order the layout lists its slots in', () => {
    const models = [
      { name: 'big', memoryGb: 12 },
      { name: 'detector', memoryGb: 6 },
      { name: 'small-a', memoryGb: 4 },
      { name: 'small-b', memoryGb: 4 },
    ];
    const largestFirst = migSlots('gpu0', A100_40GB_MIG, ['3g.20gb', '2g.10gb', '1g.5gb', '1g.5gb']);
    const smallestFirst = migSlots('gpu0', A100_40GB_MIG, ['1g.5gb', '1g.5gb', '2g.10gb', '3g.20gb']);
    // The detector fills the 8 GB the big model leaves in the 3g.20gb (2 GB spare) rather than the empty 2g.10gb (4 GB spare).
    const expected = { big: 'gpu0/3g.20gb', detector: 'gpu0/3g.20gb', 'small-a': 'gpu0/1g.5gb', 'small-b': 'gpu0/1g.5gb' };
    expect(profileOf(placeModels(models, largestFirst))).toEqual(expected);
    expect(profileOf(placeModels(models, smallestFirst))).toEqual(expected);
    expect(profileOf(placeModels(models, [...largestFirst].reverse()))).toEqual(expected);
  });

  it('fills a started GPU before an empty one: a 2 GB model joins the 38 GB one on an A100 instead of opening a T4', () => {
    const slots: GpuSlot[] = [
      { id: 't4', memoryGb: 16 },
      { id: 'a100', memoryGb: 40 },
    ];
    const placement = placeModels(
      [
        { name: 'large', memoryGb: 38 },
        { name: 'small', memoryGb: 2 },
      ],
      slots,
    );
    expect(placement.assignments.get('a100')).toEqual(['large', 'small']);
    expect(placement.slotsUsed).toBe(1);
  });

  it('prefers a MIG slice to a whole GPU when both would be left with the same room, though the whole GPU has the lower id', () => {
    const slots: GpuSlot[] = [{ id: 'a-whole', memoryGb: 40 }, ...migSlots('cut', A100_80GB_MIG, ['3g.40gb'])];
    expect(profileOf(placeModels([{ name: 'm', memoryGb: 30 }], slots))).toEqual({ m: 'cut/3g.40gb' });
  });

  it('fills a slice on a started GPU before the same slice on an empty GPU with a lower id', () => {
    // b's 2g.10gb and 1g.10gb take the two 10 GB models; the 9 GB model then ties between three empty 3g.20gb slices.
    const slots = [...migSlots('a', A100_40GB_MIG, ['3g.20gb', '3g.20gb']), ...migSlots('b', A100_40GB_MIG, ['3g.20gb', '2g.10gb', '1g.10gb'])];
    const models = [10, 10, 9].map((gb, i) => ({ name: `m${i}`, memoryGb: gb }));
    const placement = placeModels(models, slots);
    expect(profileOf(placement)).toEqual({ m0: 'b/1g.10gb', m1: 'b/2g.10gb', m2: 'b/3g.20gb' });
    expect(placement.assignments.get('a/3g.20gb#0')).toEqual([]);
  });

  it('joins a started whole GPU rather than open an empty one that would keep the same room', () => {
    // After the 24 GB model, gpu1 (40 GB) has 16 GB left, as much as the empty 16 GB gpu0.
    const slots: GpuSlot[] = [
      { id: 'gpu0', memoryGb: 16 },
      { id: 'gpu1', memoryGb: 40 },
    ];
    const placement = placeModels(
      [
        { name: 'large', memoryGb: 24 },
        { name: 'small', memoryGb: 4 },
      ],
      slots,
    );
    expect(placement.assignments.get('gpu1')).toEqual(['large', 'small']);
    expect(placement.slotsUsed).toBe(1);
  });

  it('rejects a MIG GPU with no instances, two layouts that overfill one GPU, and a model listed twice', () => {
    expect(() => migSlots('gpu0', A100_40GB_MIG, [])).toThrow(/"gpu0" has an empty MIG layout/);
    // Each layout is valid alone (4 compute slices each); together they claim 8 of the GPU's 7.
    const twice = [...migSlots('gpu0', A100_40GB_MIG, ['4g.20gb']), ...migSlots('gpu0', A100_40GB_MIG, ['1g.5gb', '1g.5gb', '2g.10gb'])];
    expect(() => placeModels([{ name: 'm', memoryGb: 1 }], twice)).toThrow(/past its 7 compute slices/);
    expect(() =>
      placeModels(
        [
          { name: 'a', memoryGb: 1 },
          { name: 'a', memoryGb: 2 },
        ],
        [{ id: 'gpu0', memoryGb: 16 }],
      ),
    ).toThrow(/"a" is listed twice/);
  });

  it('breaks a tie between equal slots by fewer compute slices, not by list order', () => {
    const hostile = migSlots('gpu0', A100_40GB_MIG, ['2g.10gb', '1g.10gb']);
    expect(profileOf(placeModels([{ name: 'detector', memoryGb: 6 }], hostile))).toEqual({ detector: 'gpu0/1g.10gb' });
  });

  it('breaks a tie by fewer compute slices before the id: both GPUs empty, the 2g.10gb has the lower id', () => {
    const slots = [...migSlots('a', A100_40GB_MIG, ['2g.10gb']), ...migSlots('b', A100_40GB_MIG, ['1g.10gb'])];
    expect(profileOf(placeModels([{ name: 'detector', memoryGb: 6 }], slots))).toEqual({ detector: 'b/1g.10gb' });
  });

  it('lists a model larger than every slot as unplaced instead of overfilling', () => {
    const placement = placeModels([{ name: 'llm-7b-fp16', memoryGb: servingMemoryGb(weightsGb(7, 2)) }], twoT4s);
    expect(placement.unplaced).toEqual(['llm-7b-fp16']);
    expect(placement.slotsUsed).toBe(0);
    expect(placement.memoryUtilisation).toBe(0);
  });

  it('three 2 GB models leave most of a 16 GB GPU idle', () => {
    const models = ['a', 'b', 'c'].map((name) => ({ name, memoryGb: servingMemoryGb(2) }));
    const placement = placeModels(models, [{ id: 'gpu0', memoryGb: 16 }]);
    expect(placement.usedGb.get('gpu0')).toBe(7.2);
    expect(String(placement.usedGb.get('gpu0'))).toBe('7.2');
    expect(placement.memoryUtilisation).toBe(0.45);
  });

  it('fits models that fill a slot exactly, which floating-point sums would reject', () => {
    const models = [...Array(6).fill(2.4), 1.6].map((gb: number, i) => ({ name: `m${i}`, memoryGb: gb }));
    const placement = placeModels(models, [{ id: 't4', memoryGb: 16 }]);
    expect(placement.unplaced).toEqual([]);
    expect(placement.usedGb.get('t4')).toBe(16);
    expect(placement.memoryUtilisation).toBe(1);
  });

  it('rejects a model without a finite, positive memory demand, naming it', () => {
    expect(() => placeModels([{ name: 'x', memoryGb: 0 }], twoT4s)).toThrow(RangeError);
    expect(() => placeModels([{ name: 'nan-model', memoryGb: Number.NaN }], twoT4s)).toThrow(/nan-model/);
    expect(() => placeModels([{ name: 'endless', memoryGb: Number.POSITIVE_INFINITY }], twoT4s)).toThrow(/"endless" needs a finite/);
  });

  it('counts a tiny model as 1 MB, so it does not fit a full slot', () => {
    const placement = placeModels(
      [
        { name: 'filler', memoryGb: 16 },
        { name: 'tiny', memoryGb: 0.0001 },
      ],
      [{ id: 't4', memoryGb: 16 }],
    );
    expect(placement.unplaced).toEqual(['tiny']);
  });

  it('rounds to the nearest megabyte, not down: 8.11 × 1000 is 8109.999999999999, yet 8.11 + 7.89 GB fill a 16 GB T4', () => {
    const placement = placeModels(
      [
        { name: 'a', memoryGb: 8.11 },
        { name: 'b', memoryGb: 7.89 },
      ],
      [{ id: 't4', memoryGb: 16 }],
    );
    expect(placement.usedGb.get('t4')).toBe(16);
    expect(placement.memoryUtilisation).toBe(1);
  });

  it('rejects a slot with a NaN, negative or infinite size, or a duplicate id, naming the slot', () => {
    const model = [{ name: 'm', memoryGb: 1 }];
    for (const memoryGb of [Number.NaN, -16, Number.POSITIVE_INFINITY]) {
      expect(() => placeModels(model, [{ id: 'bad-gpu', memoryGb }])).toThrow(RangeError);
      expect(() => placeModels(model, [{ id: 'bad-gpu', memoryGb }])).toThrow(/bad-gpu/);
    }
    expect(() => placeModels(model, [...twoT4s.slice(0, 1), { id: 'gpu0', memoryGb: 24 }])).toThrow(/"gpu0".*twice/);
  });

  it('rejects a slot below the 1 MB resolution, saying so', () => {
    expect(() => placeModels([{ name: 'm', memoryGb: 0.0001 }], [{ id: 'speck', memoryGb: 0.0004 }])).toThrow(/"speck" has 0.0004 GB, below the 1 MB resolution/);
  });

  it('rejects a slice whose GPU has no finite, positive memory size', () => {
    for (const memoryGb of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const slots: GpuSlot[] = [{ id: 'gpu0/a', memoryGb: 10, gpu: { id: 'gpu0', memoryGb } }];
      expect(() => placeModels([{ name: 'm', memoryGb: 1 }], slots)).toThrow(/GPU "gpu0" of slot "gpu0\/a" needs a finite, positive memory size/);
    }
  });

  it('rejects a slice with compute slices outside 1 to 7', () => {
    const gpu = { id: 'gpu0', memoryGb: 40 };
    for (const computeSlices of [0, 1.5]) {
      expect(() => placeModels([{ name: 'm', memoryGb: 1 }], [{ id: 'gpu0/a', memoryGb: 10, computeSlices, gpu }])).toThrow(/1 to 7 compute slices/);
    }
  });

  it('rejects a whole GPU listed under the id of a MIG-cut GPU', () => {
    const slots: GpuSlot[] = [...migSlots('gpu0', A100_40GB_MIG, ['3g.20gb']), { id: 'gpu0', memoryGb: 40 }];
    expect(() => placeModels([{ name: 'm', memoryGb: 1 }], slots)).toThrow(/"gpu0" disagrees with another slot about GPU "gpu0"/);
  });

  it('rejects slices that claim more memory than their GPU has', () => {
    const gpu = { id: 'gpu0', memoryGb: 40 };
    const slots: GpuSlot[] = [
      { id: 'gpu0/a', memoryGb: 30, gpu },
      { id: 'gpu0/b', memoryGb: 20, gpu },
    ];
    expect(() => placeModels([{ name: 'm', memoryGb: 1 }], slots)).toThrow(/gpu0\/b/);
  });
});

describe('memory packing against what was paid for', () => {
  it('counts the memory a MIG layout strands: seven full 1g.5gb slices use 87.5 % of a 40 GB A100', () => {
    const slots = migSlots('gpu0', A100_40GB_MIG, Array(7).fill('1g.5gb'));
    const models = Array.from({ length: 7 }, (_, i) => ({ name: `m${i}`, memoryGb: 5 }));
    const placement = placeModels(models, slots);
    expect(placement.unplaced).toEqual([]);
    expect([...placement.usedGb.values()].reduce((sum, gb) => sum + gb, 0)).toBe(35);
    expect(placement.memoryUtilisation).toBe(0.875);
  });

  it('adds whole GPUs and MIG-cut GPUs by their physical memory', () => {
    const slots = [{ id: 't4', memoryGb: 16 }, ...migSlots('a100', A100_40GB_MIG, ['3g.20gb'])];
    const placement = placeModels(
      [
        { name: 'a', memoryGb: 16 },
        { name: 'b', memoryGb: 20 },
      ],
      slots,
    );
    // 36 GB used of 16 + 40 = 56 GB bought; the half of the A100 left unsliced still costs money.
    expect(placement.memoryUtilisation).toBe(36 / 56);
  });
});

describe('MIG layouts', () => {
  it('cuts an A100 40 GB into seven 1g.5gb slices, 35 GB in all, each tied to the 40 GB GPU', () => {
    const slots = migSlots('gpu0', A100_40GB_MIG, Array(7).fill('1g.5gb'));
    expect(slots).toHaveLength(7);
    expect(slots.reduce((sum, s) => sum + s.memoryGb, 0)).toBe(35);
    expect(slots.every((s) => s.gpu?.id === 'gpu0' && s.gpu.memoryGb === 40)).toBe(true);
  });

  it('ties 80 GB slices to an 80 GB GPU', () => {
    expect(migSlots('gpu0', A100_80GB_MIG, ['1g.10gb'])[0]?.gpu).toEqual({ id: 'gpu0', memoryGb: 80 });
  });

  it('refuses an eighth instance', () => {
    expect(() => migSlots('gpu0', A100_40GB_MIG, Array(8).fill('1g.5gb'))).toThrow(/7/);
  });

  it('refuses layouts over the compute or the memory slices', () => {
    expect(() => migSlots('gpu0', A100_40GB_MIG, ['4g.20gb', '4g.20gb'])).toThrow(/compute/);
    expect(() => migSlots('gpu0', A100_40GB_MIG, ['3g.20gb', '3g.20gb', '1g.5gb'])).toThrow(/memory/);
    expect(() => migSlots('gpu0', A100_40GB_MIG, ['5g.25gb'])).toThrow(/unknown/);
  });

  it('names the 80 GB profiles by their doubled memory', () => {
    expect(A100_80GB_MIG.map((p) => p.name)).toEqual(['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb']);
  });

  it('fits a 6 GB model in a 1g.10gb slice: one compute slice, not the two of a 2g.10gb', () => {
    const slots = migSlots('gpu0', A100_40GB_MIG, ['1g.5gb', '1g.5gb', '1g.10gb', '3g.20gb']);
    const placement = placeModels([{ name: 'detector', memoryGb: 6 }], slots);
    expect(placement.assignments.get('gpu0/1g.10gb#2')).toEqual(['detector']);
  });

  it('refuses more instances than a profile allows, even within the slice totals', () => {
    // No shipped A100 profile reaches its limit before the slice totals do; a stricter profile list can.
    const strict = A100_40GB_MIG.map((p) => (p.name === '1g.5gb' ? { ...p, maxInstances: 2 } : p));
    expect(migSlots('gpu0', strict, ['1g.5gb', '1g.5gb'])).toHaveLength(2);
    expect(() => migSlots('gpu0', strict, ['1g.5gb', '1g.5gb', '1g.5gb'])).toThrow(/1g.5gb allows at most 2 instances, got 3/);
  });

  it('allows four 1g.10gb slices, which take all 8 memory slices', () => {
    expect(migSlots('gpu0', A100_40GB_MIG, Array(4).fill('1g.10gb'))).toHaveLength(4);
    expect(() => migSlots('gpu0', A100_40GB_MIG, Array(5).fill('1g.10gb'))).toThrow(/memory|at most 4/);
  });
});

describe('sizing helpers', () => {
  it('computes weights as parameters × bytes per parameter', () => {
    expect(weightsGb(7, 2)).toBe(14);
    expect(weightsGb(7, 0.5)).toBe(3.5);
  });

  it('saves 62.5 % of GPU spend going from 30 % to 80 % utilisation', () => {
    expect(costReduction(0.3, 0.8)).toBeCloseTo(0.625, 12);
    expect(() => costReduction(0.8, 0.3)).toThrow(RangeError);
    expect(() => costReduction(0.3, 1.5)).toThrow(RangeError);
    expect(() => costReduction(0, 0.8)).toThrow(RangeError);
  });

  it('rounds the GPUs needed up to whole GPUs: 10 at 30 % become 4 at 80 %, not 3.75', () => {
    expect(gpusNeeded(10, 0.3, 0.8)).toBe(4);
    expect(gpusNeeded(8, 0.3, 0.8)).toBe(3);
    // 4 × (1 - costReduction(0.27, 0.36)) is 3.0000000000000004 in floating point: still 3 GPUs.
    expect(gpusNeeded(4, 0.27, 0.36)).toBe(3);
    expect(Object.is(gpusNeeded(0, 0.3, 0.8), 0), 'no GPUs today need 0, not -0').toBe(true);
    expect(() => gpusNeeded(2.5, 0.3, 0.8)).toThrow(RangeError);
  });
});
