import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { ReactNode } from 'react';
import { referenceAnchor, referenceCatalog, referenceHref, type ReferenceEntry } from '@site/src/content/references';
import { useQuestionIndex } from '@site/src/content/useHandbook';
import styles from './styles.module.css';

const GROUPS: { kind: ReferenceEntry['kind']; title: string }[] = [
  { kind: 'literature', title: 'Literature' },
  { kind: 'tool', title: 'Tools' },
  { kind: 'glossary', title: 'Glossary' },
];

/** Every catalog entry, each with an anchor (#a1, #g10) and links back to the questions that cite it. */
export default function ReferenceCatalog(): ReactNode {
  const questions = useQuestionIndex();
  // Register the anchors, so the build's broken-anchor check knows #a1 exists.
  const brokenLinks = useBrokenLinks();
  for (const entry of referenceCatalog) brokenLinks.collectAnchor(referenceAnchor(entry.id));
  return (
    <>
      {GROUPS.map(({ kind, title }) => (
        <section key={kind}>
          <h2 id={kind}>{title}</h2>
          <dl className={styles.list}>
            {referenceCatalog
              .filter((entry) => entry.kind === kind)
              .map((entry) => {
                const href = referenceHref(entry);
                const citedBy = questions.filter((q) => q.references.includes(entry.id));
                return (
                  <div key={entry.id} id={referenceAnchor(entry.id)} className={styles.entry}>
                    <dt>
                      <span className={styles.id}>[{entry.id}]</span> {entry.kind === 'glossary' ? entry.term : entry.kind === 'tool' ? entry.name : entry.citation}
                    </dt>
                    <dd>
                      {entry.kind === 'glossary' && <p>{entry.definition}</p>}
                      {entry.kind === 'tool' && <p>{entry.purpose}</p>}
                      {entry.kind === 'literature' && <p>{entry.note}</p>}
                      {href && (
                        <p className={styles.href}>
                          <a href={href}>{href}</a>
                        </p>
                      )}
                      {citedBy.length > 0 && (
                        <p className={styles.citedBy}>
                          Cited by:{' '}
                          {citedBy.map((q, i) => (
                            <span key={q.questionId}>
                              {i > 0 && ', '}
                              <Link to={q.permalink} title={q.title}>
                                {q.track === 'architecture' ? `Q${q.number}` : `Interview Q${q.number}`}
                              </Link>
                            </span>
                          ))}
                        </p>
                      )}
                    </dd>
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
    </>
  );
}
