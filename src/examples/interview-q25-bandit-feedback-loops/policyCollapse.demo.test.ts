import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './policyCollapse.demo';

afterEach(() => vi.restoreAllMocks());

describe('the policy collapse demo', () => {
  it('catches epsilon-greedy collapsing onto a worse arm, lifts diversity over the last 1,000 decisions above 0.3 with bursts logged uniformly at 1/5, and with maxForcedShare 0.05 holds bursts to 5% of traffic that would otherwise take more than a fifth', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // Unguarded, seed 1 (measured): all of the last 1,000 decisions on arm 1, so one arm has p = 1 and the entropy is 0.
    expect(result.unguarded).toEqual({ diversity: 0, favourite: 1 });
    // Guarded, seed 1: 12 collapses is measured; with no cap each starts a burst of 50, so 12 × 50 = 600 of 3,000 decisions = 0.2.
    // The diversity, 0.416 (836 of the last 1,000 on arm 1, the rest spread over the other four), is measured too.
    expect(result.guarded).toEqual({ collapses: 12, diversity: 0.416, forcedShare: 0.2 });
    // A forced pick is uniform over 5 arms: propensity 1 / 5, and the whole logged distribution 1 / 5 per arm.
    expect(result.forcedPropensity).toBe(0.2);
    expect(result.forcedProbabilities).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    // Stuck on arm 0, no cap: the first burst starts when the first window fills (decision 200), then one about every
    // 223 decisions (a new window of 200 plus the ~23 it takes the burst's arms to slide out), so 1 + (10,000 - 200) / 223 ≈ 44
    // bursts; the 44 is measured, since the slide-out time depends on which arms the bursts drew. 44 × 50 = 2,200 of 10,000 = 0.22.
    // With maxForcedShare 0.05, bursts start at least 50 / 0.05 = 1,000 decisions apart, the first at decision 1,000
    // (the collapses at 200, 400, 600 and 800 come before 1,000 - 50 = 950 and are only counted). Each later burst waits for
    // the first collapse at least 1,000 after the previous start, about 1,023 later (measured starts 2,024, 3,043, ..., 9,176):
    // 9 bursts × 50 = 450 of 10,000 = 0.045, while detection goes on at every window: 5 collapses per burst (4 deferred, 1
    // starting it) × 9 + 3 after the last = 48 (measured). The highest prefix share is at the end of the last burst:
    // 450 / 9,226 = 0.0488 (measured start); the cap requires it to stay at or below 0.05.
    expect(result.stuck).toEqual({
      uncapped: { forcedShare: 0.22, collapses: 44 },
      capped: { forcedShare: 0.045, collapses: 48, maxPrefixShare: 0.0488 },
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('5 arms clicking 50/45/40/35/30%, epsilon-greedy with epsilon decaying to 0, 3,000 decisions');
    // The estimates (0.25 after 24 pulls of arm 0 unguarded, 0.43 after 139 guarded, 0.46 for arm 1) and the 836 are measured;
    // 836 = the 800 policy picks of the last 1,000, all on arm 1, plus 36 of the 4 bursts' 200 forced picks there (a fifth would be 40).
    expect(lines).toContain('unguarded, last 1,000 decisions: all on arm 1 (45%), diversity 0.00; it rates the best arm, arm 0 (50%), at 0.25, below the 0.46 it gives arm 1');
    expect(lines).toContain('guarded (window 200, threshold 0.3, bursts of 50): 12 collapses caught; diversity over the last 1,000 decisions 0.42, above the threshold');
    expect(lines).toContain('with the forced picks it rates arm 0 at 0.43 (0.25 without), below the 0.46 it gives arm 1, and sends 836 of the last 1,000 to arm 1 (45%)');
    expect(lines).toContain('the bursts took 20.0% of the 3,000 decisions, 4.0x a 5% exploration budget');
    // The forced arm, 3, is whatever the seeded generator drew.
    expect(lines).toContain(
      "a policy stuck on arm 0 logs propensity 1, distribution [1, 0, 0, 0, 0]; the guard's first forced pick, arm 3, logs 0.2, distribution [0.2, 0.2, 0.2, 0.2, 0.2], uniform 1/5",
    );
    expect(lines).toContain('uncapped, over 10,000 decisions: bursts take 22.0% of traffic (more than a fifth), 44 collapses');
    expect(lines).toContain('maxForcedShare 0.05: bursts take 4.5% (at most 4.88%, never above 5% at any point); 48 collapses still counted for the alert');
  });
});
