import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './aiActObligations.demo';

afterEach(() => vi.restoreAllMocks());

describe('the AI Act obligations demo', () => {
  it('dates a hiring chatbot by the law in force (high-risk duties from 2 December 2027) and shows the superseded 2024 dates beside it', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ riskClass: 'high-risk (Annex III)', dueNowInForce: 2, dueNowUnder2024Text: 9 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines[0]).toBe('law in force (as amended by Reg. (EU) 2026/1744), 2026-12-05: high-risk (Annex III); applies now: Art. 4, Art. 50(1)');
    expect(lines).toContain('  from 2027-12-02 (Art. 113(c)(i) as amended by Reg. (EU) 2026/1744): Art. 9, Art. 10, Art. 11, Art. 12, Art. 13, Art. 14, Art. 15');
    expect(lines).toContain(
      '2024 text, superseded for these dates, 2026-12-05: high-risk (Annex III); applies now: Art. 4, Art. 9, Art. 10, Art. 11, Art. 12, Art. 13, Art. 14, Art. 15, Art. 50(1)',
    );
  });
});
