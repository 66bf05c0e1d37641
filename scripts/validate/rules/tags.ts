/**
 * Tag labels (src/content/tagLabels.ts): a free-form tag that enough questions
 * share gets a tag page, so it needs a label a reader can read; a label no
 * question's tag uses any more is left over from an edit.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MIN_QUESTIONS_PER_TAG, questionsByTag, TAG_LABELS } from '../../../src/content/tagLabels';
import { problem, type Problem, type QuestionFacts } from '../types';

export const TAG_LABELS_FILE = 'src/content/tagLabels.ts';

/** The line of `slug` in the labels file (1 when it cannot be read or found). */
function lineOf(text: string, slug: string): number {
  const index = text.split('\n').findIndex((line) => new RegExp(`^\\s*'?${slug}'?:`).test(line));
  return index + 1 || 1;
}

/**
 * Problems with the labels `labels` (the project's, unless a test passes others), read against the questions;
 * labels nobody uses are reported only when `requireAllUsed` (the whole handbook is being checked).
 */
export async function checkTagLabels(
  questions: readonly QuestionFacts[],
  projectRoot: string,
  requireAllUsed: boolean,
  labels: Readonly<Record<string, string>> = TAG_LABELS,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const users = questionsByTag(questions, (q) => q.frontMatter.tags);
  for (const [tag, tagged] of users) {
    if (tagged.length < MIN_QUESTIONS_PER_TAG || Object.hasOwn(labels, tag)) continue;
    for (const q of tagged) {
      problems.push(
        problem(
          q.file,
          q.keyLines.get('tags'),
          'tag-unlabelled',
          `the tag "${tag}" is shared by ${tagged.length} questions, so it gets a tag page, but has no label`,
          `add '${tag}': 'A readable label' to ${TAG_LABELS_FILE} (for example 'kv-cache': 'KV cache')`,
        ),
      );
    }
  }
  if (requireAllUsed) {
    const unused = Object.keys(labels).filter((tag) => !users.has(tag));
    const text = unused.length > 0 ? await readFile(path.join(projectRoot, TAG_LABELS_FILE), 'utf8').catch(() => '') : '';
    for (const tag of unused) {
      problems.push(
        problem(
          TAG_LABELS_FILE,
          lineOf(text, tag),
          'tag-label-unused',
          `the label of the tag "${tag}" is not used: no question has that tag`,
          'remove the label, or tag the questions it belongs to',
        ),
      );
    }
  }
  return problems;
}
