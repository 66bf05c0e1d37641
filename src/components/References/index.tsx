import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { findReference, referenceAnchor, referenceHref, referenceLabel, type ReferenceEntry } from '@site/src/content/references';
import { useQuestionFrontMatter, useQuestionIndex } from '@site/src/content/useHandbook';
import styles from './styles.module.css';

function Entry({ entry }: { entry: ReferenceEntry }): ReactNode {
  const href = referenceHref(entry);
  return (
    <li id={`ref-${referenceAnchor(entry.id)}`} className={styles.entry}>
      <Link to={`/references#${referenceAnchor(entry.id)}`} className={styles.id}>
        [{entry.id}]
      </Link>{' '}
      {entry.kind === 'glossary' ? (
        <>
          <strong>{entry.term}</strong>: {entry.definition}
        </>
      ) : entry.kind === 'tool' ? (
        <>
          <strong>{entry.name}</strong>: {entry.purpose}
        </>
      ) : (
        referenceLabel(entry)
      )}
      {href && (
        <>
          {' '}
          <a href={href} className={styles.link}>
            {href}
          </a>
        </>
      )}
    </li>
  );
}

/** Questions related to the current page: stated once, on either page, shown on both. */
export function RelatedQuestions(): ReactNode {
  const fm = useQuestionFrontMatter();
  const index = useQuestionIndex();
  const related = index
    .filter((q) => q.questionId !== fm.questionId && (fm.related.includes(q.questionId) || q.related.includes(fm.questionId)))
    .sort((a, b) => a.track.localeCompare(b.track) || a.number - b.number);
  if (related.length === 0) return null;
  return (
    <>
      <p className={styles.relatedTitle}>
        <strong>Related questions</strong>
      </p>
      <ul>
        {related.map((q) => (
          <li key={q.questionId}>
            <Link to={q.permalink}>{q.title}</Link>
            {q.track !== fm.track && <span className={styles.track}> ({q.track === 'architecture' ? 'Architecture Q&A' : 'Architect interview track'})</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The references a question cites (from its frontmatter), then its related questions. */
export default function References(): ReactNode {
  const fm = useQuestionFrontMatter();
  const entries = fm.references.map(findReference).filter((e): e is ReferenceEntry => e !== undefined);
  return (
    <>
      <ol className={styles.list}>
        {entries.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </ol>
      <RelatedQuestions />
    </>
  );
}
