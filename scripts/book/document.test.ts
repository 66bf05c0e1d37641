import { describe, expect, it } from 'vitest';
import type { BookEntry } from './contents';
import { bookHtml, contentsHtml, coverHtml, PAGE_NUMBER_PLACEHOLDER, pageRules, runningHead, type BookFacts } from './document';

const FACTS: BookFacts = { title: 'Handbook', subtitle: 'Sub', siteUrl: 'https://example.github.io/', date: '2026-12-03', commit: 'abc1234', licence: 'CC BY 4.0' };
const TRACK: BookEntry = { kind: 'track', id: 'alpha', route: '/alpha', title: 'Alpha track', level: 1, partTitle: 'Alpha track' };
const QUESTION: BookEntry = {
  kind: 'question',
  id: 'alpha-one-q1',
  route: '/alpha/one/q1',
  title: 'Q1. Boundaries',
  level: 3,
  partTitle: 'Alpha track',
  question: 'How "would" you?',
  questionId: 'a-01',
};
const PART: BookEntry = { kind: 'part', id: 'appendix', route: undefined, title: 'Appendix', level: 1, partTitle: 'Appendix' };
const SHEET: BookEntry = { kind: 'page', id: 'cheat-sheet', route: '/cheat-sheet', title: 'Cheat sheet', level: 2, partTitle: 'Appendix' };

describe('contentsHtml', () => {
  it('links every entry to its anchor with its page number', () => {
    const html = contentsHtml(
      [TRACK, QUESTION],
      new Map([
        ['alpha', 4],
        ['alpha-one-q1', 11],
      ]),
    );
    expect(html).toContain('<a href="#alpha"><span class="book-toc-title">Alpha track</span><span class="book-toc-leader"></span><span class="book-toc-page">4</span></a>');
    expect(html).toContain('<li class="book-toc-3"><a href="#alpha-one-q1">');
    expect(html).toContain('<span class="book-toc-page">11</span>');
  });

  it('holds a placeholder as wide as a three-digit page number until the numbers are known', () => {
    expect(contentsHtml([TRACK], new Map())).toContain(`<span class="book-toc-page">${PAGE_NUMBER_PLACEHOLDER}</span>`);
    expect(PAGE_NUMBER_PLACEHOLDER).toHaveLength(3);
  });
});

describe('running heads', () => {
  it('name the part and the entry, or the part alone on its own pages', () => {
    expect(runningHead(QUESTION)).toBe('Alpha track · Q1. Boundaries');
    expect(runningHead(TRACK)).toBe('Alpha track');
  });

  it('are one named page per entry, with the text quoted for CSS', () => {
    const rules = pageRules([{ entry: { ...QUESTION, title: 'Q2. A "quoted" \\ title' }, html: '' }]);
    expect(rules).toContain('.book-e0 { page: e0; }');
    expect(rules).toContain('@top-left { content: "Alpha track · Q2. A \\"quoted\\" \\\\ title";');
  });
});

describe('bookHtml', () => {
  const html = bookHtml({
    facts: FACTS,
    chapters: [
      { entry: TRACK, html: '<p>Overview</p>' },
      { entry: QUESTION, html: '<p>Answer</p>' },
      { entry: PART, html: '' },
      { entry: SHEET, html: '<p>Sheet</p>' },
    ],
    stylesheets: ['http://127.0.0.1:1/assets/css/styles.css'],
    baseHref: 'http://127.0.0.1:1/',
    pages: new Map(),
  });

  it('starts every entry on a new page with its heading at its level and its anchor', () => {
    expect(html).toContain(
      '<section class="book-entry book-track book-e0" id="alpha"><h1 class="book-heading">Alpha track</h1><div class="markdown"><p>Overview</p></div></section>',
    );
    expect(html).toContain(
      '<section class="book-entry book-question book-e1" id="alpha-one-q1"><h3 class="book-heading">Q1. Boundaries</h3><p class="book-question-text">How &#34;would&#34; you?</p>',
    );
    expect(html).toMatch(/\.book-entry \{ break-before: page; \}/);
  });

  it('lets a part heading share the page of the entry after it', () => {
    expect(html).toContain('<section class="book-entry book-part book-e3" id="appendix">');
    expect(html).toContain('<section class="book-entry book-page book-e3" id="cheat-sheet">');
  });

  it("uses the site's style sheets, and prints web addresses after their links", () => {
    expect(html).toContain('<link rel="stylesheet" href="http://127.0.0.1:1/assets/css/styles.css">');
    expect(html).toContain('a[data-book-url]::after { content: " (" attr(data-book-url) ")"');
  });

  it('wraps code instead of cutting it at the margin, and repeats table headers', () => {
    expect(html).toContain('pre, code { white-space: pre-wrap !important; overflow-wrap: anywhere; }');
    expect(html).toContain('.markdown table thead { display: table-header-group; }');
  });
});

describe('coverHtml', () => {
  it('shows the title, the edition (date and commit), the site address and the licence', () => {
    const cover = coverHtml(FACTS);
    for (const text of ['Handbook', '2026-12-03, commit abc1234', 'example.github.io', 'CC BY 4.0']) expect(cover).toContain(text);
  });
});
