import type { ReactNode } from 'react';
import { matchingModel, MODEL_NAMES, applyModel, type ModelShapeKey } from '../../lib/calculator/modelShape';
import { MODEL_PRESETS, type PresetName } from '../../lib/formulas';
import { SelectField } from '.';

type Fields = Record<ModelShapeKey | 'precision' | 'kv', string>;

/**
 * The model part both the GPU memory and LLM serving calculators open with:
 * a preset select (showing "Custom" once a shape field is edited), the
 * parameter count, and the weight and KV cache precisions.
 */
export function ModelFields({
  name,
  raw,
  params,
  precisions,
  kvPrecisions,
  update,
}: {
  /** The preset select's form name. */
  readonly name: string;
  readonly raw: Fields;
  /** The parameter-count field, rendered by the calculator with its own error. */
  readonly params: ReactNode;
  readonly precisions: Readonly<Record<string, { readonly label: string }>>;
  readonly kvPrecisions: Readonly<Record<string, { readonly label: string }>>;
  readonly update: (patch: Partial<Fields>) => void;
}): ReactNode {
  return (
    <>
      <SelectField
        name={name}
        label="Model preset"
        value={matchingModel(raw)}
        options={[...MODEL_NAMES.map((preset) => ({ value: preset, label: MODEL_PRESETS[preset].name })), { value: 'custom', label: 'Custom (edit the fields)' }]}
        onChange={(value) => value !== 'custom' && update(applyModel(value as PresetName))}
      />
      {params}
      <SelectField
        name="precision"
        label="Weight precision"
        value={raw.precision}
        options={Object.entries(precisions).map(([value, p]) => ({ value, label: p.label }))}
        onChange={(value) => update({ precision: value })}
      />
      <SelectField
        name="kv"
        label="KV cache precision"
        value={raw.kv}
        options={Object.entries(kvPrecisions).map(([value, p]) => ({ value, label: p.label }))}
        onChange={(value) => update({ kv: value })}
      />
    </>
  );
}
