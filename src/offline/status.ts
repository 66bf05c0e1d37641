/**
 * The reading control's states and what it says in each, kept apart from the
 * browser APIs so they can be tested as plain functions.
 */
import type { OfflineSummary } from './precache';

export type OfflineState =
  /** Looking for an earlier registration; nothing is shown yet. */
  | { kind: 'checking' }
  | { kind: 'off' }
  | { kind: 'saving'; saved: number; summary?: OfflineSummary }
  | { kind: 'ready'; summary?: OfflineSummary }
  | { kind: 'error'; message: string };

/** Workbox names its precache `workbox-precache-v2-<scope>` (workbox-core's cacheNames). */
export function isPrecacheFor(cacheName: string, scope: string): boolean {
  return cacheName.startsWith('workbox-precache') && cacheName.endsWith(scope);
}

/**
 * The worker's URL. The plugin's worker reads its settings from `params`;
 * with `offlineMode` it precaches the site on install and answers from that
 * copy. The scope is the base URL, so a sub-path build serves only itself.
 */
export function serviceWorkerUrl(baseUrl: string): string {
  return `${baseUrl}sw.js?params=${encodeURIComponent(JSON.stringify({ offlineMode: true, debug: false }))}`;
}

/** Decimal megabytes, as file managers show sizes: 18 419 000 bytes is "18.4 MB". */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Share of the files saved, in whole percent, never above 100 (a file may be counted before the total is known). */
export function percentSaved(saved: number, files: number): number {
  if (files <= 0) return 0;
  return Math.min(100, Math.floor((saved / files) * 100));
}

function pages(summary: OfflineSummary | undefined): string {
  return summary ? `${summary.pages} pages` : 'the handbook';
}

/** The sentence beside the button. */
export function statusText(state: OfflineState): string {
  switch (state.kind) {
    case 'checking':
      return '';
    case 'off':
      return 'Save every page, the practice cards and search on this device, to read without a network.';
    case 'saving':
      return state.summary
        ? `Saving ${pages(state.summary)} (${megabytes(state.summary.bytes)}) for offline reading… ${percentSaved(state.saved, state.summary.files)} %`
        : `Saving ${pages(state.summary)} for offline reading…`;
    case 'ready':
      return `Available offline: ${pages(state.summary)} saved on this device.`;
    case 'error':
      return `Could not save the handbook for offline reading: ${state.message}`;
  }
}

/** The label of the one button the control shows (the action it takes). */
export function buttonLabel(state: OfflineState): string | undefined {
  switch (state.kind) {
    case 'off':
      return 'Read offline';
    case 'saving':
    case 'ready':
      return 'Turn off offline reading';
    case 'error':
      return 'Try again';
    case 'checking':
      return undefined;
  }
}
