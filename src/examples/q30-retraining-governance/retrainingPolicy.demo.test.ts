import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './retrainingPolicy.demo';

afterEach(() => vi.restoreAllMocks());

function run() {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const result = demo();
  return { result, lines: log.mock.calls.map((c) => String(c[0])) };
}

describe('the retraining governance demo', () => {
  it('does nothing below PSI 0.1, alerts from 0.1, and does not judge a window under 500 rows', () => {
    const { result, lines } = run();
    expect(result.singleChecks).toEqual(['none', 'alert', 'alert']);
    expect(lines[0]).toContain('amount PSI 0.322 on 100 rows: alert (window: 100 rows, fewer than 500; PSI not judged, merge windows)');
  });

  it('keeps one run open for a persistent shift and promotes only the candidate that regresses nowhere beyond the tolerance', () => {
    const { result, lines } = run();
    expect(result.runs).toEqual(['run-1 rejected', 'run-2 rejected', 'run-3 rejected', 'run-4 promoted']);
    expect(lines).toContain('  run-1 2025-04-01 00:00, drift: amount PSI 0.322; gate at 06:00: rejected (slice new_users: 0.830 vs 0.860)');
    expect(lines).toContain('  run-4 2025-04-04 00:00, drift: amount PSI 0.322; gate at 06:00: passed; promoted 2025-04-12 00:00 after its canary');
  });

  it('spends April as 4 launches, 206 checks waiting on an open run, 54 cool-down and 264 budget blocks', () => {
    const { result } = run();
    expect(result.april).toEqual({ retrain: 4, pending: 206, blocked: 318, none: 192 });
    expect(result.blockedBy).toEqual({ 'cool-down: the last run is too recent': 54, 'budget: 600.00 USD spent of 600 USD this month': 264 });
  });

  it('holds a new shift on 20 April until the budget of May', () => {
    const { result, lines } = run();
    expect(result.may).toBe('retrain run-5');
    expect(lines).toContain('  blocked 264 times between 2025-04-20 00:00 and 2025-04-30 23:00: drift: country PSI 0.292; budget: 600.00 USD spent of 600 USD this month');
  });
});
