// A key that shares the prefix's letters without being under it:
// cspell:ignore gpux
import { describe, expect, it } from 'vitest';
import { hasState, readState, writeState } from './urlState';

describe('calculator state in the URL', () => {
  it('reads only its own keys, under its prefix', () => {
    expect(readState('?gpu.batch=8&gpu.seq=4096&cost.gpus=2&other=1', 'gpu', ['batch', 'seq', 'layers'])).toEqual({ batch: '8', seq: '4096' });
  });

  it('round-trips values that need escaping, such as a pasted histogram', () => {
    const search = writeState('', 'drift', { ref: '10, 20\n30 40%' });
    expect(search).not.toContain('\n');
    expect(readState(search, 'drift', ['ref'])).toEqual({ ref: '10, 20\n30 40%' });
  });

  it('replaces its own values and keeps every other parameter', () => {
    const search = writeState('?utm_source=wiki&gpu.batch=8&cost.gpus=2', 'gpu', { batch: '16', seq: '2048' });
    const params = new URLSearchParams(search);
    expect(params.get('utm_source')).toBe('wiki');
    expect(params.get('cost.gpus')).toBe('2');
    expect(params.get('gpu.batch')).toBe('16');
    expect(params.get('gpu.seq')).toBe('2048');
  });

  it('ignores absurdly long values instead of loading them', () => {
    expect(readState(`?gpu.batch=${'9'.repeat(5000)}`, 'gpu', ['batch'])).toEqual({});
  });

  it('tells whether a link carries a scenario for a calculator', () => {
    expect(hasState('?gpu.batch=8', 'gpu')).toBe(true);
    expect(hasState('?gpux=1&other=gpu.batch', 'gpu')).toBe(false);
  });
});
