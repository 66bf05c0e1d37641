/**
 * The GPU memory calculator's form: fields, defaults, presets and the
 * result, computed by the formulas library from validated input only.
 */
import { checkFields, type Evaluation, type NumberSpec } from '../../lib/calculator/input';
import { KV_PRECISIONS, MODEL_SHAPE_FIELDS, WEIGHT_PRECISIONS, applyModel, matchingModel, modelShapeFields, modelShapeFrom } from '../../lib/calculator/modelShape';
import { GPU_MEMORY_GB, MODEL_PRESETS, estimateServingMemory, formatCount, formatGB } from '../../lib/formulas';

export const PREFIX = 'gpu';

export const PRECISIONS = {
  fp32: { label: 'FP32 (4 bytes)', bits: 32 },
  ...WEIGHT_PRECISIONS,
} as const;
export type Precision = keyof typeof PRECISIONS;

export { KV_PRECISIONS };
export type KvPrecision = keyof typeof KV_PRECISIONS;

export const NUMBER_FIELDS = {
  params: MODEL_SHAPE_FIELDS.params,
  batch: { label: 'Batch size', unit: 'sequences', min: 1, max: 4096, integer: true },
  seq: { label: 'Sequence length', unit: 'tokens', min: 1, max: 2_000_000, integer: true },
  layers: MODEL_SHAPE_FIELDS.layers,
  hidden: MODEL_SHAPE_FIELDS.hidden,
  heads: MODEL_SHAPE_FIELDS.heads,
  kvHeads: MODEL_SHAPE_FIELDS.kvHeads,
  overhead: { label: 'Overhead', unit: '%', min: 0, max: 200 },
} as const satisfies Record<string, NumberSpec>;
export type NumberKey = keyof typeof NUMBER_FIELDS;
export type Key = NumberKey | 'precision' | 'kv';
export type Raw = Record<Key, string>;

export const DEFAULTS: Raw = { ...modelShapeFields(MODEL_PRESETS['7B']), precision: 'fp16', kv: 'fp16', batch: '32', seq: '2048', overhead: '20' };
export const KEYS = Object.keys(DEFAULTS) as Key[];

export { applyModel, matchingModel };

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
  const shape = modelShapeFrom(v);
  if ('errors' in shape) return shape;
  const precision = PRECISIONS[choice(raw.precision, PRECISIONS, 'fp16')];
  const kv = KV_PRECISIONS[choice(raw.kv, KV_PRECISIONS, 'fp16')];
  const estimate = estimateServingMemory(shape.model, {
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
