import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './modelMesh.demo';

afterEach(() => vi.restoreAllMocks());

const MB = 1_000_000;

describe('the model mesh demo', () => {
  it('serves a burst with one load and keeps the pinned hot 100 resident through a skewed trace and a scan of the tail', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({ burstLoads: 1, traceRequests: 10_000, traceHits: 8_892, hotResidentAfterScan: 100 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('50 requests at once for cold m0: 1 load, 50 answers');
    expect(lines).toContain('a batch job scans 300 tail models: 300 loads; hot models resident: 100 before, 100 after');
  });

  it('tells a busy pod (leases hold the room, retryable) from a model that never fits (refused before any fetch)', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({ busyError: 'PodBusyError', busyRetryable: true, tooLargeError: 'ModelTooLargeError', tooLargeLoadsStarted: 0 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('32 requests hold every tail model in the pod; m999 (500 MB): PodBusyError, retryable true, 0 evicted');
    expect(lines).toContain('those requests finish; m999 again: 1 load, 1 evicted to make room');
  });

  it('keeps a hung load until 1 ms before its default 120 s deadline, fails it at the deadline, frees its reservation, and frees its weights when they arrive late', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({
      loadDeadlineMs: 120_000,
      loadingJustBeforeDeadline: true,
      timeoutError: 'LoadTimeoutError',
      timeoutAtMs: 120_000,
      lateHandedBack: true,
    });
    // What the mesh counts is what the runtime holds, and the runtime never held more than the pod.
    expect(result.meshBytesAfterLateLoad).toBe(19_500 * MB);
    expect(result.runtimeBytesAfterLateLoad).toBe(19_500 * MB);
    expect(result.runtimePeakBytes).toBe(20_000 * MB);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain(
      'm998 (400 MB) hangs, load deadline 120 s: at 119.999 s still loading, the mesh counts 19,900 MB; at 120 s LoadTimeoutError, the mesh counts 19,500 MB, the runtime holds 19,900 MB',
    );
  });
});
