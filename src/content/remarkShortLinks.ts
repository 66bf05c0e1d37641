/**
 * Authors may link a question by its short link (`[Q22](/q/22)`, `/i/7`,
 * `/g/3#trade-offs`), the form readers share. This remark plugin rewrites
 * each one to the question's own URL at parse time, so the reader skips the
 * redirect and Docusaurus's broken-link check (which cannot see redirects)
 * checks a real page. A short link to a question that does not exist is left
 * alone; the validator reports it with its line and fix.
 */
import type { Link, Root } from 'mdast';
import type { IndexedQuestion } from './questionIndex';
import { SHORT_LINK_PREFIX } from './shortLinks';

const SHORT_LINK = /^\/([a-z])\/(\d+)\/?(#[^\s]*)?$/;

/** The page a short link names, with its anchor, or undefined when no question has that short link. */
export function resolveShortLink(url: string, questions: readonly IndexedQuestion[]): string | undefined {
  const match = SHORT_LINK.exec(url);
  if (!match) return undefined;
  const [, letter, number, hash = ''] = match;
  const track = Object.entries(SHORT_LINK_PREFIX).find(([, prefix]) => prefix === letter)?.[0];
  const question = questions.find((q) => q.track === track && q.number === Number(number));
  return question ? `${question.permalink}${hash}` : undefined;
}

type Node = { type: string; children?: Node[] };

function visitLinks(node: Node, visit: (link: Link) => void): void {
  if (node.type === 'link') visit(node as unknown as Link);
  for (const child of node.children ?? []) visitLinks(child, visit);
}

/** `questions` is read when each page is parsed, so a question added while `npm start` runs resolves at once. */
export default function remarkShortLinks(options: { questions: () => readonly IndexedQuestion[] }) {
  return (tree: Root): void => {
    let questions: readonly IndexedQuestion[] | undefined;
    visitLinks(tree as unknown as Node, (link) => {
      if (!SHORT_LINK.test(link.url)) return;
      questions ??= options.questions();
      link.url = resolveShortLink(link.url, questions) ?? link.url;
    });
  };
}
