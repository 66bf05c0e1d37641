/**
 * Tag pages for every topic (or part) and every difficulty level. Questions
 * get these tags by being in a topic and having a difficulty: the tags are
 * derived at parse time (see derive.ts), and their labels and descriptions
 * come from tracks.ts and the topic overview pages, written to a tags file
 * that the docs plugin reads, together with the labels of the authors' own
 * shared tags (tagLabels.ts). Nothing here is a second list to maintain.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { TAG_LABELS } from './tagLabels';
import { DIFFICULTIES, DIFFICULTY_LABELS, TRACKS, type Difficulty } from './tracks';

export interface TagDefinition {
  label: string;
  permalink: string;
  description: string;
}

/** Key of a topic's tag, as a question's derived frontmatter lists it. */
export function topicTagKey(topic: string): string {
  return `topic-${topic}`;
}

export function difficultyTagKey(difficulty: string): string {
  return `difficulty-${difficulty}`;
}

const DIFFICULTY_DESCRIPTIONS: Record<Difficulty, string> = {
  foundational: 'Foundational questions: the core patterns and vocabulary every candidate is expected to explain.',
  intermediate: 'Intermediate questions: designs with real trade-offs, sized with numbers.',
  advanced: 'Advanced questions: failure modes, scale and the decisions a senior architect is asked to defend.',
};

/** The tags a question gets from its topic and difficulty. */
export function derivedTagKeys(fm: { topic?: unknown; difficulty?: unknown }): string[] {
  const keys: string[] = [];
  if (typeof fm.topic === 'string') keys.push(topicTagKey(fm.topic));
  if (typeof fm.difficulty === 'string') keys.push(difficultyTagKey(fm.difficulty));
  return keys;
}

function overviewDescription(docsDir: string, track: string, topic: string): string | undefined {
  try {
    const data = matter(readFileSync(path.join(docsDir, track, topic, 'index.mdx'), 'utf8'), {}).data as { description?: unknown };
    return typeof data.description === 'string' ? data.description : undefined;
  } catch {
    return undefined; // No overview yet: the validator reports it.
  }
}

export function tagDefinitions(docsDir: string): Record<string, TagDefinition> {
  const tags: Record<string, TagDefinition> = {};
  // The authors' shared tags keep the address a tag without a definition would have (/tags/<slug>).
  for (const [slug, label] of Object.entries(TAG_LABELS)) {
    tags[slug] = { label, permalink: `/${slug}`, description: `Questions tagged “${label}”, from every track of the handbook.` };
  }
  for (const track of TRACKS) {
    const kind = track.topicKind;
    for (const topic of track.topics) {
      tags[topicTagKey(topic.slug)] = {
        label: `${kind}: ${topic.label}`,
        permalink: `/${topicTagKey(topic.slug)}`,
        description: overviewDescription(docsDir, track.slug, topic.slug) ?? `${track.label}: ${topic.label}.`,
      };
    }
  }
  for (const d of DIFFICULTIES) {
    tags[difficultyTagKey(d)] = { label: `Difficulty: ${DIFFICULTY_LABELS[d]}`, permalink: `/${difficultyTagKey(d)}`, description: DIFFICULTY_DESCRIPTIONS[d] };
  }
  return tags;
}

/**
 * Write the tags file (JSON is valid YAML) and return its path relative to
 * the docs folder, as the docs plugin's `tags` option expects.
 */
export function writeTagsFile(siteDir: string, docsDir: string): string {
  const file = path.join(siteDir, 'node_modules/.cache/handbook/tags.yml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(tagDefinitions(docsDir), null, 2)}\n`);
  return path.relative(docsDir, file).split(path.sep).join('/');
}
