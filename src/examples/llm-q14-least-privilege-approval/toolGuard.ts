/**
 * A guard between an agent and its tools. The policy denies by default, checks the
 * task's own scoped credential (acting as the user, not a service account), caps
 * amounts per call and per task, and sends costly or irreversible writes to a person. An approval
 * is bound to the exact arguments, expires on an injected clock and is used once.
 * Every decision lands in an append-only audit log.
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
export type Outcome = 'executed' | 'denied' | 'pending-approval' | 'approved';
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

export class ToolGuard {
  private readonly log: AuditEntry[] = [];
  private readonly pending = new Map<string, { user: string; call: ToolCall; expiresAt: number; approvedBy?: string }>();
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
    const rule = this.policy[call.tool];
    const tool = this.tools[call.tool];
    const now = this.clock();
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
      const approver = this.consumeApproval(credential.user, call, now);
      if (approver === undefined) {
        // A retry of a call already waiting joins that request: one decision, not one per retry.
        const waiting = this.findWaiting(credential.user, call, now);
        const approvalId = waiting ?? `apr-${this.nextId++}`;
        if (waiting === undefined) this.pending.set(approvalId, { user: credential.user, call, expiresAt: now + this.approvalTtlMs });
        return { ...this.record(credential.user, call, 'pending-approval', 'waiting for a person'), approvalId };
      }
      reason = `approved by ${approver}`;
    }
    this.spent.set(key, total); // counted before the tool runs: a call that fails half-way may still have paid out
    return { ...this.record(credential.user, call, 'executed', reason), result: tool(call.args) };
  }

  /** What the approver is shown: the exact tool and arguments, not the agent's summary of them. */
  describe(approvalId: string): string {
    const entry = this.pending.get(approvalId);
    if (!entry) throw new Error(`unknown approval ${approvalId}`);
    return fingerprint(entry.call);
  }

  approve(approvalId: string, approver: string): void {
    const entry = this.pending.get(approvalId);
    if (!entry) throw new Error(`unknown approval ${approvalId}`);
    if (this.clock() >= entry.expiresAt) {
      this.pending.delete(approvalId);
      throw new Error(`approval ${approvalId} expired`);
    }
    if (entry.approvedBy) throw new Error(`approval ${approvalId} was already given by ${entry.approvedBy}`); // one decision, one name in the log
    entry.approvedBy = approver;
    this.record(approver, entry.call, 'approved', `for ${entry.user}, ${approvalId}`);
  }

  audit(): readonly AuditEntry[] {
    return [...this.log];
  }

  /** An approval counts only for the same user and identical call, before it expires, and only once. */
  private consumeApproval(user: string, call: ToolCall, now: number): string | undefined {
    const wanted = fingerprint(call);
    for (const [id, entry] of this.pending) {
      if (entry.approvedBy && entry.user === user && now < entry.expiresAt && fingerprint(entry.call) === wanted) {
        this.pending.delete(id);
        return entry.approvedBy;
      }
    }
    return undefined;
  }

  private findWaiting(user: string, call: ToolCall, now: number): string | undefined {
    const wanted = fingerprint(call);
    for (const [id, entry] of this.pending) {
      if (now >= entry.expiresAt)
        this.pending.delete(id); // expired requests are dropped, not kept forever
      else if (!entry.approvedBy && entry.user === user && fingerprint(entry.call) === wanted) return id;
    }
    return undefined;
  }

  private record(user: string, call: ToolCall, outcome: Outcome, reason: string) {
    this.log.push(Object.freeze({ at: this.clock(), user, tool: call.tool, args: fingerprint(call), outcome, reason }));
    return { outcome, reason };
  }
}
