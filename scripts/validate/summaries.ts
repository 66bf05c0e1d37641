/**
 * Short texts derived from the pages themselves, for the practice deck and the
 * Anki deck: a question's short answer and the quick-hit questions. Nothing
 * here is written twice; rewording a page changes its cards at the next build.
 */
import type { Paragraph, Root, RootContent } from 'mdast';
import type { QuickHitSummary } from '../../src/content/report';
import { findTrack } from '../../src/content/tracks';
import { nodeText, sections } from './mdast';
import { permalinkFor } from './files';
import type { ParsedPage, QuestionPage } from './types';

/** The page whose `###` headings are the quick-hit questions. */
export const QUICK_HITS_FILE = 'docs/architect-interview/quick-hits.mdx';

/** Text of a paragraph on one line, without Markdown syntax. */
export function plainText(node: RootContent | Root): string {
  return nodeText(node).replace(/\s+/g, ' ').trim();
}

/**
 * The anchor Docusaurus gives a heading (the GitHub slugger's rule): lower
 * case, punctuation dropped, spaces turned into dashes.
 */
export function headingAnchor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

const CALL_OPENER = /^:::(tip|note|info)\[The architect[’']s call\]\s*\n/;

/** The one-paragraph "architect's call" of an interview answer, without its ::: fences. */
function architectsCall(nodes: readonly RootContent[]): string | undefined {
  const opener = nodes.find((n): n is Paragraph => n.type === 'paragraph' && CALL_OPENER.test(nodeText(n)));
  if (!opener) return undefined;
  const text = nodeText(opener)
    .replace(CALL_OPENER, '')
    .replace(/\n:::\s*$/, '');
  return text.replace(/\s+/g, ' ').trim() || undefined;
}

function firstParagraph(nodes: readonly RootContent[]): string | undefined {
  const paragraph = nodes.find((n) => n.type === 'paragraph' && !nodeText(n).startsWith(':::'));
  return paragraph ? plainText(paragraph) : undefined;
}

/**
 * A question's short answer: the first paragraph of "### What" on an
 * Architecture Q&A page; the architect's call on an interview page (its
 * first paragraph is often a lead-in such as "Add three terms"), else the
 * first paragraph of "## Answer".
 */
export function shortAnswerOf(page: QuestionPage): string {
  if (!page.tree) return '';
  const answer = sections(page.tree, 2).find((s) => s.title === 'Answer');
  if (!answer) return '';
  if (findTrack(page.frontMatter.track)?.anatomy === 'full') {
    const what = sections({ type: 'root', children: answer.nodes }, 3).find((s) => s.title === 'What');
    return firstParagraph(what?.nodes ?? answer.nodes) ?? '';
  }
  return architectsCall(answer.nodes) ?? firstParagraph(answer.nodes) ?? '';
}

/** Every `### …?` heading of the quick-hits page with the text under it. */
export function quickHitsOf(page: ParsedPage): QuickHitSummary[] {
  if (!page.tree) return [];
  const permalink = permalinkFor(page.file);
  return sections(page.tree, 3)
    .filter((s) => s.title.endsWith('?'))
    .map((s) => {
      const anchor = headingAnchor(s.title);
      return {
        id: `quick-hit-${anchor}`,
        question: s.title,
        answer: s.nodes
          .filter((n) => n.type === 'paragraph')
          .map(plainText)
          .join(' '),
        permalink: `${permalink}#${anchor}`,
      };
    });
}
