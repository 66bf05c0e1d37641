import Head from '@docusaurus/Head';
import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import DifficultyBadge from '@site/src/components/DifficultyBadge';
import ShortLink from '@site/src/components/ShortLink';
import { shortLinkPath } from '@site/src/content/shortLinks';
import { findTopic, findTrack } from '@site/src/content/tracks';
import { useQuestionFrontMatter } from '@site/src/content/useHandbook';
import { formatDay } from '@site/src/content/review';
import styles from './styles.module.css';

/** Track, topic, difficulty, the day its facts were checked and the key insight of the current question page. */
export default function QuestionHeader(): ReactNode {
  const fm = useQuestionFrontMatter();
  const track = findTrack(fm.track);
  const topic = findTopic(fm.track, fm.topic);
  const shortLink = shortLinkPath(fm.track, fm.number);
  return (
    <header className={styles.header}>
      {/* Link previews in wikis and chat: the question as the title (the key insight is already the description). */}
      <Head>
        <meta property="og:title" content={fm.title} />
        <meta name="twitter:title" content={fm.title} />
      </Head>
      <p className={styles.meta}>
        <span>
          <Link to={`/${fm.track}`}>{track?.label}</Link> · <Link to={`/${fm.track}/${fm.topic}`}>{topic?.label}</Link> · Q{fm.number}
        </span>
        <DifficultyBadge difficulty={fm.difficulty} />
        {fm.reviewed && (
          <span className={styles.reviewed} title="The day an expert last checked this page's facts against their sources (not its last edit)">
            Facts checked <time dateTime={fm.reviewed}>{formatDay(fm.reviewed)}</time>
          </span>
        )}
        {shortLink && <ShortLink path={shortLink} />}
      </p>
      <aside className={styles.insight} aria-label="Key insight">
        <strong className={styles.insightTitle}>Key insight</strong>
        <p>{fm.keyInsight}</p>
      </aside>
    </header>
  );
}
