import type { ReactNode } from 'react';
import { ModelFields } from '../Calculator/ModelFields';
import { CalculatorForm, Fields, NumberField, Results, SelectField, ShareLink, useCalculatorState } from '../Calculator';
import { GPU_PRESETS, GPU_SPEC_SOURCE, type GpuPresetName } from '../../lib/formulas';
import { DEFAULTS, GPU_NAMES, KV_PRECISIONS, NUMBER_FIELDS, PRECISIONS, PREFIX, applyGpu, evaluate, matchingGpu, type NumberKey, type Raw } from './model';

/** Decode time per token, tokens/s per GPU, TTFT, the largest batch and the cost per million output tokens. */
export default function LlmServingCalculator({ anchor }: { readonly anchor?: string }): ReactNode {
  const [raw, update, search] = useCalculatorState<Raw>(PREFIX, DEFAULTS);
  const { errors, problem, result } = evaluate(raw);
  const number = (key: NumberKey, hint?: ReactNode) => (
    <NumberField name={key} spec={NUMBER_FIELDS[key]} value={raw[key]} error={errors[key]} hint={hint} onChange={(value) => update({ [key]: value } as Partial<Raw>)} />
  );
  const custom = { value: 'custom', label: 'Custom (edit the fields)' };
  return (
    <CalculatorForm label="LLM serving calculator" id={anchor}>
      <Fields>
        <ModelFields name="model" raw={raw} params={number('params')} precisions={PRECISIONS} kvPrecisions={KV_PRECISIONS} update={update} />
        {number('layers')}
        {number('hidden', 'd_model')}
        {number('heads')}
        {number('kvHeads', '= heads for MHA, fewer for GQA')}
        <SelectField
          name="gpu"
          label="GPU preset"
          value={matchingGpu(raw)}
          hint={`Peaks from the ${GPU_SPEC_SOURCE}`}
          options={[...GPU_NAMES.map((name) => ({ value: name, label: GPU_PRESETS[name].name })), custom]}
          onChange={(value) => value !== 'custom' && update(applyGpu(value as GpuPresetName))}
        />
        {number('memory')}
        {number('bandwidth')}
        {number('tflops', 'BF16/FP16 Tensor Core, without sparsity')}
        {number('batch', 'sequences decoding at once')}
        {number('prompt')}
        {number('output')}
        {number('price', 'illustrative: use your own price')}
        {number('efficiency', 'share of peak bandwidth a step achieves (rule of thumb 70)')}
        {number('mfu', 'share of peak FLOP/s prefill achieves (rule of thumb 50)')}
        {number('usable', 'share the server may allocate (assumed 90; vLLM’s default is 92 as of December 2026)')}
        {number('overhead', 'activations, CUDA context (rule of thumb 2)')}
      </Fields>
      <Results
        invalid={!result}
        problem={problem}
        lines={
          result && [
            { key: 'step', label: 'Decode step (time per output token)', value: result.step },
            { key: 'throughput', label: 'Output tokens per second per GPU', value: result.throughput, strong: true },
            { key: 'perSequence', label: 'Per sequence', value: result.perSequence },
            { key: 'ttft', label: 'Time to first token (prefill)', value: result.ttft },
            { key: 'maxBatch', label: 'Largest batch the KV cache allows', value: `${result.fits ? '✓' : '✗'} ${result.maxBatch}` },
            { key: 'cost', label: 'Cost', value: result.cost, strong: true },
            { key: 'weights', label: 'Weights', value: result.weights },
            { key: 'intensity', label: 'Decode arithmetic intensity', value: result.intensity },
          ]
        }
      />
      <ShareLink search={search} anchor={anchor} />
    </CalculatorForm>
  );
}
