/**
 * A paged KV-cache allocator in the style of PagedAttention: a sequence's
 * cache is a table of fixed-size physical blocks, not one contiguous region.
 * Blocks are reference-counted so forked sequences (parallel sampling, beam
 * search) share their prompt, and a shared block is copied only when one of
 * its owners writes to it. Token slots stand in for the keys and values.
 */
/**
 * No free block for now. What to do is the scheduler's call: a new request waits until blocks are freed; a running
 * sequence that needs a block for its next token makes it preempt another sequence (swap or recompute).
 */
export class OutOfBlocksError extends Error {
  constructor(
    readonly needed: number,
    readonly free: number,
  ) {
    super(`out of KV blocks: need ${needed}, ${free} free`);
    this.name = 'OutOfBlocksError';
  }
}

export interface PagedUsage {
  sequences: number;
  /** Tokens the sequences see, counting a shared prompt once per sequence. */
  logicalTokens: number;
  /** The longest sequence: what a contiguous reservation must hold. */
  longestSequence: number;
  usedBlocks: number;
  /** Slots in used blocks that hold no token: the paged layout's only waste. */
  pagedWasteSlots: number;
}

export interface MemoryReport extends PagedUsage {
  /** What reserving maxSeqLen contiguous slots per sequence would take. */
  contiguousSlots: number;
  contiguousWasteSlots: number;
}

export class PagedKvCache {
  private readonly refCount: number[];
  private readonly fill: number[]; // tokens written into each physical block
  private readonly freeList: number[];
  private readonly tables = new Map<string, { blocks: number[]; tokens: number }>();

  constructor(
    readonly numBlocks: number,
    readonly blockSize: number,
  ) {
    if (!Number.isInteger(numBlocks) || numBlocks < 1) throw new RangeError(`numBlocks must be a positive integer, got ${numBlocks}`);
    if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be a positive integer, got ${blockSize}`);
    this.refCount = new Array<number>(numBlocks).fill(0);
    this.fill = new Array<number>(numBlocks).fill(0);
    // Pop from the end, so block 0 is handed out first.
    this.freeList = Array.from({ length: numBlocks }, (_, i) => numBlocks - 1 - i);
  }

  get freeBlocks(): number {
    return this.freeList.length;
  }

  /** Allocates the prompt's blocks all at once, or nothing if they do not fit. */
  addSequence(id: string, promptTokens: number): void {
    if (this.tables.has(id)) throw new Error(`sequence ${id} already exists`);
    if (!Number.isInteger(promptTokens) || promptTokens < 1) throw new RangeError(`promptTokens must be a positive integer, got ${promptTokens}`);
    const needed = Math.ceil(promptTokens / this.blockSize);
    // Waiting cannot help a prompt larger than the whole pool, so it is not an out-of-blocks case.
    if (needed > this.numBlocks) throw new RangeError(`prompt of ${promptTokens} tokens needs ${needed} blocks; the pool has ${this.numBlocks}`);
    if (needed > this.freeList.length) throw new OutOfBlocksError(needed, this.freeList.length);
    const blocks: number[] = [];
    for (let i = 0; i < needed; i++) blocks.push(this.take(Math.min(this.blockSize, promptTokens - i * this.blockSize)));
    this.tables.set(id, { blocks, tokens: promptTokens });
  }

  /** Writes one generated token; returns true when a shared block had to be copied first. */
  appendToken(id: string): boolean {
    const seq = this.table(id);
    if (seq.tokens % this.blockSize === 0) {
      if (this.freeList.length === 0) throw new OutOfBlocksError(1, 0);
      seq.blocks.push(this.take(1));
      seq.tokens++;
      return false;
    }
    const last = seq.blocks.length - 1;
    const block = seq.blocks[last]!;
    let copied = false;
    if (this.refCount[block]! > 1) {
      // Copy-on-write: the other owners keep the old block unchanged.
      if (this.freeList.length === 0) throw new OutOfBlocksError(1, 0);
      this.refCount[block]!--;
      seq.blocks[last] = this.take(this.fill[block]!);
      copied = true;
    }
    this.fill[seq.blocks[last]!]!++;
    seq.tokens++;
    return copied;
  }

  /** A child shares every block of its parent; nothing is copied yet. */
  fork(parentId: string, childId: string): void {
    if (this.tables.has(childId)) throw new Error(`sequence ${childId} already exists`);
    const parent = this.table(parentId);
    for (const b of parent.blocks) this.refCount[b]!++;
    this.tables.set(childId, { blocks: [...parent.blocks], tokens: parent.tokens });
  }

  /** Releases a finished or preempted sequence; a block returns to the pool when no one holds it. */
  free(id: string): void {
    for (const b of this.table(id).blocks) {
      if (--this.refCount[b]! === 0) {
        this.fill[b] = 0;
        this.freeList.push(b);
      }
    }
    this.tables.delete(id);
  }

  blockTable(id: string): readonly number[] {
    return [...this.table(id).blocks];
  }

  /** Blocks in use and their waste; a shared block counts once. */
  usage(): PagedUsage {
    let logicalTokens = 0;
    let longestSequence = 0;
    for (const seq of this.tables.values()) {
      logicalTokens += seq.tokens;
      longestSequence = Math.max(longestSequence, seq.tokens);
    }
    let usedBlocks = 0;
    let storedTokens = 0;
    for (let b = 0; b < this.numBlocks; b++) {
      if (this.refCount[b]! > 0) {
        usedBlocks++;
        storedTokens += this.fill[b]!;
      }
    }
    return { sequences: this.tables.size, logicalTokens, longestSequence, usedBlocks, pagedWasteSlots: usedBlocks * this.blockSize - storedTokens };
  }

  /** usage() beside a contiguous reservation of maxSeqLen slots per sequence, which must hold every sequence. */
  report(maxSeqLen: number): MemoryReport {
    if (!Number.isInteger(maxSeqLen) || maxSeqLen < 1) throw new RangeError(`maxSeqLen must be a positive integer, got ${maxSeqLen}`);
    for (const [id, seq] of this.tables) {
      if (seq.tokens > maxSeqLen) throw new RangeError(`maxSeqLen ${maxSeqLen} is shorter than sequence ${id} (${seq.tokens} tokens)`);
    }
    const usage = this.usage();
    const contiguousSlots = usage.sequences * maxSeqLen;
    return { ...usage, contiguousSlots, contiguousWasteSlots: contiguousSlots - usage.logicalTokens };
  }

  private take(tokens: number): number {
    const block = this.freeList.pop()!;
    this.refCount[block] = 1;
    this.fill[block] = tokens;
    return block;
  }

  private table(id: string): { blocks: number[]; tokens: number } {
    const seq = this.tables.get(id);
    if (!seq) throw new Error(`unknown sequence ${id}`);
    return seq;
  }
}
