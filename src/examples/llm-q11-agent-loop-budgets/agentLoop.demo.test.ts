import { afterEach, describe, expect, it, vi } from 'vitest';
import { allow, demo } from './agentLoop.demo';

afterEach(() => vi.restoreAllMocks());

describe('the agent loop demo', () => {
  it('ends each scripted run with its own typed outcome and prints what it cost', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual(['done', 'loop-detected', 'budget-exhausted', 'refused-tool']);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines[0]).toBe('answers after two searches: done ("30 days") after tool calls: 2, model calls: 3, $0.0405, 4 s');
    expect(lines[2]).toBe('pages through results: budget-exhausted (cost budget) after tool calls: 4, model calls: 4, $0.0600, 8 s');
  });

  it('allows only the tools on its allow-list, so a tool added later is refused until someone lists it', () => {
    expect(allow('search')).toBe(true);
    expect(allow('send_email')).toBe(false);
    expect(allow('delete_account')).toBe(false);
  });
});
