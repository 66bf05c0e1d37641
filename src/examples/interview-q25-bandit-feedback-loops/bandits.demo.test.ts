import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './bandits.demo';

afterEach(() => vi.restoreAllMocks());

describe('the bandit drift demo', () => {
  it('shows the textbook policies stuck on the stale arm and the drift-aware ones moving to the new best', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const shares = demo();
    expect(shares['epsilon-greedy, epsilon decays to 0']).toBeLessThan(0.1);
    expect(shares['Thompson sampling, no discount']).toBeLessThan(0.5);
    expect(shares['epsilon-greedy, 5% floor, step 0.1']).toBeGreaterThan(0.7);
    expect(shares['Thompson sampling, discount 0.99']).toBeGreaterThan(0.7);
  });
});
