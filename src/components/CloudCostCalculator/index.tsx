import type { ReactNode } from 'react';
import { CalculatorForm, Fields, NumberFields, Results, ShareLink, useCalculatorState } from '../Calculator';
import { ILLUSTRATIVE_PRICES, formatUsd, formatUsdRange } from '../../lib/formulas';
import { DEFAULTS, NUMBER_FIELDS, PREFIX, evaluate, type Key, type Raw } from './model';

const HINTS: Partial<Record<Key, string>> = {
  gpuHours: '730 h is a whole month',
  gpuPrice: `illustrative: on demand ${formatUsdRange(ILLUSTRATIVE_PRICES.gpuOnDemandPerHour)}, spot ${formatUsdRange(ILLUSTRATIVE_PRICES.gpuSpotPerHour)}`,
  vcpuPrice: `illustrative: ${formatUsdRange(ILLUSTRATIVE_PRICES.vcpuPerHour)}`,
  storagePrice: `illustrative object storage: ${formatUsd(ILLUSTRATIVE_PRICES.storagePerGbMonth)}`,
  egressPrice: `illustrative internet egress: ${formatUsd(ILLUSTRATIVE_PRICES.egressPerGb)}`,
};

/** Monthly cloud cost from GPU and CPU hours, storage and egress, and the cost per request. */
export default function CloudCostCalculator({ anchor }: { readonly anchor?: string }): ReactNode {
  const [raw, update, search] = useCalculatorState<Raw>(PREFIX, DEFAULTS);
  const { errors, result } = evaluate(raw);
  return (
    <CalculatorForm label="Cloud cost calculator" id={anchor}>
      <Fields>
        <NumberFields specs={NUMBER_FIELDS} values={raw} errors={errors} hints={HINTS} onChange={(key, value) => update({ [key]: value } as Partial<Raw>)} />
      </Fields>
      <Results
        invalid={!result}
        lines={
          result && [
            { key: 'total', label: 'Total', value: result.total, strong: true },
            { key: 'perRequest', label: 'Per request', value: result.perRequest },
            { key: 'perMillion', label: 'Per million requests', value: result.perMillion },
            { key: 'gpu', label: 'GPU', value: result.gpu },
            { key: 'cpu', label: 'CPU', value: result.cpu },
            { key: 'storage', label: 'Storage', value: result.storage },
            { key: 'egress', label: 'Egress', value: result.egress },
          ]
        }
      />
      <ShareLink search={search} anchor={anchor} />
    </CalculatorForm>
  );
}
