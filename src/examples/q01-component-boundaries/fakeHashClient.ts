/**
 * A fake Redis hash client for the tests and the demo: strings in, strings out, {} for a missing key. Its eval runs
 * the adapter's one Lua script (SET_IF_UNCHANGED) in JavaScript. It can fail on one key, and can run an ingestion
 * write (and wait for what that write triggers) right after a read.
 */
import { SET_IF_UNCHANGED, type HashClient } from './featurePipeline';

export class FakeHashClient implements HashClient {
  readonly hashes = new Map<string, Record<string, string>>();
  failOn: string | undefined;
  /** Runs after each read has taken its snapshot; the read waits for what it returns. */
  afterRead: (() => unknown) | undefined;

  async hGetAll(key: string): Promise<Record<string, string>> {
    const hash = { ...this.hashes.get(key) };
    await this.afterRead?.();
    return hash;
  }

  async eval(script: string, { keys, arguments: args }: { keys: string[]; arguments: string[] }): Promise<number> {
    if (script !== SET_IF_UNCHANGED) throw new Error('the fake only knows SET_IF_UNCHANGED');
    const key = keys[0]!;
    if (key === this.failOn) throw new Error('connection reset');
    const hash = { ...this.hashes.get(key) };
    const guards = Number(args[0]);
    for (let i = 1; i < 1 + 2 * guards; i += 2) if (hash[args[i]!] !== args[i + 1]) return 0;
    const pairs = args.slice(1 + 2 * guards);
    for (let i = 0; i < pairs.length; i += 2) hash[pairs[i]!] = pairs[i + 1]!;
    this.hashes.set(key, hash);
    return 1;
  }
}
