/**
 * The mock-interview countdown as pure arithmetic on timestamps: the page
 * passes real time, the tests pass exact instants.
 */

export const MOCK_DURATIONS_SECONDS = [60, 120, 180, 300] as const;
export const DEFAULT_MOCK_SECONDS = 120;

export interface Countdown {
  /** Milliseconds left, never negative. */
  remainingMs: number;
  expired: boolean;
}

export function countdown(startedAt: number, durationMs: number, now: number): Countdown {
  const remainingMs = Math.max(0, durationMs - Math.max(0, now - startedAt));
  return { remainingMs, expired: remainingMs === 0 };
}

/** "1:05" for 65 s; partial seconds round up, so 0:00 shows only when time is up. */
export function formatClock(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Moments worth announcing to a screen reader, in seconds left. */
const MILESTONES = [60, 30, 10] as const;

/**
 * What to announce when the countdown moves from `beforeMs` to `afterMs`
 * left: a milestone crossed, or the end. Announcing every second would
 * drown the reader's own voice.
 */
export function countdownAnnouncement(beforeMs: number, afterMs: number): string | undefined {
  if (beforeMs > 0 && afterMs <= 0) return 'Time is up. The answer is shown.';
  for (const s of MILESTONES) {
    if (beforeMs > s * 1000 && afterMs <= s * 1000) return s === 60 ? 'One minute left.' : `${s} seconds left.`;
  }
  return undefined;
}
