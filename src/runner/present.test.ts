import { describe, expect, it } from 'vitest';
import { presentOutcome } from './present';

const logs = [{ level: 'log' as const, text: 'step 1' }];

describe('presentOutcome: what the output panel says', () => {
  it('a finished run: its log and its result', () => {
    expect(presentOutcome({ status: 'ok', logs, result: '42', droppedLines: 0 })).toEqual({ tone: 'success', heading: 'Finished', logs, result: '42' });
  });

  it('a finished run that printed too much says how much was left out', () => {
    expect(presentOutcome({ status: 'ok', logs, droppedLines: 1 }).note).toBe('1 more line of output not shown.');
    expect(presentOutcome({ status: 'ok', logs, droppedLines: 300 }).note).toBe('300 more lines of output not shown.');
  });

  it('a syntax error: the message with file and line, and the marked line', () => {
    const view = presentOutcome({
      status: 'error',
      logs: [],
      failure: { phase: 'compile', name: 'SyntaxError', message: 'Unexpected token', location: { file: 'src/examples/q07/x.demo.ts', line: 2 }, frame: '2 | x +;\n  |    ^' },
      droppedLines: 0,
    });
    expect(view).toEqual({
      tone: 'danger',
      heading: 'Syntax error: the code did not compile',
      message: 'SyntaxError: Unexpected token (x.demo.ts, line 2)',
      frame: '2 | x +;\n  |    ^',
      logs: [],
    });
  });

  it('a runtime error: the error and where it was thrown, after the output that came before', () => {
    const view = presentOutcome({
      status: 'error',
      logs,
      failure: { phase: 'runtime', name: 'Error', message: 'boom', location: { file: 'src/examples/q07/x.ts', line: 9 } },
      droppedLines: 0,
    });
    expect(view).toMatchObject({ tone: 'danger', heading: 'Error: the code threw', message: 'Error: boom (x.ts, line 9)', logs });
  });

  it('a time-out: how long it ran and the likely cause', () => {
    const view = presentOutcome({ status: 'timeout', logs, limitMs: 5_000 });
    expect(view.heading).toBe('Timed out after 5 s');
    expect(view.message).toMatch(/stopped\. An endless loop or a promise that never settles/);
    expect(view.logs).toEqual(logs);
  });

  it('a runner that could not start passes its message on', () => {
    expect(presentOutcome({ status: 'unavailable', logs: [], message: 'No worker.' })).toEqual({
      tone: 'danger',
      heading: 'Could not run the code',
      message: 'No worker.',
      logs: [],
    });
  });
});
