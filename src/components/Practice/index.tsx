import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import PracticeAnki from '@site/src/components/PracticeAnki';
import PracticeCard from '@site/src/components/PracticeCard';
import PracticeData from '@site/src/components/PracticeData';
import PracticeProgress from '@site/src/components/PracticeProgress';
import type { Difficulty } from '@site/src/content/tracks';
import { deckFacets, filterDeck, type DeckFilter, type PracticeCard as Card } from '@site/src/practice/deck';
import { gradeCard, sessionOrder, summarize, type Grade, type Progress } from '@site/src/practice/schedule';
import { SHORTCUTS, shortcutAction } from '@site/src/practice/shortcuts';
import { loadProgress, saveProgress, type KeyValueStore, type StorageNotice } from '@site/src/practice/storage';
import { DEFAULT_MOCK_SECONDS, MOCK_DURATIONS_SECONDS } from '@site/src/practice/timer';
import styles from './styles.module.css';

/** The browser's localStorage, or a store that refuses everything when the browser forbids it. */
function browserStore(): KeyValueStore {
  try {
    return window.localStorage;
  } catch {
    const refuse = (): never => {
      throw new Error('storage unavailable');
    };
    return { getItem: refuse, setItem: refuse, removeItem: refuse };
  }
}

function filterLabel(filter: DeckFilter, facets: ReturnType<typeof deckFacets>): string {
  const parts = [
    facets.tracks.find((t) => t.value === filter.track)?.label,
    facets.topics.flatMap((g) => g.options).find((o) => o.value === filter.topic)?.label,
    facets.difficulties.find((d) => d.value === filter.difficulty)?.label,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'all cards';
}

/** The practice deck: filters, a session of cards, progress saved in the browser. */
export default function Practice({ deck }: { deck: readonly Card[] }): ReactNode {
  const [progress, setProgress] = useState<Progress>({});
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState<StorageNotice>();
  const [saveError, setSaveError] = useState<string>();
  const [filter, setFilter] = useState<DeckFilter>({});
  const [shuffled, setShuffled] = useState(false);
  const [mock, setMock] = useState(false);
  const [mockSeconds, setMockSeconds] = useState(DEFAULT_MOCK_SECONDS);
  const [session, setSession] = useState(0);
  const [queue, setQueue] = useState<string[]>([]);
  const [position, setPosition] = useState(0);
  const [revealed, setRevealed] = useState(false);

  useEffect(() => {
    const result = loadProgress(browserStore(), new Date());
    // localStorage exists only in the browser, so progress is read after hydration, as a second render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setProgress(result.progress);
    setNotice(result.notice);
    setLoaded(true);
  }, []);

  const facets = useMemo(() => deckFacets(deck, filter), [deck, filter]);
  const filtered = useMemo(() => filterDeck(deck, filter), [deck, filter]);

  // A session's order is fixed when it starts, so grading a card does not reshuffle the rest.
  useEffect(() => {
    if (!loaded) return;
    // Stored, not derived per render: grading changes `progress`, which must not reorder this session.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setQueue(sessionOrder(filtered, progress, shuffled ? Math.random : undefined).map((c) => c.id));
    setPosition(0);
    setRevealed(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- progress changes within a session must not restart it
  }, [loaded, filtered, shuffled, session]);

  const card = deck.find((c) => c.id === queue[position]);

  const persist = (next: Progress): void => {
    setProgress(next);
    setSaveError(saveProgress(browserStore(), next));
  };

  const reveal = useCallback(() => setRevealed(true), []);
  const next = useCallback(() => {
    setPosition((p) => p + 1);
    setRevealed(false);
  }, []);
  const grade = (g: Grade): void => {
    if (!card) return;
    persist(gradeCard(progress, card.id, g, new Date()));
    next();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!card) return;
      const target = event.target as HTMLElement | null;
      const action = shortcutAction({ key: event.key, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, targetTag: target?.tagName ?? 'BODY' }, revealed);
      if (!action) return;
      event.preventDefault();
      if (action === 'reveal') reveal();
      else if (action === 'next') next();
      else grade(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const summary = summarize(filtered, progress);
  const label = filterLabel(filter, facets);

  return (
    <div className={styles.practice}>
      {notice && (
        <div className={`alert ${notice.kind === 'migrated' ? 'alert--info' : 'alert--warning'} ${styles.notice}`} role={notice.kind === 'migrated' ? 'status' : 'alert'}>
          <p>{notice.message}</p>
          <button type="button" className="button button--sm button--secondary" onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </div>
      )}
      {saveError && (
        <div className={`alert alert--warning ${styles.notice}`} role="alert">
          <p>{saveError}</p>
        </div>
      )}

      <form className={styles.filters} aria-label="Choose cards" onSubmit={(e) => e.preventDefault()}>
        <label>
          Track
          <select value={filter.track ?? ''} onChange={(e) => setFilter({ ...filter, track: e.target.value || undefined, topic: undefined })}>
            <option value="">All tracks ({deck.length})</option>
            {facets.tracks.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label} ({t.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Topic or part
          <select value={filter.topic ?? ''} onChange={(e) => setFilter({ ...filter, topic: e.target.value || undefined })}>
            <option value="">All topics and parts</option>
            {facets.topics.map((group) => (
              <optgroup key={group.track} label={group.label}>
                {group.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label} ({o.count})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          Difficulty
          <select value={filter.difficulty ?? ''} onChange={(e) => setFilter({ ...filter, difficulty: (e.target.value || undefined) as Difficulty | undefined })}>
            <option value="">All difficulties</option>
            {facets.difficulties.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label} ({d.count})
              </option>
            ))}
          </select>
        </label>
        <label className={styles.check}>
          <input type="checkbox" checked={shuffled} onChange={(e) => setShuffled(e.target.checked)} /> Shuffle
        </label>
        <fieldset className={styles.mode}>
          <legend>Mode</legend>
          <label className={styles.check}>
            <input type="radio" name="practice-mode" checked={!mock} onChange={() => setMock(false)} /> Study
          </label>
          <label className={styles.check}>
            <input type="radio" name="practice-mode" checked={mock} onChange={() => setMock(true)} /> Mock interview
          </label>
          {mock && (
            <label>
              Time per question
              <select value={mockSeconds} onChange={(e) => setMockSeconds(Number(e.target.value))}>
                {MOCK_DURATIONS_SECONDS.map((s) => (
                  <option key={s} value={s}>
                    {s / 60} min
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
      </form>

      <PracticeProgress summary={summary} label={label} />

      {!loaded ? (
        <p>Loading your progress…</p>
      ) : card ? (
        <PracticeCard
          card={card}
          position={position + 1}
          total={queue.length}
          revealed={revealed}
          mockSeconds={mock ? mockSeconds : undefined}
          onReveal={reveal}
          onGrade={grade}
          onNext={next}
        />
      ) : (
        <section className={styles.done} aria-live="polite">
          <h2>{queue.length === 0 ? 'No cards match these filters.' : 'You went through every card of this selection.'}</h2>
          {queue.length > 0 && (
            <button type="button" className="button button--primary" onClick={() => setSession((s) => s + 1)}>
              Practise again (cards to review first)
            </button>
          )}
        </section>
      )}

      <details className={styles.shortcuts}>
        <summary>Keyboard shortcuts</summary>
        <dl>
          {SHORTCUTS.map((s) => (
            <div key={s.action}>
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{s.description}</dd>
            </div>
          ))}
        </dl>
      </details>

      <PracticeData
        progress={progress}
        onImport={(imported) => {
          persist(imported);
          setSession((s) => s + 1); // the imported grades decide what comes first
        }}
      />
      <PracticeAnki cards={deck.length} />
    </div>
  );
}
