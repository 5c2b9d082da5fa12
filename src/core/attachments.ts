import { isUtf8 } from 'node:buffer';
import { ValidationError } from './errors.js';

/**
 * What a report may carry as attachments, and a check of each file's content against the type
 * its name claims: a file is kept only if its bytes look like what its extension says.
 */

export { attachmentRules, attachmentTypes, type AttachmentExtension } from './attachmentTypes.js';
import { attachmentRules, attachmentTypes, type AttachmentExtension } from './attachmentTypes.js';

const startsWith = (bytes: Uint8Array, ...prefix: number[]): boolean =>
  prefix.every((byte, index) => bytes[index] === byte);

function looksLike(extension: AttachmentExtension, bytes: Uint8Array): boolean {
  switch (extension) {
    case 'pdf':
      return startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d); // %PDF-
    case 'png':
      return startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'jpg':
    case 'jpeg':
      return startsWith(bytes, 0xff, 0xd8, 0xff);
    case 'gif':
      return startsWith(bytes, 0x47, 0x49, 0x46, 0x38); // GIF8
    case 'heic': {
      const brand = new TextDecoder('latin1').decode(bytes.subarray(4, 12));
      return /^ftyp(heic|heix|mif1|msf1|hevc)/.test(brand);
    }
    case 'docx':
    case 'xlsx':
      return startsWith(bytes, 0x50, 0x4b, 0x03, 0x04); // a zip container, as OOXML is
    case 'txt':
      return !bytes.includes(0) && isUtf8(bytes);
  }
}

/** Why a file was refused. */
export type AttachmentRefusal = 'tooBig' | 'wrongType' | 'tooMany' | 'empty';

/** The outcome of checking one file. */
export type AttachmentCheck =
  { ok: true; name: string; mediaType: string } | { ok: false; reason: AttachmentRefusal };

/**
 * Checks a file for a report: size, count, an accepted extension, and content that matches it.
 * The stored name is the given one without any folder part, trimmed to a safe length.
 */
export function checkAttachment(
  name: string,
  content: Uint8Array,
  alreadyAttached: number,
): AttachmentCheck {
  if (alreadyAttached >= attachmentRules.maxFiles) return { ok: false, reason: 'tooMany' };
  if (content.byteLength === 0) return { ok: false, reason: 'empty' };
  if (content.byteLength > attachmentRules.maxFileBytes) return { ok: false, reason: 'tooBig' };
  const baseName = (name.split(/[\\/]/).pop() ?? '').trim().slice(-attachmentRules.maxNameLength);
  const extension = baseName.toLowerCase().split('.').pop() ?? '';
  if (!Object.hasOwn(attachmentTypes, extension)) return { ok: false, reason: 'wrongType' };
  const known = extension as AttachmentExtension;
  if (!looksLike(known, content)) return { ok: false, reason: 'wrongType' };
  return { ok: true, name: baseName, mediaType: attachmentTypes[known] };
}

/** A file refused for a report; `refusal` says why, for doors that word it their own way. */
export class AttachmentRefusedError extends ValidationError {
  constructor(
    readonly refusal: AttachmentRefusal,
    issues: ConstructorParameters<typeof ValidationError>[0],
  ) {
    super(issues);
  }
}

/** The refusal as a validation error naming the attachments field, for doors that throw. */
export function attachmentError(reason: AttachmentRefusal): AttachmentRefusedError {
  const text = {
    tooBig: {
      sv: `Filen är för stor (högst ${String(attachmentRules.maxFileBytes / 1024 / 1024)} MB).`,
      en: `The file is too large (at most ${String(attachmentRules.maxFileBytes / 1024 / 1024)} MB).`,
    },
    wrongType: {
      sv: 'Den sortens fil kan inte tas emot, eller så stämmer innehållet inte med filnamnet.',
      en: 'That kind of file cannot be accepted, or its content does not match its name.',
    },
    tooMany: {
      sv: `En rapport kan ha högst ${String(attachmentRules.maxFiles)} bilagor.`,
      en: `A report can have at most ${String(attachmentRules.maxFiles)} attachments.`,
    },
    empty: { sv: 'Filen är tom.', en: 'The file is empty.' },
  }[reason];
  return new AttachmentRefusedError(reason, [
    { field: 'attachments', message: { sv: `Bilagor: ${text.sv}`, en: `Attachments: ${text.en}` } },
  ]);
}
