import { describe, expect, it } from 'vitest';
import { countdown, countdownAnnouncement, formatClock } from './timer';

describe('mock-interview countdown', () => {
  const start = 1_000_000;

  it('counts down from the chosen duration and expires exactly at its end', () => {
    expect(countdown(start, 120_000, start)).toEqual({ remainingMs: 120_000, expired: false });
    expect(countdown(start, 120_000, start + 119_999)).toEqual({ remainingMs: 1, expired: false });
    expect(countdown(start, 120_000, start + 120_000)).toEqual({ remainingMs: 0, expired: true });
    expect(countdown(start, 120_000, start + 500_000)).toEqual({ remainingMs: 0, expired: true });
  });

  it('ignores a clock that moved backwards', () => {
    expect(countdown(start, 60_000, start - 5_000).remainingMs).toBe(60_000);
  });

  it('shows minutes and seconds, rounding partial seconds up', () => {
    expect(formatClock(120_000)).toBe('2:00');
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(400)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
  });

  it('announces one minute, thirty and ten seconds left, and the end, once each', () => {
    expect(countdownAnnouncement(61_000, 60_000)).toBe('One minute left.');
    expect(countdownAnnouncement(60_000, 59_000)).toBeUndefined();
    expect(countdownAnnouncement(31_000, 29_500)).toBe('30 seconds left.');
    expect(countdownAnnouncement(10_500, 9_000)).toBe('10 seconds left.');
    expect(countdownAnnouncement(500, 0)).toBe('Time is up. The answer is shown.');
    expect(countdownAnnouncement(0, 0)).toBeUndefined();
    expect(countdownAnnouncement(90_000, 89_000)).toBeUndefined();
  });
});
