/**
 * Demo: will it fit? Serving memory for the common presets at batch 16 and
 * 4,096 tokens per sequence, in FP16 and with 4-bit weights, and the largest
 * batch an 80 GB card holds. Grouped-query attention (8B, 70B) shrinks the
 * KV cache by the ratio of query heads to KV heads.
 */
import { estimateServingMemory, maxBatchSize, MODEL_PRESETS, type PresetName } from './gpuMemory';

export function demo(): Record<string, { fp16GB: number; int4GB: number; maxBatchOn80GB: number }> {
  const workload = { batchSize: 16, sequenceLength: 4_096 };
  const result: Record<string, { fp16GB: number; int4GB: number; maxBatchOn80GB: number }> = {};
  for (const name of Object.keys(MODEL_PRESETS) as PresetName[]) {
    const model = MODEL_PRESETS[name];
    const fp16 = estimateServingMemory(model, workload);
    const int4 = estimateServingMemory(model, { ...workload, weightBits: 4 });
    const smallest = fp16.fits.find((f) => f.fitsOnOne);
    const on80 = fp16.fits.find((f) => f.memoryGB === 80);
    const maxBatch = maxBatchSize(model, 80, { sequenceLength: workload.sequenceLength });
    console.log(`${model.name}: ${fp16.weightsGB.toFixed(1)} GB weights + ${fp16.kvCacheGB.toFixed(1)} GB KV cache + 20% = ${fp16.totalGB.toFixed(1)} GB in FP16`);
    console.log(
      `  ${smallest ? `fits one ${smallest.memoryGB} GB card` : `needs ${on80?.minGpus} x 80 GB cards`}; ${int4.totalGB.toFixed(1)} GB with 4-bit weights; largest batch on one 80 GB card: ${maxBatch}`,
    );
    result[name] = { fp16GB: Number(fp16.totalGB.toFixed(1)), int4GB: Number(int4.totalGB.toFixed(1)), maxBatchOn80GB: maxBatch };
  }
  return result;
}
