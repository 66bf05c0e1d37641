/**
 * TypeScript to runnable JavaScript for the browser: types are stripped and
 * imports become CommonJS require() calls, so a few modules can be linked by
 * the tiny loader in modules.ts without a bundler. The transform itself
 * (sucrase) is passed in, so the worker loads it only when a reader runs code
 * and the tests can use the very same one.
 */

/** The subset of sucrase's transform() this module relies on. */
export type TransformFn = (
  code: string,
  options: { transforms: ('typescript' | 'imports')[]; filePath: string; disableESTransforms: boolean; production: boolean },
) => { code: string };

/** A syntax error in one of the example's files, located in the reader's code. */
export class CompileError extends Error {
  override name = 'SyntaxError';

  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    /** The offending line with a caret under the column, when known. */
    readonly frame: string,
  ) {
    super(message);
  }
}

/** "  3 | const x: number = ;" and a caret line under `column` (1-based). */
export function codeFrame(source: string, line: number, column?: number): string {
  const text = source.split('\n')[line - 1];
  if (text === undefined) return '';
  const gutter = `${line} | `;
  const caret = column === undefined ? '' : `\n${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, column - 1))}^`;
  return `${gutter}${text.replace(/\t/g, ' ')}${caret}`;
}

/**
 * Compile one file. Lines are preserved (sucrase keeps every statement on its
 * line), so a runtime error's line number is the line the reader sees.
 */
export function transpile(source: string, file: string, transform: TransformFn): string {
  try {
    // ES syntax stays native, as in the tests (target ES2022): only the types go.
    return transform(source, { transforms: ['typescript', 'imports'], filePath: file, disableESTransforms: true, production: true }).code;
  } catch (error) {
    const loc = (error as { loc?: { line?: unknown; column?: unknown } }).loc;
    const line = typeof loc?.line === 'number' ? loc.line : 1;
    const column = typeof loc?.column === 'number' ? loc.column : undefined;
    const raw = error instanceof Error ? error.message : String(error);
    // sucrase says "Error transforming <file>: Unexpected token (3:19)"; the file and position are shown separately.
    const message = raw.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
    throw new CompileError(message, file, line, codeFrame(source, line, column));
  }
}
