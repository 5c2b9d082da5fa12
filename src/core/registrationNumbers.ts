/**
 * Registration numbers (diarienummer) in the SPEC §5 format `<series> <year>-<sequence>-<class>`,
 * e.g. `AMN 2020-0576-1.3`. The sequence counts per series and year; stores allocate it
 * atomically with the case so numbers are unique and gap-free.
 */

/** The parts of a registration number. */
export interface RegistrationNumberParts {
  series: string;
  year: number;
  sequence: number;
  classification: string;
}

const SERIES = /^[A-ZÅÄÖ]{1,10}$/;
const CLASSIFICATION = /^\d+(\.\d+)*$/;
const PATTERN = /^([A-ZÅÄÖ]{1,10}) (\d{4})-(\d{4,})-(\d+(?:\.\d+)*)$/;

/** Whether a series code and classification are well-formed (used by the routing table's schema). */
export function isValidSeries(series: string): boolean {
  return SERIES.test(series);
}

/** Whether a classification (klassificering, e.g. `1.3`) is well-formed. */
export function isValidClassification(classification: string): boolean {
  return CLASSIFICATION.test(classification);
}

/** Formats the parts; the sequence is zero-padded to four digits. */
export function formatRegistrationNumber(parts: RegistrationNumberParts): string {
  if (!isValidSeries(parts.series)) throw new RangeError(`Invalid series: ${parts.series}`);
  if (!isValidClassification(parts.classification)) {
    throw new RangeError(`Invalid classification: ${parts.classification}`);
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) {
    throw new RangeError(`Invalid sequence: ${String(parts.sequence)}`);
  }
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
    throw new RangeError(`Invalid year: ${String(parts.year)}`);
  }
  const sequence = String(parts.sequence).padStart(4, '0');
  return `${parts.series} ${String(parts.year)}-${sequence}-${parts.classification}`;
}

/** Parses a registration number, or returns null if it is not one. */
export function parseRegistrationNumber(text: string): RegistrationNumberParts | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, series, year, sequence, classification] = match;
  if (series === undefined || year === undefined || sequence === undefined) return null;
  if (classification === undefined) return null;
  const parts = { series, year: Number(year), sequence: Number(sequence), classification };
  // Only what formatRegistrationNumber writes: no sequence 0, no year before 1000, and no extra
  // leading zeros, so one number has one spelling and cannot be registered twice.
  if (parts.sequence < 1 || parts.year < 1000) return null;
  if (String(parts.sequence).padStart(4, '0') !== sequence) return null;
  return parts;
}
