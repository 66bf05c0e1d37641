import type { ReactNode } from 'react';
import { CalculatorForm, Fields, NumberField, Results, SelectField, ShareLink, useCalculatorState } from '../Calculator';
import { MODEL_PRESETS } from '../../lib/formulas';
import { DEFAULTS, GPU_NAMES, KV_PRECISIONS, NUMBER_FIELDS, PRECISIONS, MODEL_NAMES, PREFIX, applyModel, evaluate, matchingModel, type NumberKey, type Raw } from './model';

/** GPU memory to serve a transformer: weights, KV cache, overhead, and which cards it fits. */
export default function GpuMemoryCalculator({ anchor }: { readonly anchor?: string }): ReactNode {
  const [raw, update, search] = useCalculatorState<Raw>(PREFIX, DEFAULTS);
  const { errors, result } = evaluate(raw);
  const preset = matchingModel(raw);
  const number = (key: NumberKey, hint?: ReactNode) => (
    <NumberField name={key} spec={NUMBER_FIELDS[key]} value={raw[key]} error={errors[key]} hint={hint} onChange={(value) => update({ [key]: value } as Partial<Raw>)} />
  );
  return (
    <CalculatorForm label="GPU memory calculator" id={anchor}>
      <Fields>
        <SelectField
          name="preset"
          label="Model preset"
          value={preset}
          options={[...MODEL_NAMES.map((name) => ({ value: name, label: MODEL_PRESETS[name].name })), { value: 'custom', label: 'Custom (edit the fields)' }]}
          onChange={(value) => value !== 'custom' && update(applyModel(value as keyof typeof MODEL_PRESETS))}
        />
        {number('params')}
        <SelectField
          name="precision"
          label="Weight precision"
          value={raw.precision}
          options={Object.entries(PRECISIONS).map(([value, p]) => ({ value, label: p.label }))}
          onChange={(value) => update({ precision: value })}
        />
        <SelectField
          name="kv"
          label="KV cache precision"
          value={raw.kv}
          options={Object.entries(KV_PRECISIONS).map(([value, p]) => ({ value, label: p.label }))}
          onChange={(value) => update({ kv: value })}
        />
        {number('batch', 'sequences resident at once')}
        {number('seq', 'prompt plus generated tokens')}
        {number('layers')}
        {number('hidden', 'd_model')}
        {number('heads')}
        {number('kvHeads', '= heads for MHA, fewer for GQA')}
        {number('overhead', 'activations, CUDA context, fragmentation')}
      </Fields>
      <Results
        invalid={!result}
        lines={
          result && [
            { key: 'weights', label: 'Weights', value: result.weights },
            { key: 'kvCache', label: 'KV cache', value: result.kvCache },
            { key: 'overhead', label: 'Overhead', value: result.overhead },
            { key: 'total', label: 'Total', value: result.total, strong: true },
            { key: 'perToken', label: 'KV cache per token', value: result.perToken },
            { key: 'attention', label: 'Attention', value: result.attention },
            ...result.fits.map((fit) => ({
              key: `fit${fit.memoryGB}`,
              label: `${fit.memoryGB} GB card (${GPU_NAMES[fit.memoryGB] ?? 'GPU'})`,
              value: `${fit.fitsOnOne ? '✓' : '✗'} ${fit.text}`,
            })),
          ]
        }
      />
      <ShareLink search={search} anchor={anchor} />
    </CalculatorForm>
  );
}
