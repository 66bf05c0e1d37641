import { describe, expect, it } from 'vitest';
import { formatDay } from './reviewedLabel';

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
