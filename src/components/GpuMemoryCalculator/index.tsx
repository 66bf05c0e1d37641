import type { ReactNode } from 'react';
import { ModelFields } from '../Calculator/ModelFields';
import { CalculatorForm, Fields, NumberField, Results, ShareLink, useCalculatorState } from '../Calculator';
import { DEFAULTS, GPU_NAMES, KV_PRECISIONS, NUMBER_FIELDS, PRECISIONS, PREFIX, evaluate, type NumberKey, type Raw } from './model';

/** GPU memory to serve a transformer: weights, KV cache, overhead, and which cards it fits. */
export default function GpuMemoryCalculator({ anchor }: { readonly anchor?: string }): ReactNode {
  const [raw, update, search] = useCalculatorState<Raw>(PREFIX, DEFAULTS);
  const { errors, result } = evaluate(raw);
  const number = (key: NumberKey, hint?: ReactNode) => (
    <NumberField name={key} spec={NUMBER_FIELDS[key]} value={raw[key]} error={errors[key]} hint={hint} onChange={(value) => update({ [key]: value } as Partial<Raw>)} />
  );
  return (
    <CalculatorForm label="GPU memory calculator" id={anchor}>
      <Fields>
        <ModelFields name="preset" raw={raw} params={number('params')} precisions={PRECISIONS} kvPrecisions={KV_PRECISIONS} update={update} />
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
