/**
 * Short links for wikis and chat: `/q/7` is Architecture Q&A question 7,
 * `/i/7` is question 7 of the architect interview track. They are derived
 * from a question's track and number (which its URL also carries), so every
 * question has one as soon as it exists and none can point to a missing page.
 */
import { TRACKS, type TrackSlug } from './tracks';

/** The one-letter path segment of each track's short links (declared with the track). */
export const SHORT_LINK_PREFIX = Object.fromEntries(TRACKS.map((track) => [track.slug, track.shortLink])) as Record<TrackSlug, string>;

/** `/q/7` for architecture question 7; undefined for a track without short links. */
export function shortLinkPath(track: string, number: number): string | undefined {
  const prefix = SHORT_LINK_PREFIX[track as TrackSlug];
  return prefix ? `/${prefix}/${number}` : undefined;
}

/** A question page's URL path: /<track>/<topic>/qNN-<slug> (the validator enforces it). */
const QUESTION_PATH = /^\/([a-z-]+)\/[a-z-]+\/q(\d{2})-[a-z0-9-]+\/?$/;

/**
 * The short links that should redirect to `pagePath` (a path relative to the
 * site's base URL, as the client-redirects plugin passes it), or none.
 */
export function shortLinksFor(pagePath: string): string[] {
  const match = QUESTION_PATH.exec(pagePath);
  if (!match) return [];
  const link = shortLinkPath(match[1]!, Number(match[2]));
  return link ? [link] : [];
}
