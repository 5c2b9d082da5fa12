/*
 * Renders a DocumentModel as an archivable PDF/A-2b file for the diarium.
 *
 * Registry documents are public records that must stay readable for decades, so the output is
 * PDF/A-2b with an embedded font (DejaVu Sans: covers Swedish and typographic punctuation) and a
 * structure tree so screen readers can follow it. Page furniture (header, page numbers, the
 * protected-identity banner) is drawn after the body, because "Sida N av M" needs the final page
 * count; the body's margins keep that area free, so the two never collide.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  NOT_GIVEN,
  printableValue,
  type DocumentField,
  type DocumentModel,
  type DocumentSection,
} from './documentModel.js';

/** The words printed on every page, and put in the title, of a case with protected personal data. */
export const PROTECTED_MARK = 'SKYDDADE PERSONUPPGIFTER';

type Pdf = PDFKit.PDFDocument;
type Language = DocumentModel['language'];

const fontDirectory = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const REGULAR = join(fontDirectory, 'DejaVuSans.ttf');
const BOLD = join(fontDirectory, 'DejaVuSans-Bold.ttf');

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 57;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const BANNER_TOP = 26;
const BANNER_HEIGHT = 30;
const FOOTER_RULE_Y = PAGE_HEIGHT - 48;
const MARGIN_BOTTOM = PAGE_HEIGHT - FOOTER_RULE_Y + 14;
const BULLET_INDENT = 14;

const INK = '#111111';
const MUTED = '#4a4a4a';
const RULE = '#9a9a9a';
// Dark red with white text: contrast about 10:1, and the colour reads as a warning at a glance.
const BANNER_FILL = '#8b0000';
const BANNER_TEXT = '#ffffff';

const WORDS: Record<
  Language,
  {
    lang: string;
    noNumber: string;
    signature: string;
    classification: string;
    page: (n: number, of: number) => string;
  }
> = {
  sv: {
    lang: 'sv-SE',
    noNumber: 'Diarienummer ej tilldelat',
    signature: 'Underskrift',
    classification: 'Klassificering',
    page: (n, of) => `Sida ${n} av ${of}`,
  },
  en: {
    lang: 'en-GB',
    noNumber: 'Registration number not assigned',
    signature: 'Signature',
    classification: 'Classification',
    page: (n, of) => `Page ${n} of ${of}`,
  },
};

/** Renders a registry document as a tagged PDF/A-2b file (A4); same model, same bytes. */
export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const createdAt = parseInstant(model.createdAt, 'createdAt');
  const signedAt = model.signature
    ? stockholmMinute(parseInstant(model.signature.signedAt, 'signature.signedAt'))
    : '';
  const words = WORDS[model.language];
  const top = contentTop(model.protectedIdentity);

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: words.lang,
    displayTitle: true,
    bufferPages: true,
    // Starting in the embedded font keeps the standard Helvetica (never embedded) out of the file.
    font: REGULAR,
    info: {
      Title: metadataText(documentTitle(model)),
      Author: metadataText(model.registry.authority),
      Creator: 'Avvikelse',
      CreationDate: createdAt,
    },
  });
  const bytes = collect(doc);
  const text = textCleaner(doc);

  const root = doc.struct('Document');
  doc.addStructure(root);

  if (model.protectedIdentity) {
    drawBannerBox(doc);
    // On the first page the mark is real content, so assistive technology announces it too.
    root.add(tagged(doc, 'P', () => drawBannerText(doc)));
  }
  doc.x = MARGIN_X;
  doc.y = top;
  root.add(
    tagged(doc, 'H1', () =>
      style(doc, BOLD, 18, INK).text(text(model.documentTitle.sv), MARGIN_X, doc.y, {
        width: CONTENT_WIDTH,
      }),
    ),
  );
  doc.y += 6;

  for (const section of model.sections) {
    renderSection(doc, root, section, text);
  }
  if (model.signature) {
    const { signedBy, title } = model.signature;
    // The colon is ours: a label given as 'Beslutad av:' must not print two.
    const label = (model.signature.label ?? words.signature).replace(/:\s*$/, '');
    const who = title ? `${signedBy}, ${title}` : signedBy;
    renderSignature(doc, root, text(label), `${text(who)} — ${signedAt}`);
  }
  root.end();

  drawPageFurniture(doc, model, text);
  doc.end();
  return bytes;
}

/** Where body text starts: below the banner (if any) and the header line. */
function contentTop(protectedIdentity: boolean): number {
  return headerY(protectedIdentity) + 30;
}

function headerY(protectedIdentity: boolean): number {
  return protectedIdentity ? BANNER_TOP + BANNER_HEIGHT + 12 : BANNER_TOP + 6;
}

/** The Title entry: what a viewer's title bar, and the registry's file list, show. */
function documentTitle(model: DocumentModel): string {
  const parts = [model.documentTitle.sv];
  if (model.registry.registrationNumber) parts.push(model.registry.registrationNumber);
  if (model.protectedIdentity) parts.unshift(PROTECTED_MARK);
  return parts.join(' – ');
}

function renderSection(
  doc: Pdf,
  root: PDFKit.PDFStructureElement,
  section: DocumentSection,
  text: (raw: string) => string,
): void {
  const heading = text(section.heading);
  doc.y += 10;
  // A heading stranded at the foot of a page is useless: keep it with the first field's start.
  const [first] = section.fields;
  ensureSpace(
    doc,
    heightOf(doc, heading, BOLD, 12.5) + 8 + (first ? fieldStartHeight(doc, first, text) : 0),
  );
  const sect = doc.struct('Sect');
  root.add(sect);
  sect.add(
    tagged(doc, 'H2', () =>
      style(doc, BOLD, 12.5, INK).text(heading, MARGIN_X, doc.y, { width: CONTENT_WIDTH }),
    ),
  );
  const ruleY = doc.y + 1;
  artifact(doc, () =>
    doc
      .moveTo(MARGIN_X, ruleY)
      .lineTo(MARGIN_X + CONTENT_WIDTH, ruleY)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke(),
  );
  doc.y = ruleY + 7;
  for (const field of section.fields) {
    renderField(doc, sect, field, text);
  }
  sect.end();
}

/** Height of a field's label plus its first value line: the part that must share a page. */
function fieldStartHeight(doc: Pdf, field: DocumentField, text: (raw: string) => string): number {
  return heightOf(doc, text(field.label), BOLD, 9.5) + 2 + lineHeight(doc, REGULAR, 10.5);
}

function renderField(
  doc: Pdf,
  sect: PDFKit.PDFStructureElement,
  field: DocumentField,
  text: (raw: string) => string,
): void {
  ensureSpace(doc, fieldStartHeight(doc, field, text));
  sect.add(
    tagged(doc, 'H3', () =>
      style(doc, BOLD, 9.5, MUTED).text(text(field.label), MARGIN_X, doc.y, {
        width: CONTENT_WIDTH,
      }),
    ),
  );
  doc.y += 2;
  // Cleaning first: text of only invisible characters is blank too.
  const values = printableValue(
    typeof field.value === 'string' ? text(field.value) : (field.value?.map(text) ?? null),
  );
  if (values === null) {
    sect.add(tagged(doc, 'P', () => paragraph(doc, NOT_GIVEN, MARGIN_X, CONTENT_WIDTH)));
  } else if (typeof values === 'string') {
    sect.add(tagged(doc, 'P', () => paragraph(doc, values, MARGIN_X, CONTENT_WIDTH)));
  } else {
    const list = doc.struct('L');
    sect.add(list);
    for (const item of values) {
      ensureSpace(doc, lineHeight(doc, REGULAR, 10.5));
      const y = doc.y;
      const entry = doc.struct('LI');
      list.add(entry);
      entry.add(
        tagged(doc, 'Lbl', () =>
          style(doc, REGULAR, 10.5, INK).text('•', MARGIN_X + 2, y, { lineBreak: false }),
        ),
      );
      entry.add(
        tagged(doc, 'LBody', () =>
          paragraph(doc, item, MARGIN_X + BULLET_INDENT, CONTENT_WIDTH - BULLET_INDENT, y),
        ),
      );
      entry.end();
      doc.y += 2;
    }
    list.end();
  }
  doc.x = MARGIN_X;
  doc.y += 9;
}

function paragraph(doc: Pdf, value: string, x: number, width: number, y = doc.y): Pdf {
  return style(doc, REGULAR, 10.5, INK).text(value, x, y, { width, lineGap: 2 });
}

function renderSignature(
  doc: Pdf,
  root: PDFKit.PDFStructureElement,
  label: string,
  rest: string,
): void {
  doc.y += 16;
  const line = `${label}: ${rest}`;
  // The signature block is short: never split it from its rule.
  ensureSpace(doc, heightOf(doc, line, BOLD, 10.5) + 10);
  const ruleY = doc.y;
  artifact(doc, () =>
    doc
      .moveTo(MARGIN_X, ruleY)
      .lineTo(MARGIN_X + CONTENT_WIDTH / 2, ruleY)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke(),
  );
  doc.y = ruleY + 6;
  root.add(
    tagged(doc, 'P', () => {
      style(doc, BOLD, 10.5, INK).text(`${label}: `, MARGIN_X, doc.y, {
        width: CONTENT_WIDTH,
        continued: true,
      });
      style(doc, REGULAR, 10.5, INK).text(rest, { width: CONTENT_WIDTH });
    }),
  );
}

/** Header, footer, page numbers and (from page 2 on) the protected banner, as artifacts. */
function drawPageFurniture(doc: Pdf, model: DocumentModel, text: (raw: string) => string): void {
  const words = WORDS[model.language];
  const { start, count } = doc.bufferedPageRange();
  const y = headerY(model.protectedIdentity);
  const number = model.registry.registrationNumber
    ? text(model.registry.registrationNumber)
    : model.registry.series.trim() === ''
      ? words.noNumber
      : `${text(model.registry.series)} · ${words.noNumber}`;
  const classification = model.registry.classification?.trim()
    ? `${words.classification} ${text(model.registry.classification)}`
    : '';
  const footerNote = model.footerNote ? text(model.footerNote) : '';

  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    if (model.protectedIdentity && index > start) {
      drawBannerBox(doc);
      artifact(doc, () => drawBannerText(doc), ['Top']);
    }
    artifact(doc, () => {
      style(doc, REGULAR, 9, MUTED);
      const right = classification ? fitLine(doc, classification, CONTENT_WIDTH / 3) : '';
      const rightWidth = right ? doc.widthOfString(right) + 12 : 0;
      const suffix = ` · ${number}`;
      const authority = fitLine(
        doc,
        text(model.registry.authority),
        CONTENT_WIDTH - rightWidth - doc.widthOfString(suffix),
      );
      doc.text(`${authority}${suffix}`, MARGIN_X, y, { lineBreak: false });
      if (right) {
        doc.text(right, MARGIN_X + CONTENT_WIDTH - doc.widthOfString(right), y, {
          lineBreak: false,
        });
      }
      rule(doc, y + 14);
    }, ['Top']);
    artifact(doc, () => {
      rule(doc, FOOTER_RULE_Y);
      style(doc, REGULAR, 9, MUTED);
      const pageText = words.page(index - start + 1, count);
      const pageWidth = doc.widthOfString(pageText);
      const textY = FOOTER_RULE_Y + 7;
      if (footerNote) {
        const note = fitLine(doc, footerNote, CONTENT_WIDTH - pageWidth - 18);
        doc.text(note, MARGIN_X, textY, { lineBreak: false });
      }
      doc.text(pageText, MARGIN_X + CONTENT_WIDTH - pageWidth, textY, { lineBreak: false });
    }, ['Bottom']);
  }
}

function drawBannerBox(doc: Pdf): void {
  artifact(doc, () =>
    doc.rect(MARGIN_X, BANNER_TOP, CONTENT_WIDTH, BANNER_HEIGHT).fill(BANNER_FILL),
  );
}

function drawBannerText(doc: Pdf): Pdf {
  style(doc, BOLD, 15, BANNER_TEXT);
  const width = doc.widthOfString(PROTECTED_MARK);
  const y = BANNER_TOP + (BANNER_HEIGHT - doc.currentLineHeight()) / 2 + 1;
  return doc.text(PROTECTED_MARK, MARGIN_X + (CONTENT_WIDTH - width) / 2, y, { lineBreak: false });
}

function rule(doc: Pdf, y: number): void {
  doc
    .moveTo(MARGIN_X, y)
    .lineTo(MARGIN_X + CONTENT_WIDTH, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
}

/** A structure element whose content is what `draw` puts on the page. */
function tagged(doc: Pdf, type: string, draw: () => unknown): PDFKit.PDFStructureElement {
  return doc.struct(type, {}, () => {
    draw();
  });
}

/** Draws decoration outside the structure tree, so screen readers skip it. */
function artifact(doc: Pdf, draw: () => unknown, attached?: string[]): void {
  doc.markContent('Artifact', attached ? { type: 'Pagination', attached } : { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

function style(doc: Pdf, font: string, size: number, color: string): Pdf {
  return doc.font(font).fontSize(size).fillColor(color);
}

function lineHeight(doc: Pdf, font: string, size: number): number {
  return doc.font(font).fontSize(size).currentLineHeight(true);
}

function heightOf(doc: Pdf, text: string, font: string, size: number): number {
  return doc.font(font).fontSize(size).heightOfString(text, { width: CONTENT_WIDTH });
}

/** Starts a new page when the next block would not fit, unless the page is still empty. */
function ensureSpace(doc: Pdf, needed: number): void {
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + needed > bottom && doc.y > doc.page.margins.top) {
    doc.addPage();
  }
}

/** Shortens one-line furniture text with an ellipsis so it never runs into its neighbour. */
function fitLine(doc: Pdf, value: string, maxWidth: number): string {
  if (doc.widthOfString(value) <= maxWidth) return value;
  let kept = value;
  while (kept.length > 0 && doc.widthOfString(`${kept}…`) > maxWidth) {
    kept = kept.slice(0, -1);
  }
  return `${kept.trimEnd()}…`;
}

/**
 * Makes free text printable in the embedded fonts. PDF/A forbids drawing the .notdef glyph, so a
 * character neither font has becomes U+FFFD (which both have) instead of an invisible box;
 * invisible format characters are dropped, control characters too, and NFC keeps "å" typed as
 * a + ring (as macOS pastes it) from being drawn as two glyphs.
 */
function textCleaner(doc: Pdf): (raw: string) => string {
  const hasGlyph = glyphProbe(doc);
  return (raw) => {
    const normalised = raw
      .normalize('NFC')
      .replace(/\r\n?|[\u2028\u2029]/g, '\n')
      .replace(/\t/g, '    ')
      .replace(/\p{Default_Ignorable_Code_Point}/gu, '');
    let out = '';
    for (const char of normalised) {
      const codePoint = char.codePointAt(0) ?? 0;
      if (char !== '\n' && /\p{Cc}/u.test(char)) continue;
      out += char === '\n' || hasGlyph(codePoint) ? char : '\uFFFD';
    }
    return out;
  };
}

/** The fontkit font behind a pdfkit font: not in @types/pdfkit, so only this much is assumed. */
interface FontkitBacked {
  _font?: { font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean } };
}

/** Whether both embedded fonts can draw a character; without the probe, trusts the text. */
function glyphProbe(doc: Pdf): (codePoint: number) => boolean {
  const probes = [BOLD, REGULAR].map((font) => {
    const fontkit = (doc.font(font) as unknown as FontkitBacked)._font?.font;
    const probe = fontkit?.hasGlyphForCodePoint;
    return probe ? (codePoint: number) => probe.call(fontkit, codePoint) : () => true;
  });
  return (codePoint) => probes.every((probe) => probe(codePoint));
}

/**
 * XMP metadata is XML that pdfkit writes without escaping, and PDF/A requires it to equal the
 * Info dictionary; so markup characters become look-alikes in both rather than breaking either.
 */
function metadataText(value: string): string {
  return value
    .replace(/&/g, '＆')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\p{Cc}/gu, ' ');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Accepts only ISO instants with an offset: a bare local time would render differently per host. */
function parseInstant(value: string, field: string): Date {
  const time = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new RangeError(`${field} must be an ISO 8601 instant with offset, got "${value}"`);
  }
  return new Date(time);
}

const STOCKHOLM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:MM' in Swedish local time, as signatures are read in Sweden. */
function stockholmMinute(date: Date): string {
  const parts = STOCKHOLM.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

function collect(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
}
