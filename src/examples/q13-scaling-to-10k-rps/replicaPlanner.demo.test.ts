import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './replicaPlanner.demo';

afterEach(() => vi.restoreAllMocks());

describe('the replica planner demo', () => {
  it('needs 18 pods for 10,000 rps, doubles towards them step by step, and scales down only 5 minutes after the peak', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { needed, replicas } = demo();
    expect(needed).toBe(18);
    expect(replicas.slice(0, 4)).toEqual([4, 8, 16, 18]);
    // The last 18 was recommended at t = 60 s; it leaves the 300 s window at t = 360 s, step 24.
    expect(replicas.indexOf(4, 1)).toBe(24);
    expect(replicas[23]).toBe(18);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines[0]).toBe('10,000 rps at 560 rps per pod needs 18 pods');
    expect(lines).toContain('t=30 s: 10,000 rps, HPA recommends 18, running 16 pods');
    expect(lines).toContain('t=360 s: 2,000 rps, HPA recommends 4, running 4 pods');
  });
});
