import { describe, expect, it } from 'vitest';
import { fingerprint, ToolGuard, type Args, type TaskCredential, type ToolRule } from './toolGuard';

const policy: Record<string, ToolRule> = {
  readInvoice: { scope: 'invoices:read', effect: 'read' },
  refund: { scope: 'refunds:write', effect: 'write', amountCap: 500, taskCap: 500, approvalFrom: 100 },
  deleteAccount: { scope: 'accounts:delete', effect: 'write', approvalFrom: 0 },
};
const tools = {
  readInvoice: (a: Record<string, string | number>) => `invoice ${a.id}`,
  refund: (a: Record<string, string | number>) => `refunded ${a.amount} on ${a.order}`,
  deleteAccount: (a: Record<string, string | number>) => `deleted ${a.account}`,
  wireTransfer: () => 'sent',
};

function setup(ttlMs = 15 * 60_000) {
  let now = 0;
  const guard = new ToolGuard(policy, tools, () => now, ttlMs);
  const alice: TaskCredential = { taskId: 't1', user: 'alice', scopes: new Set(['invoices:read', 'refunds:write']), expiresAt: 3_600_000 };
  return { guard, alice, advance: (ms: number) => (now += ms) };
}

describe('the permission policy', () => {
  it('runs a read the task credential is scoped for, with no approval', () => {
    const { guard, alice } = setup();
    expect(guard.call(alice, { tool: 'readInvoice', args: { id: 'INV-7' } })).toMatchObject({ outcome: 'executed', result: 'invoice INV-7' });
  });

  it('denies by default a tool that has an implementation but no rule', () => {
    const { guard, alice } = setup();
    expect(guard.call(alice, { tool: 'wireTransfer', args: { amount: 1 } })).toMatchObject({ outcome: 'denied', reason: expect.stringMatching(/denied by default/) });
  });

  it('denies by default a tool named after a property every object inherits', () => {
    const { guard, alice } = setup();
    for (const tool of ['constructor', 'toString', '__proto__']) {
      expect(guard.call(alice, { tool, args: {} })).toMatchObject({ outcome: 'denied', reason: 'no rule for this tool: denied by default' });
    }
  });

  it('denies a tool whose scope the user’s task credential does not hold, even though a rule exists', () => {
    const { guard, alice } = setup();
    const result = guard.call(alice, { tool: 'deleteAccount', args: { account: 'acme' } });
    expect(result).toMatchObject({ outcome: 'denied', reason: 'credential lacks scope accounts:delete' });
  });

  it('denies every call once the task credential has expired', () => {
    const { guard, alice, advance } = setup();
    advance(3_600_000);
    expect(guard.call(alice, { tool: 'readInvoice', args: { id: 'INV-7' } }).reason).toBe('task credential expired');
  });

  it('refuses an amount over the cap outright, with no approval to ask for', () => {
    const { guard, alice } = setup();
    const result = guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 501 } });
    expect(result).toMatchObject({ outcome: 'denied', reason: 'amount 501 is over the cap of 500' });
    expect(result.approvalId).toBeUndefined();
  });

  it('runs a small refund under the approval threshold straight away', () => {
    const { guard, alice } = setup();
    expect(guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 99 } }).outcome).toBe('executed');
  });

  it('refuses a capped call whose amount is missing, negative, not a number or not finite', () => {
    const { guard, alice } = setup();
    const bad: Args[] = [{ order: 'A1' }, { order: 'A1', amount: -5 }, { order: 'A1', amount: '50' }, { order: 'A1', amount: Number.NaN }];
    for (const args of bad) {
      expect(guard.call(alice, { tool: 'refund', args }).reason).toBe('amount must be a number of 0 or more');
    }
  });

  it('rejects a policy or approval window that makes no sense, naming the field', () => {
    expect(() => new ToolGuard(policy, tools, () => 0, 0)).toThrow(new RangeError('approvalTtlMs must be positive, got 0'));
    expect(() => new ToolGuard({ refund: { scope: 's', effect: 'write', amountCap: -1 } }, tools, () => 0, 1)).toThrow(/amountCap of refund/);
    expect(() => new ToolGuard({ refund: { scope: 's', effect: 'write', approvalFrom: Number.NaN } }, tools, () => 0, 1)).toThrow(/approvalFrom of refund/);
    expect(() => new ToolGuard({ refund: { scope: 's', effect: 'write', taskCap: -1 } }, tools, () => 0, 1)).toThrow(/taskCap of refund/);
  });
});

describe('the per-task total', () => {
  it('stops a refund of 600 split into two of 300: the second is refused outright, with no approval to ask for', () => {
    const { guard, alice } = setup();
    guard.approve(guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 300 } }).approvalId!, 'bob');
    expect(guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 300 } }).outcome).toBe('executed');
    const second = guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 300 } });
    expect(second).toMatchObject({ outcome: 'denied', reason: 'task total 600 would be over the task cap of 500' });
    expect(second.approvalId).toBeUndefined();
  });

  it('stops small refunds that each dodge the approval threshold once their sum passes the cap: 5 × 99 = 495 runs, a sixth would be 594', () => {
    const { guard, alice } = setup();
    for (let i = 0; i < 5; i++) expect(guard.call(alice, { tool: 'refund', args: { order: `B${i}`, amount: 99 } }).outcome).toBe('executed');
    expect(guard.call(alice, { tool: 'refund', args: { order: 'B5', amount: 99 } }).reason).toBe('task total 594 would be over the task cap of 500');
    expect(guard.call(alice, { tool: 'refund', args: { order: 'B5', amount: 5 } }).outcome).toBe('executed'); // 500 exactly is allowed
  });

  it('counts only what ran: refused and waiting calls use none of the total, and another task starts from 0', () => {
    const { guard, alice } = setup();
    guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 501 } }); // over the per-call cap
    guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 400 } }); // waiting for a person
    expect(guard.call(alice, { tool: 'refund', args: { order: 'A2', amount: 99 } }).outcome).toBe('executed');
    guard.approve(guard.call(alice, { tool: 'refund', args: { order: 'A3', amount: 401 } }).approvalId!, 'bob');
    expect(guard.call(alice, { tool: 'refund', args: { order: 'A3', amount: 401 } }).outcome).toBe('executed'); // 99 + 401 = 500
    const nextTask = { ...alice, taskId: 't2' };
    expect(guard.call(nextTask, { tool: 'refund', args: { order: 'A4', amount: 99 } }).outcome).toBe('executed');
  });
});

describe('human approval', () => {
  const refund250 = { tool: 'refund', args: { order: 'A1', amount: 250 } };

  it('parks a costly write, shows the approver the exact arguments, and runs it once approved', () => {
    const { guard, alice } = setup();
    const first = guard.call(alice, refund250);
    expect(first.outcome).toBe('pending-approval');
    expect(guard.describe(first.approvalId!)).toBe('["refund",[["amount",250],["order","A1"]]]');
    guard.approve(first.approvalId!, 'bob');
    expect(guard.call(alice, refund250)).toMatchObject({ outcome: 'executed', reason: 'approved by bob', result: 'refunded 250 on A1' });
  });

  it('binds the approval to the arguments: a changed amount needs a new approval', () => {
    const { guard, alice } = setup();
    guard.approve(guard.call(alice, refund250).approvalId!, 'bob');
    const changed = guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 450 } });
    expect(changed.outcome).toBe('pending-approval');
  });

  it('binds the approval to the task: the same call by the same user in another task is not approved', () => {
    const { guard, alice } = setup();
    guard.approve(guard.call(alice, refund250).approvalId!, 'bob');
    expect(guard.call({ ...alice, taskId: 't2' }, refund250).outcome).toBe('pending-approval');
    expect(guard.call(alice, refund250)).toMatchObject({ outcome: 'executed', reason: 'approved by bob' });
  });

  it('will not let the requesting user approve their own call', () => {
    const { guard, alice } = setup();
    const id = guard.call(alice, refund250).approvalId!;
    expect(() => guard.approve(id, 'alice')).toThrow(`alice cannot decide ${id}: it is their own request`);
    expect(guard.call(alice, refund250).outcome).toBe('pending-approval');
  });

  it('lets the approver refuse: the agent is told who refused, once, and a retry after that asks again', () => {
    const { guard, alice } = setup();
    const id = guard.call(alice, refund250).approvalId!;
    guard.deny(id, 'bob');
    expect(() => guard.approve(id, 'carol')).toThrow(`approval ${id} was already refused by bob`);
    expect(guard.call(alice, refund250)).toMatchObject({ outcome: 'denied', reason: 'refused by bob' });
    const retry = guard.call(alice, refund250);
    expect(retry.outcome).toBe('pending-approval');
    expect(retry.approvalId).not.toBe(id);
  });

  it('tells the agent of a refusal however late it retries, while its task credential lasts', () => {
    const { guard, alice, advance } = setup(15 * 60_000);
    const id = guard.call(alice, refund250).approvalId!;
    guard.deny(id, 'bob');
    advance(40 * 60_000); // past the 15-minute window and the 15 minutes a closed request is kept after it
    guard.call(alice, { tool: 'readInvoice', args: { id: 'INV-7' } }); // any call in between must not forget the refusal
    expect(guard.call(alice, refund250)).toMatchObject({ outcome: 'denied', reason: 'refused by bob' });
    expect(guard.call(alice, refund250).outcome).toBe('pending-approval');
  });

  it('forgets a request one window after its own closed: a decision on it is then refused as unknown, with no audit entry', () => {
    const { guard, alice, advance } = setup(15 * 60_000);
    const id = guard.call(alice, refund250).approvalId!;
    advance(30 * 60_000 - 1);
    expect(() => guard.approve(id, 'bob')).toThrow(`approval ${id} expired`); // still held: the late attempt is logged
    advance(1);
    expect(() => guard.approve(id, 'carol')).toThrow(`unknown approval ${id}`);
    expect(guard.audit().map((e) => [e.user, e.outcome])).toEqual([
      ['alice', 'pending-approval'],
      ['bob', 'decision-rejected'],
    ]);
  });

  it('forgets a used approval the same way, one window after its own closed', () => {
    const { guard, alice, advance } = setup(15 * 60_000);
    const id = guard.call(alice, refund250).approvalId!;
    guard.approve(id, 'bob');
    guard.call(alice, refund250); // executed: the approval is used
    advance(30 * 60_000);
    expect(() => guard.approve(id, 'carol')).toThrow(`unknown approval ${id}`);
  });

  it('binds the approval to the user: the same call by another user is not approved', () => {
    const { guard, alice } = setup();
    guard.approve(guard.call(alice, refund250).approvalId!, 'bob');
    const carol = { ...alice, user: 'carol' };
    expect(guard.call(carol, refund250).outcome).toBe('pending-approval');
  });

  it('ignores the order in which the agent writes the arguments', () => {
    expect(fingerprint({ tool: 'refund', args: { order: 'A1', amount: 250 } })).toBe(fingerprint({ tool: 'refund', args: { amount: 250, order: 'A1' } }));
    expect(fingerprint({ tool: 'refund', args: { amount: 250 } })).not.toBe(fingerprint({ tool: 'refund', args: { amount: '250' } }));
  });

  it('uses an approval once: repeating the call asks again', () => {
    const { guard, alice } = setup();
    guard.approve(guard.call(alice, refund250).approvalId!, 'bob');
    expect(guard.call(alice, refund250).outcome).toBe('executed');
    expect(guard.call(alice, refund250).outcome).toBe('pending-approval');
  });

  it('will not accept an approval after its window has passed', () => {
    const { guard, alice, advance } = setup(15 * 60_000);
    const id = guard.call(alice, refund250).approvalId!;
    advance(15 * 60_000);
    expect(() => guard.approve(id, 'bob')).toThrow(`approval ${id} expired`);
    expect(() => guard.describe(id)).toThrow(`approval ${id} is no longer open`);
  });

  it('does not run a call approved in time but retried after the window closed', () => {
    const { guard, alice, advance } = setup(15 * 60_000);
    const id = guard.call(alice, refund250).approvalId!;
    advance(10 * 60_000);
    guard.approve(id, 'bob');
    advance(5 * 60_000);
    expect(guard.call(alice, refund250).outcome).toBe('pending-approval');
  });

  it('asks for approval on every call of an irreversible tool (approval from 0)', () => {
    const { guard, alice } = setup();
    const admin = { ...alice, scopes: new Set(['accounts:delete']) };
    expect(guard.call(admin, { tool: 'deleteAccount', args: { account: 'acme' } }).outcome).toBe('pending-approval');
  });

  it('puts a retry of a call that is still waiting into the same request, so the approver decides once', () => {
    const { guard, alice, advance } = setup();
    const first = guard.call(alice, refund250).approvalId;
    advance(60_000);
    expect(guard.call(alice, refund250).approvalId).toBe(first);
    expect(guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 251 } }).approvalId).not.toBe(first);
  });

  it('opens a new request once the old one has expired unapproved', () => {
    const { guard, alice, advance } = setup(15 * 60_000);
    const first = guard.call(alice, refund250).approvalId!;
    advance(15 * 60_000);
    const second = guard.call(alice, refund250).approvalId!;
    expect(second).not.toBe(first);
    expect(() => guard.describe(first)).toThrow(`approval ${first} is no longer open`);
  });

  it('draws the lines where the page says: 100 needs a person, 500 is still allowed with approval', () => {
    const { guard, alice } = setup();
    expect(guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 100 } }).outcome).toBe('pending-approval');
    expect(guard.call(alice, { tool: 'refund', args: { order: 'A2', amount: 500 } }).outcome).toBe('pending-approval');
  });

  it('never parks a read, even under a rule with a threshold: approval is for side effects', () => {
    let now = 0;
    const guard = new ToolGuard({ readLedger: { scope: 'ledger:read', effect: 'read', approvalFrom: 0 } }, { readLedger: () => 'rows' }, () => now++, 60_000);
    const reader: TaskCredential = { taskId: 't9', user: 'alice', scopes: new Set(['ledger:read']), expiresAt: 1_000 };
    expect(guard.call(reader, { tool: 'readLedger', args: {} }).outcome).toBe('executed');
  });

  it('takes one decision per request: a second approval is refused and the first approver stays on record', () => {
    const { guard, alice } = setup();
    const id = guard.call(alice, refund250).approvalId!;
    guard.approve(id, 'bob');
    expect(() => guard.approve(id, 'eve')).toThrow(`approval ${id} was already given by bob`);
    expect(guard.call(alice, refund250).reason).toBe('approved by bob');
  });

  it('rejects approval of an id it never issued', () => {
    const { guard } = setup();
    expect(() => guard.approve('apr-99', 'bob')).toThrow('unknown approval apr-99');
  });
});

describe('the audit log', () => {
  it('records every decision with time, user, exact arguments, outcome and reason, including the approver', () => {
    const { guard, alice, advance } = setup();
    guard.call(alice, { tool: 'wireTransfer', args: { amount: 1 } });
    const id = guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 250 } }).approvalId!;
    advance(60_000);
    guard.approve(id, 'bob');
    guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 250 } });
    expect(guard.audit().map((e) => [e.at, e.user, e.tool, e.outcome, e.reason])).toEqual([
      [0, 'alice', 'wireTransfer', 'denied', 'no rule for this tool: denied by default'],
      [0, 'alice', 'refund', 'pending-approval', 'waiting for a person'],
      [60_000, 'bob', 'refund', 'approved', 'for alice, apr-1'],
      [60_000, 'alice', 'refund', 'executed', 'approved by bob'],
    ]);
    expect(guard.audit()[3]!.args).toBe('["refund",[["amount",250],["order","A1"]]]');
  });

  it('records a person’s refusal and every rejected attempt to decide: a second decision, a late one, self-approval', () => {
    const { guard, alice, advance } = setup();
    const a = guard.call(alice, { tool: 'refund', args: { order: 'A1', amount: 250 } }).approvalId!;
    guard.deny(a, 'bob');
    expect(() => guard.approve(a, 'eve')).toThrow();
    const b = guard.call(alice, { tool: 'refund', args: { order: 'B1', amount: 300 } }).approvalId!;
    expect(() => guard.approve(b, 'alice')).toThrow();
    advance(15 * 60_000);
    expect(() => guard.approve(b, 'bob')).toThrow();
    expect(guard.audit().map((e) => [e.user, e.outcome, e.reason])).toEqual([
      ['alice', 'pending-approval', 'waiting for a person'],
      ['bob', 'refused', 'for alice, apr-1'],
      ['eve', 'decision-rejected', 'approval apr-1 was already refused by bob'],
      ['alice', 'pending-approval', 'waiting for a person'],
      ['alice', 'decision-rejected', 'alice cannot decide apr-2: it is their own request'],
      ['bob', 'decision-rejected', 'approval apr-2 expired'],
    ]);
  });

  it('records what the tool did after it ran: a tool that throws is logged as failed, not executed', () => {
    let now = 0;
    const guard = new ToolGuard(
      { postLedger: { scope: 'ledger:write', effect: 'write' } },
      {
        postLedger: () => {
          throw new Error('ledger offline');
        },
      },
      () => now++,
      60_000,
    );
    const writer: TaskCredential = { taskId: 't9', user: 'alice', scopes: new Set(['ledger:write']), expiresAt: 1_000 };
    expect(guard.call(writer, { tool: 'postLedger', args: {} })).toEqual({ outcome: 'failed', reason: 'allowed; the tool failed: ledger offline' });
    expect(guard.audit().map((e) => [e.outcome, e.reason])).toEqual([['failed', 'allowed; the tool failed: ledger offline']]);
  });

  it('cannot be edited through what it returns', () => {
    const { guard, alice } = setup();
    guard.call(alice, { tool: 'readInvoice', args: { id: 'INV-7' } });
    const copy = guard.audit() as unknown as object[];
    copy.pop();
    expect(guard.audit()).toHaveLength(1);
    expect(() => Object.assign(guard.audit()[0]!, { outcome: 'denied' })).toThrow(TypeError);
  });
});
