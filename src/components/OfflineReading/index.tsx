/**
 * "Read offline" in the footer: registers the service worker that
 * @docusaurus/plugin-pwa builds, shows how far it has saved the site, and
 * turns it off again (unregisters it and deletes its copy). A reader who
 * installs the handbook as an app gets offline reading without pressing it.
 * Loaded after the page has painted (src/theme/Footer/Copyright), in
 * production builds only.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { OFFLINE_SUMMARY_FILE, type OfflineSummary } from '@site/src/offline/precache';
import { buttonLabel, isPrecacheFor, percentSaved, serviceWorkerUrl, statusText, type OfflineState } from '@site/src/offline/status';
import styles from './styles.module.css';

/** Where the control keeps what it saved (for the "134 pages" once offline, when offline.json cannot be fetched). */
const SUMMARY_KEY = 'handbook.offline.summary';
const POLL_MS = 500;

function storedSummary(): OfflineSummary | undefined {
  try {
    const value = localStorage.getItem(SUMMARY_KEY);
    return value ? (JSON.parse(value) as OfflineSummary) : undefined;
  } catch {
    return undefined;
  }
}

async function precachedFiles(scope: string): Promise<number> {
  const name = (await caches.keys()).find((n) => isPrecacheFor(n, scope));
  return name ? (await (await caches.open(name)).keys()).length : 0;
}

function isOurWorker(worker: ServiceWorker | null | undefined): boolean {
  return !!worker && new URL(worker.scriptURL).pathname.endsWith('/sw.js');
}

export default function OfflineReading(): ReactNode {
  const baseUrl = useBaseUrl('/');
  const [state, setState] = useState<OfflineState>({ kind: 'checking' });
  // Bumped on every turn on or off, so a watch from an earlier press stops reporting.
  const generation = useRef(0);

  /** Follows the worker's install (the precaching) until it is active, reporting files saved. */
  const watch = useCallback(async (registration: ServiceWorkerRegistration, summary: OfflineSummary | undefined, run: number) => {
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    while (worker && generation.current === run) {
      if (worker.state === 'activated') {
        setState({ kind: 'ready', summary });
        return;
      }
      if (worker.state === 'redundant') {
        setState({ kind: 'error', message: 'the browser stopped saving (is the device short of space?).' });
        return;
      }
      const saved = await precachedFiles(registration.scope);
      if (generation.current !== run) return;
      setState({ kind: 'saving', saved, summary });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }, []);

  const turnOn = useCallback(async () => {
    const run = ++generation.current;
    setState({ kind: 'saving', saved: 0 });
    try {
      const summary = await fetch(`${baseUrl}${OFFLINE_SUMMARY_FILE}`)
        .then((r) => (r.ok ? (r.json() as Promise<OfflineSummary>) : undefined))
        .catch(() => undefined);
      if (summary) localStorage.setItem(SUMMARY_KEY, JSON.stringify(summary));
      // Ask the browser not to evict the copy under storage pressure; it may say no, and the copy still works.
      void navigator.storage?.persist?.().catch(() => false);
      const registration = await navigator.serviceWorker.register(serviceWorkerUrl(baseUrl), { scope: baseUrl });
      await watch(registration, summary, run);
    } catch (error) {
      if (generation.current === run) setState({ kind: 'error', message: `${(error as Error).message}.` });
    }
  }, [baseUrl, watch]);

  const turnOff = useCallback(async () => {
    ++generation.current;
    const registration = await navigator.serviceWorker.getRegistration(baseUrl);
    const scope = registration?.scope ?? new URL(baseUrl, location.href).href;
    await registration?.unregister();
    await Promise.all((await caches.keys()).filter((n) => isPrecacheFor(n, scope)).map((n) => caches.delete(n)));
    localStorage.removeItem(SUMMARY_KEY);
    setState({ kind: 'off' });
    // A removed worker that answers this tab goes on doing so until the tab leaves the page, now from a deleted
    // copy: the scripts a later page needs would fail to load. Loaded again, the page is the network's.
    if (navigator.serviceWorker.controller) window.location.reload();
  }, [baseUrl]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const registration = await navigator.serviceWorker.getRegistration(baseUrl);
      if (cancelled) return;
      const worker = registration?.active ?? registration?.installing ?? registration?.waiting;
      if (registration && isOurWorker(worker)) {
        // An update to a later build installs quietly behind the active worker: the site stays available.
        if (registration.active) setState({ kind: 'ready', summary: storedSummary() });
        else await watch(registration, storedSummary(), generation.current);
      } else if (window.matchMedia('(display-mode: standalone)').matches) {
        // Opened as an installed app: reading offline is what an app is for.
        await turnOn();
      } else {
        setState({ kind: 'off' });
      }
    })();
    const onInstalled = (): void => void turnOn();
    window.addEventListener('appinstalled', onInstalled);
    return () => {
      cancelled = true;
      // Stops a watch still polling; the worker goes on saving, and the next page's control picks it up.
      generation.current += 1;
      window.removeEventListener('appinstalled', onInstalled);
    };
  }, [baseUrl, turnOn, watch]);

  const label = buttonLabel(state);
  const onClick = (): void => void (state.kind === 'off' || state.kind === 'error' ? turnOn() : turnOff());
  return (
    <section className={styles.offline} aria-label="Offline reading" data-offline-state={state.kind}>
      <p className={styles.status} role="status">
        {statusText(state)}
      </p>
      {state.kind === 'saving' && state.summary && (
        <progress className={styles.progress} max={100} value={percentSaved(state.saved, state.summary.files)} aria-label="Saved for offline reading" />
      )}
      {label && (
        <button type="button" className={styles.button} onClick={onClick}>
          {label}
        </button>
      )}
    </section>
  );
}
