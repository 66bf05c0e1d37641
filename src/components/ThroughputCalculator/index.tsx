import type { ReactNode } from 'react';
import { CalculatorForm, Fields, NumberFields, Results, ShareLink, useCalculatorState } from '../Calculator';
import { DEFAULTS, NUMBER_FIELDS, PREFIX, evaluate, type Key, type Raw } from './model';

const HINTS: Partial<Record<Key, string>> = {
  latency: 'service time of one request',
  overhead: 'network, serialisation, scheduling',
  concurrency: 'requests one replica serves at once',
  utilisation: 'headroom for spikes and failures',
};

/** Throughput and concurrency: Little's law and the replicas a target load needs. */
export default function ThroughputCalculator({ anchor }: { readonly anchor?: string }): ReactNode {
  const [raw, update, search] = useCalculatorState<Raw>(PREFIX, DEFAULTS);
  const { errors, result } = evaluate(raw);
  return (
    <CalculatorForm label="Throughput and concurrency calculator" id={anchor}>
      <Fields>
        <NumberFields specs={NUMBER_FIELDS} values={raw} errors={errors} hints={HINTS} onChange={(key, value) => update({ [key]: value } as Partial<Raw>)} />
      </Fields>
      <Results
        invalid={!result}
        lines={
          result && [
            { key: 'replicas', label: 'Replicas needed', value: result.replicas, strong: true },
            { key: 'perReplica', label: 'Throughput per replica', value: result.perReplica },
            { key: 'singleThread', label: 'Ceiling of one slot', value: result.singleThread },
            { key: 'inFlight', label: "In flight (Little's law)", value: result.inFlight },
            { key: 'inFlightPerReplica', label: 'In flight per replica', value: result.inFlightPerReplica },
          ]
        }
      />
      <ShareLink search={search} anchor={anchor} />
    </CalculatorForm>
  );
}
