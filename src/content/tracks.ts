/**
 * The shape of the handbook: its tracks and the topics (or parts) inside them.
 *
 * This is not a list of questions. Questions describe themselves in their own
 * frontmatter; this file only names the folders they may live in, in reading
 * order, and the difficulty policy each track promises its readers.
 */

export const DIFFICULTIES = ['foundational', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  foundational: 'Foundational',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

export interface TopicDefinition {
  /** Folder name under the track, and the URL segment. */
  readonly slug: string;
  readonly label: string;
  /** Question numbers this topic owns, inclusive. */
  readonly range: readonly [number, number];
}

export interface TrackDefinition {
  readonly slug: string;
  readonly label: string;
  /** The track's name in the navigation bar. */
  readonly navLabel: string;
  /** Prefix of every stable question id in this track, e.g. `arch-07`. */
  readonly idPrefix: string;
  readonly totalQuestions: number;
  readonly topics: readonly TopicDefinition[];
  /**
   * How many questions of each difficulty a complete topic holds, or `null`
   * when the track assigns difficulty freely.
   */
  readonly perTopicDifficulty: Readonly<Record<Difficulty, number>> | null;
  /**
   * The page anatomy the validator asks for: `full` is key insight, a
   * three-part answer, tested example, diagram, metrics, trade-offs and at
   * least two references; `interview` is an answer with the architect's call.
   */
  readonly anatomy: 'full' | 'interview';
  /** How a question is named outside its track: "Q7", "Interview Q7", "LLM Q7". */
  readonly questionLabel: string;
  /** What the track calls its sections ("Topic" or "Part"), for tag pages. */
  readonly topicKind: 'Topic' | 'Part';
  /** One-letter segment of the track's short links: `/q/7`. */
  readonly shortLink: string;
  /** Folder prefix of the track's example modules: `src/examples/<prefix>q07-slug`. */
  readonly examplePrefix: string;
}

export const TRACKS = [
  {
    slug: 'architecture',
    label: 'Architecture Q&A',
    navLabel: 'Architecture',
    idPrefix: 'arch',
    totalQuestions: 30,
    anatomy: 'full',
    questionLabel: 'Q',
    topicKind: 'Topic',
    shortLink: 'q',
    examplePrefix: '',
    perTopicDifficulty: { foundational: 1, intermediate: 2, advanced: 2 },
    topics: [
      { slug: 'structural', label: 'Structural design', range: [1, 5] },
      { slug: 'behavioral', label: 'Behavioral design', range: [6, 10] },
      { slug: 'quality', label: 'Quality attributes', range: [11, 15] },
      { slug: 'data', label: 'Data architecture', range: [16, 20] },
      { slug: 'integration', label: 'Integration architecture', range: [21, 25] },
      { slug: 'evolution', label: 'System evolution', range: [26, 30] },
    ],
  },
  {
    slug: 'architect-interview',
    label: 'Architect interview track',
    navLabel: 'Interview',
    idPrefix: 'interview',
    totalQuestions: 25,
    anatomy: 'interview',
    questionLabel: 'Interview Q',
    topicKind: 'Part',
    shortLink: 'i',
    examplePrefix: 'interview-',
    perTopicDifficulty: null,
    topics: [
      { slug: 'lifecycle', label: 'Core AI architecture and lifecycle', range: [1, 5] },
      { slug: 'system-design', label: 'System design and scalability', range: [6, 10] },
      { slug: 'tools', label: 'Technology and tools', range: [11, 14] },
      { slug: 'strategy', label: 'Strategy, governance and soft skills', range: [15, 20] },
      { slug: 'advanced', label: 'Advanced and curveball', range: [21, 25] },
    ],
  },
  {
    slug: 'llm-systems',
    label: 'LLM and agent systems',
    navLabel: 'LLM systems',
    idPrefix: 'llm',
    totalQuestions: 20,
    anatomy: 'full',
    questionLabel: 'LLM Q',
    topicKind: 'Part',
    shortLink: 'g',
    examplePrefix: 'llm-',
    perTopicDifficulty: { foundational: 1, intermediate: 2, advanced: 2 },
    topics: [
      { slug: 'serving', label: 'Serving and inference', range: [1, 5] },
      { slug: 'retrieval', label: 'Retrieval and context', range: [6, 10] },
      { slug: 'agents', label: 'Agents and tool use', range: [11, 15] },
      { slug: 'evaluation', label: 'Evaluation, safety and governance', range: [16, 20] },
    ],
  },
] as const satisfies readonly TrackDefinition[];

export type TrackSlug = (typeof TRACKS)[number]['slug'];

export function findTrack(slug: string): TrackDefinition | undefined {
  return TRACKS.find((track) => track.slug === slug);
}

export function findTopic(trackSlug: string, topicSlug: string): TopicDefinition | undefined {
  return findTrack(trackSlug)?.topics.find((topic) => topic.slug === topicSlug);
}

/** Zero-padded question number as used in file names and ids: 7 -> "07". */
export function padNumber(n: number): string {
  return String(n).padStart(2, '0');
}

/** "Q7", "Interview Q7" or "LLM Q7": a question's name outside its own track. */
export function questionLabelFor(trackSlug: string, number: number): string {
  return `${findTrack(trackSlug)?.questionLabel ?? 'Q'}${number}`;
}

export function questionIdFor(track: TrackDefinition, number: number): string {
  return `${track.idPrefix}-${padNumber(number)}`;
}
