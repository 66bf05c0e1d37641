import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './pointInTimeJoin.demo';

afterEach(() => vi.restoreAllMocks());

describe('the point-in-time join demo', () => {
  it('gives each label the value known at its time, where the naive join leaks the latest value into every row', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ pointInTime: [2, 2, 5], naive: [9, 9, 9], servedNow: 5, betweenRuns: { served: 5, joined: 9 } });
    expect(log.mock.calls.map((c) => String(c[0]))[1]).toBe('label at day 3 03:00: point-in-time orders7d = 2, naive join = 9');
  });

  it('shows the online store lagging the join between materialisation runs', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    demo();
    expect(log.mock.calls.map((c) => String(c[0]))[4]).toMatch(/^at day 5 06:30, before the next run: served 5, join 9/);
  });
});
