import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './modelMesh.demo';

afterEach(() => vi.restoreAllMocks());

const MB = 1_000_000;

describe('the model mesh demo', () => {
  it('serves a burst with one load and keeps the pinned hot 100 resident through a skewed trace and a scan of the tail', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({ burstLoads: 1, traceRequests: 10_000, traceHits: 8_892, tailRequests: 1_043, tailLoads: 1_009, hotResidentAfterScan: 100 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('50 requests at once for cold m0: 1 load, 50 answers');
    // The page quotes the tail's share of cold requests from this line.
    expect(lines).toContain('the hot 100: 8,957 requests, 8,858 hits, 99 loads; the tail: 1,043 requests, 34 hits, 1,009 loads (96.7% cold)');
    expect(lines).toContain('a batch job scans 300 tail models: 300 loads; hot models resident: 100 before, 100 after');
  });

  it('tells a busy pod (leases hold the room, retryable) from one its pinned models fill and from a model that never fits', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({
      busyError: 'PodBusyError',
      busyRetryable: true,
      pinnedFullError: 'PinnedFullError',
      pinnedFullRetryable: false,
      tooLargeError: 'ModelTooLargeError',
      tooLargeLoadsStarted: 0,
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('32 requests hold every tail model in the pod; m999 (500 MB): PodBusyError, retryable true, 0 evicted');
    expect(lines).toContain('those requests finish; m999 again: 1 load, 1 evicted to make room');
    expect(lines).toContain('a 15,000 MB model: PinnedFullError, retryable false (the pinned models leave 10,000 MB), 0 loads started');
  });

  it('fails a hung load at its default 120 s deadline, keeps its bytes reserved until its weights arrive at 130 s, then frees them', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({
      loadDeadlineMs: 120_000,
      loadingJustBeforeDeadline: true,
      timeoutError: 'LoadTimeoutError',
      timeoutAtMs: 120_000,
      retryDuringHangError: 'PodBusyError',
      fetchesOfHungModel: 1,
      lateArrivalMs: 130_000,
      lateHandedBack: true,
    });
    // What the mesh counts is what the runtime holds, at the deadline and after, and the runtime never held more than the pod.
    expect(result.meshBytesAtTimeout).toBe(19_900 * MB);
    expect(result.runtimeBytesAtTimeout).toBe(19_900 * MB);
    expect(result.meshBytesAfterLateLoad).toBe(19_500 * MB);
    expect(result.runtimeBytesAfterLateLoad).toBe(19_500 * MB);
    expect(result.runtimePeakBytes).toBe(20_000 * MB);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain(
      'm998 (400 MB) hangs, load deadline 120 s: at 119.999 s still loading, the mesh counts 19,900 MB; at 120 s LoadTimeoutError, its bytes stay reserved: the mesh counts 19,900 MB, the runtime holds 19,900 MB',
    );
    expect(lines).toContain('m998 again while the runtime still loads it: PodBusyError, retryable true; fetches of m998 started: 1');
    expect(lines).toContain('its weights arrive at 130 s; handed to onEvict: yes; the runtime holds 19,500 MB, the mesh counts 19,500 MB');
  });
});
