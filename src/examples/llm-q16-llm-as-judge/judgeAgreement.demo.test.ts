import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './judgeAgreement.demo';

afterEach(() => vi.restoreAllMocks());

describe('the judge calibration demo', () => {
  it('finds kappa 0.444 behind 75 % agreement, and half the pairs getting a different winner in the two orders under a 0.15 first-position bonus', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({ kappa: 0.444, inconsistencyRate: 0.5, firstPositionWinRate: 0.625 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('rows people, columns judge (pass, fail): [[110,10],[40,40]]');
    expect(lines).toContain('raw agreement 0.75, chance 0.55, kappa 0.444');
    expect(lines).toContain('first-position bonus 0.15: 4 of 8 pairs get a different winner in the two orders (a tie counts as a winner)');
    expect(lines).toContain('kept winners: x x x tie tie tie tie y');
  });
});
