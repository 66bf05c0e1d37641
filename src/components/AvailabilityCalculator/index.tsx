import type { ReactNode } from 'react';
import { CalculatorForm, Fields, NumberField, Results, ShareLink, useCalculatorState, type ResultLine } from '../Calculator';
import { AVAILABILITY_FIELD, COPIES_FIELD, DEFAULTS, MAX_ROWS, MTBF_FIELDS, PREFIX, evaluate, rowCount, type Budget, type Raw } from './model';
import styles from './styles.module.css';

const budgetLines = (prefix: string, budget: Budget): ResultLine[] => [
  { key: `${prefix}Availability`, label: 'Availability', value: budget.availability, strong: true },
  { key: `${prefix}Nines`, label: 'Nines', value: budget.nines },
  { key: `${prefix}PerYear`, label: 'Downtime', value: budget.perYear },
  { key: `${prefix}PerMonth`, label: 'Downtime (30-day month)', value: budget.perMonth },
];

/** Availability of components in series, each with redundant copies, and from MTBF and MTTR. */
export default function AvailabilityCalculator({ anchor }: { readonly anchor?: string }): ReactNode {
  const [raw, update, search] = useCalculatorState<Raw>(PREFIX, DEFAULTS);
  const { errors, result } = evaluate(raw);
  const rows = rowCount(raw);
  return (
    <CalculatorForm label="Availability calculator" id={anchor}>
      <fieldset className={styles.group}>
        <legend>Components in series (every one must work)</legend>
        {Array.from({ length: rows }, (_, index) => {
          const i = index + 1;
          return (
            <Fields key={i}>
              <NumberField
                name={`a${i}`}
                spec={{ ...AVAILABILITY_FIELD, label: `Component ${i} availability` }}
                value={raw[`a${i}`] ?? ''}
                error={errors[`a${i}`]}
                onChange={(value) => update({ [`a${i}`]: value })}
              />
              <NumberField
                name={`n${i}`}
                spec={{ ...COPIES_FIELD, label: `Component ${i} copies in parallel` }}
                value={raw[`n${i}`] ?? ''}
                error={errors[`n${i}`]}
                hint={result?.groups[index] && Number(raw[`n${i}`]) > 1 ? `together: ${result.groups[index]}` : 'any one copy suffices'}
                onChange={(value) => update({ [`n${i}`]: value })}
              />
            </Fields>
          );
        })}
        <div className={styles.buttons}>
          <button type="button" className="button button--sm button--secondary" disabled={rows >= MAX_ROWS} onClick={() => update({ rows: String(rows + 1) })}>
            Add a component
          </button>
          <button type="button" className="button button--sm button--secondary" disabled={rows <= 1} onClick={() => update({ rows: String(rows - 1) })}>
            Remove the last component
          </button>
        </div>
      </fieldset>
      <Results invalid={!result?.composition} lines={result?.composition && budgetLines('series', result.composition)} />
      <fieldset className={styles.group}>
        <legend>From MTBF and MTTR</legend>
        <Fields>
          <NumberField name="mtbf" spec={MTBF_FIELDS.mtbf} value={raw.mtbf ?? ''} error={errors.mtbf} hint="mean time between failures" onChange={(mtbf) => update({ mtbf })} />
          <NumberField name="mttr" spec={MTBF_FIELDS.mttr} value={raw.mttr ?? ''} error={errors.mttr} hint="mean time to recover" onChange={(mttr) => update({ mttr })} />
        </Fields>
      </fieldset>
      <Results invalid={!result?.fromMtbf} lines={result?.fromMtbf && budgetLines('mtbf', result.fromMtbf)} />
      <ShareLink search={search} anchor={anchor} />
    </CalculatorForm>
  );
}
