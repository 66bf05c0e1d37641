/**
 * The book as an EPUB 3: one XHTML document per entry (track, topic,
 * question, appendix page), a navigation document with the same contents as
 * the PDF, a cover, and the package metadata. The content is what
 * scripts/book/extract.ts took from the built pages: diagrams as inline SVG,
 * formulas as MathML, code as preformatted text.
 */
import { createHash } from 'node:crypto';
import type { BookEntry } from './contents';
import { escapeHtml, type BookFacts } from './document';
import { zip, type ZipEntry } from './zip';

export interface EpubChapter {
  entry: BookEntry;
  /** The page's content as one XHTML `<div>`, or undefined for a part heading. */
  xhtml: string | undefined;
}

export interface EpubInput {
  facts: BookFacts;
  /** A unique, stable identifier of this edition (dc:identifier). */
  identifier: string;
  /** dcterms:modified, CCYY-MM-DDThh:mm:ssZ. */
  modified: string;
  chapters: readonly EpubChapter[];
}

export const EPUB_MIMETYPE = 'application/epub+zip';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** A name-based UUID (RFC 4122 version 5 layout over SHA-1) of the edition: the same site, date and commit give the same identifier. */
export function editionIdentifier(facts: Pick<BookFacts, 'siteUrl' | 'date' | 'commit'>): string {
  const hash = createHash('sha1').update(`${facts.siteUrl} ${facts.date} ${facts.commit}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const chapterFile = (id: string): string => `${id}.xhtml`;

const CSS = `body { font-family: serif; line-height: 1.45; margin: 0 0.5em; }
h1, h2, h3, h4, h5, h6 { font-family: sans-serif; line-height: 1.2; }
.question { font-style: italic; }
pre { white-space: pre-wrap; word-wrap: break-word; font-size: 0.8em; background: #f6f7f8; padding: 0.5em; }
code { font-family: monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.4em; vertical-align: top; }
svg { max-width: 100%; height: auto; }
aside { border-left: 4px solid #1a5fb4; padding-left: 0.6em; }
nav ol { list-style: none; }
.cover { text-align: center; }
`;

function page(title: string, body: string, bodyAttributes = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="${XHTML_NS}" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><meta charset="UTF-8"/><title>${escapeHtml(title)}</title><link rel="stylesheet" type="text/css" href="book.css"/></head>
<body${bodyAttributes}>
${body}
</body>
</html>
`;
}

/** Every id an XHTML fragment defines. */
export function idsIn(xhtml: string): Set<string> {
  return new Set([...xhtml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
}

/**
 * Links between pages of the book, which extract.ts wrote as `#<chapter>` or
 * `#<chapter>--<anchor>`, point at the chapter's own file. A link to an
 * anchor that does not exist goes to the chapter itself, since a reader
 * would otherwise land nowhere (and EPUBCheck rejects it).
 */
export function linkChapters(xhtml: string, idsByChapter: ReadonlyMap<string, ReadonlySet<string>>): string {
  return xhtml.replace(/href="#([^"]*)"/g, (whole, fragment: string) => {
    const chapter = fragment.split('--')[0]!;
    const ids = idsByChapter.get(chapter);
    if (!ids) return whole;
    if (fragment === chapter || !ids.has(fragment)) return `href="${chapterFile(chapter)}"`;
    return `href="${chapterFile(chapter)}#${fragment}"`;
  });
}

/** The navigation document's list: entries nested by level, as the PDF's contents show them. */
export function navList(entries: readonly BookEntry[]): string {
  let html = '<ol>';
  let depth = 1;
  entries.forEach((entry, i) => {
    if (i > 0) {
      if (entry.level > depth) html += '<ol>'.repeat(entry.level - depth);
      else html += '</li>' + '</ol></li>'.repeat(depth - entry.level);
    }
    depth = entry.level;
    html += `<li><a href="${chapterFile(entry.id)}">${escapeHtml(entry.title)}</a>`;
  });
  html += '</li>' + '</ol></li>'.repeat(depth - 1) + '</ol>';
  return html;
}

export function coverSvg(facts: BookFacts): string {
  const words = facts.title.split(' ');
  const half = Math.ceil(words.length / 2);
  const lines = [words.slice(0, half).join(' '), words.slice(half).join(' ')];
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900" width="600" height="900">
<rect width="600" height="900" fill="#1a5fb4"/>
${lines.map((line, i) => `<text x="50" y="${300 + i * 60}" font-family="sans-serif" font-size="44" font-weight="bold" fill="#ffffff">${escapeHtml(line)}</text>`).join('\n')}
<text x="50" y="800" font-family="sans-serif" font-size="22" fill="#ffffff">Edition ${escapeHtml(facts.date)} · ${escapeHtml(facts.commit)}</text>
<text x="50" y="835" font-family="sans-serif" font-size="22" fill="#ffffff">${escapeHtml(facts.siteUrl.replace(/^https?:\/\//, '').replace(/\/$/, ''))}</text>
</svg>
`;
}

export function packageDocument(input: EpubInput, items: readonly { id: string; href: string; type: string; properties?: string }[], spine: readonly string[]): string {
  const { facts } = input;
  const manifest = items
    .map((item) => `<item id="${item.id}" href="${item.href}" media-type="${item.type}"${item.properties ? ` properties="${item.properties}"` : ''}/>`)
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${escapeHtml(input.identifier)}</dc:identifier>
    <dc:title>${escapeHtml(facts.title)}</dc:title>
    <dc:language>en</dc:language>
    <dc:creator>${escapeHtml(facts.title)} contributors</dc:creator>
    <dc:description>${escapeHtml(facts.subtitle)}</dc:description>
    <dc:rights>${escapeHtml(facts.licence)}</dc:rights>
    <dc:source>${escapeHtml(facts.siteUrl)}</dc:source>
    <dc:date>${escapeHtml(facts.date)}</dc:date>
    <meta property="dcterms:modified">${escapeHtml(input.modified)}</meta>
    <meta name="cover" content="cover-image"/>
  </metadata>
  <manifest>
    ${manifest}
  </manifest>
  <spine>
    ${spine.map((id) => `<itemref idref="${id}"/>`).join('\n    ')}
  </spine>
</package>
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

/** The properties EPUB requires on a manifest item for what its document contains. */
export function contentProperties(xhtml: string): string | undefined {
  const properties = [/<svg[\s>]/.test(xhtml) && 'svg', /<math[\s>]/.test(xhtml) && 'mathml'].filter(Boolean);
  return properties.length > 0 ? properties.join(' ') : undefined;
}

export function buildEpub(input: EpubInput): Buffer {
  const { facts, chapters } = input;
  const idsByChapter = new Map(chapters.map((c) => [c.entry.id, new Set([c.entry.id, ...idsIn(c.xhtml ?? '')])]));
  const documents = chapters.map(({ entry, xhtml }) => {
    const tag = `h${entry.level}`;
    const question = entry.question ? `<p class="question">${escapeHtml(entry.question)}</p>` : '';
    const body = `<section id="${entry.id}" epub:type="${entry.level === 1 ? 'part' : 'chapter'}"><${tag}>${escapeHtml(entry.title)}</${tag}>${question}${xhtml ? linkChapters(xhtml, idsByChapter) : ''}</section>`;
    return { entry, text: page(entry.title, body) };
  });
  const nav = page(
    'Contents',
    `<nav epub:type="toc" id="toc"><h1>Contents</h1>${navList(chapters.map((c) => c.entry))}</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden"><ol><li><a epub:type="cover" href="cover.xhtml">Cover</a></li><li><a epub:type="toc" href="nav.xhtml">Contents</a></li><li><a epub:type="bodymatter" href="${chapterFile(chapters[0]!.entry.id)}">${escapeHtml(chapters[0]!.entry.title)}</a></li></ol></nav>`,
  );
  const shownSite = facts.siteUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const cover = page(
    facts.title,
    `<section class="cover" epub:type="cover"><img src="cover.svg" alt="${escapeHtml(facts.title)}"/><h1>${escapeHtml(facts.title)}</h1><p>${escapeHtml(facts.subtitle)}</p>
<p>Edition ${escapeHtml(facts.date)}, commit ${escapeHtml(facts.commit)}</p><p><a href="${escapeHtml(facts.siteUrl)}">${escapeHtml(shownSite)}</a></p><p>${escapeHtml(facts.licence)}</p></section>`,
  );
  const items = [
    { id: 'nav', href: 'nav.xhtml', type: 'application/xhtml+xml', properties: 'nav' },
    { id: 'cover', href: 'cover.xhtml', type: 'application/xhtml+xml' },
    { id: 'cover-image', href: 'cover.svg', type: 'image/svg+xml', properties: 'cover-image' },
    { id: 'css', href: 'book.css', type: 'text/css' },
    ...documents.map((d) => ({ id: `c-${d.entry.id}`, href: chapterFile(d.entry.id), type: 'application/xhtml+xml', properties: contentProperties(d.text) })),
  ];
  const spine = ['cover', 'nav', ...documents.map((d) => `c-${d.entry.id}`)];
  const files: ZipEntry[] = [
    { name: 'mimetype', data: EPUB_MIMETYPE, store: true },
    { name: 'META-INF/container.xml', data: CONTAINER },
    { name: 'OEBPS/content.opf', data: packageDocument(input, items, spine) },
    { name: 'OEBPS/nav.xhtml', data: nav },
    { name: 'OEBPS/cover.xhtml', data: cover },
    { name: 'OEBPS/cover.svg', data: coverSvg(facts) },
    { name: 'OEBPS/book.css', data: CSS },
    ...documents.map((d) => ({ name: `OEBPS/${chapterFile(d.entry.id)}`, data: d.text })),
  ];
  return zip(files);
}
