/**
 * Runs inside a built page, in the browser, once its diagrams are drawn:
 * takes the page's content out of the site's frame and makes it a chapter of
 * the book. Everything here must be self-contained (Playwright sends the
 * function's source to the page), so it imports nothing.
 *
 * - The site's title header is dropped: the book prints its own heading.
 * - A calculator becomes its worked example: the default inputs and results, as text.
 * - Code blocks become plain preformatted text.
 * - Controls (buttons, share links, heading anchors) are removed; folded details are opened.
 * - Headings move down by `shift` levels, so a question's sections nest under its title.
 * - Every id gets the chapter's prefix, so ids stay unique in one book; a diagram's own
 *   ids (which its styles and markers name) are renamed inside the SVG as well.
 * - A link to a page of the book becomes `#<chapter>` or `#<chapter>--<anchor>`; a link
 *   to another page of the site goes to the published site; a web link whose text is
 *   not its address carries the address in `data-book-url` for print to show.
 */

export interface ExtractOptions {
  /** This chapter's id (the id prefix). */
  prefix: string;
  /** Heading levels to add (a question's h2 becomes an h4 when shift is 2). */
  shift: number;
  /** Route (without base URL) -> chapter id, for every page in the book. */
  chapters: Record<string, string>;
  /** The site's base URL, e.g. "/" or "/handbook/". */
  baseUrl: string;
  /** The published site's address with its base path and no trailing slash, e.g. https://x.github.io/handbook. */
  publicSite: string;
}

export interface ExtractedChapter {
  /** The content as HTML, for the PDF. */
  html: string;
  /** The same content as XHTML (one `<div>` in the XHTML namespace), for the EPUB. */
  xhtml: string;
  diagrams: number;
  formulas: number;
  /** Style sheets the page uses, as absolute URLs. */
  stylesheets: string[];
}

export function extractChapter(options: ExtractOptions): ExtractedChapter {
  const { prefix, shift, chapters, baseUrl, publicSite } = options;
  const live = document.querySelector<HTMLElement>('article .theme-doc-markdown');
  if (!live) throw new Error(`${location.pathname} has no article content (.theme-doc-markdown)`);
  // Calculators' current values live in their fields' properties, which a copy does not keep: read them first.
  const worked = [...live.querySelectorAll<HTMLFormElement>('form.handbook-calculator')].map((form) => ({
    title: `${form.getAttribute('aria-label') ?? 'Calculator'}: worked example`,
    fields: [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
      .map((field) => ({
        label: field.labels?.[0]?.textContent?.trim() ?? '',
        value: field instanceof HTMLSelectElement ? (field.selectedOptions[0]?.text ?? field.value) : field.value,
      }))
      .filter((f) => f.label),
  }));
  // The page stays React's: work on a copy, so the site can go on to the next page.
  const root = live.cloneNode(true) as HTMLElement;
  const stylesheets = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.href);

  root.querySelector(':scope > header:has(h1)')?.remove();

  root.querySelectorAll<HTMLFormElement>('form.handbook-calculator').forEach((form, index) => {
    const example = document.createElement('div');
    example.className = 'book-calculator';
    const title = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = worked[index]?.title ?? 'Calculator: worked example';
    title.append(strong);
    const inputs = document.createElement('dl');
    for (const { label, value } of worked[index]?.fields ?? []) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      inputs.append(dt, dd);
    }
    const results = form.querySelector('[role="status"] dl');
    example.append(title, inputs);
    if (results) {
      const heading = document.createElement('p');
      heading.textContent = 'Result:';
      example.append(heading, results);
    }
    form.replaceWith(example);
  });

  // Code as plain preformatted text, out of the site's code-block frame: one text node per block instead of a
  // highlighted span per token and a table row per line inside a scrolling frame, which made Chromium's print
  // layout of the book eight times slower; paper shows code in one colour anyway. A block's title (its file) stays.
  for (const pre of root.querySelectorAll('pre')) {
    const lines = pre.querySelectorAll('.token-line');
    const text = lines.length > 0 ? [...lines].map((line) => (line.textContent ?? '').replace(/\n$/, '')).join('\n') : (pre.textContent ?? '');
    const code = document.createElement('code');
    code.textContent = text.replace(/\n+$/, '');
    const plain = document.createElement('pre');
    plain.className = 'book-code';
    plain.append(code);
    const frame = pre.closest('.theme-code-block');
    const title = frame?.querySelector('[class*="codeBlockTitle"]')?.textContent?.trim();
    const replaced: Node[] = [plain];
    if (title) {
      const caption = document.createElement('p');
      caption.className = 'book-code-title';
      caption.textContent = title;
      replaced.unshift(caption);
    }
    (frame ?? pre).replaceWith(...replaced);
  }
  for (const details of root.querySelectorAll('details')) details.setAttribute('open', '');
  for (const control of root.querySelectorAll(
    'button, input, select, textarea, script, noscript, .hash-link, [data-share-link], .handbook-screen-only, .handbook-visually-hidden, [role="status"]:empty',
  )) {
    control.remove();
  }

  if (shift > 0) {
    for (const heading of [...root.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')]) {
      const level = Math.min(6, Number(heading.tagName[1]) + shift);
      const moved = document.createElement(`h${level}`);
      for (const attribute of heading.attributes) moved.setAttribute(attribute.name, attribute.value);
      moved.append(...heading.childNodes);
      heading.replaceWith(moved);
    }
  }

  let diagrams = 0;
  for (const svg of root.querySelectorAll<SVGSVGElement>('.docusaurus-mermaid-container svg[id]')) {
    // On paper a diagram is one block that cannot be split: as wide as the column at most, and never taller
    // than a page (215 mm fits A4 and Letter with a heading above it), keeping its proportions.
    const box = svg.viewBox.baseVal;
    if (box && box.width > 0 && box.height > 0) {
      svg.setAttribute(
        'style',
        `max-width: 100% !important; width: min(100%, ${Math.round(box.width)}px, ${((215 * box.width) / box.height).toFixed(1)}mm) !important; height: auto !important;`,
      );
    }
    const old = svg.id;
    const renamed = `${prefix}--${old}`;
    svg.innerHTML = svg.innerHTML.split(old).join(renamed);
    svg.id = renamed;
    diagrams++;
  }
  for (const element of root.querySelectorAll<HTMLElement>('[id]')) {
    if (element.closest('svg')) continue;
    element.id = `${prefix}--${element.id}`;
  }
  for (const element of root.querySelectorAll('[aria-labelledby], [aria-describedby], label[for]')) {
    for (const name of ['aria-labelledby', 'aria-describedby', 'for']) {
      const value = element.getAttribute(name);
      if (value && !element.closest('svg'))
        element.setAttribute(
          name,
          value
            .split(/\s+/)
            .map((id) => `${prefix}--${id}`)
            .join(' '),
        );
    }
  }

  const chapterOf = (pathname: string): string | undefined => {
    if (!pathname.startsWith(baseUrl)) return undefined;
    const route = `/${pathname.slice(baseUrl.length)}`
      .replace(/\.html$/, '')
      .replace(/\/index$/, '')
      .replace(/(.)\/$/, '$1');
    return chapters[route];
  };
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const raw = a.getAttribute('href')!;
    if (raw.startsWith('#')) {
      a.setAttribute('href', `#${prefix}--${decodeURIComponent(raw.slice(1))}`);
      continue;
    }
    const target = new URL(raw, location.href);
    if (target.origin === location.origin) {
      const chapter = chapterOf(target.pathname);
      if (chapter) {
        const hash = decodeURIComponent(target.hash.slice(1));
        a.setAttribute('href', hash ? `#${chapter}--${hash}` : `#${chapter}`);
        a.setAttribute('data-book-internal', '');
        continue;
      }
      a.setAttribute('href', `${publicSite}${target.pathname.slice(baseUrl.length - 1)}${target.search}${target.hash}`);
    }
    a.removeAttribute('target');
    a.removeAttribute('rel');
    const address = a.getAttribute('href')!;
    if (/^https?:/.test(address)) {
      const shown = (a.textContent ?? '')
        .trim()
        .replace(/^https?:\/\//, '')
        .replace(/\/$/, '');
      if (shown !== address.replace(/^https?:\/\//, '').replace(/\/$/, '')) a.setAttribute('data-book-url', address.replace(/^https?:\/\//, ''));
    }
  }
  const formulas = root.querySelectorAll('.katex').length;
  const html = root.innerHTML;

  // The EPUB takes MathML only (KaTeX's HTML rendering needs its CSS and fonts) and no class names of the site.
  const copy = root.cloneNode(true) as HTMLElement;
  for (const katex of copy.querySelectorAll('.katex')) {
    const math = katex.querySelector('.katex-mathml math');
    if (math) katex.replaceWith(math);
  }
  for (const element of copy.querySelectorAll('[class]')) {
    if (!element.closest('svg')) element.removeAttribute('class');
  }
  for (const element of copy.querySelectorAll('[style]')) {
    if (!element.closest('svg')) element.removeAttribute('style');
  }
  copy.removeAttribute('class');
  // What EPUB's XHTML and SVG schemas reject in Mermaid's output and the site's markup, made valid.
  for (const p of copy.querySelectorAll('foreignObject p')) {
    const span = document.createElement('span');
    span.append(...p.childNodes);
    p.replaceWith(span);
  }
  for (const rect of copy.querySelectorAll('svg rect')) {
    for (const size of ['width', 'height']) if (!rect.hasAttribute(size)) rect.setAttribute(size, '0');
  }
  for (const element of copy.querySelectorAll('svg [name]')) element.removeAttribute('name');
  for (const circle of copy.querySelectorAll('svg circle')) {
    circle.removeAttribute('width');
    circle.removeAttribute('height');
  }
  for (const svg of copy.querySelectorAll('svg[role]')) svg.setAttribute('role', 'img');
  for (const figure of copy.querySelectorAll('figure')) {
    const caption = figure.querySelector(':scope > figcaption');
    if (caption && caption !== figure.firstElementChild && caption !== figure.lastElementChild) figure.append(caption);
  }
  const xhtml = new XMLSerializer().serializeToString(copy);
  return { html, xhtml, diagrams, formulas, stylesheets };
}
