import { describe, expect, it } from 'vitest';
import { concurrentThroughput, formatRps, replicasForLoad } from '../../lib/formulas';
import { DEFAULTS, evaluate } from './model';

describe('throughput and concurrency calculator', () => {
  it("opens on Q13's scenario: 10,000 requests/s at 50 ms with 40 slots per replica is 800 per replica and 18 replicas at 70 %", () => {
    const { result } = evaluate(DEFAULTS);
    const perReplica = concurrentThroughput(40, 0.05);
    expect(perReplica).toBeCloseTo(800, 9);
    expect(result?.perReplica).toBe(formatRps(perReplica));
    expect(result?.replicas).toBe(`${replicasForLoad(10_000, perReplica, 0.7)} replicas`);
    expect(result?.replicas).toBe('18 replicas');
    expect(result?.inFlight).toBe('500 requests');
    expect(result?.inFlightPerReplica).toBe('27.8 of 40 slots'); // 500 / 18
    expect(result?.singleThread).toBe('20 requests/s');
  });

  it('counts the overhead in throughput and in Little’s law', () => {
    const { result } = evaluate({ ...DEFAULTS, overhead: '10' });
    expect(result?.perReplica).toBe(formatRps(concurrentThroughput(40, 0.05, 0.01)));
    expect(result?.inFlight).toBe('600 requests');
  });

  it('says one replica, not one replicas', () => {
    expect(evaluate({ ...DEFAULTS, rps: '10' }).result?.replicas).toBe('1 replica');
  });

  it('rejects a zero latency, a utilisation above 100 % and a fractional concurrency', () => {
    const { errors, result } = evaluate({ ...DEFAULTS, latency: '0', utilisation: '120', concurrency: '2.5' });
    expect(result).toBeUndefined();
    expect(errors).toEqual({
      latency: 'Latency per request must be more than 0 ms.',
      utilisation: 'Target utilisation above 100 % is not realistic: check the value.',
      concurrency: 'Concurrent requests per replica must be a whole number.',
    });
  });

  it('never shows NaN or Infinity at the edges of the accepted ranges', () => {
    const tiny = evaluate({ rps: '0.0001', latency: '0.0001', overhead: '0', concurrency: '1', utilisation: '0.01' });
    const huge = evaluate({ rps: '100000000', latency: '3600000', overhead: '3600000', concurrency: '100000', utilisation: '100' });
    expect(JSON.stringify([tiny, huge])).not.toMatch(/NaN|Infinity/);
  });
});
