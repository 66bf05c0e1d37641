/**
 * Demo: 64 blocks of 16 tokens (1,024 token slots) hold three chat requests
 * and one prompt sampled three times. A contiguous cache that reserves the
 * 512-token maximum per sequence fits only two sequences in the same slots.
 * Change blockSize, the prompts or maxSeqLen and press Run again.
 */
import { OutOfBlocksError, PagedKvCache, type MemoryReport } from './pagedKvCache';

export function demo(): { report: MemoryReport; copies: number; admittedBeforeFull: number } {
  const blockSize = 16;
  const maxSeqLen = 512;
  const cache = new PagedKvCache(64, blockSize);
  const prompts: Record<string, number> = { chat1: 100, chat2: 40, chat3: 300, sampled: 200 };
  for (const [id, tokens] of Object.entries(prompts)) cache.addSequence(id, tokens);
  cache.fork('sampled', 'sampled#2');
  cache.fork('sampled', 'sampled#3');
  let copies = 0;
  for (let step = 0; step < 20; step++) {
    for (const id of ['chat1', 'chat2', 'chat3', 'sampled', 'sampled#2', 'sampled#3']) if (cache.appendToken(id)) copies++;
  }
  const report = cache.report(maxSeqLen);
  console.log(`${report.sequences} sequences, ${report.logicalTokens} tokens in ${report.usedBlocks} blocks of ${blockSize}; ${report.pagedWasteSlots} slots wasted`);
  console.log(`copy-on-write copies of the shared last prompt block: ${copies}`);
  console.log(
    `contiguous at ${maxSeqLen} per sequence: ${report.contiguousSlots} slots, ${report.contiguousWasteSlots} wasted; only ${Math.floor((64 * blockSize) / maxSeqLen)} sequences fit in 1,024`,
  );
  // Admit 120-token requests until the pool runs out: the scheduler would preempt here.
  let admittedBeforeFull = 0;
  try {
    for (;;) {
      cache.addSequence(`new${admittedBeforeFull}`, 120);
      admittedBeforeFull++;
    }
  } catch (e) {
    if (!(e instanceof OutOfBlocksError)) throw e;
    console.log(`120-token prompts that still fit: ${admittedBeforeFull}; the next needs ${e.needed} blocks, ${e.free} free: preempt or queue it`);
  }
  return { report, copies, admittedBeforeFull };
}
