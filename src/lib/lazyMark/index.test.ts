import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import LazyMark, { setMarkLoader } from './index';

function fakeLibrary(): { calls: string[]; load: Mock<() => Promise<never>> } {
  const calls: string[] = [];
  class FakeMark {
    constructor(readonly context: unknown) {}
    mark(keywords: string | readonly string[]): void {
      calls.push(`mark ${String(keywords)}`);
    }
    unmark(): void {
      calls.push('unmark');
    }
  }
  const load = vi.fn(async (): Promise<never> => FakeMark as never);
  setMarkLoader(load);
  return { calls, load };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('LazyMark', () => {
  afterEach(() => setMarkLoader(async () => Promise.reject(new Error('no library in tests'))));

  it('does not fetch mark.js for a page with nothing to highlight', async () => {
    const { load, calls } = fakeLibrary();
    new LazyMark('article').unmark();
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it("fetches it once when there are words to mark, and keeps each instance's calls in order", async () => {
    const { load, calls } = fakeLibrary();
    const first = new LazyMark('article');
    first.unmark();
    first.mark(['drift', 'psi']);
    const second = new LazyMark('article');
    second.unmark();
    second.mark('canary');
    await settle();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['mark drift,psi', 'unmark', 'mark canary']);
  });

  it('survives a failed fetch of mark.js and tries again on the next mark', async () => {
    const { calls } = fakeLibrary();
    const working = vi.fn(async () => {
      throw new Error('offline');
    });
    const real = fakeLibrary();
    setMarkLoader(async () => (working.mock.calls.length === 0 ? working() : real.load()));
    new LazyMark('article').mark('first');
    await settle();
    new LazyMark('article').mark('second');
    await settle();
    await settle();
    expect(calls).toEqual([]);
    expect(real.calls).toEqual(['mark second']);
  });
});
