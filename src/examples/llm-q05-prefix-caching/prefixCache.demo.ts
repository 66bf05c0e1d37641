/**
 * Demo: three users, three turns each, behind one 256-token system prompt,
 * with 16-token blocks. Each turn resends the conversation so far. Then the
 * KV transfer time of an 8,000-token prompt for Llama 3 8B (32 layers, 8 KV
 * heads of 128 at FP16) over two links from NVIDIA's H200 system description
 * (MLPerf Inference v4.1, 2024): a 400 Gb/s InfiniBand port between nodes
 * (50 GB/s at line rate) and one direction of NVLink inside a node (900 GB/s
 * per GPU, which NVIDIA's Hopper page counts in both directions, so 450 GB/s).
 * Change the capacity, the block size or the trace and run again.
 */
import { PrefixCache, kvBytesPerToken, kvTransferMs } from './prefixCache';

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

export function demo(capacityBlocks = 200): { blockHitRate: number; prefillTokensSaved: number; savedShare: number; transferMs: number[] } {
  const cache = new PrefixCache(capacityBlocks, 16);
  const system = range(1, 256);
  const history = new Map<number, number[]>();
  for (let turn = 1; turn <= 3; turn++) {
    for (let user = 1; user <= 3; user++) {
      const base = 10_000 * user + 1_000 * turn; // distinct token ids per user and turn
      const prompt = [...system, ...(history.get(user) ?? []), ...range(base, 40)];
      const admission = cache.admit(prompt);
      cache.release(admission);
      history.set(user, [...prompt.slice(256), ...range(base + 500, 60)]); // the answer joins the history
      if (user === 1) console.log(`user 1, turn ${turn}: ${prompt.length} prompt tokens, ${admission.cachedTokens} from cache`);
    }
  }
  const s = cache.stats();
  console.log(`block hit rate ${(s.blockHitRate * 100).toFixed(1)}%, ${s.prefillTokensSaved} prefill tokens saved (${(s.savedShare * 100).toFixed(1)}% of all prompt tokens)`);
  const perToken = kvBytesPerToken(32, 8, 128, 2);
  const transferMs = [50, 450].map((gbps) => kvTransferMs(8_000, perToken, gbps));
  console.log(
    `KV of 8,000 tokens at ${thousands(perToken)} bytes/token: ${transferMs[0]!.toFixed(1)} ms over InfiniBand at 50 GB/s, ${transferMs[1]!.toFixed(1)} ms over NVLink at 450 GB/s`,
  );
  return { ...s, transferMs };
}
