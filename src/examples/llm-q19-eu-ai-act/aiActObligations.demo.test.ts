import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './aiActObligations.demo';

afterEach(() => vi.restoreAllMocks());

describe('the AI Act obligations demo', () => {
  it('shows the high-risk duties of a hiring chatbot due now under the 2024 text and from 2 December 2027 under the Omnibus', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ riskClass: 'high-risk (Annex III)', dueNow2024: 9, dueNowOmnibus: 2 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain(
      '  from 2027-12-02 (Digital Omnibus on AI, as agreed 7 May 2026): Art. 9, Art. 10, Art. 11, Art. 12, Art. 13, Art. 14, Art. 15',
    );
  });
});
