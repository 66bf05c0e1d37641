/**
 * What the GPU memory and the LLM serving calculators both ask about the
 * model: its shape (parameters, layers, hidden size, heads, KV heads), the
 * precision of its weights and of its KV cache, and the presets that fill the
 * shape in. One definition, so the two forms accept the same input.
 */
import { MODEL_PRESETS, formatCount, type ModelShape, type PresetName } from '../formulas';
import type { NumberSpec } from './input';

export const MODEL_SHAPE_FIELDS = {
  params: { label: 'Parameters', unit: 'billion', min: 0, exclusiveMin: true, max: 10_000 },
  layers: { label: 'Layers', min: 1, max: 1000, integer: true },
  hidden: { label: 'Hidden size', unit: 'values', min: 1, max: 131_072, integer: true },
  heads: { label: 'Attention heads', min: 1, max: 1024, integer: true },
  kvHeads: { label: 'KV heads', min: 1, max: 1024, integer: true },
} as const satisfies Record<string, NumberSpec>;
export type ModelShapeKey = keyof typeof MODEL_SHAPE_FIELDS;
const SHAPE_KEYS = Object.keys(MODEL_SHAPE_FIELDS) as ModelShapeKey[];

/** Weight precisions a serving engine offers (the GPU memory calculator adds FP32). */
export const WEIGHT_PRECISIONS = {
  fp16: { label: 'FP16 / BF16 (2 bytes)', bits: 16 },
  int8: { label: 'INT8 / FP8 (1 byte)', bits: 8 },
  int4: { label: 'INT4 (0.5 bytes)', bits: 4 },
} as const;

export const KV_PRECISIONS = {
  fp16: { label: 'FP16 (2 bytes)', bytes: 2 },
  fp8: { label: 'FP8 (1 byte)', bytes: 1 },
} as const;

export const MODEL_NAMES = Object.keys(MODEL_PRESETS) as PresetName[];

/** A model's shape as the form's fields show it (parameters in billions). */
export function modelShapeFields(model: ModelShape): Record<ModelShapeKey, string> {
  return {
    params: String(model.parameters / 1e9),
    layers: String(model.layers),
    hidden: String(model.hiddenSize),
    heads: String(model.attentionHeads),
    kvHeads: String(model.kvHeads),
  };
}

/** The fields a model preset sets. */
export const applyModel = (name: PresetName): Record<ModelShapeKey, string> => modelShapeFields(MODEL_PRESETS[name]);

/** The preset the shape fields match, or 'custom': the select shows what the numbers are. */
export function matchingModel(raw: Readonly<Record<ModelShapeKey, string>>): PresetName | 'custom' {
  return MODEL_NAMES.find((name) => SHAPE_KEYS.every((f) => Number(raw[f]) === Number(applyModel(name)[f]))) ?? 'custom';
}

/**
 * The model the checked shape fields describe, or the field to fix: the
 * hidden size must split evenly across the heads, and the KV heads must
 * divide the attention heads (equal for MHA, fewer for GQA, 1 for MQA).
 */
export function modelShapeFrom(v: Readonly<Record<ModelShapeKey, number>>): { model: ModelShape } | { errors: Partial<Record<ModelShapeKey, string>> } {
  if (v.hidden % v.heads !== 0) return { errors: { hidden: `Hidden size ${formatCount(v.hidden)} is not divisible by ${v.heads} heads.` } };
  if (v.kvHeads > v.heads || v.heads % v.kvHeads !== 0) {
    return { errors: { kvHeads: `KV heads must divide the ${v.heads} attention heads (equal for MHA, fewer for GQA, 1 for MQA).` } };
  }
  return { model: { name: 'custom', parameters: v.params * 1e9, layers: v.layers, hiddenSize: v.hidden, attentionHeads: v.heads, kvHeads: v.kvHeads } };
}
