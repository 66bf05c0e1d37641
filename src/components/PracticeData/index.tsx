import { useRef, useState, type ReactNode } from 'react';
import type { Progress } from '@site/src/practice/schedule';
import { exportProgress, parseImport } from '@site/src/practice/storage';
import styles from './styles.module.css';

interface Props {
  progress: Progress;
  /** Replace all progress with an imported, already validated one. */
  onImport: (progress: Progress) => void;
}

/** Export progress to a JSON file and import it back; a rejected file changes nothing. */
export default function PracticeData({ progress, onImport }: Props): ReactNode {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const input = useRef<HTMLInputElement>(null);

  const download = (): void => {
    const now = new Date();
    const blob = new Blob([exportProgress(progress, now)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `ai-architecture-handbook-practice-${now.toISOString().slice(0, 10)}.json`;
    a.click();
    URL.revokeObjectURL(url);
    setMessage({ ok: true, text: `Exported progress on ${Object.keys(progress).length} cards.` });
  };

  const upload = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const result = parseImport(await file.text(), new Date());
    if (result.ok) {
      onImport(result.progress);
      setMessage({ ok: true, text: `Imported progress on ${result.cards} ${result.cards === 1 ? 'card' : 'cards'} from ${file.name}; it replaces what was saved before.` });
    } else {
      setMessage({ ok: false, text: result.message });
    }
    if (input.current) input.current.value = '';
  };

  return (
    <section className={styles.data} aria-labelledby="practice-data">
      <h2 id="practice-data">Keep your progress</h2>
      <p>Progress stays in this browser. To move it to another browser or keep a copy, export it to a file and import that file there.</p>
      <div className={styles.buttons}>
        <button type="button" className="button button--secondary" onClick={download}>
          Export progress (JSON)
        </button>
        <label className="button button--secondary">
          Import progress…
          <input
            ref={input}
            className={styles.file}
            type="file"
            accept="application/json,.json"
            aria-label="Import progress from a JSON file (replaces the current progress)"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </label>
      </div>
      <p role={message?.ok === false ? 'alert' : 'status'} className={message ? (message.ok ? styles.ok : styles.error) : undefined}>
        {message?.text}
      </p>
    </section>
  );
}
