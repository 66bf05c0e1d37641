/**
 * The GPU memory calculator's form: fields, defaults, presets and the
 * result, computed by the formulas library from validated input only.
 */
import { checkFields, type Evaluation, type NumberSpec } from '../../lib/calculator/input';
import { GPU_MEMORY_GB, MODEL_PRESETS, estimateServingMemory, formatCount, formatGB, type ModelShape, type PresetName } from '../../lib/formulas';

export const PREFIX = 'gpu';

export const PRECISIONS = {
  fp32: { label: 'FP32 (4 bytes)', bits: 32 },
  fp16: { label: 'FP16 / BF16 (2 bytes)', bits: 16 },
  int8: { label: 'INT8 / FP8 (1 byte)', bits: 8 },
  int4: { label: 'INT4 (0.5 bytes)', bits: 4 },
} as const;
export type Precision = keyof typeof PRECISIONS;

export const KV_PRECISIONS = {
  fp16: { label: 'FP16 (2 bytes)', bytes: 2 },
  fp8: { label: 'FP8 (1 byte)', bytes: 1 },
} as const;
export type KvPrecision = keyof typeof KV_PRECISIONS;

export const NUMBER_FIELDS = {
  params: { label: 'Parameters', unit: 'billion', min: 0, exclusiveMin: true, max: 10_000 },
  batch: { label: 'Batch size', unit: 'sequences', min: 1, max: 4096, integer: true },
  seq: { label: 'Sequence length', unit: 'tokens', min: 1, max: 2_000_000, integer: true },
  layers: { label: 'Layers', min: 1, max: 1000, integer: true },
  hidden: { label: 'Hidden size', unit: 'values', min: 1, max: 131_072, integer: true },
  heads: { label: 'Attention heads', min: 1, max: 1024, integer: true },
  kvHeads: { label: 'KV heads', min: 1, max: 1024, integer: true },
  overhead: { label: 'Overhead', unit: '%', min: 0, max: 200 },
} as const satisfies Record<string, NumberSpec>;
export type NumberKey = keyof typeof NUMBER_FIELDS;
export type Key = NumberKey | 'precision' | 'kv';
export type Raw = Record<Key, string>;

function shapeFields(preset: ModelShape): Pick<Raw, 'params' | 'layers' | 'hidden' | 'heads' | 'kvHeads'> {
  return {
    params: String(preset.parameters / 1e9),
    layers: String(preset.layers),
    hidden: String(preset.hiddenSize),
    heads: String(preset.attentionHeads),
    kvHeads: String(preset.kvHeads),
  };
}

export const DEFAULTS: Raw = { ...shapeFields(MODEL_PRESETS['7B']), precision: 'fp16', kv: 'fp16', batch: '32', seq: '2048', overhead: '20' };
export const KEYS = Object.keys(DEFAULTS) as Key[];

export const PRESET_NAMES = Object.keys(MODEL_PRESETS) as PresetName[];

/** The fields a preset sets. */
export function applyPreset(name: PresetName): Partial<Raw> {
  return shapeFields(MODEL_PRESETS[name]);
}

/** The preset the model fields match, or 'custom': the select shows what the numbers are. */
export function matchingPreset(raw: Raw): PresetName | 'custom' {
  const fields = ['params', 'layers', 'hidden', 'heads', 'kvHeads'] as const;
  return PRESET_NAMES.find((name) => fields.every((f) => Number(raw[f]) === Number(shapeFields(MODEL_PRESETS[name])[f]))) ?? 'custom';
}

export interface GpuResult {
  readonly weights: string;
  readonly kvCache: string;
  readonly overhead: string;
  readonly total: string;
  readonly perToken: string;
  readonly attention: string;
  readonly fits: readonly { readonly memoryGB: number; readonly fitsOnOne: boolean; readonly text: string }[];
}

const choice = <T extends string>(value: string, options: Record<T, unknown>, fallback: T): T => (value in options ? (value as T) : fallback);

export function evaluate(raw: Raw): Evaluation<GpuResult, Key> {
  const { values, errors } = checkFields(raw, NUMBER_FIELDS);
  if (Object.keys(errors).length > 0) return { errors };
  const v = values as Record<NumberKey, number>;
  if (v.hidden % v.heads !== 0) return { errors: { hidden: `Hidden size ${formatCount(v.hidden)} is not divisible by ${v.heads} heads.` } };
  if (v.kvHeads > v.heads || v.heads % v.kvHeads !== 0) {
    return { errors: { kvHeads: `KV heads must divide the ${v.heads} attention heads (equal for MHA, fewer for GQA, 1 for MQA).` } };
  }
  const precision = PRECISIONS[choice(raw.precision, PRECISIONS, 'fp16')];
  const kv = KV_PRECISIONS[choice(raw.kv, KV_PRECISIONS, 'fp16')];
  const model: ModelShape = { name: 'custom', parameters: v.params * 1e9, layers: v.layers, hiddenSize: v.hidden, attentionHeads: v.heads, kvHeads: v.kvHeads };
  const estimate = estimateServingMemory(model, {
    batchSize: v.batch,
    sequenceLength: v.seq,
    weightBits: precision.bits,
    kvBytesPerValue: kv.bytes,
    overheadFraction: v.overhead / 100,
  });
  return {
    errors: {},
    result: {
      weights: formatGB(estimate.weightsGB),
      kvCache: formatGB(estimate.kvCacheGB),
      overhead: formatGB(estimate.overheadBytes / 1e9),
      total: formatGB(estimate.totalGB),
      perToken: `${formatCount(estimate.kvBytesPerToken / 1024)} KiB per token`,
      attention:
        v.kvHeads === v.heads
          ? 'multi-head attention (MHA)'
          : v.kvHeads === 1
            ? 'multi-query attention (MQA)'
            : `grouped-query attention (GQA, ${v.heads / v.kvHeads} query heads per KV head)`,
      fits: estimate.fits.map((fit) => ({
        memoryGB: fit.memoryGB,
        fitsOnOne: fit.fitsOnOne,
        text: fit.fitsOnOne ? 'fits on one GPU' : `needs at least ${formatCount(fit.minGpus)} GPUs`,
      })),
    },
  };
}

export { GPU_MEMORY_GB };

/** Common cards of each memory size, to name them in the result. */
export const GPU_NAMES: Record<number, string> = { 24: 'L4, A10G', 40: 'A100 40GB', 48: 'L40S', 80: 'A100 / H100 80GB' };
