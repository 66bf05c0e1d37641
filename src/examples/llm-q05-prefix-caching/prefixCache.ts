/**
 * A prefix cache for KV blocks. Each full block of blockSize tokens is keyed
 * by a hash of its parent block's key and its own tokens, so a key names the
 * whole prefix up to that block: two prompts share a block only if they agree
 * on every token before it. Blocks in use by a request are pinned; the others
 * are evicted least recently used first. Token ids stand in for real tokens.
 */
export type BlockKey = string;

/** 53-bit string hash (cyrb53). A production cache uses a stronger hash: a collision would serve another prompt's KV. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** Chained keys of the full blocks of a prompt; a trailing partial block gets no key. */
export function blockKeys(tokens: readonly number[], blockSize: number): BlockKey[] {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be a positive integer, got ${blockSize}`);
  const keys: BlockKey[] = [];
  let parent = 'root';
  for (let start = 0; start + blockSize <= tokens.length; start += blockSize) {
    parent = hash53(`${parent}:${tokens.slice(start, start + blockSize).join(',')}`);
    keys.push(parent);
  }
  return keys;
}

export interface Admission {
  keys: BlockKey[];
  cachedTokens: number;
  computedTokens: number;
}

export class PrefixCache {
  // Map order is recency order: the first entry is the least recently used.
  private readonly blocks = new Map<BlockKey, { refs: number }>();
  // Admissions still holding their pins: a second release would unpin blocks another request is using.
  private readonly live = new WeakSet<Admission>();
  private lookups = 0;
  private hits = 0;
  private savedTokens = 0;
  private promptTokens = 0;

  constructor(
    readonly capacityBlocks: number,
    readonly blockSize: number,
  ) {
    if (!Number.isInteger(capacityBlocks) || capacityBlocks < 1) throw new RangeError(`capacityBlocks must be a positive integer, got ${capacityBlocks}`);
    if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be a positive integer, got ${blockSize}`);
  }

  /**
   * Reuses the longest cached prefix, short of the prompt's last token, caches the new full blocks and
   * pins them until release(). A fully cached prompt therefore recomputes its last block.
   */
  admit(tokens: readonly number[]): Admission {
    if (tokens.length === 0) throw new RangeError('tokens must not be empty');
    const keys = blockKeys(tokens, this.blockSize);
    // The last prompt token must be computed to give the logits of the first output token, so at most
    // tokens - 1 tokens come from the cache, in whole blocks (vLLM caps a hit the same way).
    const maxHit = Math.floor((tokens.length - 1) / this.blockSize);
    let hit = 0;
    while (hit < maxHit && this.blocks.has(keys[hit]!)) hit++; // chained keys: the first miss ends the prefix
    const pinned: BlockKey[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (i >= hit && !this.blocks.has(key)) {
        if (this.blocks.size >= this.capacityBlocks && !this.evictOne()) break; // everything pinned: compute, do not cache
        this.blocks.set(key, { refs: 0 });
      }
      this.blocks.get(key)!.refs++;
      pinned.push(key);
    }
    // Touch the deepest block first, so a parent is always more recent than its children and is evicted after them.
    for (let i = pinned.length - 1; i >= 0; i--) this.touch(pinned[i]!);
    const cachedTokens = hit * this.blockSize;
    this.lookups += keys.length;
    this.hits += hit;
    this.savedTokens += cachedTokens;
    this.promptTokens += tokens.length;
    const admission = { keys: pinned, cachedTokens, computedTokens: tokens.length - cachedTokens };
    this.live.add(admission);
    return admission;
  }

  /** Unpins a finished request's blocks; they stay cached until evicted. */
  release(admission: Admission): void {
    if (!this.live.delete(admission)) throw new Error('admission already released, or not admitted by this cache');
    for (const key of admission.keys) this.blocks.get(key)!.refs--;
  }

  get size(): number {
    return this.blocks.size;
  }

  stats(): { blockHitRate: number; prefillTokensSaved: number; savedShare: number } {
    return {
      blockHitRate: this.lookups > 0 ? this.hits / this.lookups : 0,
      prefillTokensSaved: this.savedTokens,
      savedShare: this.promptTokens > 0 ? this.savedTokens / this.promptTokens : 0,
    };
  }

  private touch(key: BlockKey): void {
    const block = this.blocks.get(key)!;
    this.blocks.delete(key);
    this.blocks.set(key, block);
  }

  private evictOne(): boolean {
    for (const [key, block] of this.blocks) {
      if (block.refs === 0) return this.blocks.delete(key);
    }
    return false;
  }
}

/** KV bytes per token: keys and values, for every layer and KV head. */
export function kvBytesPerToken(layers: number, kvHeads: number, headDim: number, bytesPerValue: number): number {
  for (const [name, v] of Object.entries({ layers, kvHeads, headDim, bytesPerValue })) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
  }
  return 2 * layers * kvHeads * headDim * bytesPerValue;
}

/** Milliseconds to send a prompt's KV cache from a prefill GPU to a decode GPU over a link of linkGBps (10^9 bytes/s). */
export function kvTransferMs(promptTokens: number, bytesPerToken: number, linkGBps: number): number {
  if (!(promptTokens >= 0) || !Number.isFinite(promptTokens)) throw new RangeError(`promptTokens must be >= 0, got ${promptTokens}`);
  if (!(bytesPerToken > 0)) throw new RangeError(`bytesPerToken must be positive, got ${bytesPerToken}`);
  if (!(linkGBps > 0) || !Number.isFinite(linkGBps)) throw new RangeError(`linkGBps must be positive, got ${linkGBps}`);
  return ((promptTokens * bytesPerToken) / (linkGBps * 1e9)) * 1000;
}
