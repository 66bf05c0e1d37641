/**
 * The LLM serving calculator's form: fields, defaults, presets and the
 * result, computed by the formulas library from validated input only.
 */
import { checkFields, type Evaluation, type NumberSpec } from '../../lib/calculator/input';
import { KV_PRECISIONS, MODEL_SHAPE_FIELDS, WEIGHT_PRECISIONS, applyModel, matchingModel, modelShapeFields, modelShapeFrom } from '../../lib/calculator/modelShape';
import {
  GPU_PRESETS,
  MODEL_PRESETS,
  SERVING_ASSUMPTIONS,
  estimateLlmServing,
  formatCount,
  formatDecimal,
  formatDuration,
  formatGB,
  formatSignificant,
  formatUsd,
  type GpuPresetName,
  type GpuSpec,
} from '../../lib/formulas';

export const PREFIX = 'llm';

export const PRECISIONS = WEIGHT_PRECISIONS;
export { KV_PRECISIONS, applyModel, matchingModel };

export const NUMBER_FIELDS = {
  ...MODEL_SHAPE_FIELDS,
  memory: { label: 'GPU memory', unit: 'GB', min: 0, exclusiveMin: true, max: 1000 },
  bandwidth: { label: 'Memory bandwidth', unit: 'GB/s', min: 0, exclusiveMin: true, max: 100_000 },
  tflops: { label: 'Peak compute', unit: 'dense TFLOP/s', min: 0, exclusiveMin: true, max: 100_000 },
  batch: { label: 'Batch size', unit: 'sequences', min: 1, max: 4096, integer: true },
  prompt: { label: 'Prompt length', unit: 'tokens', min: 1, max: 2_000_000, integer: true },
  output: { label: 'Output length', unit: 'tokens', min: 1, max: 2_000_000, integer: true },
  price: { label: 'Price per GPU-hour', unit: 'US$', min: 0, max: 1000 },
  efficiency: { label: 'Bandwidth efficiency', unit: '%', min: 0, exclusiveMin: true, max: 100 },
  mfu: { label: 'Prefill MFU', unit: '%', min: 0, exclusiveMin: true, max: 100 },
  usable: { label: 'Usable memory', unit: '%', min: 0, exclusiveMin: true, max: 100 },
  overhead: { label: 'Runtime overhead', unit: 'GB', min: 0, max: 1000 },
} as const satisfies Record<string, NumberSpec>;
export type NumberKey = keyof typeof NUMBER_FIELDS;
export type Key = NumberKey | 'precision' | 'kv';
export type Raw = Record<Key, string>;

const GPU_FIELDS = ['memory', 'bandwidth', 'tflops'] as const;

function gpuFields(g: GpuSpec): Pick<Raw, (typeof GPU_FIELDS)[number]> {
  return { memory: String(g.memoryGB), bandwidth: String(g.bandwidthBytesPerSecond / 1e9), tflops: String(g.peakFlopsPerSecond / 1e12) };
}

export const GPU_NAMES = Object.keys(GPU_PRESETS) as GpuPresetName[];

/** Llama 3 8B on an H100: the cheat sheet's worked example. */
export const DEFAULTS: Raw = {
  ...modelShapeFields(MODEL_PRESETS['8B']),
  ...gpuFields(GPU_PRESETS.h100),
  precision: 'fp16',
  kv: 'fp16',
  batch: '32',
  prompt: '1024',
  output: '256',
  // Illustrative, not a quote: check your provider's price list.
  price: '3',
  efficiency: String(SERVING_ASSUMPTIONS.bandwidthEfficiency * 100),
  mfu: String(SERVING_ASSUMPTIONS.mfu * 100),
  usable: String(SERVING_ASSUMPTIONS.usableMemoryFraction * 100),
  overhead: String(SERVING_ASSUMPTIONS.overheadBytes / 1e9),
};

export const applyGpu = (name: GpuPresetName): Partial<Raw> => gpuFields(GPU_PRESETS[name]);

/** The GPU preset the fields match, or 'custom': the select shows what the numbers are. */
export function matchingGpu(raw: Raw): GpuPresetName | 'custom' {
  return GPU_NAMES.find((name) => GPU_FIELDS.every((f) => Number(raw[f]) === Number(gpuFields(GPU_PRESETS[name])[f]))) ?? 'custom';
}

export interface LlmResult {
  readonly weights: string;
  readonly step: string;
  readonly throughput: string;
  readonly perSequence: string;
  readonly ttft: string;
  readonly maxBatch: string;
  readonly fits: boolean;
  readonly cost: string;
  readonly intensity: string;
}

export function evaluate(raw: Raw): Evaluation<LlmResult, Key> {
  const { values, errors } = checkFields(raw, NUMBER_FIELDS);
  if (Object.keys(errors).length > 0) return { errors };
  // A link can carry any text; an unknown precision is refused rather than computed as FP16 under another label.
  if (!Object.hasOwn(PRECISIONS, raw.precision)) return { errors: {}, problem: `Unknown weight precision "${raw.precision}" in the link: choose one from the list.` };
  if (!Object.hasOwn(KV_PRECISIONS, raw.kv)) return { errors: {}, problem: `Unknown KV cache precision "${raw.kv}" in the link: choose one from the list.` };
  const v = values as Record<NumberKey, number>;
  const shape = modelShapeFrom(v);
  if ('errors' in shape) return shape;
  const e = estimateLlmServing({
    model: shape.model,
    gpu: { name: 'custom', memoryGB: v.memory, bandwidthBytesPerSecond: v.bandwidth * 1e9, peakFlopsPerSecond: v.tflops * 1e12 },
    batchSize: v.batch,
    promptTokens: v.prompt,
    outputTokens: v.output,
    pricePerGpuHour: v.price,
    weightBits: PRECISIONS[raw.precision as keyof typeof PRECISIONS].bits,
    kvBytesPerValue: KV_PRECISIONS[raw.kv as keyof typeof KV_PRECISIONS].bytes,
    bandwidthEfficiency: v.efficiency / 100,
    mfu: v.mfu / 100,
    usableMemoryFraction: v.usable / 100,
    overheadBytes: v.overhead * 1e9,
  });
  if (e.maxBatch === 0) {
    return {
      errors: {},
      problem: `The weights (${formatGB(e.weightsBytes / 1e9)}) and the runtime overhead leave no room for a KV cache in ${formatGB((v.memory * v.usable) / 100)} of usable memory: use fewer bits per weight, a larger GPU or shard the model.`,
    };
  }
  const bound = e.decodeIntensity < e.ridgePoint ? 'memory-bound' : 'compute-bound: the step takes longer than shown';
  return {
    errors: {},
    result: {
      weights: formatGB(e.weightsBytes / 1e9),
      step: formatDuration(e.decodeStepSeconds),
      throughput: `${formatSignificant(e.tokensPerSecond, 3)} tokens/s`,
      perSequence: `${formatSignificant(1 / e.decodeStepSeconds, 3)} tokens/s`,
      ttft: formatDuration(e.ttftSeconds),
      maxBatch: `${formatCount(e.maxBatch)} sequences`,
      fits: e.fits,
      cost: `${formatUsd(e.costPerMillionTokens)} per million output tokens`,
      intensity: `${formatDecimal(e.decodeIntensity, 1)} FLOP/byte, ridge ${formatCount(e.ridgePoint)}: ${bound}`,
    },
  };
}
