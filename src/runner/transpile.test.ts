import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';
import { codeFrame, CompileError, transpile } from './transpile';

describe('transpile', () => {
  it('strips types and turns imports into require() calls, keeping every line where it was', () => {
    const source = [
      "import { CircuitOpenError, type CircuitBreaker } from './circuitBreaker';",
      'export class Guard {',
      '  constructor(private readonly breaker: CircuitBreaker) {}',
      '  override toString(): string { return `guard ${CircuitOpenError.name}`; }',
      '}',
      'export const presets = { small: 1 } as const satisfies Record<string, number>;',
    ].join('\n');
    const code = transpile(source, 'guard.ts', transform);
    expect(code).toContain("require('./circuitBreaker')");
    expect(code).not.toMatch(/private readonly|: CircuitBreaker|satisfies/);
    expect(code.split('\n')).toHaveLength(source.split('\n').length);
    expect(code.split('\n')[3]).toContain('toString()');
  });

  it('reports a syntax error with the file, the line and the offending line marked', () => {
    const source = 'const ok = 1;\nconst broken: number = ;\n';
    const error = (() => {
      try {
        transpile(source, 'src/examples/q07/demo.ts', transform);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CompileError);
    expect(error).toMatchObject({ name: 'SyntaxError', message: 'Unexpected token', file: 'src/examples/q07/demo.ts', line: 2 });
    expect((error as CompileError).frame).toBe('2 | const broken: number = ;\n  |                        ^');
  });
});

describe('codeFrame', () => {
  it('shows the line alone when the column is unknown, and nothing past the end of the file', () => {
    expect(codeFrame('a\nb', 2)).toBe('2 | b');
    expect(codeFrame('a', 9)).toBe('');
  });
});
