/** What the output panel says about a finished run: a heading, a message, the log and the result. */
import type { LogLine } from './execute';
import { formatLocation, formatSeconds } from './format';
import type { RunOutcome } from './runInWorker';

export type Tone = 'success' | 'danger' | 'warning';

export interface OutputView {
  readonly tone: Tone;
  readonly heading: string;
  /** The error or the reason, in words. */
  readonly message?: string;
  /** For a syntax error: the offending line with a caret. */
  readonly frame?: string;
  readonly logs: readonly LogLine[];
  /** The demo's return value, formatted; absent when it returned nothing. */
  readonly result?: string;
  /** Said when some of the output was left out. */
  readonly note?: string;
}

function droppedNote(dropped: number): string | undefined {
  return dropped > 0 ? `${dropped} more line${dropped === 1 ? '' : 's'} of output not shown.` : undefined;
}

export function presentOutcome(outcome: RunOutcome): OutputView {
  switch (outcome.status) {
    case 'ok': {
      const note = droppedNote(outcome.droppedLines);
      return { tone: 'success', heading: 'Finished', logs: outcome.logs, ...(outcome.result === undefined ? {} : { result: outcome.result }), ...(note ? { note } : {}) };
    }
    case 'error': {
      const { failure } = outcome;
      const where = failure.location ? ` (${formatLocation(failure.location)})` : '';
      const note = droppedNote(outcome.droppedLines);
      return {
        tone: 'danger',
        heading: failure.phase === 'compile' ? 'Syntax error: the code did not compile' : 'Error: the code threw',
        message: `${failure.name}: ${failure.message}${where}`,
        ...(failure.frame ? { frame: failure.frame } : {}),
        logs: outcome.logs,
        ...(note ? { note } : {}),
      };
    }
    case 'timeout':
      return {
        tone: 'warning',
        heading: `Timed out after ${formatSeconds(outcome.limitMs)}`,
        message: 'The code was still running at the time limit, so it was stopped. An endless loop or a promise that never settles is the usual cause.',
        logs: outcome.logs,
      };
    case 'unavailable':
      return { tone: 'danger', heading: 'Could not run the code', message: outcome.message, logs: outcome.logs };
  }
}
