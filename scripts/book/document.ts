/**
 * The book as one HTML document that Chromium prints: a cover, the contents
 * (with page numbers once they are known), then every entry on a new page.
 *
 * Running heads and page numbers use CSS page margin boxes. Each entry is a
 * CSS named page (`page: e<index>`) whose margin boxes carry its part and
 * title, so the head of every page names the track and the question it is
 * in, with no script and no second document.
 */
import type { BookEntry } from './contents';

export interface BookFacts {
  title: string;
  subtitle: string;
  /** The published site, e.g. https://ai-architecture-handbook.github.io/. */
  siteUrl: string;
  /** Build date, YYYY-MM-DD. */
  date: string;
  /** Short commit hash, or "unknown" outside a git checkout. */
  commit: string;
  licence: string;
}

export interface BookChapter {
  entry: BookEntry;
  /** The page's content (see extract.ts); empty for a part heading. */
  html: string;
}

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A CSS string literal. */
const cssString = (text: string): string => `"${text.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ')}"`;

/** Width the contents reserve for a page number, so the layout is the same before and after the numbers are known. */
export const PAGE_NUMBER_PLACEHOLDER = '000';

const BOOK_CSS = `
@page { margin: 18mm 15mm 17mm; }
@page {
  @bottom-center { content: counter(page); font: 8pt 'DejaVu Sans', Arial, sans-serif; color: #333; }
}
@page cover { margin: 0; @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
@page contents { @top-left { content: "Contents"; font: 7.5pt 'DejaVu Sans', Arial, sans-serif; color: #555; vertical-align: bottom; padding-bottom: 3mm; } }
html, body { background: #fff; }
body { margin: 0; font-size: 10pt; }
.book-cover { page: cover; height: 100vh; box-sizing: border-box; padding: 50mm 25mm 25mm; display: flex; flex-direction: column; break-after: page;
  background: linear-gradient(160deg, #12437e 0%, #1a5fb4 60%, #3f7fcf 100%); color: #fff; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.book-cover .book-title { font-weight: 700; font-size: 30pt; line-height: 1.15; color: #fff; margin: 0 0 8mm; }
.book-cover .book-subtitle { font-size: 13pt; line-height: 1.4; max-width: 140mm; }
.book-cover dl { margin-top: auto; font-size: 10pt; line-height: 1.5; display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; }
.book-cover dt { font-weight: 700; }
.book-cover dd { margin: 0; }
.book-cover a { color: #fff; }
.book-contents { page: contents; break-after: page; }
.book-contents h1 { font-size: 20pt; margin-bottom: 6mm; }
.book-contents ol { list-style: none; margin: 0; padding: 0; }
.book-contents li a { display: flex; align-items: baseline; gap: 2mm; color: inherit; text-decoration: none; break-inside: avoid; }
.book-contents .book-toc-title { flex: 0 1 auto; }
.book-contents .book-toc-leader { flex: 1 1 auto; border-bottom: 1px dotted #888; min-width: 8mm; }
.book-contents .book-toc-page { flex: 0 0 auto; min-width: 3ch; text-align: right; font-variant-numeric: tabular-nums; }
.book-contents .book-toc-1 { font-weight: 700; font-size: 11pt; margin-top: 3mm; }
.book-contents .book-toc-2 { padding-left: 5mm; font-weight: 600; margin-top: 1mm; }
.book-contents .book-toc-3 { padding-left: 10mm; font-size: 9.5pt; }
.book-entry { break-before: page; }
.book-part + .book-entry { break-before: auto; }
.book-entry > h1.book-heading { font-size: 22pt; margin: 0 0 4mm; }
.book-entry > h2.book-heading { font-size: 17pt; margin: 0 0 3mm; }
.book-entry > h3.book-heading { font-size: 15pt; margin: 0 0 2mm; }
.book-question-text { font-size: 12pt; font-style: italic; margin: 0 0 4mm; color: #303846; }
/* Inside an entry, headings stay smaller than the entry's own title, whatever level the page gave them. */
.book-entry .markdown h2 { font-size: 15pt; }
.book-entry .markdown h3 { font-size: 13pt; }
.book-entry .markdown h4 { font-size: 12pt; }
.book-entry .markdown h5 { font-size: 11pt; }
.book-entry .markdown h6 { font-size: 10pt; }
.book-calculator { border: 1px solid #dadde1; border-radius: 4px; padding: 2mm 4mm; margin: 0 0 4mm; break-inside: avoid; }
.book-calculator dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0 0 2mm; }
.book-calculator dl > div { display: contents; }
.book-calculator dd { margin: 0; }
a[data-book-url]::after { content: " (" attr(data-book-url) ")"; font-size: 0.85em; color: #444; overflow-wrap: anywhere; }
.markdown table { display: table; width: 100%; }
.markdown table thead { display: table-header-group; }
pre, code { white-space: pre-wrap !important; overflow-wrap: anywhere; }
pre.book-code { font-size: 8pt; line-height: 1.35; padding: 2mm 3mm; margin: 0 0 4mm; background: #f6f7f8; border-radius: 3px; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.book-code-title { font: 600 7.5pt/1.3 'DejaVu Sans Mono', monospace; margin: 0; padding: 1mm 3mm; background: #ebedf0; border-radius: 3px 3px 0 0; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.book-code-title + pre.book-code { border-top-left-radius: 0; border-top-right-radius: 0; }
figure { break-inside: auto !important; }
/* A line number never wraps (it would print one digit a line); the code beside it does. */
[class*="codeLineNumber"] { white-space: nowrap !important; overflow-wrap: normal !important; }
pre { overflow: visible !important; max-height: none !important; }
.docusaurus-mermaid-container { text-align: center; }
`;

function tocItem(entry: BookEntry, page: number | undefined): string {
  const number = page === undefined ? PAGE_NUMBER_PLACEHOLDER : String(page);
  return `<li class="book-toc-${entry.level}"><a href="#${entry.id}"><span class="book-toc-title">${escapeHtml(entry.title)}</span><span class="book-toc-leader"></span><span class="book-toc-page">${number}</span></a></li>`;
}

/** The contents page: every entry with its page number (a placeholder of the same width until it is known). */
export function contentsHtml(entries: readonly BookEntry[], pages: ReadonlyMap<string, number>): string {
  return `<nav class="book-contents" aria-labelledby="book-contents-title"><h1 id="book-contents-title">Contents</h1><ol>${entries.map((e) => tocItem(e, pages.get(e.id))).join('')}</ol></nav>`;
}

export function coverHtml(facts: BookFacts): string {
  const shown = facts.siteUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');
  // The title is not a heading: the outline starts at the contents.
  return `<section class="book-cover"><p class="book-title">${escapeHtml(facts.title)}</p><p class="book-subtitle">${escapeHtml(facts.subtitle)}</p>
<dl><dt>Edition</dt><dd>${escapeHtml(facts.date)}, commit ${escapeHtml(facts.commit)}</dd><dt>Online</dt><dd><a href="${escapeHtml(facts.siteUrl)}">${escapeHtml(shown)}</a></dd><dt>Licence</dt><dd>${escapeHtml(facts.licence)}</dd></dl></section>`;
}

/** The running head of an entry: its part, and its own title unless it is the part itself. */
export function runningHead(entry: BookEntry): string {
  return entry.level === 1 ? entry.title : `${entry.partTitle} · ${entry.title}`;
}

/** One named page per entry, each with its running head; a part heading shares the page of the entry after it. */
export function pageRules(chapters: readonly BookChapter[]): string {
  return chapters
    .map(
      (c, i) =>
        `.book-e${i} { page: e${i}; } @page e${i} { @top-left { content: ${cssString(runningHead(c.entry))}; font: 7.5pt/1.2 'DejaVu Sans', Arial, sans-serif; color: #555; vertical-align: bottom; padding-bottom: 3mm; } }`,
    )
    .join('\n');
}

function chapterHtml(chapter: BookChapter, index: number, chapters: readonly BookChapter[]): string {
  const { entry } = chapter;
  const tag = `h${entry.level}`;
  // A part heading alone on its page would waste it: it shares the page (and the page name) of the entry after it.
  const pageIndex = entry.kind === 'part' && index + 1 < chapters.length ? index + 1 : index;
  const question = entry.question ? `<p class="book-question-text">${escapeHtml(entry.question)}</p>` : '';
  const body = chapter.html ? `<div class="markdown">${chapter.html}</div>` : '';
  return `<section class="book-entry book-${entry.kind} book-e${pageIndex}" id="${entry.id}"><${tag} class="book-heading">${escapeHtml(entry.title)}</${tag}>${question}${body}</section>`;
}

/** The whole book. `pages` maps entry ids to page numbers; empty on the first pass. */
export function bookHtml({
  facts,
  chapters,
  stylesheets,
  baseHref,
  pages,
}: {
  facts: BookFacts;
  chapters: readonly BookChapter[];
  stylesheets: readonly string[];
  baseHref: string;
  pages: ReadonlyMap<string, number>;
}): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return `<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8"><base href="${escapeHtml(baseHref)}"><title>${escapeHtml(facts.title)}</title>${links}<style>${BOOK_CSS}\n${pageRules(chapters)}</style></head>
<body><main class="book">${coverHtml(facts)}${contentsHtml(
    chapters.map((c) => c.entry),
    pages,
  )}${chapters.map((c, i) => chapterHtml(c, i, chapters)).join('\n')}</main></body></html>`;
}
