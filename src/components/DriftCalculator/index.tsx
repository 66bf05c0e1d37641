import type { ReactNode } from 'react';
import { CalculatorForm, Fields, Results, ShareLink, TextAreaField, useCalculatorState } from '../Calculator';
import { DEFAULTS, PREFIX, evaluate, type Raw } from './model';

const HINT = 'Counts or percentages per bin, separated by commas, spaces or new lines; paste a spreadsheet column.';

/** PSI, KL and Jensen-Shannon between two histograms, with the PSI bands. */
export default function DriftCalculator({ anchor }: { readonly anchor?: string }): ReactNode {
  const [raw, update, search] = useCalculatorState<Raw>(PREFIX, DEFAULTS);
  const { errors, problem, result } = evaluate(raw);
  return (
    <CalculatorForm label="Drift calculator" id={anchor}>
      <Fields>
        <TextAreaField name="ref" label="Reference histogram (training or last stable window)" value={raw.ref} error={errors.ref} hint={HINT} onChange={(ref) => update({ ref })} />
        <TextAreaField name="cur" label="Current histogram (recent production window)" value={raw.cur} error={errors.cur} onChange={(cur) => update({ cur })} />
      </Fields>
      <Results
        invalid={!result}
        problem={problem}
        lines={
          result && [
            { key: 'psi', label: 'PSI', value: result.psi, strong: true },
            { key: 'band', label: 'PSI band', value: result.bandText },
            { key: 'kl', label: 'KL(current ‖ reference)', value: result.kl },
            { key: 'js', label: 'Jensen-Shannon', value: result.js },
          ]
        }
      />
      <ShareLink search={search} anchor={anchor} />
    </CalculatorForm>
  );
}
