import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { ReactNode } from 'react';
import type { ReferenceView } from '@site/src/content/pageData';
import { questionLabelFor } from '@site/src/content/tracks';
import { useCatalog } from '@site/src/content/useHandbook';
import styles from './styles.module.css';

const GROUPS: { kind: ReferenceView['kind']; title: string }[] = [
  { kind: 'literature', title: 'Literature' },
  { kind: 'tool', title: 'Tools' },
  { kind: 'glossary', title: 'Glossary' },
];

/**
 * Every catalog entry, each with an anchor (#a1, #g10) and links back to the
 * questions that cite it. The page carries the catalog in its derived frontmatter.
 */
export default function ReferenceCatalog(): ReactNode {
  const catalog = useCatalog();
  // Register the anchors, so the build's broken-anchor check knows #a1 exists.
  const brokenLinks = useBrokenLinks();
  for (const entry of catalog) brokenLinks.collectAnchor(entry.anchor);
  return (
    <>
      {GROUPS.map(({ kind, title }) => (
        <section key={kind}>
          <h2 id={kind}>{title}</h2>
          <dl className={styles.list}>
            {catalog
              .filter((entry) => entry.kind === kind)
              .map((entry) => (
                <div key={entry.id} id={entry.anchor} className={styles.entry}>
                  <dt>
                    <span className={styles.id}>[{entry.id}]</span> {entry.lead ?? entry.text}
                  </dt>
                  <dd>
                    {entry.lead !== undefined && <p>{entry.text}</p>}
                    {entry.note !== undefined && <p>{entry.note}</p>}
                    {entry.href && (
                      <p className={styles.href}>
                        <a href={entry.href}>{entry.href}</a>
                      </p>
                    )}
                    {entry.citedBy.length > 0 && (
                      <p className={styles.citedBy}>
                        Cited by:{' '}
                        {entry.citedBy.map((q, i) => (
                          <span key={q.questionId}>
                            {i > 0 && ', '}
                            <Link to={q.permalink} title={q.title}>
                              {questionLabelFor(q.track, q.number)}
                            </Link>
                          </span>
                        ))}
                      </p>
                    )}
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </>
  );
}
