/**
 * A guard between an agent and its tools. The policy denies by default, checks the
 * task's own scoped credential (acting as the user, not a service account), caps
 * amounts per call and per task, and sends costly or irreversible writes to a person. An approval
 * is bound to the user, the task and the exact arguments, expires on an injected clock, is used
 * once, and cannot come from the user who asked. The append-only audit log records every
 * decision: the policy's, the person's (approved or refused), each rejected attempt to decide a
 * request the guard still holds, and whether the tool then ran or failed. A request is forgotten
 * one window after its own window closed, except a refusal the agent has not yet been told.
 * Whether an approver may approve at all (their role, their limit) is the identity provider's job
 * and out of scope here.
 */
export type Args = Readonly<Record<string, string | number>>;
export interface ToolCall {
  readonly tool: string;
  readonly args: Args;
}
export interface ToolRule {
  readonly scope: string; // the scope the task's credential must hold
  readonly effect: 'read' | 'write';
  readonly amountCap?: number; // hard limit on args.amount: above it, no one can approve
  readonly taskCap?: number; // hard limit on the sum of args.amount this tool runs within one task
  readonly approvalFrom?: number; // args.amount at or above this needs a person (0: every call)
}
export interface TaskCredential {
  readonly taskId: string; // what the per-task total is counted against
  readonly user: string; // the agent acts as this user, with their rights, never more
  readonly scopes: ReadonlySet<string>;
  readonly expiresAt: number; // ms; a credential lives for one task
}
/** The tool ran or failed; the policy denied; a person was asked, approved or refused; an attempt to decide was rejected. */
export type Outcome = 'executed' | 'failed' | 'denied' | 'pending-approval' | 'approved' | 'refused' | 'decision-rejected';
export interface AuditEntry {
  readonly at: number;
  readonly user: string;
  readonly tool: string;
  readonly args: string;
  readonly outcome: Outcome;
  readonly reason: string;
}

/** Tool name plus arguments with sorted keys: the exact thing a person approves. */
export function fingerprint(call: ToolCall): string {
  const keys = Object.keys(call.args).sort();
  return JSON.stringify([call.tool, keys.map((k) => [k, call.args[k]])]);
}

interface ApprovalRequest {
  readonly user: string;
  readonly taskId: string;
  readonly call: ToolCall;
  readonly expiresAt: number;
  readonly taskExpiresAt: number; // the credential's expiry: after it, no call can collect a refusal
  decision?: { readonly approved: boolean; readonly by: string };
  closed: boolean; // the approval was used or the refusal delivered
}

export class ToolGuard {
  private readonly log: AuditEntry[] = [];
  // Requests kept one window past their own, so that a late or repeated decision is still recognised and logged.
  private readonly requests = new Map<string, ApprovalRequest>();
  private readonly spent = new Map<string, number>(); // task and tool -> amount already run
  private nextId = 1;

  constructor(
    private readonly policy: Readonly<Record<string, ToolRule>>,
    private readonly tools: Readonly<Record<string, (args: Args) => string>>,
    private readonly clock: () => number,
    private readonly approvalTtlMs: number,
  ) {
    if (!(approvalTtlMs > 0)) throw new RangeError(`approvalTtlMs must be positive, got ${approvalTtlMs}`);
    for (const [tool, rule] of Object.entries(policy)) {
      if (rule.amountCap !== undefined && !(rule.amountCap >= 0)) throw new RangeError(`amountCap of ${tool} must be 0 or more`);
      if (rule.taskCap !== undefined && !(rule.taskCap >= 0)) throw new RangeError(`taskCap of ${tool} must be 0 or more`);
      if (rule.approvalFrom !== undefined && !(rule.approvalFrom >= 0)) throw new RangeError(`approvalFrom of ${tool} must be 0 or more`);
    }
  }

  /** Runs the call, refuses it, or parks it for approval (and says which). */
  call(credential: TaskCredential, call: ToolCall): { outcome: Outcome; reason: string; result?: string; approvalId?: string } {
    // Own properties only: `constructor` or `toString` must not find Object's.
    const rule = Object.hasOwn(this.policy, call.tool) ? this.policy[call.tool] : undefined;
    const tool = Object.hasOwn(this.tools, call.tool) ? this.tools[call.tool] : undefined;
    const now = this.clock();
    this.prune(now);
    const refuse = (reason: string) => this.record(credential.user, call, 'denied', reason);
    if (!rule || !tool) return refuse('no rule for this tool: denied by default');
    if (now >= credential.expiresAt) return refuse('task credential expired');
    if (!credential.scopes.has(rule.scope)) return refuse(`credential lacks scope ${rule.scope}`);
    const amount = call.args.amount;
    // An amount is needed only where it decides something: a cap or a threshold above 0.
    const capped = rule.amountCap !== undefined || rule.taskCap !== undefined || (rule.approvalFrom ?? 0) > 0;
    if (capped && (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)) return refuse('amount must be a number of 0 or more');
    const value = typeof amount === 'number' ? amount : 0;
    if (rule.amountCap !== undefined && value > rule.amountCap) return refuse(`amount ${value} is over the cap of ${rule.amountCap}`);
    // Splitting one large amount into small calls stops here, before anyone is asked to approve.
    const key = JSON.stringify([credential.taskId, call.tool]);
    const total = (this.spent.get(key) ?? 0) + value;
    if (rule.taskCap !== undefined && total > rule.taskCap) return refuse(`task total ${total} would be over the task cap of ${rule.taskCap}`);
    let reason = 'allowed';
    if (rule.effect === 'write' && rule.approvalFrom !== undefined && value >= rule.approvalFrom) {
      const open = this.openRequest(credential, call, now);
      if (open?.request.decision) {
        open.request.closed = true; // used once: an approval runs one call, a refusal is reported once
        if (!open.request.decision.approved) return refuse(`refused by ${open.request.decision.by}`);
        reason = `approved by ${open.request.decision.by}`;
      } else {
        // A retry of a call already waiting joins that request: one decision, not one per retry.
        const approvalId = open?.id ?? `apr-${this.nextId++}`;
        if (!open) {
          this.requests.set(approvalId, {
            user: credential.user,
            taskId: credential.taskId,
            call,
            expiresAt: now + this.approvalTtlMs,
            taskExpiresAt: credential.expiresAt,
            closed: false,
          });
        }
        return { ...this.record(credential.user, call, 'pending-approval', 'waiting for a person'), approvalId };
      }
    }
    this.spent.set(key, total); // counted before the tool runs: a call that fails half-way may still have paid out
    let result: string;
    try {
      result = tool(call.args);
    } catch (e) {
      return this.record(credential.user, call, 'failed', `${reason}; the tool failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { ...this.record(credential.user, call, 'executed', reason), result }; // logged once the tool has run
  }

  /** What the approver is shown: the exact tool and arguments, not the agent's summary of them. */
  describe(approvalId: string): string {
    const request = this.requests.get(approvalId);
    if (!request) throw new Error(`unknown approval ${approvalId}`);
    if (request.closed || this.clock() >= request.expiresAt) throw new Error(`approval ${approvalId} is no longer open`);
    return fingerprint(request.call);
  }

  approve(approvalId: string, approver: string): void {
    this.decide(approvalId, approver, true);
  }

  deny(approvalId: string, approver: string): void {
    this.decide(approvalId, approver, false);
  }

  audit(): readonly AuditEntry[] {
    return [...this.log];
  }

  /** One decision per request, by someone other than the requester, within the window; a rejected attempt is logged too. */
  private decide(approvalId: string, approver: string, approved: boolean): void {
    this.prune(this.clock());
    const request = this.requests.get(approvalId);
    if (!request) throw new Error(`unknown approval ${approvalId}`); // never issued or already forgotten: no call to log against
    const reject = (why: string): never => {
      this.record(approver, request.call, 'decision-rejected', why);
      throw new Error(why);
    };
    if (approver === request.user) reject(`${approver} cannot decide ${approvalId}: it is their own request`);
    if (request.decision) reject(`approval ${approvalId} was already ${request.decision.approved ? 'given' : 'refused'} by ${request.decision.by}`);
    if (this.clock() >= request.expiresAt) reject(`approval ${approvalId} expired`);
    request.decision = { approved, by: approver };
    this.record(approver, request.call, approved ? 'approved' : 'refused', `for ${request.user}, ${approvalId}`);
  }

  /** The open request for the same user, task and identical call: not yet used, and not expired unless it holds a refusal. */
  private openRequest(credential: TaskCredential, call: ToolCall, now: number): { id: string; request: ApprovalRequest } | undefined {
    const wanted = fingerprint(call);
    for (const [id, request] of this.requests) {
      // A refusal is reported however late the agent retries; an approval or an undecided request expires.
      const live = now < request.expiresAt || request.decision?.approved === false;
      if (!request.closed && live && request.user === credential.user && request.taskId === credential.taskId && fingerprint(request.call) === wanted) {
        return { id, request };
      }
    }
    return undefined;
  }

  /** Forgets requests one window after their own window closed, so the map does not grow forever; a refusal not yet told is kept while its task lasts. */
  private prune(now: number): void {
    for (const [id, request] of this.requests) {
      const untoldRefusal = !request.closed && request.decision?.approved === false && now < request.taskExpiresAt;
      if (now >= request.expiresAt + this.approvalTtlMs && !untoldRefusal) this.requests.delete(id);
    }
  }

  private record(user: string, call: ToolCall, outcome: Outcome, reason: string) {
    this.log.push(Object.freeze({ at: this.clock(), user, tool: call.tool, args: fingerprint(call), outcome, reason }));
    return { outcome, reason };
  }
}
