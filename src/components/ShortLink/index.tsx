import useBaseUrl from '@docusaurus/useBaseUrl';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useState, type ReactNode } from 'react';
import { copyText } from '@site/src/content/clipboard';
import styles from './styles.module.css';

/** A question's short link (/q/7), shown in full with a Copy button, for wikis and chat. */
export default function ShortLink({ path }: { path: string }): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const href = useBaseUrl(path);
  const url = `${siteConfig.url}${href}`;
  const [status, setStatus] = useState('');
  const copy = async (): Promise<void> => {
    setStatus((await copyText(url)) ? 'Short link copied.' : 'Copying failed: select the link and copy it.');
    window.setTimeout(() => setStatus(''), 3000);
  };
  return (
    <span className={styles.shortLink}>
      <span className={styles.label}>Short link</span>
      {/* A plain anchor: the short link is a redirect page written after the build, not a route. */}
      <a href={href} className={styles.url}>
        {url.replace(/^https?:\/\//, '')}
      </a>
      <button type="button" className={styles.copy} onClick={() => void copy()} aria-label={`Copy the short link ${url}`}>
        {status === 'Short link copied.' ? 'Copied' : 'Copy'}
      </button>
      <span role="status" className="handbook-visually-hidden">
        {status}
      </span>
    </span>
  );
}
