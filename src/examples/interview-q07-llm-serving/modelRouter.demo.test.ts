import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './modelRouter.demo';

afterEach(() => vi.restoreAllMocks());

describe('the model routing demo', () => {
  it('sends simple short tasks to the small model, escalates an unsure answer, and costs about half of all-large', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.servedBy).toEqual(['small-8B', 'small-8B', 'small-8B', 'large-70B', 'large-70B', 'large-70B', 'small-8B', 'large-70B']);
    expect(result).toMatchObject({ cascadeDollars: 0.005, allLargeDollars: 0.0096 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('classification, 250 prompt tokens: large-70B (escalated: small model unsure)');
  });
});
