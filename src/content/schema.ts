/**
 * The one schema for a question page's frontmatter.
 *
 * The validator, the page components, the sidebars and every derived artefact
 * (validation report, references backlinks, and later the practice deck, the
 * PDF and short links) read questions through this schema. There is no second
 * hand-kept list of questions anywhere.
 */
import * as z from 'zod';
import { isoDay } from './review';
import { DIFFICULTIES, TRACKS } from './tracks';

export const KEY_INSIGHT_MAX_WORDS = 40;

export const REFERENCE_ID = /^[AGLT]\d{1,3}$/;

const trackSlugs = TRACKS.map((track) => track.slug) as [string, ...string[]];
const topicSlugs = [...new Set(TRACKS.flatMap((track) => track.topics.map((t) => t.slug)))] as [string, ...string[]];

export const QUESTION_TYPES = [
  'structural',
  'behavioral',
  'quality',
  'data',
  'integration',
  'evolution',
  'lifecycle',
  'system-design',
  'tooling',
  'strategy',
  'serving',
  'retrieval',
  'agents',
  'evaluation',
] as const;

export function countWords(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

/** The day someone other than the author last checked a page's facts, as YYYY-MM-DD. */
const reviewedDay = z.preprocess(isoDay, z.iso.date('must be the day an expert last checked the facts, written YYYY-MM-DD (e.g. 2026-12-03)'));

export const questionFrontMatterSchema = z
  .strictObject({
    questionId: z.string().regex(/^[a-z]+-\d{2}$/, 'must look like "arch-07": the track prefix, a dash and two digits'),
    title: z
      .string()
      .min(10, 'the question must be a full sentence')
      .refine((t) => t.trim().endsWith('?'), 'the title is the question and must end with "?"'),
    label: z.string().min(3).max(40, 'keep the short label under 40 characters; it is shown in the sidebar'),
    track: z.enum(trackSlugs),
    number: z.number().int().min(1).max(99),
    topic: z.enum(topicSlugs),
    difficulty: z.enum(DIFFICULTIES),
    type: z.enum(QUESTION_TYPES),
    keyInsight: z
      .string()
      .min(20, 'the key insight must state the point of the answer')
      .refine((k) => countWords(k) <= KEY_INSIGHT_MAX_WORDS, `the key insight must be at most ${KEY_INSIGHT_MAX_WORDS} words`),
    /** The day an expert last checked the page's facts (not its last edit). */
    reviewed: reviewedDay,
    references: z.array(z.string().regex(REFERENCE_ID, 'reference ids look like A1, T3, G10 or L12')).default([]),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/, 'tags are lowercase-with-dashes')).default([]),
    related: z.array(z.string().regex(/^[a-z]+-\d{2}$/)).default([]),
    /** Old URLs of this page that must keep working (redirects). */
    redirectFrom: z.array(z.string().startsWith('/')).default([]),
    /** Docusaurus keys that authors may set; everything else is derived. */
    keywords: z.array(z.string()).optional(),
    image: z.string().optional(),
  })
  .superRefine((fm, ctx) => {
    const track = TRACKS.find((t) => t.slug === fm.track);
    if (!track) return;
    const topic = track.topics.find((t) => t.slug === fm.topic);
    if (!topic) {
      ctx.addIssue({
        code: 'custom',
        path: ['topic'],
        message: `topic "${fm.topic}" is not part of track "${fm.track}"; use one of: ${track.topics.map((t) => t.slug).join(', ')}`,
      });
      return;
    }
    const [first, last] = topic.range;
    if (fm.number < first || fm.number > last) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: `question ${fm.number} is outside topic "${topic.slug}", which holds Q${first}-Q${last}`,
      });
    }
    if (!fm.questionId.startsWith(`${track.idPrefix}-`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['questionId'],
        message: `ids in track "${track.slug}" start with "${track.idPrefix}-"`,
      });
    }
  });

export type QuestionFrontMatter = z.output<typeof questionFrontMatterSchema>;

/** Frontmatter of non-question pages (overviews, fixed pages). */
export const pageFrontMatterSchema = z
  .object({
    title: z.string().min(3),
    description: z.string().min(10, 'every page needs a description for link previews'),
    /** Pages with facts that age (the cheat sheet, the whiteboard method, the quick hits) say when they were checked. */
    reviewed: reviewedDay.optional(),
  })
  .loose();

/** What Docusaurus derives from a question's frontmatter at parse time. */
export function derivedDocusaurusFields(fm: { number: number; label: string; keyInsight: string; redirectFrom?: readonly string[] }): {
  description: string;
  sidebar_label: string;
  sidebar_position: number;
} {
  return {
    description: fm.keyInsight,
    sidebar_label: `Q${fm.number}. ${fm.label}`,
    sidebar_position: fm.number,
  };
}

export function isQuestionFrontMatter(data: Record<string, unknown>): boolean {
  return 'questionId' in data;
}
