import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './dualRun.demo';

afterEach(() => vi.restoreAllMocks());

function run() {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const result = demo();
  return { result, lines: log.mock.calls.map((c) => String(c[0])) };
}

describe('the dual-run demo', () => {
  it('agrees on all 16,800 events of 14 days in event-time order, so the cut-over gate opens', () => {
    const { result, lines } = run();
    expect(result.inOrder).toEqual({ compared: 16_800, mismatches: 0, missing: 0, ready: true });
    expect(lines).toContain('  16,800 compared, 0 mismatches, 0 missing; lowest daily parity 100.00 %');
    expect(lines).toContain('  ready to cut over after 14 days at 99.9 % or more: yes');
  });

  it('finds every score the calendar-partition trap changes, and every score batch statistics change', () => {
    const { result } = run();
    expect(result.day14).toMatchObject({ partitionOnly: 1050, tonightsStatistics: 1200 });
  });

  it('mismatches a late event and the two events scored before it arrived; allowed lateness fixes the late one only', () => {
    const { result, lines } = run();
    expect(result.day14).toMatchObject({ late: ['u007-14-3', 'u007-14-4', 'u007-14-5'], lateWithAllowedLateness: ['u007-14-4', 'u007-14-5'] });
    expect(lines).toContain('    with state kept for 12 h of allowed lateness: 2 fail, u007-14-4, u007-14-5');
  });

  it('keeps the gate closed on the 99.9 % bar alone when two mismatches out of 1,200 leave nothing missing', () => {
    const { result, lines } = run();
    expect(result.lateness).toEqual({ parityRate: 1 - 2 / 1200, missing: 0, ready: false });
    expect(lines).toContain('    as day 14 of the run: parity 99.83 % (below 99.9 %), 0 missing; ready to cut over: no');
  });

  it('scores a redelivered event once, so no later window counts it twice', () => {
    expect(run().result.day14).toMatchObject({ redelivered: 0 });
  });

  it('keeps the gate closed when the stream loses one event, although the day still clears 99.9 %', () => {
    const { result, lines } = run();
    expect(result.lost).toEqual({ parityRate: 1 - 1 / 1200, missingInStream: ['u149-14-7'], ready: false });
    expect(lines).toContain('  the stream loses u149-14-7: parity 99.92 % (at or above 99.9 %), missing u149-14-7; ready to cut over: no');
  });
});
