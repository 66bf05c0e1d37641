import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './inferenceQueue.demo';

afterEach(() => vi.restoreAllMocks());

describe('the event-driven versus synchronous demo', () => {
  it("keeps waiting callers synchronous, sizes the catalogue at 15.0/s to clear the import in 1 h, and fills the page's 1,000-item queue in 555 ms before pushing back with Retry-After 3 to 5 s", () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // 80 ms < 1,000 ms with a waiting caller: synchronous, hybrid with 2 consumers; 20 s streamed stays synchronous,
    // unstreamed it is over 1 s and goes to the queue; nobody waits for the catalogue: event-driven.
    expect(result.modes).toEqual({ checkout: 'synchronous', checkoutFanOut: 'hybrid', chat: 'synchronous', chatUnstreamed: 'event-driven', catalogue: 'event-driven' });
    // Mean 100,000 / 86,400 = 1.1574/s; plus 50,000 items over 3,600 s = 13.889, 43,200 s = 1.157, 86,400 s = 0.579.
    expect(result.catalogueDrainPerSecond).toEqual([15.046, 2.315, 1.736]);
    // 200/s × 5 s = 1,000 items. At millisecond t, 2(t + 1) items have arrived and floor(t / 5) left: the 1,001st
    // item arrives at t = 555 (1,112 arrived, 111 taken). Half the queue, 500 items, drains in 2.5 s: Retry-After is
    // ceil(2.5 × (1 + jitter)) for jitter 0, 0.25, 0.999: ceil(2.5), ceil(3.125), ceil(4.9975) = 3, 4 and 5 s.
    // Full, 1,000 items wait 1,000 / 200 = 5 s = 5,000 ms.
    expect(result.pageQueue).toEqual({ capacity: 1_000, fullAtMs: 555, waitMs: 5_000, retryAfterSeconds: [3, 4, 5] });
    // The rule: max(200 × 1.5, 200 + 0 / 5) = 300/s, a 1,500-item queue. By the end of t = 881, 1,764 items have
    // arrived and floor(0.3 × 881) = 264 left: 1,500, full; at t = 882 nobody new is taken, so its first item is turned away.
    expect(result.ruleQueue).toEqual({ drainPerSecond: 300, capacity: 1_500, fullAtMs: 882 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain(
      'checkout fraud score, 80 ms budget, 15,000/s peak: synchronous, provision 15,000/s (caller waits, budget 80 ms; peak is 10x the mean: size for the peak or degrade (Q8))',
    );
    expect(lines).toContain('the same score needed by 2 services: hybrid (caller waits, budget 80 ms, then publish one event for 2 consumers)');
    expect(lines).toContain(
      'chat answer, 20 s budget: synchronous (stream the answer: first tokens at once, the rest within 20,000 ms); not streamed: event-driven (a budget of 20,000 ms allows submit-then-poll)',
    );
    expect(lines).toContain('catalogue, 100,000 products a day (1.16/s), search index and analytics read the results: event-driven (nobody waits for the result)');
    expect(lines).toContain(
      'to clear a 50,000-item import on top of the mean: within 1 h 15.0/s (13.0x the mean), within 12 h 2.31/s (2.0x the mean), within 24 h 1.74/s (1.5x the mean)',
    );
    // 15.046/s × 3,600 s = 54,166.7, rounded down.
    expect(lines).toContain('the 1 h queue at 15.0/s holds 54,166 items: the import fits');
    expect(lines).toContain(
      'a queue drained at 200/s for a 5 s wait holds 1,000 items; 2,000/s against workers at the mean: full after 555 ms (5 / 9 = 0.56 s), when the next item would wait 5,000 ms',
    );
    expect(lines).toContain('the next 3 producers: 429, Retry-After 3 s; 429, Retry-After 4 s; 429, Retry-After 5 s (half the queue drains in 2.5 s)');
    // 300 × 5 / (2,000 - 300) = 0.88 s.
    expect(lines).toContain(
      'sized by the rule instead: drain 300/s: the mean with 1.5x headroom; peak is 10x the mean: 2,000/s against a 300/s drain fills the 5 s queue in 0.88 s',
    );
    expect(lines).toContain('simulated, the 1,500-item queue at 300/s is full after 882 ms');
  });
});
