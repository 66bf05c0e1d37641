/**
 * Frontmatter that Docusaurus needs but authors never write: it is derived
 * from the fields of the schema, from where the file lives and, for what a
 * page shows of other pages or of the catalog, from the question index.
 * Each page gets only the data it renders (see pageData.ts).
 */
import { strings, type IndexedQuestion } from './questionIndex';
import type { CatalogEntryView, QuestionLink, QuestionListItem, ReferenceView } from './pageData';
import { REFERENCES_PAGE } from './pageData';
import { referenceAnchor, referenceHref, referenceLabel } from './references/format';
import type { ReferenceEntry } from './references/schema';
import { isoDay } from './review';
import { derivedDocusaurusFields, isQuestionFrontMatter } from './schema';
import { MIN_QUESTIONS_PER_TAG, questionsByTag } from './tagLabels';
import { derivedTagKeys } from './tags';
import { TRACKS } from './tracks';

/** What the derivation reads besides the page itself. */
export interface SiteContent {
  questions: readonly IndexedQuestion[];
  catalog: readonly ReferenceEntry[];
}

const NO_CONTENT: SiteContent = { questions: [], catalog: [] };

/** A catalog entry as a page shows it; only the References page shows a work's note. */
export function referenceView(entry: ReferenceEntry, withNote = false): ReferenceView {
  const href = referenceHref(entry);
  const view: ReferenceView = { id: entry.id, anchor: referenceAnchor(entry.id), kind: entry.kind, text: '' };
  if (entry.kind === 'glossary') Object.assign(view, { lead: entry.term, text: entry.definition });
  else if (entry.kind === 'tool') Object.assign(view, { lead: entry.name, text: entry.purpose });
  else Object.assign(view, { text: referenceLabel(entry), ...(withNote ? { note: entry.note } : {}) });
  if (href) view.href = href;
  return view;
}

function linkTo(q: IndexedQuestion): QuestionLink {
  return { questionId: q.questionId, title: q.title, permalink: q.permalink, track: q.track, number: q.number, difficulty: q.difficulty };
}

const trackOrder = (slug: string): number => TRACKS.findIndex((t) => t.slug === slug);
const byTrackAndNumber = (a: IndexedQuestion, b: IndexedQuestion): number => trackOrder(a.track) - trackOrder(b.track) || a.number - b.number;

/** Questions related to `questionId`: stated once, on either page, shown on both. */
export function relatedQuestions(questionId: string, related: readonly string[], questions: readonly IndexedQuestion[]): QuestionLink[] {
  return questions
    .filter((q) => q.questionId !== questionId && (related.includes(q.questionId) || q.related.includes(questionId)))
    .sort(byTrackAndNumber)
    .map(linkTo);
}

/** The questions of a track, or of one of its topics, in number order. */
export function overviewQuestions(track: string, topic: string | undefined, questions: readonly IndexedQuestion[]): QuestionListItem[] {
  return questions
    .filter((q) => q.track === track && (topic === undefined || q.topic === topic))
    .sort(byTrackAndNumber)
    .map((q) => ({ ...linkTo(q), keyInsight: q.keyInsight }));
}

/** Every catalog entry, with the questions that cite it. */
export function catalogView(catalog: readonly ReferenceEntry[], questions: readonly IndexedQuestion[]): CatalogEntryView[] {
  const ordered = [...questions].sort(byTrackAndNumber);
  return catalog.map((entry) => ({ ...referenceView(entry, true), citedBy: ordered.filter((q) => q.references.includes(entry.id)).map(linkTo) }));
}

export { MIN_QUESTIONS_PER_TAG } from './tagLabels';

/**
 * The author's tags that get a tag page (shared by enough questions), and the
 * rest, which stay on the page as meta keywords for search engines.
 */
export function splitTags(tags: readonly string[], questions: readonly IndexedQuestion[]): { shared: string[]; unshared: string[] } {
  const byTag = questionsByTag(questions, (q) => q.tags);
  const shared = tags.filter((tag) => (byTag.get(tag)?.length ?? 0) >= MIN_QUESTIONS_PER_TAG);
  return { shared, unshared: tags.filter((tag) => !shared.includes(tag)) };
}

export function deriveFrontMatter(filePath: string, frontMatter: Record<string, unknown>, site: SiteContent = NO_CONTENT): Record<string, unknown> {
  // A YAML date would reach the page as a full timestamp; pages show the day.
  const fm = frontMatter.reviewed === undefined ? frontMatter : { ...frontMatter, reviewed: isoDay(frontMatter.reviewed) };
  const posix = filePath.split('\\').join('/');
  if (isQuestionFrontMatter(fm)) {
    if (typeof fm.keyInsight === 'string' && typeof fm.number === 'number' && typeof fm.label === 'string') {
      // Topic and difficulty become tags too, so each has a tag page; a tag no other question shares becomes a keyword.
      const { shared, unshared } = splitTags(strings(fm.tags), site.questions);
      const tags = [...shared, ...derivedTagKeys(fm)];
      const keywords = [...strings(fm.keywords), ...unshared];
      const catalog = new Map(site.catalog.map((e) => [e.id, e]));
      // An unknown id is left out here; the validator names it and fails the build.
      const referenceList = strings(fm.references)
        .map((id) => catalog.get(id))
        .filter((e): e is ReferenceEntry => e !== undefined)
        .map((entry) => referenceView(entry));
      const relatedList = typeof fm.questionId === 'string' ? relatedQuestions(fm.questionId, strings(fm.related), site.questions) : [];
      return {
        ...fm,
        ...derivedDocusaurusFields({ keyInsight: fm.keyInsight, number: fm.number, label: fm.label }),
        tags,
        ...(keywords.length > 0 ? { keywords } : {}),
        referenceList,
        relatedQuestions: relatedList,
      };
    }
    return fm;
  }
  if (posix.endsWith(`/${REFERENCES_PAGE}`) || posix === REFERENCES_PAGE) {
    return { ...fm, referenceCatalog: catalogView(site.catalog, site.questions) };
  }
  // Track overviews (docs/<track>/index.mdx) list their questions.
  const trackMatch = /(?:^|\/)docs\/([^/]+)\/index\.mdx?$/.exec(posix);
  if (trackMatch && TRACKS.some((t) => t.slug === trackMatch[1])) {
    return { ...fm, topicQuestions: overviewQuestions(trackMatch[1]!, undefined, site.questions) };
  }
  // Topic overviews (docs/<track>/<topic>/index.mdx) list theirs, and take their sidebar label and order from tracks.ts.
  const match = /(?:^|\/)docs\/([^/]+)\/([^/]+)\/index\.mdx?$/.exec(posix);
  const track = TRACKS.find((t) => t.slug === match?.[1]);
  const topicIndex = track?.topics.findIndex((t) => t.slug === match?.[2]) ?? -1;
  if (track && topicIndex >= 0) {
    const topic = track.topics[topicIndex]!;
    return { sidebar_label: topic.label, sidebar_position: topicIndex + 1, ...fm, topicQuestions: overviewQuestions(track.slug, topic.slug, site.questions) };
  }
  return fm;
}
