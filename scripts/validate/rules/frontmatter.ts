/** Frontmatter of each page against the one schema, and where the file lives. */
import type * as z from 'zod';
import { pageFrontMatterSchema, questionFrontMatterSchema, isQuestionFrontMatter, type QuestionFrontMatter } from '../../../src/content/schema';
import { findTopic, padNumber } from '../../../src/content/tracks';
import { problem, type ParsedPage, type Problem } from '../types';

/** The component that shows a fixed page's review date. */
const FACTS_CHECKED = /<FactsChecked\s*\/>/;

function issuesToProblems(page: ParsedPage, issues: z.core.$ZodIssue[], rule: string): Problem[] {
  return issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const where = issue.path.length ? `"${issue.path.join('.')}"` : 'frontmatter';
    let fix = 'see CONTRIBUTING.md for the fields a page needs';
    if (issue.code === 'unrecognized_keys') {
      fix = `remove ${issue.keys.map((k) => `"${k}"`).join(', ')}: these fields are not part of the schema (description, sidebar_label and sidebar_position are derived)`;
    } else if (issue.code === 'invalid_value') {
      fix = `use one of: ${issue.values.map(String).join(', ')}`;
    } else if (key === 'reviewed' && issue.input === undefined) {
      fix = 'add "reviewed: YYYY-MM-DD", the day someone other than the author last checked the page\'s facts against their sources';
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      fix = `add "${issue.path.join('.')}" to the frontmatter`;
    } else if (issue.code === 'custom' || issue.code === 'invalid_format' || issue.code === 'too_big' || issue.code === 'too_small') {
      fix = `correct ${where}`;
    }
    const line = issue.code === 'unrecognized_keys' ? page.keyLines.get(issue.keys[0] ?? '') : page.keyLines.get(key);
    const message = issue.code === 'unrecognized_keys' ? `unknown frontmatter field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `${where} ${issue.message}`;
    return problem(page.file, line ?? 1, rule, message, fix);
  });
}

export function checkFrontMatter(page: ParsedPage): { problems: Problem[]; question?: QuestionFrontMatter } {
  const data = page.data;
  if (!data) return { problems: [] };
  if (!isQuestionFrontMatter(data)) {
    const parsed = pageFrontMatterSchema.safeParse(data);
    const problems = parsed.success ? [] : issuesToProblems(page, parsed.error.issues, 'page-frontmatter');
    if (FACTS_CHECKED.test(page.source) && data.reviewed === undefined) {
      problems.push(
        problem(
          page.file,
          1,
          'reviewed-missing',
          'the page shows <FactsChecked /> but has no "reviewed" date',
          'add "reviewed: YYYY-MM-DD", the day someone other than the author checked its facts',
        ),
      );
    }
    return { problems };
  }
  const parsed = questionFrontMatterSchema.safeParse(data);
  if (!parsed.success) return { problems: issuesToProblems(page, parsed.error.issues, 'schema') };
  const fm = parsed.data;
  const problems: Problem[] = [];
  const match = /^docs\/([^/]+)\/([^/]+)\/q(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/.exec(page.file);
  const expected = `docs/${fm.track}/${fm.topic}/q${padNumber(fm.number)}-<slug>.mdx`;
  if (!match) {
    problems.push(
      problem(
        page.file,
        1,
        'file-location',
        `a question page must be at ${expected}`,
        'move or rename the file (slug: lowercase words joined by dashes); add the old URL to redirectFrom',
      ),
    );
  } else {
    const [, track, topic, number] = match;
    if (track !== fm.track || topic !== fm.topic) {
      problems.push(
        problem(
          page.file,
          page.keyLines.get(track !== fm.track ? 'track' : 'topic'),
          'file-location',
          `the file is in ${track}/${topic} but its frontmatter says ${fm.track}/${fm.topic}`,
          `move the file to ${expected} or correct the frontmatter`,
        ),
      );
    }
    if (Number(number) !== fm.number) {
      problems.push(
        problem(
          page.file,
          page.keyLines.get('number'),
          'file-location',
          `the file name says q${number} but "number" is ${fm.number}`,
          `rename the file to q${padNumber(fm.number)}-… or correct "number"`,
        ),
      );
    }
  }
  if (!findTopic(fm.track, fm.topic)) return { problems };
  return { problems, question: fm };
}
