/**
 * An injection-resistant tool router.
 *
 * Every value carries the set of untrusted sources it was derived from (its
 * taint). Text from web pages, emails or retrieved documents is data: it may
 * flow into arguments, but a tainted value may not choose where data goes
 * (a recipient, a URL) unless a person approves. Tool descriptions are pinned
 * by hash when approved, so a description changed later is refused.
 */

export interface Value {
  readonly value: string;
  /** Untrusted origins this value was derived from; empty means it came from the user or the system. */
  readonly taint: ReadonlySet<string>;
}

export const trusted = (value: string): Value => ({ value, taint: new Set() });

/** Anything computed from tainted values is tainted by all of them, as a summary of a web page is. */
export function derive(fn: (...inputs: string[]) => string, ...inputs: Value[]): Value {
  return { value: fn(...inputs.map((i) => i.value)), taint: new Set(inputs.flatMap((i) => [...i.taint])) };
}

/** What a person reviews before approving a tool, and what the model reads about it. */
export interface ToolDescription {
  name: string;
  /** Read by the model to decide how to call the tool, so it is prompt text an attacker may control. */
  description: string;
  params: readonly string[];
  /** Arguments that decide where data goes (a recipient, any URL fetched or posted to): the exfiltration sinks. */
  destinationParams: readonly string[];
}

export interface ServerTool extends ToolDescription {
  /** Whether the output is untrusted content (a fetched page) rather than the system's own data. */
  untrustedOutput: boolean;
  run: (args: Readonly<Record<string, string>>) => Promise<string>;
}

export interface ApprovalRequest {
  tool: string;
  args: Readonly<Record<string, string>>;
  taintedDestinations: string[];
  sources: string[];
}

export type CallResult = { status: 'ok'; output: Value } | { status: 'refused'; reason: 'tool-not-approved' | 'description-changed' | 'approval-denied'; detail: string };

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash covers everything the model reads about a tool, not only its name. */
const fingerprint = (t: ToolDescription) => sha256Hex(JSON.stringify({ name: t.name, description: t.description, params: t.params, destinationParams: t.destinationParams }));

export class ToolRouter {
  private readonly pinned = new Map<string, string>();

  constructor(
    /** The tool server's current listing, fetched on every call: it can change at any time. */
    private readonly listTools: () => Promise<readonly ServerTool[]>,
    /** A person deciding on a sink call whose destination came from untrusted data. */
    private readonly approve: (request: ApprovalRequest) => Promise<boolean>,
  ) {}

  /**
   * Called with the descriptions a person reviewed; pins exactly those, not a fresh listing, so a server
   * that changes a description between the review and the approval is caught at the next call.
   */
  async approveTools(reviewed: readonly ToolDescription[]): Promise<void> {
    for (const tool of reviewed) this.pinned.set(tool.name, await fingerprint(tool));
  }

  async call(name: string, args: Readonly<Record<string, Value>>): Promise<CallResult> {
    const tool = (await this.listTools()).find((t) => t.name === name);
    const pin = this.pinned.get(name);
    if (!tool || !pin) return { status: 'refused', reason: 'tool-not-approved', detail: `${name} is not on the approved list` };
    if ((await fingerprint(tool)) !== pin) return { status: 'refused', reason: 'description-changed', detail: `${name} changed after approval; review it again` };
    for (const p of tool.params) if (!(p in args)) throw new TypeError(`${name}: missing argument "${p}"`);
    for (const p of Object.keys(args)) if (!tool.params.includes(p)) throw new TypeError(`${name}: unexpected argument "${p}"`);

    const plain = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v.value]));
    const taintedDestinations = tool.destinationParams.filter((p) => (args[p]?.taint.size ?? 0) > 0);
    if (taintedDestinations.length > 0) {
      const sources = [...new Set(taintedDestinations.flatMap((p) => [...args[p]!.taint]))].sort();
      if (!(await this.approve({ tool: name, args: plain, taintedDestinations, sources }))) {
        return { status: 'refused', reason: 'approval-denied', detail: `${taintedDestinations.join(', ')} of ${name} came from ${sources.join(', ')}` };
      }
    }
    const output = await tool.run(plain);
    const taint = new Set(Object.values(args).flatMap((v) => [...v.taint]));
    if (tool.untrustedOutput) taint.add(`${name}(${Object.values(plain).join(', ')})`);
    return { status: 'ok', output: { value: output, taint } };
  }
}
