/**
 * What the book holds and in which order, derived from the handbook's own
 * structure: the tracks and topics of src/content/tracks.ts, the questions'
 * front matter (the question index) and the other pages' front matter. There
 * is no hand-kept list: a track, topic or question that exists on the site is
 * in the book, in sidebar order.
 *
 * Order: each track (its overview, then each topic's overview and questions),
 * then an appendix (each track's other pages in sidebar order, then the cheat
 * sheet), then the references.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { IndexedQuestion } from '../../src/content/questionIndex';
import { permalinkFor } from '../../src/content/permalink';
import type { TrackDefinition } from '../../src/content/tracks';

/** A page of docs/ that is not a question: an overview, a topic page, or a page such as the quick hits. */
export interface DocPage {
  /** Path under docs/, e.g. `architecture/structural/index.mdx`. */
  file: string;
  /** Site route without the base URL, e.g. `/architecture/structural`. */
  route: string;
  title: string;
  /** `sidebar_position`, or undefined when the page has none (the sidebar then sorts it by file name, after the numbered ones). */
  position: number | undefined;
}

export type EntryKind = 'part' | 'track' | 'topic' | 'question' | 'page';

export interface BookEntry {
  kind: EntryKind;
  /** Anchor of the entry in the book and file name of its EPUB chapter: unique, [a-z0-9-]. */
  id: string;
  /** Site route of the page printed under this heading; a `part` (the appendix title) has none. */
  route: string | undefined;
  /** The heading, as the contents, the outline and the running head show it. */
  title: string;
  /** 1 for a track or a part, 2 for a topic or an appendix page, 3 for a question. */
  level: 1 | 2 | 3;
  /** The track (or part) the entry belongs to, for the running head. */
  partTitle: string;
  /** The question's stable id (`arch-07`), for questions only. */
  questionId?: string;
  /** The question as asked (the page's title), for questions only. */
  question?: string;
}

/** Front matter of every page under docs/ that is not a question. */
export function readDocPages(docsDir: string, questions: readonly IndexedQuestion[]): DocPage[] {
  const questionRoutes = new Set(questions.map((q) => q.permalink));
  const walk = (rel: string): string[] =>
    readdirSync(path.join(docsDir, rel), { withFileTypes: true }).flatMap((entry) => {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return walk(child);
      return /\.mdx?$/.test(entry.name) ? [child] : [];
    });
  return walk('')
    .sort()
    .map((file) => {
      const data = matter(readFileSync(path.join(docsDir, file), 'utf8'), {}).data as Record<string, unknown>;
      const route = permalinkFor(`docs/${file}`);
      const title = typeof data.title === 'string' ? data.title : path.basename(file).replace(/\.mdx?$/, '');
      const position = typeof data.sidebar_position === 'number' ? data.sidebar_position : undefined;
      return { file, route, title, position };
    })
    .filter((page) => !questionRoutes.has(page.route));
}

/** Anchor-safe id from a route: `/architecture/structural` -> `architecture-structural`. */
export function entryIdFor(route: string): string {
  return (
    route
      .replace(/^\/|\/$/g, '')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase() || 'home'
  );
}

const bySidebarOrder = (a: DocPage, b: DocPage): number => (a.position ?? Infinity) - (b.position ?? Infinity) || a.file.localeCompare(b.file);

export const APPENDIX_TITLE = 'Appendix';
export const CHEAT_SHEET_ROUTE = '/cheat-sheet';
export const REFERENCES_ROUTE = '/references';

/**
 * The book's entries in reading order. Throws when a question names a topic
 * its track does not define: the book would otherwise silently leave it out.
 */
export function bookContents(tracks: readonly TrackDefinition[], questions: readonly IndexedQuestion[], pages: readonly DocPage[]): BookEntry[] {
  const pageAt = new Map(pages.map((p) => [p.route, p]));
  const entries: BookEntry[] = [];
  const appendix: BookEntry[] = [];
  for (const track of tracks) {
    const inTrack = questions.filter((q) => q.track === track.slug);
    const overview = pageAt.get(`/${track.slug}`);
    // A track whose folder does not exist yet has nothing to print.
    if (!overview && inTrack.length === 0) continue;
    const partTitle = track.label;
    // Without an overview page the track still gets its heading, so its questions sit under it.
    entries.push({ kind: 'track', id: entryIdFor(`/${track.slug}`), route: overview?.route, title: track.label, level: 1, partTitle });
    for (const question of inTrack) {
      if (!track.topics.some((t) => t.slug === question.topic)) {
        throw new Error(
          `${question.permalink}: topic "${question.topic}" is not one of track "${track.slug}"'s topics in src/content/tracks.ts; fix the front matter or add the topic.`,
        );
      }
    }
    for (const topic of track.topics) {
      const topicRoute = `/${track.slug}/${topic.slug}`;
      const topicQuestions = inTrack.filter((q) => q.topic === topic.slug).sort((a, b) => a.number - b.number);
      const topicPage = pageAt.get(topicRoute);
      if (!topicPage && topicQuestions.length === 0) continue;
      entries.push({ kind: 'topic', id: entryIdFor(topicRoute), route: topicPage ? topicRoute : undefined, title: topicPage?.title ?? topic.label, level: 2, partTitle });
      for (const q of topicQuestions) {
        entries.push({
          kind: 'question',
          id: entryIdFor(q.permalink),
          route: q.permalink,
          title: `Q${q.number}. ${q.label ?? q.title}`,
          level: 3,
          partTitle,
          questionId: q.questionId,
          question: q.title,
        });
      }
    }
    // The track's other pages (quick hits, whiteboard method...): in its folder, outside the topic folders.
    const topicFolders = new Set(track.topics.map((t) => `${track.slug}/${t.slug}/`));
    const extras = pages.filter((p) => p.file.startsWith(`${track.slug}/`) && p.route !== `/${track.slug}` && ![...topicFolders].some((f) => p.file.startsWith(f)));
    for (const page of [...extras].sort(bySidebarOrder)) {
      appendix.push({ kind: 'page', id: entryIdFor(page.route), route: page.route, title: page.title, level: 2, partTitle: APPENDIX_TITLE });
    }
  }
  const cheatSheet = pageAt.get(CHEAT_SHEET_ROUTE);
  if (cheatSheet) appendix.push({ kind: 'page', id: entryIdFor(CHEAT_SHEET_ROUTE), route: CHEAT_SHEET_ROUTE, title: cheatSheet.title, level: 2, partTitle: APPENDIX_TITLE });
  if (appendix.length > 0) entries.push({ kind: 'part', id: 'appendix', route: undefined, title: APPENDIX_TITLE, level: 1, partTitle: APPENDIX_TITLE }, ...appendix);
  const references = pageAt.get(REFERENCES_ROUTE);
  if (references) entries.push({ kind: 'page', id: entryIdFor(REFERENCES_ROUTE), route: REFERENCES_ROUTE, title: references.title, level: 1, partTitle: references.title });
  return entries;
}
