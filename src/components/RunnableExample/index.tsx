import CodeBlock from '@theme/CodeBlock';
import clsx from 'clsx';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatSeconds } from '@site/src/runner/format';
import { demoPathFor, TIME_LIMIT_MS } from '@site/src/runner/conventions';
import type { OutputView } from '@site/src/runner/present';
import styles from './styles.module.css';

const fileName = (path: string): string => path.split('/').pop() ?? path;

interface EditorProps {
  path: string;
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
}

/** A plain textarea styled like the code block: light, and usable with any keyboard or screen reader. */
function CodeEditor({ path, value, onChange, onRun }: EditorProps): ReactNode {
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  };
  return (
    <div className={styles.editor}>
      <div className={styles.editorTitle}>{path} (edited copy)</div>
      <textarea
        className={styles.textarea}
        aria-label={`Edit ${fileName(path)}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        rows={Math.min(40, value.split('\n').length + 1)}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        wrap="off"
      />
    </div>
  );
}

function Output({ view }: { view: OutputView }): ReactNode {
  return (
    <>
      <p className={clsx(styles.status, styles[view.tone])}>
        <strong>{view.heading}</strong>
      </p>
      {view.message && <p className={styles.message}>{view.message}</p>}
      {view.frame && <pre className={styles.pre}>{view.frame}</pre>}
      {view.logs.length > 0 && (
        <>
          <p className={styles.label}>Console</p>
          <pre className={styles.pre} data-run-console="">
            {view.logs.map((line, i) => (
              <span key={i} className={clsx(styles.line, styles[line.level])}>
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </>
      )}
      {view.result !== undefined && (
        <>
          <p className={styles.label}>Returned</p>
          <pre className={clsx(styles.pre, styles.result)} data-run-result="" tabIndex={0} aria-label="Returned value">
            {view.result}
          </pre>
        </>
      )}
      {view.note && <p className={styles.message}>{view.note}</p>}
    </>
  );
}

interface Props {
  /** Repository path of the module shown. */
  path: string;
  /** The module's text, raw-imported: the exact file. */
  source: string;
  /** The demo's text, raw-imported from `<module>.demo.ts`. */
  demo: string;
  /** The caption under the module (links to the source and tests). */
  caption: ReactNode;
}

/**
 * An example module with a Run control: its demo runs in a Web Worker in the
 * reader's browser, on the very files shown here, and the console output and
 * result appear below. The reader may edit both files first; Reset restores them.
 */
export default function RunnableExample({ path, source, demo, caption }: Props): ReactNode {
  const demoPath = demoPathFor(path);
  const [edits, setEdits] = useState<{ module: string; demo: string } | null>(null);
  const [demoOpen, setDemoOpen] = useState(false);
  const [running, setRunning] = useState(false);
  const [view, setView] = useState<OutputView | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const hintId = useId();

  const run = async (): Promise<void> => {
    if (running) return;
    setRunning(true);
    setView(null); // a new run, a new announcement
    try {
      // Loaded on the first run only: the page itself carries no runner and no transpiler.
      const { runDemo } = await import('@site/src/runner/client');
      setView(await runDemo({ files: { [path]: edits?.module ?? source, [demoPath]: edits?.demo ?? demo }, entry: demoPath }));
    } catch (error) {
      setView({
        tone: 'danger',
        heading: 'Could not run the code',
        message: `The runner failed to load (${error instanceof Error ? error.message : String(error)}). Reload the page and try again.`,
        logs: [],
      });
    } finally {
      setRunning(false);
    }
  };
  const startEditing = (): void => {
    setEdits({ module: source, demo });
    setDemoOpen(true);
  };
  const reset = (): void => {
    setEdits(null);
    // The Reset button disappears; keep the keyboard where it was.
    requestAnimationFrame(() => editButton.current?.focus());
  };

  return (
    <>
      {edits ? (
        <CodeEditor path={path} value={edits.module} onChange={(module) => setEdits({ ...edits, module })} onRun={() => void run()} />
      ) : (
        <CodeBlock language="ts" title={path} showLineNumbers>
          {source.trimEnd()}
        </CodeBlock>
      )}
      {caption}
      <section className={styles.runner} aria-label={`Run the example: ${fileName(demoPath)}`}>
        <div className={styles.toolbar}>
          <button type="button" className="button button--primary button--sm" onClick={() => void run()} disabled={running} aria-describedby={hintId}>
            {running ? 'Running…' : 'Run demo'}
          </button>
          {edits ? (
            <button type="button" className="button button--secondary button--sm" onClick={reset}>
              Reset code
            </button>
          ) : (
            <button type="button" ref={editButton} className="button button--secondary button--sm" onClick={startEditing}>
              Edit code
            </button>
          )}
          <span id={hintId} className={styles.hint}>
            Runs {fileName(demoPath)} on {edits ? 'your edited code' : 'the code above'} in your browser, stopped after {formatSeconds(TIME_LIMIT_MS)}.
            {edits ? ' Ctrl+Enter in an editor runs it too.' : ''}
          </span>
        </div>
        <details className={styles.demo} open={demoOpen} onToggle={(event) => setDemoOpen(event.currentTarget.open)}>
          <summary>The demo that runs: {fileName(demoPath)}</summary>
          {edits ? (
            <CodeEditor path={demoPath} value={edits.demo} onChange={(next) => setEdits({ ...edits, demo: next })} onRun={() => void run()} />
          ) : demoOpen ? (
            <CodeBlock language="ts" title={demoPath} showLineNumbers>
              {demo.trimEnd()}
            </CodeBlock>
          ) : (
            // Folded, the demo is plain text (not a <pre>: every code block a reader sees is highlighted): highlighted, it
            // added 55 to 90 KB to each page's HTML for a panel most readers never open. Opening it draws the highlighted
            // block from the source the Run button already has.
            <div className={styles.foldedDemo} data-folded-demo="">
              <code>{demo.trimEnd()}</code>
            </div>
          )}
        </details>
        {/* The live region is always there, so screen readers announce what a run puts in it. */}
        <div aria-live="polite" aria-busy={running} data-run-output="">
          {view && (
            <div className={styles.panel}>
              <Output view={view} />
            </div>
          )}
        </div>
      </section>
    </>
  );
}
