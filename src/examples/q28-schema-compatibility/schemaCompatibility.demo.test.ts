import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './schemaCompatibility.demo';

afterEach(() => vi.restoreAllMocks());

describe('the schema compatibility demo', () => {
  it('rates an optional field FULL, a required one FORWARD, a removal BACKWARD, string to int NONE and int to long BACKWARD', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo().levels).toEqual({ addOptional: 'FULL', addRequired: 'FORWARD', removeRequired: 'BACKWARD', stringToInt: 'NONE', intToLong: 'BACKWARD' });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain(
      'remove required "country": BACKWARD, consumers upgrade first (old readers: "country" is missing from the data and has no default)',
    );
  });

  it('admits dropping a default under BACKWARD, which checks the latest version only, and rejects it under BACKWARD_TRANSITIVE', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toMatchObject({ admittedBackward: true, admittedTransitive: false });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('  BACKWARD_TRANSITIVE checks every version: rejected, v1: "channel" is missing from the data and has no default');
  });
});
