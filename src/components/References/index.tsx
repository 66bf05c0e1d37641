import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import type { ReferenceView } from '@site/src/content/pageData';
import { findTrack } from '@site/src/content/tracks';
import { useQuestionFrontMatter } from '@site/src/content/useHandbook';
import styles from './styles.module.css';

function Entry({ entry }: { entry: ReferenceView }): ReactNode {
  return (
    <li id={`ref-${entry.anchor}`} className={styles.entry}>
      <Link to={`/references#${entry.anchor}`} className={styles.id}>
        [{entry.id}]
      </Link>{' '}
      {entry.lead !== undefined ? (
        <>
          <strong>{entry.lead}</strong>: {entry.text}
        </>
      ) : (
        entry.text
      )}
      {entry.href && (
        <>
          {' '}
          <a href={entry.href} className={styles.link}>
            {entry.href}
          </a>
        </>
      )}
    </li>
  );
}

/** Questions related to the current page: stated once, on either page, shown on both. */
export function RelatedQuestions(): ReactNode {
  const fm = useQuestionFrontMatter();
  if (fm.relatedQuestions.length === 0) return null;
  return (
    <>
      <p className={styles.relatedTitle}>
        <strong>Related questions</strong>
      </p>
      {/* data-related-questions: the search index leaves the list out, as each title is found on its own page. */}
      <ul data-related-questions>
        {fm.relatedQuestions.map((q) => (
          <li key={q.questionId}>
            <Link to={q.permalink}>{q.title}</Link>
            {q.track !== fm.track && <span className={styles.track}> ({findTrack(q.track)?.label ?? q.track})</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The references a question cites (resolved from the catalog at build time), then its related questions. */
export default function References(): ReactNode {
  const fm = useQuestionFrontMatter();
  return (
    <>
      {/* data-references: the search index leaves the list out (docusaurus.config.ts); the references page holds every entry. */}
      <ol className={styles.list} data-references>
        {fm.referenceList.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </ol>
      <RelatedQuestions />
    </>
  );
}
