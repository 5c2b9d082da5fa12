import type { LocalizedText } from '../../../core/i18n.js';
import type { BreachAnswers } from '../../../core/reports.js';
import type { CaseApi } from '../../../tabs/app/services.js';
import type { VisibleCase } from '../../../tabs/api/types.js';
import type { CapturedEmail } from '../../capture/emailCapture.js';

/** The categories an e-mail breach can be filed under from Outlook (SPEC §3 ids). */
export type EmailBreachCategory = Extract<
  BreachAnswers['category'],
  'misdirectedEmail' | 'visibleRecipients' | 'other'
>;

/** The form's fields as the user edits them (text as typed; converted when filed). */
export interface BreachDraft {
  /** Addresses the user marked as wrong. */
  wrongRecipients: string[];
  category: EmailBreachCategory;
  description: string;
  /** Stockholm wall-clock time, `yyyy-MM-ddTHH:mm`. */
  discoveredAt: string;
  /** Groups of people, comma-separated, e.g. "aspiranter". */
  dataSubjectCategories: string;
  approxCount: string;
  dataCategories: BreachAnswers['dataCategories'];
  likelyConsequences: string;
  measuresTaken: string;
}

/** A field of the form, or the form as a whole for a problem no field owns. */
export type DraftField = Exclude<keyof BreachDraft, never> | 'form';

/** Each field's first problem, in both languages. */
export type DraftErrors = Partial<Record<DraftField, LocalizedText>>;

/** Props of ReportPane. */
export interface ReportPaneProps {
  captured: CapturedEmail;
  api: Pick<CaseApi, 'fileReport'>;
  /** The clock (tests fix it). */
  now: () => Date;
  /** The key of this report's submission: the same for every retry, so one case is filed. */
  idempotencyKey: string;
}

/** What the pane shows after filing. */
export interface FiledReport {
  record: VisibleCase;
}
