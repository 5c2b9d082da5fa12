import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../tabs/api/client.js';
import type { VisibleCase } from '../../../tabs/api/types.js';
import { useI18n } from '../../../tabs/i18n/I18nContext.js';
import { checkDraft, initialDraft, prefilledDescription } from './breachDraft.js';
import type {
  BreachDraft,
  DraftErrors,
  DraftField,
  EmailBreachCategory,
  ReportPaneProps,
} from './ReportPane.types.js';

/** The fields in the order the form shows them: the first with a problem gets focus. */
export const draftFieldOrder: readonly DraftField[] = [
  'wrongRecipients',
  'category',
  'description',
  'discoveredAt',
  'dataSubjectCategories',
  'approxCount',
  'dataCategories',
  'likelyConsequences',
  'measuresTaken',
  'form',
];

/** The element id of a field's control (the first one of a group), for focus and labels. */
export function fieldId(field: DraftField): string {
  return `report-${field}`;
}

/** Maps the server's field issues (`answers.description`) onto the form, like the local check. */
function serverErrors(error: unknown): DraftErrors {
  if (!(error instanceof ApiError) || error.issues.length === 0) return {};
  const errors: DraftErrors = {};
  for (const issue of error.issues) {
    const id = issue.field.replace(/^answers\./, '').split('.')[0] ?? '';
    const field =
      id === 'email'
        ? 'wrongRecipients'
        : id === 'dataSubjects'
          ? issue.field.includes('approxCount')
            ? 'approxCount'
            : 'dataSubjectCategories'
          : draftFieldOrder.find((candidate) => candidate === id);
    errors[field ?? 'form'] ??= issue.message;
  }
  return errors;
}

/**
 * The pane's form: the draft (never thrown away on a failure), each field's problem, and the
 * submission with one idempotency key, so a double click or a retry files one case.
 */
export function useReportPane({ captured, api, now, idempotencyKey }: ReportPaneProps) {
  const { locale } = useI18n();
  const [draft, setDraft] = useState<BreachDraft>(() => initialDraft(captured, now(), locale));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [filed, setFiled] = useState<VisibleCase | undefined>(undefined);
  // A second click arrives before React renders the first one's state: a ref stops it at once.
  const inFlight = useRef(false);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest === 0) return;
    const first = draftFieldOrder.find((field) => errors[field] !== undefined);
    if (first !== undefined) document.getElementById(fieldId(first))?.focus();
    // Only a new request moves focus, not every change of the errors while typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const update = useCallback(<K extends keyof BreachDraft>(field: K, value: BreachDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) =>
      current[field] === undefined ? current : { ...current, [field]: undefined },
    );
  }, []);

  const setCategory = useCallback(
    (category: EmailBreachCategory) => {
      setDraft((current) => {
        // The prefilled description follows the category until the user has written their own.
        const untouched =
          current.description === prefilledDescription(captured, current.category, locale);
        return {
          ...current,
          category,
          description: untouched
            ? prefilledDescription(captured, category, locale)
            : current.description,
        };
      });
    },
    [captured, locale],
  );

  const toggleRecipient = useCallback((address: string, checked: boolean) => {
    setDraft((current) => {
      const others = current.wrongRecipients.filter((a) => a !== address);
      return { ...current, wrongRecipients: checked ? [...others, address] : others };
    });
  }, []);

  const selectExternal = useCallback(() => {
    update(
      'wrongRecipients',
      captured.recipients.filter((r) => r.external).map((r) => r.address),
    );
  }, [captured, update]);

  const clearSelection = useCallback(() => {
    update('wrongRecipients', []);
  }, [update]);

  const submit = useCallback(async () => {
    if (inFlight.current) return;
    const check = checkDraft(draft, captured, now());
    if (!check.ok) {
      setErrors(check.errors);
      setFocusRequest((n) => n + 1);
      return;
    }
    inFlight.current = true;
    setErrors({});
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      setFiled(await api.fileReport(check.report, idempotencyKey));
    } catch (error) {
      // The draft stays as it is; the server's field problems are shown on the fields.
      setSubmitError(error);
      const fromServer = serverErrors(error);
      setErrors(fromServer);
      if (Object.keys(fromServer).length > 0) setFocusRequest((n) => n + 1);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }, [api, captured, draft, idempotencyKey, now]);

  return {
    draft,
    errors,
    submitting,
    submitError,
    filed,
    update,
    setCategory,
    toggleRecipient,
    selectExternal,
    clearSelection,
    submit,
  };
}

/** What useReportPane gives the component. */
export type ReportPaneState = ReturnType<typeof useReportPane>;
