import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './llmGateway.demo';

afterEach(() => vi.restoreAllMocks());

describe('the LLM gateway demo', () => {
  it("reserves about 3x the bill, prices the page's 70% routing at $1,111.50 a day, falls back until the circuit opens, and degrades a call the budget cannot cover", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    // Reserved: (2,000 bytes + 100 template tokens) × $2.50 + 500 × $10, per 1M; billed: 500 × $2.50 + 200 × $10, per 1M.
    expect(result.reservedUsd).toBeCloseTo(0.01025, 12);
    expect(result.billedUsd).toBeCloseTo(0.00325, 12);
    expect(result.perDayUsd).toEqual({ allLarge: 3250, allSmall: 195, routed: 1111.5 });
    // Three 503s open gpt-4o's circuit, the fourth call skips it, and the trial call after the cooldown reaches it.
    const { servedBy, gpt4oTries, outageBookedUsd } = result.outage;
    expect({ servedBy, gpt4oTries }).toEqual({ servedBy: ['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o'], gpt4oTries: 3 });
    // The 503s' gpt-4o reservations were refunded: the four calls booked four gpt-4o-mini bills, 4 × (500 × $0.15 + 200 × $0.60) per 1M.
    expect(outageBookedUsd).toBeCloseTo(0.00078, 12);
    expect(result.parallel).toEqual(['gpt-4o', 'gpt-4o-mini']);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('all on gpt-4o: $3,250; all on gpt-4o-mini: $195; routing saves 66%');
    expect(lines).toContain('extraction 10 again: served from cache at $0; gpt-4o-mini was called 7 times, not 8');
    expect(lines).toContain('startup has booked $0.003445 of $0.012, the two bills');
    expect(lines).toContain("booked for those 4 calls: $0.00078, four gpt-4o-mini bills: the 503s' reservations were refunded");
    expect(lines).toContain('a reasoning call on gpt-4o reserves $0.01025 (2,100 input + 500 output tokens) and is billed $0.00325: 3.2x');
    expect(lines).toContain('tenant startup, budget $0.012, two reasoning calls at once: gpt-4o, gpt-4o-mini ($0.01025 + $0.01025 would exceed it)');
  });
});
