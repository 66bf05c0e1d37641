import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './windowedAggregator.demo';

afterEach(() => vi.restoreAllMocks());

describe('the streaming feature demo', () => {
  it('fires window 0-60 s with count 2, upserts it to 3 for the late event at 45 s and sends the event at 40 s to the side output', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ store: { '0-60 s': 3, '60-120 s': 2 }, tooLate: [40], watermark: 190 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('event at 62 s, watermark 52 s');
    expect(lines).toContain('event at 75 s, watermark 65 s: fire window 0-60 s, count 2 (on-time)');
    expect(lines).toContain('event at 45 s, watermark 65 s: upsert window 0-60 s, count 3 (late-update)');
    expect(lines).toContain('event at 40 s, watermark 190 s: too late, sent to the side output');
  });
});
