import { describe, expect, it } from 'vitest';
import { answeredAtOnce, constantModel, FakeModelStore, ManualClock, RecordingLogger } from './testDoubles';

// ManualClock also passes the Clock contract tests in predictionService.test.ts, next to systemClock.

describe('ManualClock', () => {
  it('starts at the time it is given and counts the timers neither fired nor cancelled', async () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.schedule(10, () => undefined);
    const cancel = clock.schedule(20, () => undefined);
    expect(clock.pending()).toBe(2);
    cancel();
    expect(clock.pending()).toBe(1);
    await clock.advance(10);
    expect(clock.pending()).toBe(0);
    expect(clock.now()).toBe(1_010);
  });

  it('fires a timer scheduled by a firing timer in the same advance, at its own time', async () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.schedule(10, () => clock.schedule(5, () => fired.push(clock.now())));
    await clock.advance(14);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual([15]);
  });
});

describe('FakeModelStore', () => {
  const signal = () => new AbortController().signal;

  it('answers only once the clock has moved past its load time, counting every load', async () => {
    const clock = new ManualClock();
    const store = new FakeModelStore(clock, 2_500);
    store.models.set('fraud', constantModel('fraud-v7', 0.82));
    const load = store.load('fraud', signal());
    await clock.advance(2_499);
    expect(await answeredAtOnce(load)).toBe('still waiting');
    await clock.advance(1);
    expect((await load).id).toBe('fraud-v7');
    expect(store.loads).toBe(1);
  });

  it('fails the next load once for each queued error, fails every load during an outage, and knows only its models', async () => {
    const store = new FakeModelStore(new ManualClock());
    store.models.set('fraud', constantModel('fraud-v7', 0.82));
    store.failNext.push(new Error('throttled'));
    await expect(store.load('fraud', signal())).rejects.toThrow('throttled');
    await expect(store.load('fraud', signal())).resolves.toMatchObject({ id: 'fraud-v7' });
    store.outage = new Error('S3 read timed out');
    await expect(store.load('fraud', signal())).rejects.toThrow('S3 read timed out');
    await expect(store.load('fraud', signal())).rejects.toThrow('S3 read timed out');
    store.outage = undefined;
    await expect(store.load('churn', signal())).rejects.toThrow('no such object: churn');
    expect(store.loads).toBe(5);
  });

  it('holds loads until released, and gives up on a load whose signal was aborted meanwhile', async () => {
    const store = new FakeModelStore(new ManualClock());
    store.models.set('fraud', constantModel('fraud-v7', 0.82));
    store.hold();
    const abort = new AbortController();
    const load = store.load('fraud', abort.signal).catch((error: unknown) => error);
    expect(await answeredAtOnce(load)).toBe('still waiting');
    expect(store.lastSignal).toBe(abort.signal);
    abort.abort(new Error('deadline'));
    store.release();
    expect(String(await load)).toBe('Error: deadline');
  });
});

describe('RecordingLogger', () => {
  it('records every entry and picks out entries by event, and the warnings and errors an alert can fire on', () => {
    const logger = new RecordingLogger();
    logger.info('prediction', { score: 0.82 });
    logger.warn('model.reload_failed_serving_stale', { ageMs: 60_000 });
    logger.error('model.load_failed', { reason: 'gone' });
    expect(logger.entries).toHaveLength(3);
    expect(logger.named('prediction')).toEqual([{ level: 'info', event: 'prediction', fields: { score: 0.82 } }]);
    expect(logger.alerts().map((e) => e.level)).toEqual(['warn', 'error']);
  });
});

describe('answeredAtOnce', () => {
  it('gives the answer of a request that needs no timer, and "still waiting" for one that does', async () => {
    expect(await answeredAtOnce(Promise.resolve(0.82))).toBe(0.82);
    expect(await answeredAtOnce(new Promise(() => undefined))).toBe('still waiting');
  });
});
