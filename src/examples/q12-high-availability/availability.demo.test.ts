import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './availability.demo';

afterEach(() => vi.restoreAllMocks());

describe('the availability demo', () => {
  it('multiplies the parts in series and shows three model-server replicas lifting the path from 99.34% to 99.84%', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ single: 0.99341, replicated: 0.9984, replicasFor9999: 2 });
    expect(log.mock.calls.map((c) => String(c[0]))[0]).toMatch(/^one model server: 99\.34% \(2\.2 nines\), 284\.\d min down per 30-day month$/);
  });
});
