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

const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['colon', ':'],
  ['sol', '/'],
  ['period', '.'],
  ['nbsp', ' '],
]);

const REFERENCE = /&#(x?)([\da-f]+);?|&([a-z]+);/gi;

/** Decodes HTML character references once, then drops any left: a double-encoded "&amp;#58;" is a colon to some renderers. */
function decodeEntities(text: string): string {
  const decoded = text.replace(REFERENCE, (_, hex: string, digits: string | undefined, name: string | undefined) => {
    if (name !== undefined) return ENTITIES.get(name.toLowerCase()) ?? ''; // a name not in the list is dropped
    const code = parseInt(digits!, hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
  return decoded.replace(REFERENCE, '');
}

/**
 * Tainted text bound for a sink leaves as plain text, since a URL that is loaded or clicked carries data to its
 * server. After decoding HTML entities: link reference definitions go, markdown images and links (inline or by
 * reference) keep only their text, HTML tags go, and URLs (with a scheme or starting //) and bare host names
 * (evil.example/p) are replaced. Email addresses are kept. A heuristic: test it against what your sinks render.
 */
export function plainText(text: string): string {
  // Character classes exclude the opening character too, and a scheme has at most 32 characters, so a long run
  // of "[", "<" or "a." takes linear time, not quadratic.
  return decodeEntities(text)
    .replace(/^[ \t]*\[[^[\]]*\]:.*$/gm, '') // [r]: https://...
    .replace(/!?\[([^[\]]*)\](?:\([^()]*\)|\[[^[\]]*\])/g, '$1') // ![alt](url), [text](url), ![alt][r], [text][r]
    .replace(/<[^<>]*>/g, '')
    .replace(/(?:\b[a-z][\w+.-]{0,31}:)?\/\/\S+/gi, '[link removed]') // https://host, //host
    .replace(/(?<![\w@.-])(?:[a-z\d-]+\.)+[a-z]{2,}(?![\w-])(?:[/:?#]\S*)?/gi, '[link removed]'); // host.tld/path, not after an @
}

type Checked = { tool: ServerTool; approved: ToolDescription } | Extract<CallResult, { status: 'refused' }>;

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
      checked = await this.check(name); // the server may have changed the tool while the person decided
      if ('status' in checked) return checked;
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
    return { tool, approved: pin.approved };
  }
}
