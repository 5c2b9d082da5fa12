/*
 * The format-neutral description of a registry document (report, investigation, delegated
 * decision). Builders turn a case into this shape; renderers (PDF today) turn it into bytes, so
 * the wording of a document is decided once and every format shows the same thing.
 */

/** A complete registry document, ready to be rendered into any output format. */
export interface DocumentModel {
  /** The document's name as printed, e.g. 'Rapport enligt lex Sarah'. */
  documentTitle: { sv: string };
  /** Where the document is kept in the diarium; printed in the header of every page. */
  registry: {
    /** The board that owns the case, e.g. 'Arbetsmarknadsnämnden'. */
    authority: string;
    /** Registry series, e.g. 'AMN'. */
    series: string;
    /** E.g. 'AMN 2020-0576-1.3'; null until the registrar has registered the case. */
    registrationNumber: string | null;
    /** Classification code in the records plan, e.g. '1.3'. */
    classification?: string;
  };
  /** The case concerns a person with protected personal data (SPEC §6): marked on every page. */
  protectedIdentity: boolean;
  sections: DocumentSection[];
  /** Who signed, taken from the authenticated identity, never typed. */
  signature?: {
    signedBy: string;
    title?: string;
    /** ISO 8601 instant; printed in Europe/Stockholm time. */
    signedAt: string;
    /** Defaults to 'Underskrift' ('Signature' in English documents). */
    label?: string;
  };
  /** Printed in the footer of every page, e.g. 'Original till registrator'. */
  footerNote?: string;
  /** ISO 8601 instant; the PDF creation date, fixed so the same case renders to the same bytes. */
  createdAt: string;
  /** Language of the page furniture (page numbers, fallbacks) and of the PDF's Lang entry. */
  language: 'sv' | 'en';
}

/** A headed group of fields, e.g. 'Händelsen' or 'Bakomliggande orsaker'. */
export interface DocumentSection {
  heading: string;
  fields: DocumentField[];
}

/** One label and its value; a list prints as bullet lines, null or blank prints as '—'. */
export interface DocumentField {
  label: string;
  /** null means "ej angivet" and prints as an em dash, so a blank is never mistaken for a gap. */
  value: string | string[] | null;
}

/** Printed for a value that was not given ("ej angivet"), the same in every output format. */
export const NOT_GIVEN = '—';

/** A value as it prints: null when nothing was given (also blank text or a list of blanks). */
export function printableValue(value: DocumentField['value']): string | string[] | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  const items = value.filter((item) => item.trim() !== '');
  return items.length === 0 ? null : items;
}
