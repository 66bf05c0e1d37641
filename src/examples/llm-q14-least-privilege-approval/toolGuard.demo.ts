/**
 * Demo: a support agent acts for alice with a one-hour task credential scoped
 * to invoices:read and refunds:write, under the page's policy: a refund over
 * 500 is refused, one from 100 waits for a person, and no task refunds more
 * than 500 in all. Reads run, a missing scope and the cap are refused, a 250
 * refund waits until bob (not alice) approves its exact arguments, and runs
 * once. Six refunds of 99 stop at the sixth, and an approval 15 minutes late
 * is rejected. The clock is a plain variable.
 */
import { ToolGuard, type Args, type TaskCredential, type ToolCall } from './toolGuard';

export function demo(): { outcomes: string[]; splitRefundsRun: number; audited: number } {
  let now = 0;
  const minute = 60_000;
  const guard = new ToolGuard(
    {
      readInvoice: { scope: 'invoices:read', effect: 'read' },
      refund: { scope: 'refunds:write', effect: 'write', amountCap: 500, taskCap: 500, approvalFrom: 100 },
      deleteAccount: { scope: 'accounts:delete', effect: 'write', approvalFrom: 0 },
    },
    {
      readInvoice: (a: Args) => `invoice ${a.id}`,
      refund: (a: Args) => `refunded ${a.amount} on ${a.order}`,
      deleteAccount: (a: Args) => `deleted ${a.account}`,
    },
    () => now,
    15 * minute,
  );
  const alice: TaskCredential = { taskId: 't1', user: 'alice', scopes: new Set(['invoices:read', 'refunds:write']), expiresAt: 60 * minute };

  const outcomes: string[] = [];
  const call = (credential: TaskCredential, toolCall: ToolCall, note = '') => {
    const answer = guard.call(credential, toolCall);
    outcomes.push(answer.outcome);
    const id = answer.approvalId ? ` (${answer.approvalId})` : '';
    console.log(`${toolCall.tool} ${JSON.stringify(toolCall.args)}${note}: ${answer.outcome}, ${answer.reason}${id}`);
    return answer;
  };
  const attempt = (what: string, decide: () => void) => {
    try {
      decide();
      console.log(`${what}: accepted`);
    } catch (error) {
      console.log(`${what}: rejected, ${(error as Error).message}`);
    }
  };
  const refund250 = { tool: 'refund', args: { order: 'A1', amount: 250 } };

  call(alice, { tool: 'readInvoice', args: { id: 'INV-7' } });
  call(alice, { tool: 'deleteAccount', args: { account: 'acme' } });
  call(alice, { tool: 'refund', args: { order: 'A1', amount: 501 } });
  const first = call(alice, refund250).approvalId!;
  console.log(`the approver is shown ${guard.describe(first)}`);
  attempt(`alice approves ${first}`, () => guard.approve(first, 'alice'));
  attempt(`bob approves ${first}`, () => guard.approve(first, 'bob'));
  call(alice, refund250, ', retried');
  const second = call(alice, refund250, ', repeated').approvalId!;

  // Another task splits 594 into six refunds of 99, each under the approval threshold.
  const split = { ...alice, taskId: 't2' };
  let splitRefundsRun = 0;
  for (let i = 0; i < 5; i++) if (guard.call(split, { tool: 'refund', args: { order: `B${i}`, amount: 99 } }).outcome === 'executed') splitRefundsRun++;
  call(split, { tool: 'refund', args: { order: 'B5', amount: 99 } }, `, task t2, after ${splitRefundsRun} × 99 = ${99 * splitRefundsRun} ran`);

  now += 15 * minute;
  attempt(`15 minutes later, bob approves ${second}`, () => guard.approve(second, 'bob'));
  const audit = guard.audit();
  console.log(`audit log: ${audit.length} entries, ${audit.filter((e) => e.outcome === 'decision-rejected').length} of them rejected decisions`);
  return { outcomes, splitRefundsRun, audited: audit.length };
}
