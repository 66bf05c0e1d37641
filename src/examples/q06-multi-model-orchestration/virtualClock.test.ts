import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtualClock';

describe('VirtualClock', () => {
  it('fires timers in time order, moving now to each, and a sleep counts from the time it starts', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    for (const ms of [30, 10, 20]) void clock.sleep(ms).then(() => fired.push(`${ms} ms timer at ${clock.clock()}`));
    void clock.sleep(10).then(() => clock.sleep(15).then(() => fired.push(`10 + 15 ms at ${clock.now}`)));
    await clock.runAll();
    expect(fired).toEqual(['10 ms timer at 10', '20 ms timer at 20', '10 + 15 ms at 25', '30 ms timer at 30']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets a promise chain run to its next sleep however many awaits it takes, so no timer is missed', async () => {
    const clock = new VirtualClock();
    let doneAt = -1;
    void (async () => {
      await clock.sleep(10);
      for (let i = 0; i < 10_000; i++) await Promise.resolve();
      await clock.sleep(5);
      doneAt = clock.now;
    })();
    await clock.runAll();
    expect(doneAt).toBe(15);
  });

  it('drops the timer of an aborted sleep, which then never resolves', async () => {
    const clock = new VirtualClock();
    const cancel = new AbortController();
    let resolved = false;
    void clock.sleep(50, cancel.signal).then(() => (resolved = true));
    void clock.sleep(20);
    cancel.abort();
    expect(clock.pendingTimers).toBe(1);
    await clock.runAll();
    expect(resolved).toBe(false);
    expect(clock.now).toBe(20);
  });
});
