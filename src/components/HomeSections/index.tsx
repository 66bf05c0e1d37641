import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { TRACKS } from '@site/src/content/tracks';
import { useQuestionIndex } from '@site/src/content/useHandbook';
import styles from './styles.module.css';

const TRACK_BLURBS: Record<string, string> = {
  architecture:
    'Thirty questions in six topics, from component boundaries to system evolution. Each answer comes with tested TypeScript, a diagram, metrics and trade-offs.',
  'architect-interview':
    'The questions an AI or technical architect is asked in interviews, with the architect’s call and spoken mock answers.',
};

/** Entry points of the home page: only sections that exist are shown, so no link is ever dead. */
export default function HomeSections(): ReactNode {
  const questions = useQuestionIndex();
  const tracks = TRACKS.map((track) => ({ track, count: questions.filter((q) => q.track === track.slug).length })).filter(({ count }) => count > 0);
  return (
    <div className={styles.grid}>
      {tracks.map(({ track, count }) => (
        <Link key={track.slug} to={`/${track.slug}`} className={styles.card}>
          <h2>{track.label}</h2>
          <p>{TRACK_BLURBS[track.slug]}</p>
          <span className={styles.count}>
            {count} question{count === 1 ? '' : 's'} →
          </span>
        </Link>
      ))}
      <Link to="/references" className={styles.card}>
        <h2>References</h2>
        <p>Every book, paper, tool and glossary term the answers cite, with links back to the questions that cite them.</p>
        <span className={styles.count}>Browse →</span>
      </Link>
    </div>
  );
}
