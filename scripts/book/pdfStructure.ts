/**
 * Reads the structure Chromium writes into a PDF, with pdf-lib: the named
 * destinations (one per link target, so one per book entry), the outline
 * (bookmarks) and the link annotations. The book step uses the destinations
 * to learn where each entry starts; the tests use all three.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

export interface OutlineItem {
  title: string;
  /** 0 for a top-level bookmark. */
  depth: number;
  /** 1-based page the bookmark opens, or undefined when it names no page. */
  page: number | undefined;
}

export interface PdfLink {
  /** 1-based page the link is on. */
  page: number;
  /** A web address, for a link out of the document. */
  uri?: string;
  /** 1-based page the link goes to, for a link inside the document (undefined when its destination is missing). */
  target?: number;
  /** True for a link inside the document, whether or not its destination resolves. */
  internal: boolean;
}

export interface PdfStructure {
  pages: number;
  /** Named destination -> 1-based page. */
  destinations: Map<string, number>;
  outline: OutlineItem[];
  links: PdfLink[];
}

const text = (value: PDFObject | undefined): string | undefined => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
const nameOf = (value: PDFObject | undefined): string | undefined => (value instanceof PDFName ? value.decodeText() : text(value));

export async function readPdfStructure(bytes: Uint8Array): Promise<PdfStructure> {
  return pdfStructureOf(await PDFDocument.load(bytes, { updateMetadata: false }));
}

/** The structure of a PDF already loaded (the book step goes on to set its metadata, without parsing it again). */
export function pdfStructureOf(document: PDFDocument): PdfStructure {
  const { context, catalog } = document;
  const pageNumber = new Map(document.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const lookup = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? context.lookup(value) : value);
  const pageOfDest = (dest: PDFObject | undefined): number | undefined => {
    const array = lookup(dest);
    if (array instanceof PDFDict) return pageOfDest(array.get(PDFName.of('D')));
    if (!(array instanceof PDFArray)) return undefined;
    const first = array.get(0);
    return first instanceof PDFRef ? pageNumber.get(first.toString()) : undefined;
  };

  const destinations = new Map<string, number>();
  // Destinations either as a dictionary in the catalogue (PDF 1.1) or as a name tree (PDF 1.2).
  const dests = lookup(catalog.get(PDFName.of('Dests')));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) {
      const page = pageOfDest(value);
      if (page !== undefined) destinations.set(key.decodeText(), page);
    }
  }
  const walkNameTree = (node: PDFObject | undefined): void => {
    const dict = lookup(node);
    if (!(dict instanceof PDFDict)) return;
    const names = lookup(dict.get(PDFName.of('Names')));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = text(names.get(i));
        const page = pageOfDest(names.get(i + 1));
        if (key !== undefined && page !== undefined) destinations.set(key, page);
      }
    }
    const kids = lookup(dict.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walkNameTree(kids.get(i));
  };
  const namesDict = lookup(catalog.get(PDFName.of('Names')));
  if (namesDict instanceof PDFDict) walkNameTree(namesDict.get(PDFName.of('Dests')));

  const resolveDest = (dest: PDFObject | undefined): number | undefined => {
    const named = nameOf(lookup(dest));
    return named !== undefined ? destinations.get(named) : pageOfDest(dest);
  };

  const outline: OutlineItem[] = [];
  const walkOutline = (first: PDFObject | undefined, depth: number): void => {
    for (let item = lookup(first); item instanceof PDFDict; item = lookup(item.get(PDFName.of('Next')))) {
      const action = lookup(item.get(PDFName.of('A')));
      const dest = item.get(PDFName.of('Dest')) ?? (action instanceof PDFDict ? action.get(PDFName.of('D')) : undefined);
      outline.push({ title: text(lookup(item.get(PDFName.of('Title')))) ?? '', depth, page: resolveDest(dest) });
      walkOutline(item.get(PDFName.of('First')), depth + 1);
    }
  };
  const outlines = lookup(catalog.get(PDFName.of('Outlines')));
  if (outlines instanceof PDFDict) walkOutline(outlines.get(PDFName.of('First')), 0);

  const links: PdfLink[] = [];
  document.getPages().forEach((page, index) => {
    const annots = lookup(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return;
    for (let i = 0; i < annots.size(); i++) {
      const annot = lookup(annots.get(i));
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const action = lookup(annot.get(PDFName.of('A')));
      const uri = action instanceof PDFDict ? text(lookup(action.get(PDFName.of('URI')))) : undefined;
      if (uri !== undefined) {
        links.push({ page: index + 1, uri, internal: false });
        continue;
      }
      const dest = annot.get(PDFName.of('Dest')) ?? (action instanceof PDFDict ? action.get(PDFName.of('D')) : undefined);
      if (dest !== undefined) links.push({ page: index + 1, target: resolveDest(dest), internal: true });
    }
  });
  return { pages: document.getPageCount(), destinations, outline, links };
}
