import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import DifficultyBadge from '@site/src/components/DifficultyBadge';
import { useQuestionIndex } from '@site/src/content/useHandbook';
import styles from './styles.module.css';

interface Props {
  track: string;
  /** Omit to list the whole track. */
  topic?: string;
}

/** The questions of a topic (or track), from the question index: nothing to keep in sync by hand. */
export default function TopicQuestions({ track, topic }: Props): ReactNode {
  const questions = useQuestionIndex()
    .filter((q) => q.track === track && (!topic || q.topic === topic))
    .sort((a, b) => a.number - b.number);
  return (
    <ol className={styles.list}>
      {questions.map((q) => (
        <li key={q.questionId} className={styles.item}>
          <span className={styles.number}>Q{q.number}</span>
          <div>
            <Link to={q.permalink} className={styles.title}>
              {q.title}
            </Link>{' '}
            <DifficultyBadge difficulty={q.difficulty} />
            <p className={styles.insight}>{q.keyInsight}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
