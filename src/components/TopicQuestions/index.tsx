import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import DifficultyBadge from '@site/src/components/DifficultyBadge';
import { useOverviewQuestions } from '@site/src/content/useHandbook';
import styles from './styles.module.css';

/**
 * The questions of the overview page being rendered (its topic, or its whole
 * track), derived from the question pages at build time: nothing to keep in sync by hand.
 */
export default function TopicQuestions(): ReactNode {
  const questions = useOverviewQuestions();
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
