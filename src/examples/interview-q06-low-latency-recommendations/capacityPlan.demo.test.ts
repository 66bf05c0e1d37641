import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './capacityPlan.demo';

afterEach(() => vi.restoreAllMocks());

describe('the capacity plan demo', () => {
  it('plans 27 pods that carry the gateway limit with the spares lost, rejects 20, 25 and 26, shows a 110 ms end-to-end p99 from 5 ms stage p99s and fits five p99.8 stages into 27 ms of 50', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({
      totalPods: 27,
      problems: { 20: 3, 25: 1, 26: 1, 27: 0 },
      endToEndP99Ms: 110,
      survivesLossOfSpares: true,
      budget: { totalMs: 27, slackMs: 23 },
      dollars: { quotedPerDay: 259_200, fleetPerRequest: expect.closeTo(0.000000525, 15) as number },
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain("2 spares lost: 25 pods, 12,500 RPS, 80% busy at peak, still carrying the gateway's 10,500 RPS");
    expect(lines).toContain('27 pods at $0.70 per pod-hour, at peak: $0.000000525 a request, 52.5 cents per million');
    expect(lines).toContain('25 serving pods + 2 spares = 27 pods: 13,500 RPS, 74% busy at peak');
    expect(lines).toContain('review of 25 pods: losing 2 pod(s) pushes utilisation at peak to 87%, above the 80% target');
    expect(lines).toContain('with 80% cache hits, 2,000 RPS reach the model stages');
  });
});
