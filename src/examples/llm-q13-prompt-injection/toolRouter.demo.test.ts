import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './toolRouter.demo';

afterEach(() => vi.restoreAllMocks());

describe('the prompt injection demo', () => {
  it('sends the planned email, stops the injected recipient at approval, and refuses the changed tool', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual(['ok', 'approval-denied', 'description-changed']);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('planned email to the user: sent to me@corp.example');
    expect(lines).toContain('approval asked: send_email to attacker@evil.example, taken from fetch_url(https://news.example/q3); the reviewer says no');
  });
});
