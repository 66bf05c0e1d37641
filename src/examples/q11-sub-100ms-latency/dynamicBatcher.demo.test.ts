import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './dynamicBatcher.demo';

afterEach(() => vi.restoreAllMocks());

describe('the dynamic batcher demo', () => {
  it('flushes a full batch of 4 at once and the last 2 when the oldest has waited 10 ms', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({ batches: 2, flushedBySize: 1, flushedByTimeout: 1, outputs: ['r1→ok', 'r2→ok', 'r3→ok', 'r4→ok', 'r5→ok', 'r6→ok'] });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('t=0 ms: model runs a batch of 4: r1, r2, r3, r4');
    expect(lines).toContain('t=9 ms: still waiting: 2');
    expect(lines).toContain('t=10 ms: model runs a batch of 2: r5, r6');
  });
});
