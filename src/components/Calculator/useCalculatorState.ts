import { useCallback, useEffect, useState } from 'react';
import { readState, writeState } from '../../lib/calculator/urlState';

/**
 * A calculator's raw field values, loaded from the page URL after hydration
 * (the server-rendered page shows the defaults, so hydration matches) and
 * written back with replaceState on every change, so the address bar always
 * holds a shareable link to the scenario without adding history entries.
 */
export function useCalculatorState<R extends Record<string, string>>(prefix: string, defaults: R): [R, (changes: Partial<R>) => void, string] {
  const [state, setState] = useState<R>(defaults);
  const [edited, setEdited] = useState(false);

  useEffect(() => {
    const fromUrl = readState(window.location.search, prefix, Object.keys(defaults));
    // The URL exists only in the browser, so it is read after hydration, as a second render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (Object.keys(fromUrl).length > 0) setState((current) => ({ ...current, ...fromUrl }));
    // Read once, on mount: later changes come from the form itself, so `defaults` is not a dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prefix]);

  useEffect(() => {
    if (!edited) return;
    const search = writeState(window.location.search, prefix, state);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [edited, prefix, state]);

  const update = useCallback((changes: Partial<R>) => {
    setEdited(true);
    setState((current) => ({ ...current, ...changes }));
  }, []);

  return [state, update, writeState('', prefix, state)];
}
