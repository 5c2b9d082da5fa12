/**
 * Finds personal data in free text so the intake can offer the reporter a masked version
 * (SPEC §2) and the Outlook add-in can send counts instead of values (SPEC §3).
 *
 * Findings carry offsets only, never the matched text: a value that is never copied into a
 * finding cannot end up in a log line by accident.
 */

/** What kind of personal data a finding is. */
export type PersonalDataKind =
  'personalIdentityNumber' | 'coordinationNumber' | 'phoneNumber' | 'email';

/** One piece of personal data found in a text: its kind and its [start, end) UTF-16 offsets. */
export interface PersonalDataFinding {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  personalIdentityNumber: '[personnummer]',
  coordinationNumber: '[samordningsnummer]',
  phoneNumber: '[telefonnummer]',
  email: '[e-postadress]',
};

// A number is only a candidate when it is a whole number: not glued to letters or digits, and
// not one part of a longer number joined by punctuation ("AMN 2020-0576-1.3", "1 234,50",
// "14:00", "27.05.2020"). Otherwise sub-runs of long digit strings would match.
const NUMBER_START = String.raw`(?<![\p{L}\p{N}_]|\p{N}[\-+–.,/:])`;
const NUMBER_END = String.raw`(?![\p{L}\p{N}_]|[\-+–.,/:]\p{N})`;

// The en dash is accepted next to the hyphen because word processors and Outlook replace one
// with the other.
const IDENTITY_NUMBER = new RegExp(
  `${NUMBER_START}(\\d{8}|\\d{6})([-+–]?)(\\d{4})${NUMBER_END}`,
  'gu',
);
const WHOLE_IDENTITY_NUMBER = /^(\d{8}|\d{6})([-+–]?)(\d{4})$/u;

// Swedish numbers: trunk prefix 0 (written "0", "(0)" or inside "(08)") or country code +46 /
// 0046, then the national number in groups separated by a space, a hyphen or " - ". Digit and
// group counts are bounded (a valid number has at most 13 digits) so that a long run of
// grouped digits costs linear time instead of quadratic.
const SPACE = '[ \\u00A0]';
const PHONE_HEAD = [
  String.raw`(?:\+|00)46[ \u00A0\-]?(?:\(0\)[ \u00A0\-]?|0)?[1-9]\d{0,10}`,
  String.raw`\(0\)[ \u00A0\-]?[1-9]\d{0,10}`,
  String.raw`\(0[1-9]\d{0,2}\)[ \u00A0]?\d{1,10}`,
  String.raw`0[1-9]\d{0,10}`,
].join('|');
const PHONE_GROUP = `(?:${SPACE}?[-–]${SPACE}?|${SPACE})\\d{2,10}`;
// Unlike other numbers, a phone number also may not start right after a short digit group and
// a space, or the "01 10 000" in "postnummer 100 01 10 000 kr" would be read as 01-10 000.
// A longer group before it ("pnr 811218-9876 070-123 45 67") is left alone.
const PHONE_START = String.raw`(?<![\p{L}\p{N}_]|\p{N}[\-+–.,/:]|(?:^|\P{N})\p{N}{1,3}[ \u00A0])`;
const PHONE_NUMBER = new RegExp(
  `${PHONE_START}(?:${PHONE_HEAD})(?:${PHONE_GROUP}){0,6}${NUMBER_END}`,
  'gu',
);

// RFC 5322 atext plus any letter or digit (RFC 6531 allows "åsa.öberg@kommun.se"). The start
// must not follow atext so each address is tried once, from its first character.
const ATEXT = "\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~\\-";
const DOMAIN_LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?`;
const EMAIL = new RegExp(
  `(?<![${ATEXT}.])[${ATEXT}]+(?:\\.[${ATEXT}]+)*@(?:${DOMAIN_LABEL}\\.)+\\p{L}{2,63}`,
  'gu',
);

/** Luhn check digit (a personnummer's last digit) of nine digits; throws RangeError otherwise. */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) {
    throw new RangeError('luhnCheckDigit needs exactly nine digits');
  }
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    const product = (nineDigits.charCodeAt(index) - 48) * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for a valid personnummer or samordningsnummer in any accepted format. */
export function isValidPersonalIdentityNumber(value: string): boolean {
  const match = WHOLE_IDENTITY_NUMBER.exec(value.trim());
  return match !== null && identityKind(match[1] ?? '', match[2] ?? '', match[3] ?? '') !== null;
}

/** Finds identity numbers, phone numbers and e-mail addresses: sorted, non-overlapping. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  // Earlier detectors win an overlap: an address may contain digits ("0701234567@sms.se"),
  // and a 10-digit mobile number written without separators may also be a valid personnummer,
  // in which case the more sensitive reading is kept.
  const candidates = [...findEmails(text), ...findIdentityNumbers(text), ...findPhoneNumbers(text)];
  // Kept sorted by start so each overlap test looks at two neighbours only: a long Cc list
  // holds thousands of addresses.
  const accepted: PersonalDataFinding[] = [];
  for (const candidate of candidates) {
    let low = 0;
    let high = accepted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((accepted[middle]?.start ?? 0) < candidate.start) low = middle + 1;
      else high = middle;
    }
    const before = accepted[low - 1];
    const after = accepted[low];
    const overlaps =
      (before !== undefined && before.end > candidate.start) ||
      (after !== undefined && after.start < candidate.end);
    if (!overlaps) {
      accepted.splice(low, 0, candidate);
    }
  }
  return accepted;
}

/** Replaces each finding (found here if not given) by its placeholder, e.g. "[personnummer]". */
export function maskPersonalData(
  text: string,
  findings: PersonalDataFinding[] = findPersonalData(text),
): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let masked = '';
  let cursor = 0;
  for (const finding of ordered) {
    const { start, end } = finding;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end > text.length ||
      start >= end
    ) {
      throw new RangeError('A finding does not fit the text it is meant to mask');
    }
    // Overlapping findings from a caller are merged rather than skipped, so no part of a
    // value is ever left in clear text.
    if (start < cursor) {
      cursor = Math.max(cursor, end);
      continue;
    }
    masked += text.slice(cursor, start) + PLACEHOLDERS[finding.kind];
    cursor = end;
  }
  return masked + text.slice(cursor);
}

/** Counts findings per kind without exposing any value (what the Outlook add-in sends). */
export function countPersonalData(text: string): Record<PersonalDataKind, number> {
  const counts: Record<PersonalDataKind, number> = {
    personalIdentityNumber: 0,
    coordinationNumber: 0,
    phoneNumber: 0,
    email: 0,
  };
  for (const finding of findPersonalData(text)) {
    counts[finding.kind] += 1;
  }
  return counts;
}

function findIdentityNumbers(text: string): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  for (const match of text.matchAll(IDENTITY_NUMBER)) {
    const kind = identityKind(match[1] ?? '', match[2] ?? '', match[3] ?? '');
    if (kind !== null) {
      findings.push({ kind, start: match.index, end: match.index + match[0].length });
    }
  }
  return findings;
}

function identityKind(
  datePart: string,
  separator: string,
  serial: string,
): 'personalIdentityNumber' | 'coordinationNumber' | null {
  let years: number[];
  let shortDate: string;
  if (datePart.length === 8) {
    const century = Number(datePart.slice(0, 2));
    // "+" only says "100 years or older" when the century is missing. The century range
    // keeps long references such as OCR or invoice numbers from passing as identity numbers.
    if (separator === '+' || century < 18 || century > 20) {
      return null;
    }
    years = [Number(datePart.slice(0, 4))];
    shortDate = datePart.slice(2);
  } else {
    const yy = Number(datePart.slice(0, 2));
    // The century is not written; "+" means the holder is at least 100 years old.
    years = separator === '+' ? [1800 + yy, 1900 + yy] : [1900 + yy, 2000 + yy];
    shortDate = datePart;
  }
  const month = Number(shortDate.slice(2, 4));
  const writtenDay = Number(shortDate.slice(4, 6));
  // A samordningsnummer is a personnummer whose day of birth has 60 added.
  const coordination = writtenDay > 60;
  const day = coordination ? writtenDay - 60 : writtenDay;
  if (month < 1 || month > 12 || day < 1) {
    return null;
  }
  if (!years.some((year) => day <= daysInMonth(year, month))) {
    return null;
  }
  if (luhnCheckDigit(shortDate + serial.slice(0, 3)) !== Number(serial.slice(3))) {
    return null;
  }
  return coordination ? 'coordinationNumber' : 'personalIdentityNumber';
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date applies the Gregorian leap rules.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function findPhoneNumbers(text: string): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const pattern = new RegExp(PHONE_NUMBER.source, PHONE_NUMBER.flags);
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const start = match.index;
    const end = longestPhoneNumberEnd(text, start, start + match[0].length);
    if (end === null) {
      pattern.lastIndex = start + 1;
    } else {
      findings.push({ kind: 'phoneNumber', start, end });
      pattern.lastIndex = end;
    }
  }
  return findings;
}

// The group pattern is greedy, so "ring 070-123 45 67 20 gånger" first matches up to "20";
// dropping whole space-separated groups from the end finds the number inside.
function longestPhoneNumberEnd(text: string, start: number, matchEnd: number): number | null {
  for (let end = matchEnd; end > start; end--) {
    const atGroupEnd =
      end === matchEnd || (/\d/.test(text.charAt(end - 1)) && /\s/.test(text.charAt(end)));
    if (atGroupEnd && isSwedishPhoneNumber(text.slice(start, end))) {
      return end;
    }
  }
  return null;
}

function isSwedishPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  let national: string;
  if (candidate.startsWith('+') || candidate.startsWith('00')) {
    national = digits.slice(candidate.startsWith('+') ? 2 : 4);
    // "+46 (0)8 …" and the common mistake "+46 070 …" both carry the trunk 0.
    national = national.startsWith('0') ? national.slice(1) : national;
  } else {
    national = digits.slice(1);
  }
  // Mobile and other 07x numbers have nine digits after the trunk 0; geographic numbers have
  // an area code of one to three digits and a subscriber number of five to eight, seven to
  // nine in all.
  return national.startsWith('7')
    ? national.length === 9
    : national.length >= 7 && national.length <= 9;
}

function findEmails(text: string): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  for (const match of text.matchAll(EMAIL)) {
    let start = match.index;
    const end = start + match[0].length;
    // "'anna@example.se'": the opening quote is legal atext but belongs to the quotation.
    const first = text.charAt(start);
    if (
      (first === "'" || first === '`') &&
      text.charAt(end) === first &&
      text.charAt(start + 1) !== '@'
    ) {
      start += 1;
    }
    findings.push({ kind: 'email', start, end });
  }
  return findings;
}
