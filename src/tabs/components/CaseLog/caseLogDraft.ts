import type { CaseLogEntryInput } from '../../api/types.js';
import type { CaseLogDraft, CaseLogField, CaseLogFieldErrors } from './CaseLog.types.js';

/**
 * The rules of `caseLogEntryInputSchema` (src/core/investigation.ts), checked in the tab so the
 * handler hears at once what is missing. The limits repeat SHORT_TEXT_MAX and LONG_TEXT_MAX of
 * src/core/reports.ts, which the tab cannot import without bundling zod; test/tabs/caseLog.test.tsx
 * checks they agree. The server checks again and has the last word.
 */
export const NOTE_MAX = 8000;
/** Longest source, in characters. */
export const SOURCE_MAX = 200;

/** An empty form. */
export const emptyDraft: Readonly<CaseLogDraft> = Object.freeze({
  note: '',
  nature: '',
  source: '',
  attachmentNumber: '',
});

/** The fields in the order the form shows them: the first with an error gets focus. */
export const draftFields: readonly CaseLogField[] = [
  'note',
  'nature',
  'source',
  'attachmentNumber',
];

/** Whether the handler has typed or chosen anything (which must then never be thrown away). */
export function hasContent(draft: CaseLogDraft): boolean {
  return draftFields.some((field) => draft[field].trim() !== '');
}

/** The entry to send, or the problems with the draft. Texts are sent trimmed, as stored. */
export function entryFromDraft(
  draft: CaseLogDraft,
): { ok: true; entry: CaseLogEntryInput } | { ok: false; errors: CaseLogFieldErrors } {
  const errors: CaseLogFieldErrors = {};
  const note = draft.note.trim();
  const source = draft.source.trim();
  const attachment = draft.attachmentNumber.trim();

  if (note === '') errors.note = { problem: 'required' };
  else if (note.length > NOTE_MAX) errors.note = { problem: 'tooLong' };
  if (draft.nature === '') errors.nature = { problem: 'required' };
  if (source === '') errors.source = { problem: 'required' };
  else if (source.length > SOURCE_MAX) errors.source = { problem: 'tooLong' };
  const attachmentNumber = attachment === '' ? undefined : Number(attachment);
  if (
    attachmentNumber !== undefined &&
    (!/^\d+$/.test(attachment) || !Number.isSafeInteger(attachmentNumber) || attachmentNumber < 1)
  ) {
    errors.attachmentNumber = { problem: 'notPositiveInteger' };
  }

  if (Object.keys(errors).length > 0 || draft.nature === '') return { ok: false, errors };
  return {
    ok: true,
    entry: {
      note,
      nature: draft.nature,
      source,
      ...(attachmentNumber === undefined ? {} : { attachmentNumber }),
    },
  };
}

/** Whether a stored entry says the same as the one about to be sent (an earlier try that arrived). */
export function sameEntry(
  a: CaseLogEntryInput,
  b: { note: string; nature: string; source: string; attachmentNumber?: number | undefined },
): boolean {
  return (
    a.note === b.note &&
    a.nature === b.nature &&
    a.source === b.source &&
    a.attachmentNumber === b.attachmentNumber
  );
}

/** The draft field an API issue names (`entry.note` → `note`), if it is one of the form's. */
export function fieldOfIssue(field: string): CaseLogField | undefined {
  const name = field.startsWith('entry.') ? field.slice('entry.'.length) : undefined;
  return draftFields.find((candidate) => candidate === name);
}
