/**
 * A calculator's state in the page's query string, so a scenario can be
 * shared as a link. Each calculator owns the keys under its prefix
 * (`gpu.batch=32`), so several calculators can share one page, and other
 * parameters of the URL are left alone.
 */

export const keyFor = (prefix: string, key: string): string => `${prefix}.${key}`;

/** Longest value read back from a URL: a guard against pasted garbage. */
export const MAX_VALUE_LENGTH = 2000;

/** The calculator's values present in a query string ("?a=1&gpu.batch=8"); unknown keys are ignored. */
export function readState<K extends string>(search: string, prefix: string, keys: readonly K[]): Partial<Record<K, string>> {
  const params = new URLSearchParams(search);
  const found: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = params.get(keyFor(prefix, key));
    if (value !== null && value.length <= MAX_VALUE_LENGTH) found[key] = value;
  }
  return found;
}

/** True when the query string carries any value of this calculator. */
export function hasState(search: string, prefix: string): boolean {
  return [...new URLSearchParams(search).keys()].some((k) => k.startsWith(`${prefix}.`));
}

/** The query string with this calculator's values replaced by `state`; other parameters keep their place. */
export function writeState(search: string, prefix: string, state: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(`${prefix}.`)) params.delete(key);
  for (const [key, value] of Object.entries(state)) params.set(keyFor(prefix, key), value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
