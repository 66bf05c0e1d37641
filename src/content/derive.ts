/**
 * Frontmatter that Docusaurus needs but authors never write: it is derived
 * from the fields of the schema and from where the file lives.
 */
import { derivedDocusaurusFields, isQuestionFrontMatter } from './schema';
import { derivedTagKeys } from './tags';
import { TRACKS } from './tracks';

export function deriveFrontMatter(filePath: string, frontMatter: Record<string, unknown>): Record<string, unknown> {
  const fm = frontMatter;
  if (isQuestionFrontMatter(fm)) {
    if (typeof fm.keyInsight === 'string' && typeof fm.number === 'number' && typeof fm.label === 'string') {
      // Topic and difficulty become tags too, so each has a tag page.
      const tags = [...(Array.isArray(fm.tags) ? fm.tags : []), ...derivedTagKeys(fm)];
      return { ...fm, ...derivedDocusaurusFields({ keyInsight: fm.keyInsight, number: fm.number, label: fm.label }), tags };
    }
    return fm;
  }
  // Topic overview pages (docs/<track>/<topic>/index.mdx) take their sidebar label and order from tracks.ts.
  const match = /docs[\\/]([^\\/]+)[\\/]([^\\/]+)[\\/]index\.mdx?$/.exec(filePath);
  const track = TRACKS.find((t) => t.slug === match?.[1]);
  const topicIndex = track?.topics.findIndex((t) => t.slug === match?.[2]) ?? -1;
  if (track && topicIndex >= 0) {
    return { sidebar_label: track.topics[topicIndex]!.label, sidebar_position: topicIndex + 1, ...fm };
  }
  return fm;
}
