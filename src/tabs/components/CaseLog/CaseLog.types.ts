import type { LocalizedText } from '../../../core/i18n.js';

/** What the handler is typing into the "new entry" form: text as typed, nothing parsed yet. */
export interface CaseLogDraft {
  note: string;
  /** Fact or assessment (SPEC §4); empty until chosen. */
  nature: '' | 'fact' | 'assessment';
  /** Where the information came from. */
  source: string;
  /** The attachment's number as typed; empty for none. */
  attachmentNumber: string;
}

/** A field of the draft, named as the API's `entry.<field>` names it. */
export type CaseLogField = keyof CaseLogDraft;

/** Why the tab itself refuses a field, before asking the server. */
export type DraftProblem = 'required' | 'tooLong' | 'notPositiveInteger';

/** A field's error: the tab's own (shown in the current language) or the server's words. */
export type CaseLogFieldError = { problem: DraftProblem } | { text: LocalizedText };

/** The errors shown on the form's fields. */
export type CaseLogFieldErrors = Partial<Record<CaseLogField, CaseLogFieldError>>;
