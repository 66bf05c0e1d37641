import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './toolGuard.demo';

afterEach(() => vi.restoreAllMocks());

describe('the tool guard demo', () => {
  it('runs a read, refuses a missing scope and a refund over 500, runs a 250 refund once bob approves it, stops the sixth refund of 99 and rejects a late approval', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({
      outcomes: ['executed', 'denied', 'denied', 'pending-approval', 'executed', 'pending-approval', 'denied'],
      splitRefundsRun: 5,
      audited: 15,
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('alice approves apr-1: rejected, alice cannot decide apr-1: it is their own request');
    expect(lines).toContain('refund {"order":"A1","amount":250}, retried: executed, approved by bob');
    expect(lines).toContain('refund {"order":"B5","amount":99}, task t2, after 5 × 99 = 495 ran: denied, task total 594 would be over the task cap of 500');
    expect(lines).toContain('15 minutes later, bob approves apr-2: rejected, approval apr-2 expired');
  });
});
