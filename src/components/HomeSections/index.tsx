import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { TRACKS } from '@site/src/content/tracks';
import type { HomeSummary } from '@site/src/plugins/handbook-content/routes';
import styles from './styles.module.css';

const TRACK_BLURBS: Record<string, string> = {
  architecture: 'Thirty questions in six topics, from component boundaries to system evolution. Each answer comes with tested TypeScript, a diagram, metrics and trade-offs.',
  'architect-interview': 'The questions an AI or technical architect is asked in interviews, with the architect’s call and spoken mock answers.',
  'llm-systems': 'Twenty questions on serving, retrieval, agents and evaluation of LLM systems, each with a runnable simulation in TypeScript and facts dated to their source.',
};

/** The interview track's practice pages, and every question that carries a spoken mock answer. */
function InterviewToolkit({ mockAnswers }: { mockAnswers: HomeSummary['mockAnswers'] }): ReactNode {
  return (
    <section className={`${styles.card} ${styles.toolkit}`} aria-labelledby="interview-toolkit">
      <h2 id="interview-toolkit">Interview toolkit</h2>
      <ul className={styles.links}>
        <li>
          <Link to="/architect-interview/whiteboard-method">The six-step whiteboard method</Link>
        </li>
        <li>
          <Link to="/architect-interview/quick-hits">Ten quick-hit questions</Link>
        </li>
        <li>
          <Link to="/architect-interview/preparation-template">Preparation template (download)</Link>
        </li>
      </ul>
      <p className={styles.subhead}>Mock answers, written to be spoken</p>
      <ul className={styles.links}>
        {mockAnswers.map((q) => (
          <li key={q.questionId}>
            <Link to={`${q.permalink}#mock-answer`}>{q.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Entry points of the home page: only sections that exist are shown, so no link is ever dead. */
export default function HomeSections({ summary }: { summary: HomeSummary }): ReactNode {
  const tracks = TRACKS.flatMap((track) => {
    const count = summary.tracks.find((t) => t.slug === track.slug)?.count ?? 0;
    return count > 0 ? [{ track, count }] : [];
  });
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
      {tracks.some(({ track }) => track.slug === 'architect-interview') && <InterviewToolkit mockAnswers={summary.mockAnswers} />}
      <Link to="/references" className={styles.card}>
        <h2>References</h2>
        <p>Every book, paper, law, standard, tool and glossary term the answers cite, with links back to the questions that cite them.</p>
        <span className={styles.count}>Browse →</span>
      </Link>
      <Link to="/cheat-sheet" className={styles.card}>
        <h2>Cheat sheet</h2>
        <p>The formulas to work out on a whiteboard, with worked examples computed by the tested code, on one printable sheet (A4 or US Letter PDF).</p>
        <span className={styles.count}>Open the sheet →</span>
      </Link>
      <Link to="/tools" className={styles.card}>
        <h2>Calculators</h2>
        <p>GPU memory, throughput and replicas, availability, drift and cloud cost: validated, and shareable as a link.</p>
        <span className={styles.count}>Calculate →</span>
      </Link>
      {summary.questionCount > 0 && (
        <Link to="/practice" className={styles.card}>
          <h2>Practice</h2>
          <p>Every question as a flash card, graded and saved in your browser; a mock-interview mode with a timer; the same deck for Anki.</p>
          <span className={styles.count}>Practise {summary.questionCount} questions →</span>
        </Link>
      )}
    </div>
  );
}
