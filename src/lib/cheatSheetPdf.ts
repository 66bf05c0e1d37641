/**
 * Where the printable cheat sheet lives: the page that is printed and the two
 * PDFs written next to the build. The page's download links, the PDF script
 * and its tests all read this one list.
 */
export const CHEAT_SHEET_ROUTE = '/cheat-sheet';

export interface CheatSheetPdf {
  /** As shown to readers. */
  readonly paper: 'A4' | 'US Letter';
  /** Chromium's paper format name. */
  readonly format: 'A4' | 'Letter';
  /** Path inside the build directory, and URL path under the site's base URL. */
  readonly file: string;
  /** Page size in PostScript points (1/72 inch). */
  readonly widthPt: number;
  readonly heightPt: number;
}

export const CHEAT_SHEET_PDFS: readonly CheatSheetPdf[] = [
  { paper: 'A4', format: 'A4', file: 'downloads/ai-architecture-cheat-sheet-a4.pdf', widthPt: 595.28, heightPt: 841.89 },
  { paper: 'US Letter', format: 'Letter', file: 'downloads/ai-architecture-cheat-sheet-letter.pdf', widthPt: 612, heightPt: 792 },
];

/** The sheet's promise: formulas on the first page, everything on at most two. */
export const CHEAT_SHEET_MAX_PAGES = 2;
