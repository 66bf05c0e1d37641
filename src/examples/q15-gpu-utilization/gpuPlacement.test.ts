import { describe, expect, it } from 'vitest';
import { A100_40GB_MIG, A100_80GB_MIG, costReduction, migSlots, placeModels, servingMemoryGb, weightsGb, type GpuSlot } from './gpuPlacement';

const twoT4s: GpuSlot[] = [
  { id: 'gpu0', memoryGb: 16 },
  { id: 'gpu1', memoryGb: 16 },
];

describe('placeModels (first-fit decreasing)', () => {
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
    expect(placement.memoryUtilisation).toBeCloseTo(28 / 32, 12);
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

  it('lists a model larger than every slot as unplaced instead of overfilling', () => {
    const placement = placeModels([{ name: 'llm-7b-fp16', memoryGb: servingMemoryGb(weightsGb(7, 2)) }], twoT4s);
    expect(placement.unplaced).toEqual(['llm-7b-fp16']);
    expect(placement.slotsUsed).toBe(0);
    expect(placement.memoryUtilisation).toBe(0);
  });

  it('three 2 GB models leave most of a 16 GB GPU idle', () => {
    const models = ['a', 'b', 'c'].map((name) => ({ name, memoryGb: servingMemoryGb(2) }));
    const placement = placeModels(models, [{ id: 'gpu0', memoryGb: 16 }]);
    expect(placement.usedGb.get('gpu0')).toBeCloseTo(7.2, 9);
    expect(placement.memoryUtilisation).toBeCloseTo(0.45, 9);
  });

  it('rejects a model without a positive memory demand', () => {
    expect(() => placeModels([{ name: 'x', memoryGb: 0 }], twoT4s)).toThrow(RangeError);
  });
});

describe('MIG layouts', () => {
  it('cuts an A100 40 GB into seven 1g.5gb slices, 35 GB in all', () => {
    const slots = migSlots('gpu0', A100_40GB_MIG, Array(7).fill('1g.5gb'));
    expect(slots).toHaveLength(7);
    expect(slots.reduce((sum, s) => sum + s.memoryGb, 0)).toBe(35);
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
  });
});
