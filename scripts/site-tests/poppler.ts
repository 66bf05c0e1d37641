/**
 * Reading PDFs with poppler's command-line tools (Debian: poppler-utils).
 * A missing tool fails the test with the command to install it: nothing is skipped.
 */
import { execFile, execFileSync } from 'node:child_process';

export const POPPLER_HINT = 'Install poppler-utils (Debian/Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler); .ci/run installs it.';

type PopplerTool = 'pdfinfo' | 'pdffonts' | 'pdftotext' | 'pdftoppm';
const OPTIONS = { maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' as const };

/** A missing tool as a sentence with the command to install it; any other error as it is. */
function explained(tool: PopplerTool, error: unknown): unknown {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(`poppler's ${tool} is not installed, so the cheat-sheet PDFs cannot be checked. ${POPPLER_HINT}`) : error;
}

export function poppler(tool: PopplerTool, args: string[]): Buffer {
  try {
    return execFileSync(tool, args, OPTIONS);
  } catch (error) {
    throw explained(tool, error);
  }
}

/** As poppler, without blocking: the book's tests read both PDFs (and run EPUBCheck) at once. */
export function popplerAsync(tool: PopplerTool, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, OPTIONS, (error, stdout) => (error ? reject(explained(tool, error)) : resolve(stdout)));
  });
}

export interface PdfInfo {
  title: string;
  subject: string;
  pages: number;
  widthPt: number;
  heightPt: number;
  tagged: boolean;
}

export function pdfInfo(file: string): PdfInfo {
  const text = poppler('pdfinfo', [file]).toString('utf8');
  const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
  const size = /^Page size:\s*([\d.]+) x ([\d.]+) pts/m.exec(text);
  return {
    title: field('Title'),
    subject: field('Subject'),
    pages: Number(field('Pages')),
    widthPt: Number(size?.[1]),
    heightPt: Number(size?.[2]),
    tagged: field('Tagged') === 'yes',
  };
}

export interface PdfFont {
  name: string;
  embedded: boolean;
}

/** Rows of `pdffonts`; the emb column is the third from the right of the fixed-width table. */
export function pdfFonts(file: string): PdfFont[] {
  const lines = poppler('pdffonts', [file])
    .toString('utf8')
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const cells = line.trim().split(/\s+/);
    return { name: cells[0]!, embedded: cells.at(-5) === 'yes' };
  });
}

/** Text of one page (1-based), or of the whole document, with runs of white space (and KaTeX's zero-width struts) collapsed. */
export function pdfText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return poppler('pdftotext', [...range, file, '-'])
    .toString('utf8')
    .replace(/[\u200b\u200c\u200d]/g, '')
    .replace(/\s+/g, ' ');
}

/** Link targets, from `pdfinfo -url`. */
export function pdfLinks(file: string): { page: number; url: string }[] {
  return poppler('pdfinfo', ['-url', file])
    .toString('utf8')
    .split('\n')
    .slice(1)
    .map((line) => /^\s*(\d+)\s+\S+\s+(\S+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ page: Number(m[1]), url: m[2]! }));
}

/** Mean grey level (0 black, 255 white) of a page rendered at low resolution. */
export function meanGrey(file: string, page: number): number {
  const pgm = poppler('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), file]);
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PGM image');
  const pixels = pgm.subarray(header[0].length);
  let sum = 0;
  for (const value of pixels) sum += value;
  return sum / pixels.length;
}

/** Text of every page, in order (pdftotext ends each page with a form feed), whitespace collapsed as in pdfText. */
export async function pdfPages(file: string): Promise<string[]> {
  const pages = (await popplerAsync('pdftotext', [file, '-'])).toString('utf8').split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((text) =>
    text
      .replace(/[\u200b\u200c\u200d]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

export interface PdfWord {
  page: number;
  xMax: number;
  /** Top and bottom of the word, in points from the top of the page. */
  yMin: number;
  yMax: number;
  text: string;
}

const decodeXml = (text: string): string => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!);

/** Every word with its box, in points, from `pdftotext -bbox`. */
export async function pdfWords(file: string): Promise<PdfWord[]> {
  const html = (await popplerAsync('pdftotext', ['-bbox', file, '-'])).toString('utf8');
  const words: PdfWord[] = [];
  let page = 0;
  for (const match of html.matchAll(/<page\b|<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[0] === '<page') page++;
    else words.push({ page, yMin: Number(match[1]), xMax: Number(match[2]), yMax: Number(match[3]), text: decodeXml(match[4]!) });
  }
  return words;
}
