import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './dynamicBatcher.demo';

afterEach(() => vi.restoreAllMocks());

describe('the dynamic batcher demo', () => {
  it('runs a full batch at once, queues 4 behind it, refuses 2, and sends a lone request after 10 ms', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({
      batches: 3,
      flushedBySize: 1,
      flushedOnCompletion: 1,
      flushedByTimeout: 1,
      shed: 2,
      outputs: ['r1→ok', 'r2→ok', 'r3→ok', 'r4→ok', 'r5→ok', 'r6→ok', 'r7→ok', 'r8→ok', 'r11→ok'],
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toEqual([
      't=0 ms: a burst of 10 requests arrives',
      't=0 ms: model starts a batch of 4: r1, r2, r3, r4',
      't=0 ms: r9 refused, queue full',
      't=0 ms: r10 refused, queue full',
      't=10 ms: model busy, still waiting: 4',
      't=20 ms: model finishes r1, r2, r3, r4',
      't=20 ms: model starts a batch of 4: r5, r6, r7, r8',
      't=40 ms: model finishes r5, r6, r7, r8',
      't=50 ms: a lone request arrives',
      't=60 ms: model starts a batch of 1: r11',
      't=80 ms: model finishes r11',
    ]);
  });
});
