import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './experimentBucketing.demo';

afterEach(() => vi.restoreAllMocks());

describe('the A/B bucketing demo', () => {
  it('sends about 10% of 20,000 users to the candidate, and one treated user gets it on every request and replica', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(Math.abs(result.treatedAt10 / 20_000 - 0.1)).toBeLessThan(0.005);
    expect(result.arms).toEqual(['treatment']);
  });

  it('treats the same users in a second experiment that reuses the salt, so the flag store refuses it, and about 1% with a salt of its own', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result.overlapSameSalt).toBe(result.treatedAt10);
    expect(result.sharedSaltRefused).toBe(true);
    expect(Math.abs(result.overlapOwnSalt / 20_000 - 0.01)).toBeLessThan(0.002);
  });

  it('only adds users when the share ramps to 50%, refuses a new salt and a ramp-down, and rolls back to 0% with a flag write', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(Math.abs(result.treatedAt50 / 20_000 - 0.5)).toBeLessThan(0.01);
    expect(result.stillTreated).toBe(result.treatedAt10);
    expect(result.newSaltRefused).toBe(true);
    expect(result.rampDownRefused).toBe(true);
    expect(result.treatedAfterRollback).toBe(0);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('rollback to 0% (a flag write, no redeploy): 0 users get the candidate on the next request');
  });

  it('passes a 90/10 split that matches, flags one whose treatment arm lost 5%, and sizes the test at 760,000 users per arm', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    expect(result.srmMismatch).toEqual({ onSplit: false, treatmentLostFivePercent: true });
    expect(result.usersPerArm).toBe(760_000);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('SRM at 10%, 90,000 control / 9,500 treatment users: chi-square 22.61 (critical 10.828), mismatch true');
    expect(lines).toContain('share of users who click, 5.0% -> 5.1%, at 50/50: 760,000 users per arm, 1,520,000 in all');
    expect(lines).toContain('90/10 at the same precision (demo arithmetic): 422,223 treated + 3,800,000 control = 4,222,223, 2.78 x the 50/50 total');
  });
});
