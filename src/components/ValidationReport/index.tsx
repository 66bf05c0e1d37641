import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import type { ReactNode } from 'react';
import DifficultyBadge from '@site/src/components/DifficultyBadge';
import type { ValidationReport as Report } from '@site/src/content/report';
import { DIFFICULTIES, DIFFICULTY_LABELS, findTrack, questionLabelFor } from '@site/src/content/tracks';
import { REVIEW_MAX_AGE_DAYS, isReviewStale, reviewAgeDays } from '@site/src/content/review';
import styles from './styles.module.css';

/** Pages by the age of their last fact check, oldest first, measured on the day the report was built. */
function ReviewAge({ report }: { readonly report: Report }): ReactNode {
  const builtOn = new Date(report.generatedAt);
  const rows = report.questions.map((q) => ({ q, age: reviewAgeDays(q.reviewed, builtOn) })).sort((a, b) => b.age - a.age || a.q.questionId.localeCompare(b.q.questionId));
  return (
    <>
      <Heading as="h2" id="review-age">
        Review age
      </Heading>
      <p>
        When someone other than the author last checked each page&apos;s facts against their sources, oldest first, as of {report.generatedAt.slice(0, 10)}. A page of a fast-moving
        track whose check is more than {REVIEW_MAX_AGE_DAYS} days old is flagged.
      </p>
      <div className={styles.scroll}>
        <table>
          <thead>
            <tr>
              <th>Question</th>
              <th>Facts checked</th>
              <th>Age (days)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ q, age }) => (
              <tr key={q.questionId} data-review-age={age}>
                <td>
                  <Link to={q.permalink}>
                    {questionLabelFor(q.track, q.number)}. {q.label}
                  </Link>{' '}
                  <small>({findTrack(q.track)?.label})</small>
                </td>
                <td>
                  <time dateTime={q.reviewed}>{q.reviewed}</time>
                </td>
                <td>
                  {age}
                  {isReviewStale(q.track, age) && <strong> (due for review)</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0 %' : `${Math.round((part / whole) * 100)} %`;
}

/** ✓ present, ✗ missing where required, – absent where the track does not require it. */
function Check({ ok, label, required = true }: { ok: boolean; label: string; required?: boolean }): ReactNode {
  if (!ok && !required) {
    return (
      <span className={styles.optional} aria-label={`${label}: not required`}>
        –
      </span>
    );
  }
  return (
    <span className={ok ? styles.ok : styles.missing} aria-label={`${label}: ${ok ? 'yes' : 'no'}`}>
      {ok ? '✓' : '✗'}
    </span>
  );
}

/** The Validation Report: computed from the content at build time by the validator. */
export default function ValidationReport({ report }: { report: Report }): ReactNode {
  const total = report.questions.length;
  const allCounts = { foundational: 0, intermediate: 0, advanced: 0 };
  for (const q of report.questions) allCounts[q.difficulty]++;
  const withInsight = report.questions.filter((q) => q.hasKeyInsight).length;
  return (
    <article className={styles.report}>
      <Heading as="h1">Validation report</Heading>
      <p>
        The Architecture Q&amp;A and the LLM and agent systems track require every part on every page; the interview track requires the answer and the architect&apos;s call, and
        adds code, diagrams and references where they help (– marks a part a page does not need).
      </p>
      <p>
        Generated from the content by the validator (<code>npm run validate</code>) on every build, so it always describes the pages you are reading. The build fails when any rule
        is broken.
      </p>
      <p className={report.verdict === 'pass' ? styles.pass : styles.fail} role="status">
        Verdict: <strong>{report.verdict === 'pass' ? 'PASS' : 'FAIL'}</strong>, {report.problemCount} problem(s), {total} question page(s), key insight on {withInsight}/{total},{' '}
        {report.catalog.cited}/{report.catalog.entries} references cited.
      </p>

      <Heading as="h2" id="tracks">
        Tracks
      </Heading>
      <div className={styles.scroll}>
        <table>
          <thead>
            <tr>
              <th>Track</th>
              <th>Questions</th>
              <th>Key insight</th>
              {DIFFICULTIES.map((d) => (
                <th key={d}>{DIFFICULTY_LABELS[d]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.tracks.map((t) => (
              <tr key={t.slug}>
                <td>{t.label}</td>
                <td>
                  {t.questions}/{t.expectedQuestions}
                </td>
                <td>
                  {report.questions.filter((q) => q.track === t.slug && q.hasKeyInsight).length}/{t.questions}
                </td>
                {DIFFICULTIES.map((d) => (
                  <td key={d}>
                    {t.counts[d]} ({percent(t.counts[d], t.questions)})
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <td>
                <strong>All</strong>
              </td>
              <td>{total}</td>
              <td>
                {withInsight}/{total}
              </td>
              {DIFFICULTIES.map((d) => (
                <td key={d}>
                  {allCounts[d]} ({percent(allCounts[d], total)})
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      <Heading as="h2" id="difficulty">
        Difficulty by topic
      </Heading>
      <div className={styles.scroll}>
        <table>
          <thead>
            <tr>
              <th>Topic</th>
              {DIFFICULTIES.map((d) => (
                <th key={d}>{DIFFICULTY_LABELS[d]}</th>
              ))}
              <th>Policy</th>
            </tr>
          </thead>
          <tbody>
            {report.difficulty.map((row) => (
              <tr key={`${row.track}/${row.topic}`}>
                <td>
                  <Link to={`/${row.track}/${row.topic}`}>{row.label}</Link> <small>({findTrack(row.track)?.label})</small>
                </td>
                {DIFFICULTIES.map((d) => (
                  <td key={d}>{row.counts[d]}</td>
                ))}
                <td>{row.expected ? DIFFICULTIES.map((d) => row.expected?.[d]).join('/') + (row.complete ? '' : ' (topic incomplete)') : 'free'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Heading as="h2" id="questions">
        Per question
      </Heading>
      <div className={styles.scroll}>
        <table className={styles.checklist}>
          <thead>
            <tr>
              <th>Question</th>
              <th>Difficulty</th>
              <th>Key insight (words)</th>
              <th>Answer (words)</th>
              <th>Code</th>
              <th>Diagram</th>
              <th>Tables</th>
              <th>References</th>
            </tr>
          </thead>
          <tbody>
            {report.questions.map((q) => (
              <tr key={q.questionId}>
                <td>
                  <Link to={q.permalink}>
                    {questionLabelFor(q.track, q.number)}. {q.label}
                  </Link>
                </td>
                <td>
                  <DifficultyBadge difficulty={q.difficulty} />
                </td>
                <td>
                  <Check ok={q.hasKeyInsight} label="Key insight" /> {q.keyInsightWords}
                </td>
                <td>{q.answerWords}</td>
                <td>
                  <Check ok={q.hasExample} label="Tested code" required={findTrack(q.track)?.anatomy === 'full'} />
                </td>
                <td>
                  <Check ok={q.hasDiagram} label="Diagram" required={findTrack(q.track)?.anatomy === 'full'} />
                </td>
                <td>
                  <Check ok={q.hasMetrics && q.hasTradeoffs} label="Metrics and trade-off tables" required={findTrack(q.track)?.anatomy === 'full'} />
                </td>
                <td>
                  <strong>{q.references.length}</strong>
                  {q.references.length > 0 && `: ${q.references.join(', ')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ReviewAge report={report} />

      {report.problems.length > 0 && (
        <>
          <Heading as="h2" id="problems">
            Problems
          </Heading>
          <ul>
            {report.problems.map((p, i) => (
              <li key={i}>
                <code>
                  {p.file}:{p.line}
                </code>{' '}
                {p.message}. Fix: {p.fix}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
