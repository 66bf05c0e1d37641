import useBaseUrl from '@docusaurus/useBaseUrl';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { BOOK_FILES, BOOK_PAPERS, describeBookFile, type BookManifest } from '../../lib/bookDownloads';
import styles from './styles.module.css';

const LINKS = [...BOOK_PAPERS.map((p) => ({ file: p.file, label: `PDF, ${p.paper}` })), { file: BOOK_FILES.epub, label: 'EPUB' }];

/**
 * The whole handbook as a book (PDF on two papers, EPUB), with each file's
 * page count and size. The book is made after the site (scripts/book.ts),
 * so the figures are not known when this renders: the book step writes them
 * into the built HTML, in the `data-book-facts` spans, and this component
 * keeps that text (suppressHydrationWarning) and, after a client-side
 * navigation, reads the same figures from the book's manifest.
 */
export default function BookDownloads(): ReactNode {
  const manifestUrl = useBaseUrl(`/${BOOK_FILES.manifest}`);
  const [facts, setFacts] = useState<Record<string, string>>({});
  useEffect(() => {
    // The book step wrote the figures into this page's HTML; only a page rendered in the browser (after a link was followed) lacks them.
    if (document.querySelector('[data-book-facts]')?.textContent) return undefined;
    let live = true;
    fetch(manifestUrl)
      .then((response) => (response.ok ? (response.json() as Promise<BookManifest>) : undefined))
      .then((manifest) => {
        if (live && manifest) setFacts(Object.fromEntries(manifest.files.map((f) => [f.file, `(${describeBookFile(f)})`])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [manifestUrl]);
  const base = useBaseUrl('/');
  return (
    <aside className={`${styles.box} handbook-screen-only`} aria-label="The handbook as a book">
      <p>
        <strong>The whole handbook as a book</strong>, for the train, the plane or paper: every question of every track, the whiteboard method, the quick hits and the cheat sheet,
        rebuilt from the site on every change.
      </p>
      <ul className={styles.links}>
        {LINKS.map(({ file, label }) => (
          <li key={file}>
            {/* A plain anchor: the book is written after the site build, so the router must not treat it as a page. */}
            <a href={`${base}${file}`} download data-book-file={file}>
              {label}
            </a>{' '}
            <span data-book-facts={file} suppressHydrationWarning>
              {facts[file] ?? ''}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
