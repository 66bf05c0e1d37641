import { describe, expect, it } from 'vitest';
import { detectionSeconds, FailoverRouter, type Region } from './failoverRouter';

const activeActive: Region[] = [
  { name: 'us-east', weight: 80, capacityRps: 10_000 },
  { name: 'eu-west', weight: 20, capacityRps: 10_000 },
];

function failProbes(router: FailoverRouter, region: string, times: number): void {
  for (let i = 0; i < times; i++) router.recordProbe(region, false);
}

describe('FailoverRouter', () => {
  it('splits traffic by weight while every region is healthy', () => {
    const router = new FailoverRouter(activeActive);
    expect(router.route(0.79).region).toBe('us-east');
    expect(router.route(0.8).region).toBe('eu-west');
    expect(router.trafficShares().shares.get('us-east')).toBeCloseTo(0.8, 12);
  });

  it('keeps traffic where it is after fewer failed probes than the threshold', () => {
    const router = new FailoverRouter(activeActive, { unhealthyAfter: 3, healthyAfter: 2 });
    failProbes(router, 'us-east', 2);
    router.recordProbe('us-east', true);
    failProbes(router, 'us-east', 2);
    expect(router.isHealthy('us-east')).toBe(true);
  });

  it('moves all traffic to the survivor after three consecutive failures', () => {
    const router = new FailoverRouter(activeActive, { unhealthyAfter: 3, healthyAfter: 2 });
    failProbes(router, 'us-east', 3);
    expect(router.isHealthy('us-east')).toBe(false);
    expect(router.route(0.1)).toEqual({ region: 'eu-west', failStatic: false });
    expect(router.trafficShares().shares.get('eu-west')).toBe(1);
  });

  it('returns traffic only after enough consecutive good probes', () => {
    const router = new FailoverRouter(activeActive, { unhealthyAfter: 3, healthyAfter: 2 });
    failProbes(router, 'us-east', 3);
    router.recordProbe('us-east', true);
    expect(router.isHealthy('us-east')).toBe(false);
    router.recordProbe('us-east', true);
    expect(router.isHealthy('us-east')).toBe(true);
    expect(router.route(0.5).region).toBe('us-east');
  });

  it('sends traffic to a passive standby only when the active region is down', () => {
    const router = new FailoverRouter([
      { name: 'primary', weight: 1, capacityRps: 5_000 },
      { name: 'standby', weight: 0, capacityRps: 1_500 },
    ]);
    expect(router.route(0.99).region).toBe('primary');
    failProbes(router, 'primary', 3);
    expect(router.route(0.99).region).toBe('standby');
  });

  it('fails static on normal weights when every health check fails', () => {
    const router = new FailoverRouter(activeActive);
    failProbes(router, 'us-east', 3);
    failProbes(router, 'eu-west', 3);
    expect(router.route(0.5)).toEqual({ region: 'us-east', failStatic: true });
  });

  it('reports the capacity a region loss would leave unserved', () => {
    const router = new FailoverRouter([
      { name: 'us-east', weight: 80, capacityRps: 9_000 },
      { name: 'eu-west', weight: 20, capacityRps: 3_000 },
    ]);
    const shortfall = router.shortfallAfterLoss(8_000);
    expect(shortfall.get('us-east')).toBe(5_000); // a 20 % region cannot absorb 100 %
    expect(shortfall.get('eu-west')).toBe(0);
  });

  it('computes detection time from probe interval and threshold when a failed probe answers at once', () => {
    expect(detectionSeconds(10, { unhealthyAfter: 3, healthyAfter: 2 }, 0)).toBe(30);
  });

  it('adds the timeout of the last failed probe to the detection time', () => {
    // Probes 10 s apart, out after 3 failures, 5 s to answer: the third failed probe
    // is sent 30 s after the last good one and is declared failed 5 s later.
    expect(detectionSeconds(10, { unhealthyAfter: 3, healthyAfter: 2 }, 5)).toBe(35);
    expect(() => detectionSeconds(10, { unhealthyAfter: 3, healthyAfter: 2 }, -1)).toThrow(RangeError);
  });

  it('rejects bad configuration and unknown regions', () => {
    expect(() => new FailoverRouter([])).toThrow(RangeError);
    expect(() => new FailoverRouter([{ name: 'a', weight: 0, capacityRps: 1 }])).toThrow(RangeError);
    const router = new FailoverRouter(activeActive);
    expect(() => router.recordProbe('ap-south', true)).toThrow(/unknown region/);
    expect(() => router.route(1)).toThrow(RangeError);
  });
});
