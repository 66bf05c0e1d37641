import { describe, expect, it } from 'vitest';
import type { BookEntry } from './contents';
import type { BookFacts } from './document';
import { buildEpub, contentProperties, editionIdentifier, EPUB_MIMETYPE, linkChapters, navList } from './epub';
import { crc32, unzip, zip } from './zip';

const FACTS: BookFacts = {
  title: 'AI Architecture Interview Handbook',
  subtitle: 'Questions & answers',
  siteUrl: 'https://example.github.io/handbook/',
  date: '2026-12-03',
  commit: 'abc1234567',
  licence: 'CC BY 4.0',
};

const entry = (id: string, level: 1 | 2 | 3, title = id): BookEntry => ({
  kind: level === 3 ? 'question' : level === 2 ? 'topic' : 'track',
  id,
  route: `/${id}`,
  title,
  level,
  partTitle: 'Part',
});

const ENTRIES = [entry('track', 1, 'Track'), entry('topic', 2, 'Topic'), entry('q1', 3, 'Q1. One'), entry('q2', 3, 'Q2. Two'), entry('refs', 1, 'References')];

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips stored and deflated entries, in order', () => {
    const archive = zip([
      { name: 'mimetype', data: EPUB_MIMETYPE, store: true },
      { name: 'a/b.txt', data: 'hello '.repeat(100) },
    ]);
    const entries = unzip(archive);
    expect(entries.map((e) => [e.name, e.method, e.data.toString()])).toEqual([
      ['mimetype', 0, EPUB_MIMETYPE],
      ['a/b.txt', 8, 'hello '.repeat(100)],
    ]);
    expect(archive.length).toBeLessThan(300);
  });
});

describe('buildEpub', () => {
  const epub = buildEpub({
    facts: FACTS,
    identifier: editionIdentifier(FACTS),
    modified: '2026-12-03T10:00:00Z',
    chapters: ENTRIES.map((e) => ({
      entry: e,
      xhtml:
        e.id === 'q1'
          ? '<div xmlns="http://www.w3.org/1999/xhtml"><p id="q1--x">See <a href="#q2--answer">Q2</a> and <a href="#q2--gone">Q2 again</a>.</p><svg xmlns="http://www.w3.org/2000/svg"/></div>'
          : undefined,
    })),
  });
  const files = unzip(epub);
  const file = (name: string): string => files.find((f) => f.name === name)?.data.toString() ?? '';

  it('starts with the mimetype, stored, at offset 0, as readers require', () => {
    expect(files[0]).toMatchObject({ name: 'mimetype', method: 0, offset: 0 });
    expect(files[0]!.data.toString()).toBe(EPUB_MIMETYPE);
    expect(epub.subarray(30, 38).toString()).toBe('mimetype');
  });

  it('has one document per entry, the navigation, the cover and the package', () => {
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'META-INF/container.xml',
        'OEBPS/content.opf',
        'OEBPS/nav.xhtml',
        'OEBPS/cover.xhtml',
        'OEBPS/cover.svg',
        ...ENTRIES.map((e) => `OEBPS/${e.id}.xhtml`),
      ]),
    );
  });

  it('carries complete metadata: title, language, identifier, modified date, licence', () => {
    const opf = file('OEBPS/content.opf');
    expect(opf).toContain('<dc:title>AI Architecture Interview Handbook</dc:title>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toMatch(/<dc:identifier id="book-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/);
    expect(opf).toContain('<meta property="dcterms:modified">2026-12-03T10:00:00Z</meta>');
    expect(opf).toContain('<dc:rights>CC BY 4.0</dc:rights>');
    expect(opf).toContain('properties="cover-image"');
  });

  it('declares SVG content on the documents that hold it', () => {
    expect(file('OEBPS/content.opf')).toMatch(/href="q1\.xhtml" media-type="application\/xhtml\+xml" properties="svg"/);
    expect(file('OEBPS/content.opf')).toMatch(/href="q2\.xhtml" media-type="application\/xhtml\+xml"\/>/);
  });

  it('links a question to another question file, and to the file alone when the anchor is gone', () => {
    expect(file('OEBPS/q1.xhtml')).toContain('<a href="q2.xhtml">Q2</a>');
    expect(file('OEBPS/q1.xhtml')).toContain('<a href="q2.xhtml">Q2 again</a>');
  });

  it('escapes text in the metadata', () => {
    expect(file('OEBPS/content.opf')).toContain('Questions &#38; answers');
  });
});

describe('navList', () => {
  it('nests entries by level, the same contents as the PDF', () => {
    expect(navList(ENTRIES)).toBe(
      '<ol><li><a href="track.xhtml">Track</a><ol><li><a href="topic.xhtml">Topic</a><ol><li><a href="q1.xhtml">Q1. One</a></li><li><a href="q2.xhtml">Q2. Two</a></li></ol></li></ol></li><li><a href="refs.xhtml">References</a></li></ol>',
    );
  });
});

describe('linkChapters', () => {
  const ids = new Map([['q2', new Set(['q2', 'q2--answer'])]]);
  it('leaves links to unknown chapters alone', () => {
    expect(linkChapters('<a href="#elsewhere">x</a>', ids)).toBe('<a href="#elsewhere">x</a>');
  });
  it('points a chapter link at its file', () => {
    expect(linkChapters('<a href="#q2">x</a><a href="#q2--answer">y</a>', ids)).toBe('<a href="q2.xhtml">x</a><a href="q2.xhtml#q2--answer">y</a>');
  });
});

describe('contentProperties', () => {
  it('names MathML and SVG when a document holds them', () => {
    expect(contentProperties('<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math><svg viewBox="0 0 1 1"></svg>')).toBe('svg mathml');
    expect(contentProperties('<p>mathematics and svgs in words</p>')).toBeUndefined();
  });
});

describe('editionIdentifier', () => {
  it('is the same for the same edition and differs for another commit', () => {
    expect(editionIdentifier(FACTS)).toBe(editionIdentifier({ ...FACTS }));
    expect(editionIdentifier(FACTS)).not.toBe(editionIdentifier({ ...FACTS, commit: 'def' }));
  });
});
