import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import type { ReactNode } from 'react';
import { CHEAT_SHEET_PDFS } from '../../lib/cheatSheetPdf';
import styles from './styles.module.css';

function PdfLink({ file, paper }: { readonly file: string; readonly paper: string }): ReactNode {
  // A plain anchor: the PDFs are written after the site build, so the router must not treat them as pages.
  return (
    <a className="button button--primary button--sm" href={useBaseUrl(`/${file}`)} download data-pdf={paper}>
      PDF, {paper}
    </a>
  );
}

/** Screen-only box at the top of the cheat sheet: the two PDFs and the calculators. */
export default function CheatSheetDownloads(): ReactNode {
  return (
    <aside className={`${styles.box} handbook-screen-only`} aria-label="Downloads">
      <p>
        Print this page, or download it ready to print on one sheet of paper (two sides). Every number in the worked examples is computed by the handbook&apos;s tested code, the
        same functions the <Link to="/tools">calculators</Link> use.
      </p>
      <p className={styles.links}>
        {CHEAT_SHEET_PDFS.map((pdf) => (
          <PdfLink key={pdf.file} file={pdf.file} paper={pdf.paper} />
        ))}
      </p>
    </aside>
  );
}
