/**
 * Demo: the page's numbers, placed by the module. Three 2 GB models share one
 * of two T4s: the first breaks the tie between the empty T4s by id, the others
 * join it as it has less room left; seven 1g.5gb MIG slices strand 5 of an A100's
 * 40 GB; a 6 GB model takes the 1g.10gb slice, not the 2g.10gb; a 7B model in
 * FP16 fits no T4 until it is quantised; and 30 % to 80 % SM activity needs
 * 4 GPUs where 10 run today.
 */
import { A100_40GB_MIG, costReduction, gpusNeeded, migSlots, placeModels, servingMemoryGb, weightsGb, type GpuSlot } from './gpuPlacement';

const pct = (share: number): string => `${Number((share * 100).toFixed(1))} %`;
const gbText = (value: number): string => `${Number(value.toFixed(3))}`;

export function demo(): {
  t4Slot: string;
  t4Models: string[];
  t4Share: number;
  migPacking: number;
  detectorTies: string[];
  detectorSlot: string;
  fp16Unplaced: boolean;
  saving: number;
  gpusFor10: number;
} {
  // Two empty T4s: the first model would keep the same room on either, so the id decides (the list order never does).
  const twoT4s: GpuSlot[] = [
    { id: 't4-1', memoryGb: 16 },
    { id: 't4-0', memoryGb: 16 },
  ];

  const small = servingMemoryGb(2);
  console.log(`three 2 GB models at 1.2 × overhead need ${small.toFixed(1)} GB each, ${(3 * small).toFixed(1)} GB in all`);
  const shared = placeModels(
    ['a', 'b', 'c'].map((name) => ({ name, memoryGb: small })),
    twoT4s,
  );
  const held = (slot: GpuSlot): readonly string[] => shared.assignments.get(slot.id) ?? [];
  const t4 = twoT4s.find((slot) => held(slot).length > 0);
  const t4Slot = t4?.id ?? 'none';
  const t4Models = t4 ? [...held(t4)] : [];
  const t4Used = shared.usedGb.get(t4Slot) ?? 0;
  const t4Share = t4 ? t4Used / t4.memoryGb : 0;
  // Room each empty T4 would keep after the first model: equal room is a tie.
  const roomLeft = twoT4s.map((slot) => slot.memoryGb - small);
  const tie = roomLeft.every((room) => room === roomLeft[0]);
  const [first = 'none', ...joined] = t4Models;
  const others = twoT4s
    .filter((slot) => slot !== t4)
    .map((slot) => `${slot.id} ${held(slot).length ? `holds ${held(slot).join(', ')}` : 'stays empty'}`)
    .join('; ');
  console.log(
    `two empty T4s, listed ${twoT4s.map((slot) => slot.id).join(', ')}: ${first} would keep ${tie ? `${gbText(roomLeft[0] ?? 0)} GB on either, so the lower id, ${t4Slot}, takes it` : `the least room on ${t4Slot}`}; ` +
      `${joined.join(' and ')} join ${t4Slot}, which has less room left`,
  );
  console.log(`  ${t4Slot} holds ${gbText(t4Used)} of ${gbText(t4?.memoryGb ?? 0)} GB (${pct(t4Share)}); ${others}`);

  const sevenSlices = migSlots('a100', A100_40GB_MIG, Array<string>(7).fill('1g.5gb'));
  const full = placeModels(
    sevenSlices.map((_, i) => ({ name: `m${i}`, memoryGb: 5 })),
    sevenSlices,
  );
  const sliced = [...full.usedGb.values()].reduce((sum, gb) => sum + gb, 0);
  console.log(`A100 40 GB as seven full 1g.5gb slices: ${sliced} of 40 GB used, memory packing ${pct(full.memoryUtilisation)}`);

  const layout = ['3g.20gb', '2g.10gb', '1g.10gb'];
  const slots = migSlots('a100', A100_40GB_MIG, layout);
  const need = 6;
  const detector = placeModels([{ name: 'detector', memoryGb: need }], slots);
  // The slots that would keep the least memory spare: best fit breaks such a tie on compute slices.
  const fitting = slots.filter((slot) => slot.memoryGb >= need);
  const leastSpare = Math.min(...fitting.map((slot) => slot.memoryGb - need));
  const ties = fitting.filter((slot) => slot.memoryGb - need === leastSpare);
  const detectorTies = ties.map((slot) => slot.id);
  console.log(`a 6 GB model on an A100 cut ${layout.join(' + ')}: ${detectorTies.join(' and ')} would each keep ${gbText(leastSpare)} GB spare`);
  const chosen = slots.find((slot) => detector.assignments.get(slot.id)?.includes('detector'));
  const detectorSlot = chosen?.id ?? 'none';
  const slices = (slot: GpuSlot): string => `${slot.computeSlices ?? 7} compute slice${slot.computeSlices === 1 ? '' : 's'}`;
  const rest = ties.filter((slot) => slot !== chosen).map((slot) => `${slices(slot)} on ${slot.id}`);
  console.log(`  it takes ${detectorSlot}: ${chosen ? slices(chosen) : 'no slot'}${rest.length ? `, against ${rest.join(', ')}` : ''}`);

  const fp16 = servingMemoryGb(weightsGb(7, 2));
  const int8 = servingMemoryGb(weightsGb(7, 1));
  const fp16Placement = placeModels([{ name: '7b-fp16', memoryGb: fp16 }], twoT4s);
  const int8Placement = placeModels([{ name: '7b-int8', memoryGb: int8 }], twoT4s);
  const fp16Unplaced = fp16Placement.unplaced.includes('7b-fp16');
  console.log(
    `a 7B model needs ${fp16.toFixed(1)} GB in FP16: ${fp16Unplaced ? 'unplaced, no T4 holds it' : 'placed'}; ${int8.toFixed(1)} GB in INT8: ${int8Placement.unplaced.length === 0 ? 'fits one T4' : 'unplaced'}`,
  );

  const saving = costReduction(0.3, 0.8);
  const gpusFor10 = gpusNeeded(10, 0.3, 0.8);
  console.log(`SM activity from 30 % to 80 %: the same work on ${pct(1 - saving)} of the GPUs, a ${pct(saving)} saving`);
  console.log(`10 GPUs today need 10 × ${Number((1 - saving).toFixed(3))} = ${Number((10 * (1 - saving)).toFixed(2))}, rounded up to ${gpusFor10} whole GPUs`);
  return { t4Slot, t4Models, t4Share, migPacking: full.memoryUtilisation, detectorTies, detectorSlot, fp16Unplaced, saving: Number(saving.toFixed(3)), gpusFor10 };
}
