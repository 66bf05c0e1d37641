/**
 * The rules over the whole collection (ids, numbering, difficulty, citations,
 * tag labels, overviews, links) and the Validation Report, computed from the pages'
 * records alone: cheap enough to run in full after any change.
 */
import { referenceCatalog } from '../../src/content/references';
import type { QuestionChecklist, ValidationReport } from '../../src/content/report';
import { countWords } from '../../src/content/schema';
import { TRACKS } from '../../src/content/tracks';
import { permalinkFor, PROJECT_ROOT } from './files';
import { sortProblems } from './format';
import type { PageRecord } from './page-record';
import type { PageParts } from './rules/anatomy';
import { checkCatalog, checkCitations, checkDifficulty, checkUniqueness, difficultyTable } from './rules/collection';
import { checkLinks } from './rules/links';
import { checkReviewDates, type ReviewedPage } from './rules/review';
import { checkTagLabels } from './rules/tags';
import { problem, type Problem, type QuestionFacts } from './types';

/** A question as the collection rules and the report see it. */
interface CollectedQuestion extends QuestionFacts {
  readonly parts: PageParts;
  readonly shortAnswer: string;
}

function checkOverviews(files: ReadonlySet<string>, questions: readonly QuestionFacts[]): Problem[] {
  const problems: Problem[] = [];
  const folders = new Set<string>();
  for (const q of questions) {
    folders.add(`docs/${q.frontMatter.track}`);
    folders.add(`docs/${q.frontMatter.track}/${q.frontMatter.topic}`);
  }
  for (const folder of [...folders].sort()) {
    if (!files.has(`${folder}/index.mdx`) && !files.has(`${folder}/index.md`)) {
      problems.push(
        problem(
          `${folder}/index.mdx`,
          1,
          'overview-missing',
          `${folder} has questions but no overview page`,
          `add ${folder}/index.mdx with a title, a description and a one-paragraph overview`,
        ),
      );
    }
  }
  return problems;
}

/** Pages that say when their facts were checked: each valid question page, and fixed pages whose `reviewed` is a valid day. */
function reviewedPages(records: readonly PageRecord[]): ReviewedPage[] {
  return records.flatMap((r) => {
    const line = new Map(r.keyLines).get('reviewed') ?? 1;
    if (r.question) return [{ file: r.file, reviewed: r.question.frontMatter.reviewed, track: r.question.frontMatter.track, line }];
    const reviewed = r.data?.reviewed;
    return typeof reviewed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(reviewed) ? [{ file: r.file, reviewed, line }] : [];
  });
}

/** Every problem and warning of the content, sorted, and the report; `records` in file order. */
export async function collect(
  records: readonly PageRecord[],
  catalogEntries: readonly unknown[] = referenceCatalog,
  today: Date = new Date(),
): Promise<{ problems: Problem[]; warnings: Problem[]; report: ValidationReport }> {
  const problems: Problem[] = records.flatMap((r) => r.problems);
  const questions: CollectedQuestion[] = records.flatMap((r) =>
    r.question
      ? [
          {
            file: r.file,
            keyLines: new Map(r.keyLines),
            frontMatter: r.question.frontMatter,
            permalink: permalinkFor(r.file),
            parts: r.question.parts,
            shortAnswer: r.question.shortAnswer,
          },
        ]
      : [],
  );

  const catalog = await checkCatalog(PROJECT_ROOT, catalogEntries);
  problems.push(...catalog.problems);
  const architecture = TRACKS[0];
  const architectureComplete = questions.filter((q) => q.frontMatter.track === architecture.slug).length >= architecture.totalQuestions;
  problems.push(...checkUniqueness(questions));
  problems.push(...checkDifficulty(questions));
  problems.push(...checkCitations(questions, catalog, architectureComplete));
  // Like the catalog, the labels are checked for leftovers only when the whole handbook is there to use them.
  problems.push(...(await checkTagLabels(questions, PROJECT_ROOT, architectureComplete)));
  const review = checkReviewDates(reviewedPages(records), today);
  problems.push(...review.problems);
  problems.push(...checkOverviews(new Set(records.map((r) => r.file)), questions));
  problems.push(
    ...checkLinks(
      records.map((r) => ({ file: r.file, facts: r.parsed ? r : undefined })),
      questions,
      PROJECT_ROOT,
    ),
  );

  const sorted = sortProblems(problems);
  const report = buildReport(sorted, questions, catalog.entries);
  report.quickHits = records.find((r) => r.quickHits)?.quickHits ?? [];
  return { problems: sorted, warnings: sortProblems([...records.flatMap((r) => r.warnings), ...review.warnings]), report };
}

function buildReport(problems: readonly Problem[], questions: readonly CollectedQuestion[], catalog: readonly { id: string; kind: string }[]): ValidationReport {
  const trackOrder = new Map(TRACKS.map((t, i) => [t.slug as string, i]));
  const ordered = [...questions].sort(
    (a, b) => (trackOrder.get(a.frontMatter.track) ?? -1) - (trackOrder.get(b.frontMatter.track) ?? -1) || a.frontMatter.number - b.frontMatter.number,
  );
  const problemsPerFile = new Map<string, number>();
  for (const p of problems) problemsPerFile.set(p.file, (problemsPerFile.get(p.file) ?? 0) + 1);
  const checklist: QuestionChecklist[] = ordered.map((q) => {
    const fm = q.frontMatter;
    const p = q.parts;
    return {
      questionId: fm.questionId,
      title: fm.title,
      label: fm.label,
      track: fm.track,
      topic: fm.topic,
      number: fm.number,
      difficulty: fm.difficulty,
      keyInsight: fm.keyInsight,
      permalink: q.permalink,
      references: fm.references,
      related: fm.related,
      tags: fm.tags,
      hasMockAnswer: p.hasMockAnswer,
      shortAnswer: q.shortAnswer,
      reviewed: fm.reviewed,
      keyInsightWords: countWords(fm.keyInsight),
      answerWords: p.answerWords,
      hasKeyInsight: p.hasKeyInsight,
      hasExample: p.hasExample,
      hasDiagram: p.hasDiagram,
      hasMetrics: p.hasMetrics,
      hasTradeoffs: p.hasTradeoffs,
      problems: problemsPerFile.get(q.file) ?? 0,
    };
  });
  const cited = new Set(questions.flatMap((q) => q.frontMatter.references));
  const byKind: Record<string, number> = {};
  for (const entry of catalog) byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
  return {
    generatedAt: new Date().toISOString(),
    verdict: problems.length === 0 ? 'pass' : 'fail',
    problemCount: problems.length,
    problems: problems.map((p) => ({ ...p })),
    tracks: TRACKS.map((track) => {
      const inTrack = questions.filter((q) => q.frontMatter.track === track.slug);
      const counts = { foundational: 0, intermediate: 0, advanced: 0 };
      for (const q of inTrack) counts[q.frontMatter.difficulty]++;
      return { slug: track.slug, label: track.label, expectedQuestions: track.totalQuestions, questions: inTrack.length, counts };
    }),
    difficulty: difficultyTable(questions),
    questions: checklist,
    quickHits: [],
    catalog: { entries: catalog.length, cited: catalog.filter((e) => cited.has(e.id)).length, byKind },
  };
}
