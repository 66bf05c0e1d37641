import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './modelRouter.demo';

afterEach(() => vi.restoreAllMocks());

describe('the model routing demo', () => {
  it('sends simple short tasks to the small model, escalates an unsure answer, and costs about half of all-large', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.servedBy).toEqual(['small-1.5B', 'small-1.5B', 'small-1.5B', 'large-7B', 'large-7B', 'large-7B', 'small-1.5B', 'large-7B']);
    expect(result).toMatchObject({ cascadeDollars: 0.0017, allLargeDollars: 0.0032 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('classification, 250 prompt tokens: large-7B (escalated: small model unsure)');
  });
});
