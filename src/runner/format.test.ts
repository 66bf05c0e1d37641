import { describe, expect, it } from 'vitest';
import { describeError, formatLocation, formatLogArgs, formatSeconds, formatValue } from './format';

class Breaker {
  state = 'open';
  failures = 4;
}

describe('formatValue: what the output panel shows for a value', () => {
  it('writes primitives as console.log does, with strings quoted', () => {
    expect([1.5, -0, Number.NaN, 10n, true, null, undefined, "it's"].map(formatValue)).toEqual(['1.5', '-0', 'NaN', '10n', 'true', 'null', 'undefined', "'it\\'s'"]);
  });

  it('names class instances, Maps and Sets, and keeps short collections on one line', () => {
    expect(formatValue(new Breaker())).toBe("Breaker { state: 'open', failures: 4 }");
    expect(formatValue(new Map([['a', 1]]))).toBe("Map(1) { 'a' => 1 }");
    expect(formatValue(new Set([1, 2]))).toBe('Set(2) { 1, 2 }');
    expect(formatValue({ 'not-an-identifier': [1, 2] })).toBe("{ 'not-an-identifier': [ 1, 2 ] }");
    expect(formatValue(new Uint8Array([1, 2]))).toBe('Uint8Array(2) [ 1, 2 ]');
  });

  it('breaks a long collection into one entry per line', () => {
    const text = formatValue({ transitions: ['closed', 'open', 'half-open', 'closed'], failedFast: 6, reason: 'model server down' });
    expect(text).toBe("{\n  transitions: [ 'closed', 'open', 'half-open', 'closed' ],\n  failedFast: 6,\n  reason: 'model server down'\n}");
  });

  it('packs a long series of short items into full lines', () => {
    const text = formatValue(Array.from({ length: 30 }, (_, i) => i * 10));
    expect(text.split('\n')).toEqual([
      '[',
      '  0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150,',
      '  160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 270, 280, 290',
      ']',
    ]);
  });

  it('describes functions, classes, errors and dates instead of failing to copy them out of the worker', () => {
    expect(formatValue(function score() {})).toBe('[Function: score]');
    expect(formatValue(Breaker)).toBe('[class Breaker]');
    expect(formatValue(new RangeError('too big'))).toBe('RangeError: too big');
    expect(formatValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('marks cycles, stops at depth 4 and shortens long arrays', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(formatValue(loop)).toBe("{ name: 'loop', self: [Circular] }");
    expect(formatValue({ a: { b: { c: { d: { e: 1 } } } } })).toBe('{ a: { b: { c: { d: [Object] } } } }');
    expect(formatValue(Array.from({ length: 60 }, (_, i) => i))).toContain('... 10 more items');
  });

  it('shows a shared object twice without calling it circular', () => {
    const shared = { x: 1 };
    expect(formatValue([shared, shared])).toBe('[ { x: 1 }, { x: 1 } ]');
  });
});

describe('formatLogArgs', () => {
  it('prints top-level strings as they are and joins arguments with spaces', () => {
    expect(formatLogArgs(['PSI', 0.25, 'band', 'significant', { ok: false }])).toBe('PSI 0.25 band significant { ok: false }');
  });
});

describe('describeError', () => {
  const files = ['src/examples/q07/circuitBreaker.ts', 'src/examples/q07/circuitBreaker.demo.ts'];

  it('locates the innermost frame that lies in one of the example files', () => {
    const error = new TypeError('breaker.run is not a function');
    error.stack = [
      'TypeError: breaker.run is not a function',
      '    at demo (src/examples/q07/circuitBreaker.demo.ts:14:11)',
      '    at requireModule (http://127.0.0.1/assets/js/worker.js:1:200)',
    ].join('\n');
    expect(describeError(error, files)).toEqual({
      name: 'TypeError',
      message: 'breaker.run is not a function',
      location: { file: 'src/examples/q07/circuitBreaker.demo.ts', line: 14 },
    });
  });

  it('does not mistake circuitBreaker.demo.ts for circuitBreaker.ts', () => {
    const error = new Error('x');
    error.stack = 'Error: x\n    at src/examples/q07/circuitBreaker.demo.ts:3:1';
    expect(describeError(error, files).location?.file).toBe('src/examples/q07/circuitBreaker.demo.ts');
  });

  it('describes a thrown non-Error value', () => {
    expect(describeError('plain string', files)).toEqual({ name: 'Uncaught', message: 'plain string' });
    expect(describeError({ code: 42 }, files)).toEqual({ name: 'Uncaught', message: '{ code: 42 }' });
  });

  it('leaves the location out when no frame is in the example', () => {
    const error = new Error('deep inside');
    error.stack = 'Error: deep inside\n    at somewhere (native)';
    expect(describeError(error, files)).toEqual({ name: 'Error', message: 'deep inside' });
  });
});

describe('formatLocation and formatSeconds', () => {
  it('names the file without its folder', () => {
    expect(formatLocation({ file: 'src/examples/q07/circuitBreaker.demo.ts', line: 14 })).toBe('circuitBreaker.demo.ts, line 14');
  });

  it('gives seconds with at most one decimal', () => {
    expect([5_000, 2_500, 30_000].map(formatSeconds)).toEqual(['5 s', '2.5 s', '30 s']);
  });
});
