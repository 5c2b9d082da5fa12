import { ValidationError } from '../../../core/errors.js';
import type { Locale, LocalizedText } from '../../../core/i18n.js';
import { validateReport, type BreachAnswers, type Report } from '../../../core/reports.js';
import {
  instantFromLocal,
  localDateTimeOf,
} from '../../../tabs/components/useAutosave/stockholmTime.js';
import type { CapturedEmail } from '../../capture/emailCapture.js';
import type { BreachDraft, DraftField, DraftErrors } from './ReportPane.types.js';

/**
 * The pane's form as plain data: what it starts with (prefilled from the captured e-mail), the
 * report it becomes, and its check, which is the core's own schema (the server checks the same
 * way and has the last word). Nothing here touches React or Office.
 */

/** GDPR art. 33: notify IMY within 72 hours of becoming aware (the product's default clock). */
export const IMY_HOURS = 72;

/** The IMY deadline of a draft: 72 hours after it was discovered; null until that is readable. */
export function imyDeadline(draft: Pick<BreachDraft, 'discoveredAt'>): string | null {
  const discovered = instantFromLocal(draft.discoveredAt);
  return discovered === undefined
    ? null
    : new Date(Date.parse(discovered) + IMY_HOURS * 3_600_000).toISOString();
}

function plural(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

/** A first description, from the facts, for the reporter to correct and complete. */
export function prefilledDescription(
  captured: CapturedEmail,
  category: BreachDraft['category'],
  locale: Locale,
): string {
  const files = captured.attachments.length;
  if (locale === 'en') {
    const attached =
      files === 0 ? '' : ` It had ${plural(files, 'attached file', 'attached files')}.`;
    return category === 'visibleRecipients'
      ? `An e-mail was sent with ${plural(captured.visibleRecipientCount, 'address', 'addresses')} in To/Cc instead of Bcc, so every recipient could see the others' addresses.${attached}`
      : `An e-mail was sent to the wrong recipient.${attached}`;
  }
  const attached =
    files === 0 ? '' : ` Det hade ${plural(files, 'bifogad fil', 'bifogade filer')}.`;
  return category === 'visibleRecipients'
    ? `Ett mejl skickades med ${plural(captured.visibleRecipientCount, 'adress', 'adresser')} i Till/Kopia i stället för Hemlig kopia, så alla mottagare kunde se varandras adresser.${attached}`
    : `Ett mejl skickades till fel mottagare.${attached}`;
}

/** The form as it opens: the likely category, a description, "now", and what the facts say. */
export function initialDraft(captured: CapturedEmail, now: Date, locale: Locale): BreachDraft {
  const category = captured.looksLikeGroupEmail ? 'visibleRecipients' : 'misdirectedEmail';
  const dataCategories: BreachDraft['dataCategories'] = ['name'];
  if (captured.personalIdentityNumberCount > 0) dataCategories.push('personalIdentityNumber');
  if (category === 'visibleRecipients') dataCategories.push('contactDetails');
  return {
    wrongRecipients: [],
    category,
    description: prefilledDescription(captured, category, locale),
    discoveredAt: localDateTimeOf(now.toISOString()),
    dataSubjectCategories:
      category === 'visibleRecipients' ? (locale === 'en' ? 'recipients' : 'mottagarna') : '',
    approxCount: category === 'visibleRecipients' ? String(captured.visibleRecipientCount) : '',
    dataCategories,
    likelyConsequences: '',
    measuresTaken: '',
  };
}

function commaList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The report a draft becomes, with the e-mail facts: addresses the user marked, counts only. */
export function draftReport(draft: BreachDraft, captured: CapturedEmail): unknown {
  const marked = new Set(draft.wrongRecipients.map((address) => address.toLowerCase()));
  const wrong = captured.recipients.filter((r) => marked.has(r.address.toLowerCase()));
  const email: NonNullable<BreachAnswers['email']> = {
    subject: captured.subject,
    ...(captured.sentAt === undefined ? {} : { sentAt: captured.sentAt }),
    wrongRecipients: wrong.map((recipient) => recipient.address),
    externalRecipients: wrong.filter((recipient) => recipient.external).length,
    recipientsVisible: captured.recipientsVisible,
    visibleRecipientCount: captured.visibleRecipientCount,
    attachments: captured.attachments,
    personalIdentityNumberCount: captured.personalIdentityNumberCount,
    bodyTruncated: captured.bodyTruncated,
  };
  const approxCount = draft.approxCount.trim();
  return {
    type: 'personalDataBreach',
    answers: {
      ...(captured.sentAt === undefined ? {} : { occurredAt: captured.sentAt }),
      discoveredAt: instantFromLocal(draft.discoveredAt) ?? draft.discoveredAt,
      category: draft.category,
      description: draft.description,
      dataSubjects: {
        categories: commaList(draft.dataSubjectCategories),
        ...(approxCount === '' ? {} : { approxCount: Number(approxCount) }),
      },
      dataCategories: draft.dataCategories,
      ...(draft.likelyConsequences.trim() === ''
        ? {}
        : { likelyConsequences: draft.likelyConsequences }),
      ...(draft.measuresTaken.trim() === '' ? {} : { measuresTaken: draft.measuresTaken }),
      email,
    },
  };
}

/** Which form field a SPEC field id of the report belongs to. */
function draftFieldOf(field: string): DraftField {
  const id = field.replace(/^answers\./, '');
  if (id.startsWith('email.')) return 'wrongRecipients';
  if (id.startsWith('dataSubjects.categories')) return 'dataSubjectCategories';
  if (id.startsWith('dataSubjects.approxCount')) return 'approxCount';
  if (id.startsWith('dataCategories')) return 'dataCategories';
  const direct: readonly DraftField[] = [
    'category',
    'description',
    'discoveredAt',
    'likelyConsequences',
    'measuresTaken',
  ];
  const found = direct.find((candidate) => id === candidate);
  // occurredAt comes from the e-mail's sent time, which the user cannot change: said for the form.
  return found ?? 'form';
}

/** Checks a draft with the core's schema: the report, or each field's first problem. */
export function checkDraft(
  draft: BreachDraft,
  captured: CapturedEmail,
  now: Date,
): { ok: true; report: Report } | { ok: false; errors: DraftErrors } {
  try {
    return { ok: true, report: validateReport(draftReport(draft, captured), now) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors: Partial<Record<DraftField, LocalizedText>> = {};
    for (const issue of error.issues) {
      const field = draftFieldOf(issue.field);
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
}
