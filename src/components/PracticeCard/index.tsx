import Link from '@docusaurus/Link';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import DifficultyBadge from '@site/src/components/DifficultyBadge';
import { cardLabel, topicLabel, type PracticeCard as Card } from '@site/src/practice/deck';
import { GRADES, GRADE_LABELS, type Grade } from '@site/src/practice/schedule';
import { ariaShortcuts } from '@site/src/practice/shortcuts';
import { countdown, countdownAnnouncement, formatClock } from '@site/src/practice/timer';
import styles from './styles.module.css';

interface Props {
  card: Card;
  position: number;
  total: number;
  revealed: boolean;
  /** Seconds to answer aloud in mock-interview mode; none in study mode. */
  mockSeconds?: number;
  onReveal: () => void;
  onGrade: (grade: Grade) => void;
  onNext: () => void;
}

/** Counts down in real time and reveals the answer when time is up. */
function MockTimer({ seconds, onExpire }: { seconds: number; onExpire: () => void }): ReactNode {
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef(seconds * 1000);
  const { remainingMs, expired } = countdown(startedAt, seconds * 1000, now);

  useEffect(() => {
    if (expired) return undefined;
    const id = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(id);
  }, [expired]);

  useEffect(() => {
    const said = countdownAnnouncement(previous.current, remainingMs);
    previous.current = remainingMs;
    if (said) setAnnouncement(said);
    if (expired) onExpire();
  }, [remainingMs, expired, onExpire]);

  return (
    <div className={styles.timer}>
      <span role="timer" aria-label="Time left to answer" className={expired ? styles.timeUp : undefined}>
        {formatClock(remainingMs)}
      </span>
      <span className={styles.timerHint}>Answer aloud before the time is up.</span>
      <span className="handbook-visually-hidden" aria-live="assertive">
        {announcement}
      </span>
    </div>
  );
}

const GRADE_STYLE: Record<Grade, string | undefined> = { know: styles.know, again: styles.again, 'dont-know': styles.dontKnow };

/** One card: the question, then on request the key insight, a short answer and the page. */
export default function PracticeCard({ card, position, total, revealed, mockSeconds, onReveal, onGrade, onNext }: Props): ReactNode {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const answerRef = useRef<HTMLDivElement>(null);
  const headingId = `practice-card-${card.id}`;

  // A new card takes the focus, so a screen reader reads its question next.
  useEffect(() => {
    if (position > 1) headingRef.current?.focus();
  }, [card.id, position]);
  // The Reveal button disappears when pressed: the answer takes the focus instead, and is read out.
  useEffect(() => {
    if (revealed) answerRef.current?.focus();
  }, [revealed]);

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <p className={styles.meta}>
        <span>
          Card {position} of {total}
        </span>
        <span>
          {cardLabel(card)} · {topicLabel(card)}
        </span>
        {card.difficulty && <DifficultyBadge difficulty={card.difficulty} />}
      </p>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.question}>
        {card.question}
      </h2>
      {mockSeconds !== undefined && !revealed && <MockTimer key={`${card.id}-${position}`} seconds={mockSeconds} onExpire={onReveal} />}
      {revealed ? (
        <div ref={answerRef} className={styles.answer} tabIndex={-1} role="region" aria-label="Answer">
          {card.keyInsight && (
            <p>
              <strong>Key insight.</strong> {card.keyInsight}
            </p>
          )}
          <p>{card.shortAnswer}</p>
          <p>
            <Link to={card.permalink}>Read the full answer ({cardLabel(card)})</Link>
          </p>
        </div>
      ) : (
        <div className={styles.actions}>
          <button type="button" className="button button--primary" onClick={onReveal} aria-keyshortcuts={ariaShortcuts('reveal')}>
            Reveal answer
          </button>
          <button type="button" className="button button--secondary button--outline" onClick={onNext} aria-keyshortcuts={ariaShortcuts('next')}>
            Skip
          </button>
        </div>
      )}
      {revealed && (
        <div className={styles.actions} role="group" aria-label="How well did you know it?">
          {GRADES.map((grade, i) => (
            <button
              key={grade}
              type="button"
              className={`button ${styles.grade} ${GRADE_STYLE[grade] ?? ''}`}
              onClick={() => onGrade(grade)}
              aria-keyshortcuts={ariaShortcuts(grade)}
            >
              {GRADE_LABELS[grade]} <kbd aria-hidden="true">{i + 1}</kbd>
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
