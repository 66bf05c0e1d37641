/**
 * The handbook as a book: the files `npm run build` writes next to the site
 * (scripts/book.ts) and the manifest it writes with their sizes and page
 * counts. The download links (src/components/BookDownloads), the book step
 * and its tests all read this one list.
 */
import type { CheatSheetPdf } from './cheatSheetPdf';

/** One paper's PDF of the book: the same facts as a cheat-sheet PDF (paper, Chromium format, file, size in points). */
export type BookPaper = CheatSheetPdf;

export const BOOK_PAPERS: readonly BookPaper[] = [
  { paper: 'A4', format: 'A4', file: 'downloads/ai-architecture-handbook-a4.pdf', widthPt: 595.28, heightPt: 841.89 },
  { paper: 'US Letter', format: 'Letter', file: 'downloads/ai-architecture-handbook-letter.pdf', widthPt: 612, heightPt: 792 },
];

export const BOOK_FILES = {
  epub: 'downloads/ai-architecture-handbook.epub',
  /** Written last by the book step: what the download links show. */
  manifest: 'downloads/ai-architecture-handbook.json',
} as const;

export interface BookFile {
  file: string;
  kind: 'pdf' | 'epub';
  /** The link's text, e.g. "PDF, A4". */
  label: string;
  bytes: number;
  /** Pages of a PDF. */
  pages?: number;
  /** Chapters of the EPUB. */
  chapters?: number;
}

export interface BookManifest {
  /** Build date, YYYY-MM-DD. */
  edition: string;
  commit: string;
  files: BookFile[];
}

/** "2.4 MB" style size for a link: one decimal, decimal megabytes as download sizes are usually given. */
export function formatSize(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** What a download link says after its label, e.g. "312 pages, 4.1 MB". */
export function describeBookFile(file: Pick<BookFile, 'bytes' | 'pages' | 'chapters'>): string {
  const count = file.pages !== undefined ? `${file.pages} pages` : file.chapters !== undefined ? `${file.chapters} chapters` : '';
  return [count, formatSize(file.bytes)].filter(Boolean).join(', ');
}
