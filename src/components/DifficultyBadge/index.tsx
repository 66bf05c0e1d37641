import clsx from 'clsx';
import type { ReactNode } from 'react';
import { DIFFICULTY_LABELS, type Difficulty } from '@site/src/content/tracks';
import styles from './styles.module.css';

export default function DifficultyBadge({ difficulty }: { difficulty: Difficulty }): ReactNode {
  return <span className={clsx(styles.badge, styles[difficulty])}>{DIFFICULTY_LABELS[difficulty]}</span>;
}
