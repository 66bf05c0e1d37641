import { describe, expect, it } from 'vitest';
import { formatDay, isoDay, reviewAgeDays } from './review';

describe('formatDay', () => {
  it('writes a review date as day, short month and year, without a leading zero', () => {
    expect(formatDay('2026-12-03')).toBe('3 Dec 2026');
    expect(formatDay('2025-01-31')).toBe('31 Jan 2025');
  });

  it('shows text that is not a YYYY-MM-DD day unchanged rather than inventing a date', () => {
    expect(formatDay('2026-13-01')).toBe('2026-13-01');
    expect(formatDay('soon')).toBe('soon');
  });
});

describe('isoDay', () => {
  it('turns the Date that YAML makes of 2026-12-03 back into the day, and leaves other values alone', () => {
    expect(isoDay(new Date('2026-12-03T00:00:00Z'))).toBe('2026-12-03');
    expect(isoDay('2026-12-03')).toBe('2026-12-03');
    expect(isoDay(7)).toBe(7);
  });
});

describe('reviewAgeDays', () => {
  it('counts whole UTC days, whatever the hour', () => {
    expect(reviewAgeDays('2026-12-03', new Date('2026-12-03T23:59:00Z'))).toBe(0);
    expect(reviewAgeDays('2025-12-03', new Date('2026-12-03T00:01:00Z'))).toBe(365);
    expect(reviewAgeDays('2026-12-04', new Date('2026-12-03T12:00:00Z'))).toBe(-1);
  });
});
