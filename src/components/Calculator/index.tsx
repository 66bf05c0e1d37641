/**
 * Building blocks shared by the calculators: labelled fields with inline
 * messages, a live result region for screen readers, and a link to the
 * current scenario. The arithmetic lives in src/lib/formulas.
 */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import { useId } from 'react';
import type { NumberSpec } from '../../lib/calculator/input';
import styles from './styles.module.css';

export { useCalculatorState } from './useCalculatorState';

interface FieldProps {
  readonly name: string;
  readonly value: string;
  readonly error?: string;
  readonly hint?: ReactNode;
  readonly onChange: (value: string) => void;
}

function Message({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }): ReactNode {
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className={styles.error} data-error-for={id}>
          {error}
        </span>
      )}
    </>
  );
}

const describedBy = (id: string, error?: string, hint?: ReactNode): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A number typed as text, so what the reader typed stays on screen while it is being corrected. */
export function NumberField({ name, value, error, hint, onChange, spec }: FieldProps & { readonly spec: NumberSpec }): ReactNode {
  const id = `${useId()}-${name}`;
  return (
    <div className={clsx(styles.field, error && styles.invalid)}>
      <label htmlFor={id}>
        {spec.label}
        {spec.unit && <span className={styles.unit}> ({spec.unit})</span>}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      />
      <Message id={id} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  value,
  options,
  onChange,
  hint,
}: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onChange: (value: string) => void;
  readonly hint?: ReactNode;
}): ReactNode {
  const id = `${useId()}-${name}`;
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} aria-describedby={describedBy(id, undefined, hint)} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Message id={id} hint={hint} />
    </div>
  );
}

export function TextAreaField({ name, label, value, error, hint, onChange }: FieldProps & { readonly label: string }): ReactNode {
  const id = `${useId()}-${name}`;
  return (
    <div className={clsx(styles.field, styles.wide, error && styles.invalid)}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={3}
        spellCheck={false}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      />
      <Message id={id} error={error} hint={hint} />
    </div>
  );
}

/** One NumberField for each entry of a calculator's field table, in the table's order. */
export function NumberFields<K extends string>({
  specs,
  values,
  errors,
  hints,
  onChange,
}: {
  readonly specs: Readonly<Record<K, NumberSpec>>;
  readonly values: Readonly<Record<K, string>>;
  readonly errors: Readonly<Partial<Record<K, string>>>;
  readonly hints?: Readonly<Partial<Record<K, ReactNode>>>;
  readonly onChange: (key: K, value: string) => void;
}): ReactNode {
  return (Object.keys(specs) as K[]).map((key) => (
    <NumberField key={key} name={key} spec={specs[key]} value={values[key]} error={errors[key]} hint={hints?.[key]} onChange={(value) => onChange(key, value)} />
  ));
}

export function Fields({ children }: { readonly children: ReactNode }): ReactNode {
  return <div className={styles.fields}>{children}</div>;
}

export interface ResultLine {
  readonly key: string;
  readonly label: ReactNode;
  readonly value: ReactNode;
  readonly strong?: boolean;
}

/**
 * The result, announced politely by screen readers when it changes. While any
 * input is invalid it says so instead of showing numbers.
 */
export function Results({
  lines,
  invalid,
  problem,
  children,
}: {
  readonly lines?: readonly ResultLine[];
  readonly invalid?: boolean;
  readonly problem?: string;
  readonly children?: ReactNode;
}): ReactNode {
  return (
    <div className={styles.results} role="status" aria-live="polite" aria-atomic="true">
      {problem ? (
        <p className={styles.error} data-result="problem">
          {problem}
        </p>
      ) : invalid || !lines ? (
        <p className={styles.pending} data-result="invalid">
          Correct the marked input to see the result.
        </p>
      ) : (
        <dl>
          {lines.map((line) => (
            <div key={line.key} className={clsx(line.strong && styles.strong)}>
              <dt>{line.label}</dt>
              <dd data-result={line.key}>{line.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {children}
    </div>
  );
}

/** A link to this page with the calculator's current values, for a wiki or a chat. */
export function ShareLink({ search, anchor }: { readonly search: string; readonly anchor?: string }): ReactNode {
  return (
    <p className={styles.share}>
      <a href={`${search || '?'}${anchor ? `#${anchor}` : ''}`} data-share-link>
        Link to this scenario
      </a>{' '}
      <span className={styles.hint}>(the address bar holds it too)</span>
    </p>
  );
}

/** The calculator's frame: a form that never submits, named for assistive technology. */
export function CalculatorForm({ label, id, children }: { readonly label: string; readonly id?: string; readonly children: ReactNode }): ReactNode {
  return (
    <form id={id} className={clsx(styles.calculator, 'handbook-calculator')} aria-label={label} onSubmit={(event) => event.preventDefault()} noValidate>
      {children}
    </form>
  );
}
