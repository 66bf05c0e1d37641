import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../validate/index';
import {
  buildOverrun,
  checkBudgetsFile,
  entryScripts,
  entryStylesheets,
  fileForUrl,
  jsOverruns,
  KIB,
  MIB,
  pageKinds,
  pathOfSource,
  readBudgets,
  scriptUrlsInHtml,
  spread,
  summarise,
  weighPages,
  bookOverruns,
  isBookFile,
  isSearchIndexFile,
  searchIndexBytes,
  searchIndexOverrun,
  type Budgets,
  type BudgetsFile,
  type PageWeight,
} from './pageWeight';

const budgets: Budgets = {
  entryJsKiB: 150,
  entryCssKiB: 30,
  questionPageJsKiB: 300,
  diagramExtraJsKiB: 200,
  anyPageJsKiB: 600,
  buildTotalMiB: 20,
  bookPdfMiB: 6,
  bookEpubMiB: 1,
  searchIndexKiB: 800,
};

const page = (p: string, kib: number, flags: Partial<PageWeight> = {}): PageWeight => ({ path: p, question: true, diagram: false, jsBytes: kib * KIB, ...flags });

describe('the book in the budgets', () => {
  it('tells the book files apart from the rest of the build, cheat-sheet PDFs included in the rest', () => {
    expect(isBookFile('/x/build/downloads/ai-architecture-handbook-a4.pdf')).toBe(true);
    expect(isBookFile('/x/build/downloads/ai-architecture-handbook.epub')).toBe(true);
    expect(isBookFile('/x/build/downloads/ai-architecture-handbook.json')).toBe(true);
    expect(isBookFile('/x/build/downloads/ai-architecture-cheat-sheet-a4.pdf')).toBe(false);
  });

  it('reports a PDF or an EPUB over its budget, and nothing within it', () => {
    expect(bookOverruns({ pdfBytes: 6 * MIB, epubBytes: MIB }, budgets)).toEqual([]);
    const over = bookOverruns({ pdfBytes: 6.5 * MIB, epubBytes: 1.2 * MIB }, budgets);
    expect(over).toHaveLength(2);
    expect(over[0]).toMatch(/^the book's PDF weighs 6\.50 MiB, over the bookPdfMiB budget of 6 MiB/);
    expect(over[1]).toMatch(/^the book's EPUB weighs 1\.20 MiB, over the bookEpubMiB budget of 1 MiB/);
  });
});

describe('the search index in the budgets', () => {
  it('weighs every search index file of a build, gzipped, and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'handbook-search-'));
    const noisy = (n: number): string => Array.from({ length: n }, (_, i) => ((i * 7919) % 10007).toString(36)).join(' ');
    writeFileSync(path.join(dir, 'search-index.json'), JSON.stringify({ words: noisy(5_000) }));
    writeFileSync(path.join(dir, 'search-index-docs.json'), JSON.stringify({ words: noisy(2_000) }));
    writeFileSync(path.join(dir, 'search.html'), noisy(9_000));
    const files = ['search-index.json', 'search-index-docs.json', 'search.html'].map((f) => path.join(dir, f));
    expect(files.map(isSearchIndexFile)).toEqual([true, true, false]);
    const one = searchIndexBytes([files[0]!]);
    expect(one).toBeGreaterThan(1_000);
    expect(one).toBeLessThan(JSON.stringify({ words: noisy(5_000) }).length);
    expect(searchIndexBytes(files)).toBe(one + searchIndexBytes([files[1]!]));
  });

  it('reports an index over its budget, with where to look, and nothing within it', () => {
    expect(searchIndexOverrun(800 * KIB, budgets)).toBeUndefined();
    expect(searchIndexOverrun(850 * KIB, budgets)).toMatch(
      /^the search index weighs 850\.0 KiB gzipped, over the searchIndexKiB budget of 800 KiB: see what the search plugin indexes/,
    );
  });
});

describe('size budgets', () => {
  it('maps a served script URL back to its build file, under a base path too', () => {
    expect(fileForUrl('/b', 'http://127.0.0.1:9/assets/js/main.js')).toBe(path.join('/b', 'assets/js/main.js'));
    expect(fileForUrl('/b', 'http://127.0.0.1:9/handbook/assets/js/main.js', '/handbook/')).toBe(path.join('/b', 'assets/js/main.js'));
  });

  it('weighs a page by the gzipped size of the distinct scripts it loaded', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'handbook-weight-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets/a.js'), 'a'.repeat(10_000));
    const [weight] = weighPages(dir, [{ path: '/x', question: true, diagram: false, scripts: ['http://h/assets/a.js', 'http://h/assets/a.js'] }]);
    expect(weight!.jsBytes).toBeGreaterThan(10);
    expect(weight!.jsBytes).toBeLessThan(200); // compressed, and counted once
  });

  it('measures a diagram page against the median question page without a diagram', () => {
    const summary = summarise([page('/q1', 250), page('/q2', 260), page('/q3', 280), page('/q4', 450, { diagram: true }), page('/tags', 240, { question: false })]);
    expect(summary.questionBaseline).toBe(260 * KIB);
    expect(summary.questionPageJs).toBe(280 * KIB);
    expect(summary.diagramExtraJs).toBe(190 * KIB);
    expect(summary.anyPageJs).toBe(450 * KIB);
  });

  it('passes pages within their budgets', () => {
    expect(jsOverruns([page('/q1', 250), page('/q2', 440, { diagram: true })], budgets)).toEqual([]);
  });

  it('names the page, its size, the budget and the overrun', () => {
    const [line, ...rest] = jsOverruns([page('/q1', 250), page('/architecture/x/q09-big', 312.5)], budgets);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^\/architecture\/x\/q09-big loads 312\.5 KiB of JS \(gzipped\): 12\.5 KiB over the questionPageJsKiB budget of 300 KiB\. .*scripts\/budgets\.json/);
  });

  it('flags a page whose diagrams pull in too much', () => {
    const lines = jsOverruns([page('/q1', 250), page('/q2', 500, { diagram: true })], budgets);
    expect(lines).toEqual([expect.stringMatching(/^\/q2 loads 250\.0 KiB of JS for its diagrams .*: 50\.0 KiB over the diagramExtraJsKiB budget of 200 KiB/)]);
  });

  it('holds every page, question or not, under the ceiling', () => {
    expect(jsOverruns([page('/practice', 700, { question: false })], budgets)).toEqual([
      expect.stringMatching(/^\/practice loads 700\.0 KiB .*100\.0 KiB over the anyPageJsKiB budget/),
    ]);
  });

  it('checks the size of the whole build', () => {
    expect(buildOverrun(19 * MIB, budgets)).toBeUndefined();
    expect(buildOverrun(21.5 * MIB, budgets)).toBe(
      'build/ holds 21.50 MiB: 1.50 MiB over the buildTotalMiB budget of 20 MiB. If the growth is intended, record the new numbers in scripts/budgets.json (see README, "Budgets").',
    );
  });

  it('gives the smallest, median and largest page', () => {
    expect(spread([page('/a', 100), page('/b', 300), page('/c', 200)])).toEqual({ min: 100 * KIB, median: 200 * KIB, max: 300 * KIB });
    expect(spread([])).toEqual({ min: 0, median: 0, max: 0 });
  });
});

describe('the scripts a page names in its HTML', () => {
  it('finds script tags and script preloads, quoted or not, resolved against the page', () => {
    const html = [
      '<script type=application/ld+json>{"a":1}</script>',
      '<script src=/handbook/assets/js/runtime~main.1.js defer></script>',
      '<script src="/handbook/assets/js/main.2.js" defer></script>',
      "<link rel=preload as=script href='/handbook/assets/js/route.3.js'>",
      '<link rel="modulepreload" href="chunk.4.js">',
      '<link rel=preload as=image href=/handbook/img/logo.svg>',
      '<link rel=stylesheet href=/handbook/assets/css/styles.css>',
      '<script src=/handbook/assets/js/main.2.js defer></script>',
    ].join('');
    expect(scriptUrlsInHtml(html, 'http://127.0.0.1:9/handbook/architecture/x')).toEqual([
      'http://127.0.0.1:9/handbook/assets/js/runtime~main.1.js',
      'http://127.0.0.1:9/handbook/assets/js/main.2.js',
      'http://127.0.0.1:9/handbook/assets/js/route.3.js',
      'http://127.0.0.1:9/handbook/architecture/chunk.4.js',
    ]);
  });
});

describe('kinds of page', () => {
  it('maps a docs file to the URL path it is served at', () => {
    expect(pathOfSource('docs/architecture/structural/q01-x.mdx')).toBe('/architecture/structural/q01-x');
    expect(pathOfSource('docs/architecture/index.mdx')).toBe('/architecture');
    expect(pathOfSource('docs/index.md')).toBe('/');
  });

  it('tells question pages and pages with a Mermaid diagram apart', () => {
    const kinds = pageKinds(
      [
        { file: 'docs/architecture/structural/q01-x.mdx', source: '# Q\n\n```mermaid\nflowchart LR\n```\n' },
        { file: 'docs/architect-interview/whiteboard-method.mdx', source: '```mermaid\nflowchart LR\n```' },
        { file: 'docs/architecture/structural/q02-y.mdx', source: 'text that mentions ```mermaid inline' },
      ],
      ['/architecture/structural/q01-x', '/architecture/structural/q02-y'],
    );
    expect(
      ['/architecture/structural/q01-x', '/architect-interview/whiteboard-method', '/architecture/structural/q02-y', '/practice'].map((p) => [kinds.question(p), kinds.diagram(p)]),
    ).toEqual([
      [true, true],
      [false, true],
      [true, false],
      [false, false],
    ]);
  });
});

describe('the entry scripts', () => {
  it("are the scripts every page's HTML runs, not one page's preloads", () => {
    const html = (extra: string): string =>
      `<link rel="preload" href="/assets/js/page.js" as="script"><script src="/assets/js/runtime~main.js" defer></script><script src="/assets/js/main.js" defer></script>${extra}`;
    expect(
      entryScripts([
        { html: html('<script src="/assets/js/only-here.js"></script>'), pageUrl: 'http://localhost/a' },
        { html: html(''), pageUrl: 'http://localhost/b/c' },
      ]),
    ).toEqual(['http://localhost/assets/js/runtime~main.js', 'http://localhost/assets/js/main.js']);
  });
});

describe('the entry stylesheets', () => {
  it("are the stylesheets every page's HTML links, not one page's own or a preloaded font", () => {
    const html = (extra: string): string =>
      `<link rel="preload" href="/assets/fonts/a.woff2" as="font"><link rel="stylesheet" href="/assets/css/styles.css"><link rel="icon" href="/img/favicon.ico">${extra}`;
    expect(
      entryStylesheets([
        { html: html('<link href="/assets/css/only-here.css" rel="stylesheet">'), pageUrl: 'http://localhost/a' },
        { html: html(''), pageUrl: 'http://localhost/b/c' },
      ]),
    ).toEqual(['http://localhost/assets/css/styles.css']);
  });

  it('resolve a relative address against each page, as a browser does', () => {
    expect(entryStylesheets([{ html: '<link rel="stylesheet" href="../assets/css/styles.css">', pageUrl: 'http://localhost/handbook/architecture/x' }])).toEqual([
      'http://localhost/handbook/assets/css/styles.css',
    ]);
  });
});

describe('the budgets file', () => {
  const good: BudgetsFile = {
    recorded: {
      on: '2025-01-31',
      machine: 'AMD EPYC, 2 cores, 23 GiB, Node.js v20',
      entryJsKiB: 140,
      entryCssKiB: 25,
      questionPageJsKiB: 200,
      diagramExtraJsKiB: 180,
      anyPageJsKiB: 400,
      buildTotalMiB: 20,
      bookPdfMiB: 6,
      bookEpubMiB: 0.7,
      searchIndexKiB: 850,
    },
    budgets: {
      entryJsKiB: 150,
      entryCssKiB: 27,
      questionPageJsKiB: 220,
      diagramExtraJsKiB: 200,
      anyPageJsKiB: 440,
      buildTotalMiB: 22,
      bookPdfMiB: 6.6,
      bookEpubMiB: 0.8,
      searchIndexKiB: 900,
    },
  };

  it('accepts budgets a little above figures recorded with their day and machine', () => {
    expect(checkBudgetsFile(good)).toEqual([]);
  });

  it('rejects figures that were never recorded', () => {
    const file = { ...good, recorded: { ...good.recorded, on: 'placeholder', machine: '', questionPageJsKiB: 0 } };
    expect(checkBudgetsFile(file)).toEqual([
      'recorded.on is "placeholder": write the day of the measurement as YYYY-MM-DD',
      'recorded.machine is empty: name the machine of the measurement (CPU, cores, RAM, Node.js), as npm run bench prints it',
      'recorded.questionPageJsKiB is 0: record the figure npm run bench prints',
    ]);
  });

  it('rejects a budget below its figure or so far above it that growth would pass unnoticed', () => {
    const file = { ...good, budgets: { ...good.budgets, anyPageJsKiB: 390, buildTotalMiB: 1000 } };
    expect(checkBudgetsFile(file)).toEqual([
      'budgets.anyPageJsKiB (390) is below recorded.anyPageJsKiB (400): the build already breaks it',
      'budgets.buildTotalMiB (1000) is more than 25 % above recorded.buildTotalMiB (20): record the new figure instead of widening the margin',
    ]);
  });

  it("holds for the project's own scripts/budgets.json", () => {
    expect(checkBudgetsFile(readBudgets(path.join(PROJECT_ROOT, 'scripts/budgets.json')))).toEqual([]);
  });
});
