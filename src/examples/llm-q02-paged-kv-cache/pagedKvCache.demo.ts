/**
 * Demo: 1,024 token slots of KV memory, cut into blocks of 16 tokens, hold three chat requests and one prompt
 * sampled three times for 20 decode steps. A contiguous cache that reserves the 512-token maximum per sequence
 * fits only two sequences in the same slots. Then 120-token requests arrive until no block is free.
 * Change blockSize or maxSeqLen in demo()'s defaults and press Run again.
 */
import { OutOfBlocksError, PagedKvCache, type PagedUsage } from './pagedKvCache';

/** An integer with thousands separators; written out so every browser prints the same. */
const grouped = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

/** "1 block", "2 blocks". */
const count = (n: number, noun: string): string => `${grouped(n)} ${noun}${n === 1 ? '' : 's'}`;

const percent = (part: number, whole: number): string => `${Math.round((100 * part) / whole)}%`;

export interface Settings {
  /** Tokens per block. */
  blockSize: number;
  /** Tokens the contiguous layout reserves per sequence. */
  maxSeqLen: number;
  /** KV memory in token slots, the same for both layouts. */
  poolSlots: number;
}

export interface DemoResult {
  blocks: number;
  usage: PagedUsage;
  copies: number;
  /** Null when the reservation is shorter than the longest sequence. */
  contiguous: { slots: number; wasteSlots: number; sequencesThatFit: number } | null;
  admittedBeforeFull: number;
}

const PROMPTS: Record<string, number> = { chat1: 100, chat2: 40, chat3: 300, sampled: 200 };
const SAMPLES = ['sampled#2', 'sampled#3'];
const STEPS = 20;
const NEW_PROMPT = 120;

export function demo({ blockSize = 16, maxSeqLen = 512, poolSlots = 1024 }: Partial<Settings> = {}): DemoResult {
  // The memory stays the same whatever the block size: the block size only decides how it is cut.
  const blocks = Math.floor(poolSlots / blockSize);
  if (blocks < 1) throw new RangeError(`blockSize ${blockSize} is larger than the pool's ${poolSlots} slots`);
  const cache = new PagedKvCache(blocks, blockSize);
  const leftOver = poolSlots - blocks * blockSize;
  console.log(`${grouped(poolSlots)} token slots: ${count(blocks, 'block')} of ${grouped(blockSize)}${leftOver > 0 ? `, ${grouped(leftOver)} slots left over` : ''}`);

  const running: string[] = [];
  for (const [id, tokens] of Object.entries(PROMPTS)) {
    try {
      cache.addSequence(id, tokens);
      running.push(id);
    } catch (e) {
      if (!(e instanceof OutOfBlocksError)) throw e;
      console.log(`${id}'s ${grouped(tokens)}-token prompt needs ${count(e.needed, 'block')}, ${grouped(e.free)} free: it waits until blocks are freed`);
    }
  }
  const sampled = running.includes('sampled');
  if (sampled) {
    for (const child of SAMPLES) {
      cache.fork('sampled', child);
      running.push(child);
    }
  }

  let copies = 0;
  decode: for (let step = 1; step <= STEPS; step++) {
    for (const id of running) {
      try {
        if (cache.appendToken(id)) copies++;
      } catch (e) {
        if (!(e instanceof OutOfBlocksError)) throw e;
        // The demo has no scheduler, so it stops decoding here.
        console.log(`step ${step}: ${id} needs a block for its next token and none is free: a scheduler would preempt a running sequence (swap or recompute)`);
        break decode;
      }
    }
  }

  const usage = cache.usage();
  const slots = usage.usedBlocks * blockSize;
  console.log(
    // Filled slots include the prompt tokens a copy-on-write duplicated.
    `${count(usage.sequences, 'sequence')}, ${grouped(usage.logicalTokens)} tokens in ${count(usage.usedBlocks, 'block')}: ${grouped(slots)} slots, ${grouped(slots - usage.pagedWasteSlots)} filled; ${grouped(usage.pagedWasteSlots)} wasted (${percent(usage.pagedWasteSlots, slots)})`,
  );
  if (sampled) {
    // A prompt that ends on a block boundary leaves no partly filled block to share, so there is nothing to copy.
    const fillsLastBlock = PROMPTS.sampled! % blockSize === 0;
    console.log(
      `copy-on-write copies of the shared last prompt block: ${copies}${fillsLastBlock ? `; the ${grouped(PROMPTS.sampled!)}-token prompt fills its last block, so no sample writes into a shared block` : ''}`,
    );
  }

  let contiguous: DemoResult['contiguous'] = null;
  if (usage.longestSequence > maxSeqLen) {
    console.log(
      `a ${grouped(maxSeqLen)}-token reservation cannot hold every sequence (the longest has ${grouped(usage.longestSequence)} tokens): contiguous serving would reject or truncate it`,
    );
  } else {
    const report = cache.report(maxSeqLen);
    const fit = Math.floor(poolSlots / maxSeqLen);
    contiguous = { slots: report.contiguousSlots, wasteSlots: report.contiguousWasteSlots, sequencesThatFit: fit };
    console.log(
      `contiguous at ${grouped(maxSeqLen)} per sequence: ${grouped(report.contiguousSlots)} slots, ${grouped(report.contiguousWasteSlots)} wasted (${percent(report.contiguousWasteSlots, report.contiguousSlots)}); ${count(fit, 'sequence')} ${fit === 1 ? 'fits' : 'fit'} in the same ${grouped(poolSlots)} slots`,
    );
  }

  // Admit new requests until the pool runs out. A real scheduler keeps the next request waiting until blocks are
  // freed; it preempts only when a running sequence needs a block for a new token.
  let admittedBeforeFull = 0;
  for (;;) {
    try {
      cache.addSequence(`new${admittedBeforeFull}`, NEW_PROMPT);
      admittedBeforeFull++;
    } catch (e) {
      if (!(e instanceof OutOfBlocksError)) throw e;
      console.log(
        `${NEW_PROMPT}-token prompts admitted now: ${admittedBeforeFull}; the next needs ${count(e.needed, 'block')}, ${grouped(e.free)} free: it waits until blocks are freed`,
      );
      break;
    }
  }
  return { blocks, usage, copies, contiguous, admittedBeforeFull };
}
