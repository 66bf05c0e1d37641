import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './capacityModel.demo';

afterEach(() => vi.restoreAllMocks());

describe('the capacity model demo', () => {
  it("sizes the page's 100K rps: one pool $72.85/h, three services $65.65/h but not worth two more services, two pools $64.60/h worth splitting, and every split dearer at 1K rps", () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // One pool: 450 vCPUs / (16 x 0.6) = 46.9 -> 47 nodes x $1.55 = $72.85/h (20 GPUs need only 34).
    expect(result.onePool).toEqual({ shape: 'gpu-16vcpu', replicas: 47, dollarsPerHour: 72.85 });
    // Services: 400 vCPUs / 9.6 -> 42 x $0.70, 20 GPUs / 0.6 -> 34 x $1.025, 10 vCPUs / 9.6 = 1.04 -> 2 x $0.70 (the load
    // needs as many as the two-replica minimum, so cpu binds) = $65.65/h;
    // (72.85 - 65.65) x 730 = $5,256 a month, less than 2 x $5,000: no split.
    expect(result.threeServices).toEqual({ dollarsPerHour: 65.65, split: false });
    // Pools: lookups 320 / 9.6 -> 34 x $0.70 = $23.80, predictions 20 GPUs / 0.6 -> 34 x $1.20 = $40.80 (130 vCPUs / 4.8 need 28): $64.60/h;
    // (72.85 - 64.60) x 730 = $6,022.50 a month, more than one $5,000: split.
    expect(result.twoPools).toEqual({ dollarsPerHour: 64.6, split: true });
    // 42 x $0.70 + 34 x $1.025 = $64.25/h.
    expect(result.twoServicesDollarsPerHour).toBe(64.25);
    // 130 vCPUs / (4 x 0.6) = 54.2 -> 55 x $1.025 = $56.375, plus $23.80: $80.175/h, against the services' $65.65.
    expect(result.fourVcpuOnly).toEqual({ poolsDollarsPerHour: 80.18, predictionNodes: 55, servicesDollarsPerHour: 65.65 });
    // 1K rps: every deployment sits at its two-replica minimum: 2 x $1.025; 2 x $0.70 + 2 x $1.025 + 2 x $0.70; 2 x $0.70 + 2 x $1.025.
    expect(result.at1kRps).toEqual({ onePool: 2.05, threeServices: 4.85, twoPools: 3.45 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('one pool: 47 x gpu-16vcpu (set by cpu), $72.85/h; 22.5 vCPUs busy per GPU, GPUs 43% busy');
    expect(lines).toContain('three services: features 42 x cpu-16 (cpu) + inference 34 x gpu-4vcpu (gpu) + monitoring 2 x cpu-16 (cpu) = $65.65/h, 9.9% below one pool');
    expect(lines).toContain('  saves $5,256 a month against 2 x $5,000 upkeep, +3 ms a request: stay one pool: "the split loses $4,744 per month"');
    expect(lines).toContain('two pools, one build: lookups 34 x cpu-16 (cpu) + predictions 34 x gpu-8vcpu (gpu) = $64.60/h, 11.3% below one pool, GPUs 59% busy');
    expect(lines).toContain('  saves $6,022.50 a month against 1 x $5,000 upkeep, +0 ms a request: split, $1,022.50 a month ahead');
    expect(lines).toContain('two services, monitoring in-process: $64.25/h, $0.35/h below the pools, within 1%, a tie: the hop and upkeep decide');
    expect(lines).toContain('only 4-vCPU GPU nodes: predictions need 55 x gpu-4vcpu (set by cpu), pools $80.18/h in all; three services $65.65/h: the hop buys capacity');
    // 72.85 / 360,000 thousand requests an hour; (65.65 + 10,000 / 730) / 360,000; (64.60 + 5,000 / 730) / 360,000.
    expect(lines).toContain(
      'per 1,000 requests: one pool $0.000202; three services $0.000182, $0.000220 with 2 x $5,000 a month; two pools $0.000179, $0.000198 with 1 x $5,000 a month',
    );
    expect(lines).toContain('at 1K rps: one pool $2.05/h, three services $4.85/h, two pools $3.45/h: every split is dearer');
  });
});
