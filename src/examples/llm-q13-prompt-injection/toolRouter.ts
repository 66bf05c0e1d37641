/**
 * An injection-resistant tool router.
 *
 * Every value carries the set of untrusted sources it was derived from (its
 * taint). Text from web pages, emails or retrieved documents is data: it may
 * flow into arguments, but a tainted value may not choose where data goes
 * (a recipient, a URL) unless a person approves, and it leaves as plain text.
 * Whole tool definitions, trust labels included, are pinned by hash when
 * approved, so a definition changed later is refused.
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

/** What a person reviews before approving a tool: what the model reads about it and the labels the router acts on. */
export interface ToolDescription {
  name: string;
  /** Read by the model to decide how to call the tool, so it is prompt text an attacker may control. */
  description: string;
  params: readonly string[];
  /** Arguments that decide where data goes (a recipient, any URL fetched or posted to): the exfiltration sinks. */
  destinationParams: readonly string[];
  /** Whether the output is untrusted content (a fetched page) rather than the system's own data. A server's own say-so, so it is reviewed and pinned like the rest. */
  untrustedOutput: boolean;
}

export interface ServerTool extends ToolDescription {
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

/**
 * The whole definition as data: every field, at any depth, with keys sorted, functions left out. A field the
 * reviewer never saw (a title, an annotation, a schema) changes it as surely as a changed description.
 */
const canonical = (definition: object): string =>
  JSON.stringify(definition, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => typeof x !== 'function')
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );

const fingerprint = (definition: object) => sha256Hex(canonical(definition));

/** A whole word that is an e-mail address, give or take quotes, emphasis and closing punctuation. */
const EMAIL = /^[*~"']*[\w.+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+[*_~"'.,;:!?]*$/u;

/**
 * What makes a word an address. Dots include the ideographic and full-width ones a browser reads as dots; a
 * host's last label (its top-level domain) is 2+ letters or punycode. Each pattern is found in time linear
 * in the word: no quantified part can be matched in more than a bounded number of ways.
 */
const ADDRESS = [
  /(?<![a-z\d+.-])[\d+.-]*[a-z][a-z\d+.-]*:\S/i, // a scheme and something after it: http:x, mailto:x, host:8080
  /[/\\]{2}\S/, // //host, and \\host, which Windows and browsers read the same way
  /\d{1,3}(?:[.。．｡]\d{1,3}){3}/, // a dotted IPv4 address
  /www[.。．｡][\p{L}\p{N}_-]/iu, // www.anything, which GitHub-flavoured markdown links
  /[\p{L}\p{N}_-][.。．｡](?:\p{L}{2,}|xn--[\p{L}\p{N}-]+)[/?#\\]/iu, // host.tld/ , host.tld? , host.tld#
  /[\p{L}\p{N}_-][.。．｡][\p{L}\p{N}_-]+[.。．｡](?:\p{L}{2,}|xn--[\p{L}\p{N}-]+)(?![\p{L}\p{N}_-])/iu, // sub.host.tld
];

const LINK_REMOVED = '{link removed}';

/**
 * Tainted text bound for a sink leaves as plain text, since a URL that is loaded or clicked carries data to
 * its server. Three passes, each over the output of the one before:
 * 1. Invisible format characters (soft hyphen, zero-width space, bidi controls) are deleted, so they cannot
 *    split a host for step 3 that a renderer would join. Emoji joined by a zero-width joiner come apart.
 * 2. Every run of characters that can open markup, a character reference or code, < > [ ] ( ) & ` and a "!"
 *    before "[", becomes one space. No tag, markdown link, image or entity can be written without them.
 * 3. Every word (a run without whitespace) that holds an address is replaced whole with "{link removed}":
 *    a scheme followed by anything (http:x, mailto:x, evil.example:8080), //host or \\host, a dotted IPv4
 *    address, www. followed by anything, or a host name with a path, query or fragment (evil.example/p) or
 *    with at least two dots (a.evil.example). A word that is an e-mail address is kept: at most it becomes a
 *    mailto link, which loads nothing and sends nothing until someone presses send.
 * Step 3 sees no markup characters and puts none back, so no pass can rebuild what an earlier one removed.
 * What ordinary text loses: the characters of step 2 ("AT&T" becomes "AT T", "a < b" becomes "a   b"), and
 * any word that looks like an address, such as "note:this", "1.2.3.4" or "docs.example.org". Kept: "3.5",
 * "e.g.", "12:30", "Node.js", "README.md" and a bare domain such as "example.com", which names one server
 * and carries no data in a subdomain or path. A pattern match, not a parser: test it with your sinks.
 */
export function plainText(text: string): string {
  return text
    .replace(/\p{Cf}/gu, '')
    .replace(/(?:!(?=\[)|[<>[\]()&`])+/g, ' ')
    .replace(/\S+/g, (word) => (!EMAIL.test(word) && ADDRESS.some((address) => address.test(word)) ? LINK_REMOVED : word));
}

type Checked = { tool: ServerTool; approved: ToolDescription; hash: string } | Extract<CallResult, { status: 'refused' }>;

export class ToolRouter {
  /** Per tool, the hash and a copy of the definition a person approved: the router acts on this copy's labels. */
  private readonly pinned = new Map<string, { hash: string; approved: ToolDescription }>();

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
    for (const tool of reviewed) {
      const approved = JSON.parse(canonical(tool)) as ToolDescription; // a copy: later edits to `reviewed` change nothing
      this.pinned.set(tool.name, { hash: await fingerprint(approved), approved });
    }
  }

  async call(name: string, args: Readonly<Record<string, Value>>): Promise<CallResult> {
    let checked = await this.check(name);
    if ('status' in checked) return checked;
    const { approved } = checked;
    for (const p of approved.params) if (!Object.hasOwn(args, p)) throw new TypeError(`${name}: missing argument "${p}"`);
    for (const p of Object.keys(args)) if (!approved.params.includes(p)) throw new TypeError(`${name}: unexpected argument "${p}"`);

    // A tool with a destination sends data out: tainted content goes as plain text; destinations are checked below.
    const isSink = approved.destinationParams.length > 0;
    const plain = Object.fromEntries(
      Object.entries(args).map(([k, v]) => [k, isSink && v.taint.size > 0 && !approved.destinationParams.includes(k) ? plainText(v.value) : v.value]),
    );
    const taintedDestinations = approved.destinationParams.filter((p) => (args[p]?.taint.size ?? 0) > 0);
    if (taintedDestinations.length > 0) {
      const sources = [...new Set(taintedDestinations.flatMap((p) => [...args[p]!.taint]))].sort();
      if (!(await this.approve({ tool: name, args: plain, taintedDestinations, sources }))) {
        return { status: 'refused', reason: 'approval-denied', detail: `${taintedDestinations.join(', ')} of ${name} came from ${sources.join(', ')}` };
      }
      // The server may have changed the tool while the person decided, and someone may have approved the change:
      // the arguments were checked under the labels pinned before the wait, so the pin must be the same one.
      const again = await this.check(name);
      if ('status' in again) return again;
      if (again.hash !== checked.hash) return { status: 'refused', reason: 'description-changed', detail: `${name} was approved again while the call waited; make the call again` };
      checked = again;
    }
    const output = await checked.tool.run(plain);
    const taint = new Set(Object.values(args).flatMap((v) => [...v.taint]));
    if (approved.untrustedOutput) taint.add(`${name}(${Object.values(plain).join(', ')})`);
    return { status: 'ok', output: { value: output, taint } };
  }

  /** The live tool, if it is approved and its whole definition still hashes to the pin. */
  private async check(name: string): Promise<Checked> {
    const tool = (await this.listTools()).find((t) => t.name === name);
    const pin = this.pinned.get(name);
    if (!tool || !pin) return { status: 'refused', reason: 'tool-not-approved', detail: `${name} is not on the approved list` };
    if ((await fingerprint(tool)) !== pin.hash) return { status: 'refused', reason: 'description-changed', detail: `${name} changed after approval; review it again` };
    return { tool, approved: pin.approved, hash: pin.hash };
  }
}
