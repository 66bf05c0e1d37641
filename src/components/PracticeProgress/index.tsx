import type { ReactNode } from 'react';
import type { ProgressSummary } from '@site/src/practice/schedule';
import styles from './styles.module.css';

/** How much of the filtered deck is known, to review, or new: one stacked bar and its numbers. */
export default function PracticeProgress({ summary, label }: { summary: ProgressSummary; label: string }): ReactNode {
  const { total, know, again, dontKnow } = summary;
  const share = (n: number): string => `${total === 0 ? 0 : (n / total) * 100}%`;
  const text = `${know} of ${total} known, ${again} to review again, ${dontKnow} not known yet, ${summary.new} new`;
  return (
    <div className={styles.progress}>
      <div className={styles.bar} role="progressbar" aria-label={`Progress: ${label}`} aria-valuemin={0} aria-valuemax={total} aria-valuenow={know} aria-valuetext={text}>
        <span className={styles.know} style={{ width: share(know) }} />
        <span className={styles.again} style={{ width: share(again) }} />
        <span className={styles.dontKnow} style={{ width: share(dontKnow) }} />
      </div>
      <p className={styles.legend}>
        <span>
          <i className={styles.know} aria-hidden="true" /> {know} known ({summary.percentKnown} %)
        </span>
        <span>
          <i className={styles.again} aria-hidden="true" /> {again} review again
        </span>
        <span>
          <i className={styles.dontKnow} aria-hidden="true" /> {dontKnow} don’t know
        </span>
        <span>
          <i className={styles.new} aria-hidden="true" /> {summary.new} new
        </span>
      </p>
    </div>
  );
}
