/**
 * Where the handbook is published: the origin (SITE_URL) and the path under
 * it (BASE_URL). GitHub Pages serves a project site from /<repository>/, so
 * the same build must work at the root and under a sub-path. Read by
 * docusaurus.config.ts and by the scripts that open the built site.
 */

export const DEFAULT_SITE_URL = 'https://ai-architecture-handbook.github.io';
export const DEFAULT_BASE_URL = '/';

export interface SiteAddress {
  /** Origin without a trailing slash, e.g. https://example.github.io. */
  url: string;
  /** Path of the site under the origin, starting and ending with "/", e.g. /handbook/. */
  baseUrl: string;
}

export class SiteAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteAddressError';
  }
}

/** Checks BASE_URL; returns it unchanged when it is a usable sub-path. */
export function checkBaseUrl(value: string): string {
  const example = 'set BASE_URL=/ for the site root or BASE_URL=/<repository>/ for a GitHub Pages project site';
  if (!value.startsWith('/') || !value.endsWith('/')) {
    throw new SiteAddressError(`BASE_URL is "${value}": it must start and end with "/". Fix: ${example}.`);
  }
  if (/[\s?#\\]/.test(value) || value.includes('//')) {
    throw new SiteAddressError(`BASE_URL is "${value}": it must be a plain path, without spaces, "?", "#", "\\" or "//". Fix: ${example}.`);
  }
  return value;
}

/** Checks SITE_URL and returns its origin. A path belongs in BASE_URL, not here. */
export function checkSiteUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new SiteAddressError(`SITE_URL is "${value}": it is not a URL. Fix: set SITE_URL=https://<user>.github.io (the origin only).`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new SiteAddressError(`SITE_URL is "${value}": it must start with https:// or http://. Fix: set SITE_URL=https://<user>.github.io.`);
  }
  if (parsed.pathname !== '/' || parsed.search || parsed.hash) {
    throw new SiteAddressError(
      `SITE_URL is "${value}": it must be an origin without a path. Fix: set SITE_URL=${parsed.origin} and BASE_URL=${parsed.pathname.replace(/\/?$/, '/')}.`,
    );
  }
  return parsed.origin;
}

/** The site's address from the environment, defaulting to the root of the project's own Pages site. */
export function siteAddressFrom(env: Readonly<Record<string, string | undefined>>): SiteAddress {
  return {
    url: checkSiteUrl(env.SITE_URL || DEFAULT_SITE_URL),
    baseUrl: checkBaseUrl(env.BASE_URL || DEFAULT_BASE_URL),
  };
}
