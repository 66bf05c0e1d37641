/**
 * What the built site offers for sharing and practising: the Anki deck,
 * short links, link previews, canonical URLs, the sitemap, tag pages and
 * stable section anchors, all derived from the content.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_QUESTIONS_PER_TAG } from '../../src/content/derive';
import { TAG_LABELS } from '../../src/content/tagLabels';
import { shortLinkPath } from '../../src/content/shortLinks';
import { ANKI_DECK_FILE } from '../../src/practice/anki';
import { siteContent } from './builtSite';
import { assertBuilt, attributeValues, BUILD_DIR, decodeEntities, hasAttribute, htmlFor, metaContent } from './buildOutput';

const content = siteContent();
/** The public address of the site root, as the build states it (config url + baseUrl). */
let siteUrl: string;

beforeAll(() => {
  assertBuilt();
  const canonical = /<link[^>]*rel=["']?canonical["']?[^>]*href=["']?([^"'\s>]+)/.exec(htmlFor('/'))?.[1];
  if (!canonical) throw new Error('the home page has no canonical link');
  siteUrl = canonical.replace(/\/$/, '');
});

function linkHref(html: string, rel: string): string | undefined {
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (new RegExp(`rel=["']?${rel}["'\\s>/]`).test(tag)) return /href=["']?([^"'\s>]+)/.exec(tag)?.[1];
  }
  return undefined;
}

function metaTags(html: string, property: string): string[] {
  return (html.match(/<meta\b[^>]*>/gi) ?? []).filter((tag) => new RegExp(`(?:property|name)=["']?${property}["'\\s/>]`).test(tag));
}

describe('the Anki deck', () => {
  const deckFile = (): string => readFileSync(path.join(BUILD_DIR, ANKI_DECK_FILE), 'utf8');

  it('is written into the build with the header lines Anki reads', () => {
    expect(ANKI_DECK_FILE).toMatch(/anki.*\.tsv$/);
    expect(deckFile().split('\n').slice(0, 3)).toEqual(['#separator:tab', '#html:true', '#notetype:Basic']);
  });

  it('has one note for every question of both tracks and every quick hit, linking to its page on the public site', () => {
    const notes = deckFile()
      .trimEnd()
      .split('\n')
      .filter((line) => !line.startsWith('#'));
    expect(notes).toHaveLength(content.questions.length + content.report.quickHits.length);
    for (const q of content.questions) {
      const note = notes.find((n) => decodeEntities(n.split('\t')[0]!) === q.frontMatter.title);
      expect(note, q.frontMatter.questionId).toBeDefined();
      const [, back] = note!.split('\t');
      expect(decodeEntities(back!)).toContain(q.frontMatter.keyInsight);
      expect(back).toContain(`href="${siteUrl}${q.permalink}"`);
    }
    for (const hit of content.report.quickHits) {
      expect(
        notes.some((n) => decodeEntities(n.split('\t')[0]!) === hit.question && n.includes(`href="${siteUrl}${hit.permalink}"`)),
        hit.id,
      ).toBe(true);
    }
  });

  it('is offered for download on the Practice page, with the import steps', () => {
    const html = decodeEntities(htmlFor('/practice'));
    expect(attributeValues(html, 'href')).toContain(`/${ANKI_DECK_FILE}`);
    expect(html).toContain('File › Import');
  });
});

describe('short links', () => {
  it('redirect /q/N, /i/N and /g/N to every question page', () => {
    for (const q of content.questions) {
      const short = shortLinkPath(q.frontMatter.track, q.frontMatter.number);
      expect(short, q.frontMatter.questionId).toBeDefined();
      const file = path.join(BUILD_DIR, short!.slice(1), 'index.html');
      expect(existsSync(file), short).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`url=${q.permalink}"`);
    }
    expect(
      content.questions
        .filter((q) => q.frontMatter.track === 'architecture')
        .map((q) => shortLinkPath('architecture', q.frontMatter.number))
        .sort(),
    ).toHaveLength(30);
  });

  it('are shown on each question page with a Copy button', () => {
    for (const q of content.questions) {
      const html = decodeEntities(htmlFor(q.permalink));
      const short = shortLinkPath(q.frontMatter.track, q.frontMatter.number)!;
      expect(hasAttribute(html, 'href', short), q.permalink).toBe(true);
      expect(html, q.permalink).toContain(`Copy the short link ${siteUrl}${short}`);
    }
  });
});

describe('link previews, canonical URLs and the sitemap', () => {
  it('give each question page the question as og:title and the key insight as og:description, once each', () => {
    for (const q of content.questions) {
      const html = htmlFor(q.permalink);
      expect(metaTags(html, 'og:title'), q.permalink).toHaveLength(1);
      expect(decodeEntities(metaContent(html, 'property', 'og:title') ?? '')).toBe(q.frontMatter.title);
      expect(decodeEntities(metaContent(html, 'name', 'twitter:title') ?? '')).toBe(q.frontMatter.title);
      expect(metaTags(html, 'og:description')).toHaveLength(1);
      expect(decodeEntities(metaContent(html, 'property', 'og:description') ?? '')).toBe(q.frontMatter.keyInsight);
    }
  });

  it('show the social card, a 1200 x 630 PNG', () => {
    const html = htmlFor(content.questions[0]!.permalink);
    expect(metaContent(html, 'property', 'og:image')).toBe(`${siteUrl}/img/social-card.png`);
    expect(metaContent(html, 'name', 'twitter:card')).toBe('summary_large_image');
    const png = readFileSync(path.join(BUILD_DIR, 'img/social-card.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it('give every question page its canonical URL', () => {
    for (const q of content.questions) expect(linkHref(htmlFor(q.permalink), 'canonical'), q.permalink).toBe(`${siteUrl}${q.permalink}`);
  });

  it('list every question page, the Practice page and the tag pages in the sitemap, and no short link', () => {
    const sitemap = readFileSync(path.join(BUILD_DIR, 'sitemap.xml'), 'utf8');
    const locs = new Set([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    for (const q of content.questions) expect(locs.has(`${siteUrl}${q.permalink}`), q.permalink).toBe(true);
    expect(locs.has(`${siteUrl}/practice`)).toBe(true);
    expect(locs.has(`${siteUrl}/tags/topic-structural`)).toBe(true);
    expect([...locs].some((loc) => /\/(q|i)\/\d+$/.test(loc!))).toBe(false);
  });
});

describe('tag pages', () => {
  it('exist for every topic or part and every difficulty, with a label, a description and exactly their questions', () => {
    const groups = [...new Set(content.questions.map((q) => `topic-${q.frontMatter.topic}`)), ...new Set(content.questions.map((q) => `difficulty-${q.frontMatter.difficulty}`))];
    expect(groups.length).toBeGreaterThanOrEqual(11 + 3);
    for (const tag of groups) {
      const html = decodeEntities(htmlFor(`/tags/${tag}`));
      const [kind, value] = [tag.split('-')[0], tag.slice(tag.indexOf('-') + 1)];
      const members = content.questions.filter((q) => (kind === 'topic' ? q.frontMatter.topic : q.frontMatter.difficulty) === value);
      for (const q of members) expect(hasAttribute(html, 'href', q.permalink), `${tag} lists ${q.permalink}`).toBe(true);
      const others = content.questions.filter((q) => !members.includes(q));
      for (const q of others) expect(hasAttribute(html, 'href', q.permalink), `${tag} does not list ${q.permalink}`).toBe(false);
      expect(html).toMatch(kind === 'topic' ? /(Topic|Part): / : /Difficulty: /);
      expect(metaContent(html, 'name', 'description')?.length ?? 0, `${tag} has a description`).toBeGreaterThan(20);
    }
  });

  it('exist for each free-form tag that two or more questions share, listing exactly those, and for no tag of one question alone', () => {
    const byTag = new Map<string, string[]>();
    for (const q of content.questions) for (const tag of q.frontMatter.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), q.permalink]);
    const shared = [...byTag].filter(([, pages]) => pages.length >= MIN_QUESTIONS_PER_TAG);
    expect(shared.length).toBeGreaterThan(10);
    for (const [tag, pages] of shared) {
      const html = htmlFor(`/tags/${tag}`);
      for (const page of pages) expect(hasAttribute(html, 'href', page), `/tags/${tag} lists ${page}`).toBe(true);
      for (const q of content.questions.filter((other) => !pages.includes(other.permalink)))
        expect(hasAttribute(html, 'href', q.permalink), `/tags/${tag} does not list ${q.permalink}`).toBe(false);
    }
    for (const [tag, pages] of byTag) {
      if (pages.length >= MIN_QUESTIONS_PER_TAG) continue;
      expect(existsSync(path.join(BUILD_DIR, 'tags', `${tag}.html`)) || existsSync(path.join(BUILD_DIR, 'tags', tag, 'index.html')), `no page for /tags/${tag}`).toBe(false);
      expect(metaContent(htmlFor(pages[0]!), 'name', 'keywords') ?? '', `${pages[0]} keeps "${tag}" as a keyword`).toContain(tag);
    }
  });

  it('are titled with the number of questions and the tag’s label, and question pages show the label, never the slug', () => {
    const text = (html: string): string => decodeEntities(html.replace(/<[^>]+>/g, '')).trim();
    const byTag = new Map<string, string[]>();
    for (const q of content.questions) for (const tag of q.frontMatter.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), q.permalink]);
    const shared = [...byTag].filter(([, pages]) => pages.length >= MIN_QUESTIONS_PER_TAG);
    expect(shared.length).toBeGreaterThan(10);
    for (const [tag, pages] of shared) {
      const label = TAG_LABELS[tag]!;
      const html = htmlFor(`/tags/${tag}`);
      expect(text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? ''), `/tags/${tag}`).toBe(`${pages.length} questions tagged “${label}”`);
      expect(metaContent(html, 'name', 'description'), `/tags/${tag}`).toContain(label);
      const chip = new RegExp(`<a[^>]*href="?/tags/${tag}"?[^>]*>([^<]*)</a>`).exec(htmlFor(pages[0]!))?.[1];
      expect(chip && decodeEntities(chip), `${pages[0]} links /tags/${tag}`).toBe(label);
    }
    expect(text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(htmlFor('/tags/difficulty-advanced'))?.[1] ?? '')).toMatch(/^\d+ questions tagged “Difficulty: Advanced”$/);
  });

  it('are linked from each question page', () => {
    const q = content.questions[0]!;
    const html = htmlFor(q.permalink);
    expect(hasAttribute(html, 'href', `/tags/topic-${q.frontMatter.topic}`)).toBe(true);
    expect(hasAttribute(html, 'href', `/tags/difficulty-${q.frontMatter.difficulty}`)).toBe(true);
  });
});

describe('section anchors', () => {
  it('every question section has a stable id and a link to itself', () => {
    for (const q of content.questions) {
      const html = htmlFor(q.permalink);
      const ids = new Set(attributeValues(html, 'id'));
      const sections = q.frontMatter.track === 'architecture' ? ['answer', 'implementation', 'diagram', 'metrics', 'trade-offs', 'references'] : ['answer'];
      for (const id of sections) {
        expect(ids.has(id), `${q.permalink}#${id}`).toBe(true);
        expect(hasAttribute(html, 'href', `#${id}`), `${q.permalink} links #${id}`).toBe(true);
      }
    }
  });

  it('each quick hit of the practice deck points to a heading that exists', () => {
    expect(content.report.quickHits.length).toBeGreaterThan(0);
    for (const hit of content.report.quickHits) {
      const [page, anchor] = hit.permalink.split('#');
      expect(new Set(attributeValues(htmlFor(page!), 'id')).has(anchor!), hit.permalink).toBe(true);
    }
  });
});

describe('the Practice page', () => {
  it('is linked from the navbar and the home page', () => {
    expect(hasAttribute(htmlFor('/'), 'href', '/practice')).toBe(true);
    expect(hasAttribute(htmlFor('/architecture'), 'href', '/practice')).toBe(true);
  });
});
