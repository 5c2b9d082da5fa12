/*
 * Reads PDFs back with pdf.js, the way a viewer or the registry's full-text index would.
 * pdf.js may split or join text runs differently from how they were drawn, so callers compare
 * whitespace-normalised text.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

/** One run of text on a page: baseline position in PDF points (origin bottom left), font and size. */
export interface PdfTextItem {
  text: string;
  x: number;
  y: number;
  fontSize: number;
  /** The font's PostScript name as embedded, e.g. 'BZZZZZ+DejaVuSans'. */
  font: string;
}

/** A font as a page uses it: whether its program is inside the file. */
export interface PdfFont {
  name: string;
  embedded: boolean;
}

/** Collapses every run of whitespace to one space and trims, for layout-independent comparison. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Opens a PDF with pdf.js; the caller must `destroy()` it. */
export async function openPdf(pdf: Buffer): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (and may detach) the array it gets: give it a copy.
  return pdfjs.getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

/** Runs `read` on every page of the PDF, page 1 first. */
async function eachPage<T>(pdf: Buffer, read: (page: PDFPageProxy) => Promise<T>): Promise<T[]> {
  const document = await openPdf(pdf);
  try {
    const results: T[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      results.push(await read(await document.getPage(number)));
    }
    return results;
  } finally {
    await document.destroy();
  }
}

/** What pdf.js keeps about a loaded font; only the fields these helpers read. */
interface LoadedFont {
  name?: unknown;
  missingFile?: unknown;
}

/** The fonts a page draws with, keyed by pdf.js's id for them. */
async function pageFonts(page: PDFPageProxy): Promise<Map<string, PdfFont>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Fonts reach commonObjs only once the page's drawing operators have been parsed.
  const operators = await page.getOperatorList();
  const fonts = new Map<string, PdfFont>();
  operators.fnArray.forEach((operator, index) => {
    if (operator !== pdfjs.OPS.setFont) return;
    const args: unknown = operators.argsArray[index];
    const id = Array.isArray(args) ? (args as unknown[])[0] : undefined;
    if (typeof id !== 'string' || fonts.has(id)) return;
    const font = page.commonObjs.get(id) as LoadedFont;
    fonts.set(id, {
      name: typeof font.name === 'string' ? font.name : id,
      embedded: font.missingFile === false,
    });
  });
  return fonts;
}

/** The text items of every page, in drawing order; line ends are kept as '\n' items. */
export async function extractPdfItems(pdf: Buffer): Promise<PdfTextItem[][]> {
  return eachPage(pdf, async (page) => {
    const content = await page.getTextContent();
    const fonts = await pageFonts(page);
    const items: PdfTextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      items.push({
        text: item.str + (item.hasEOL ? '\n' : ''),
        x: item.transform[4] as number,
        y: item.transform[5] as number,
        fontSize: Math.hypot(item.transform[2] as number, item.transform[3] as number),
        font: fonts.get(item.fontName)?.name ?? item.fontName,
      });
    }
    return items;
  });
}

/** Every distinct font the document draws with, and whether it is embedded. */
export async function extractPdfFonts(pdf: Buffer): Promise<PdfFont[]> {
  const perPage = await eachPage(pdf, pageFonts);
  const byName = new Map<string, PdfFont>();
  for (const font of perPage.flatMap((fonts) => [...fonts.values()])) {
    byName.set(font.name, font);
  }
  return [...byName.values()];
}

/** The whitespace-normalised text of each page, page 1 first. */
export async function extractPdfPages(pdf: Buffer): Promise<string[]> {
  return eachPage(pdf, async (page) => {
    const content = await page.getTextContent();
    const runs = content.items.map((item) =>
      'str' in item ? item.str + (item.hasEOL ? '\n' : '') : '',
    );
    return normaliseWhitespace(runs.join(' '));
  });
}
