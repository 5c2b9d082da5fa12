import { useCallback } from 'react';
import type { CaseAccess } from '../../../core/access.js';
import { labelOf, optionLabel } from '../../../core/fields.js';
import type { Locale } from '../../../core/i18n.js';
import type { CaseState } from '../../../core/workflow.js';
import type { BreachAssessment, CaseForViewer, VisibleCase } from '../../api/types.js';
import { useServices } from '../../app/services.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import { useAutosave } from '../useAutosave/useAutosave.js';
import type { Autosave } from '../useAutosave/useAutosave.types.js';
import type {
  AssessmentProblem,
  BreachAssessmentFormProps,
  DataSubjectsInformed,
  ImyNotification,
} from './BreachAssessmentForm.types.js';
import {
  breachAssessmentFormStrings,
  type BreachAssessmentFormStrings,
} from './breachAssessmentFormStrings.js';

/**
 * The states in which the DPO's assessment is written: every state the server accepts it in (all
 * but the closed ones). The 72 hours run from discovery, so the decision to notify may come before
 * registration, and IMY's reference and the time of notification often after the case was
 * reported to the authority.
 */
const editableStates: readonly CaseState[] = [
  'submitted',
  'registered',
  'underInvestigation',
  'decided',
  'reportedToAuthority',
];

/** Whether the assessment may be edited here: by a handler, while the case is open. */
export function mayEditAssessment(record: VisibleCase, access: CaseAccess): boolean {
  return access.actions.includes('editInvestigation') && editableStates.includes(record.state);
}

/** The form's value in a case: its assessment, or an empty one. */
export function readAssessment(record: VisibleCase): BreachAssessment {
  return record.assessment ?? {};
}

/** The 72-hour deadline of the IMY notification (GDPR art. 33), if the case has one. */
export function imyDeadline(record: VisibleCase): string | undefined {
  return record.deadlines?.find((deadline) => deadline.kind === 'imyNotification')?.dueAt;
}

/** Whether IMY was notified after the deadline, which then needs a reason (SPEC §5). */
export function notifiedLate(notifiedAt: string | undefined, dueAt: string | undefined): boolean {
  if (notifiedAt === undefined || dueAt === undefined) return false;
  const notified = Date.parse(notifiedAt);
  const due = Date.parse(dueAt);
  return !Number.isNaN(notified) && !Number.isNaN(due) && notified > due;
}

/** What the form asks for beyond the schema: a reason not to notify, a reason for being late. */
export function assessmentProblems(
  value: BreachAssessment,
  dueAt: string | undefined,
): Partial<Record<string, AssessmentProblem>> {
  const imy = value.imyNotification;
  const problems: Partial<Record<string, AssessmentProblem>> = {};
  const blank = (text: string | undefined) => text === undefined || text.trim() === '';
  if (imy?.decision === 'notRequired' && blank(imy.reasoning)) {
    problems['imyNotification.reasoning'] = 'reasoningRequired';
  }
  if (notifiedLate(imy?.notifiedAt, dueAt) && blank(imy?.delayReason)) {
    problems['imyNotification.delayReason'] = 'delayReasonRequired';
  }
  return problems;
}

/** A field path's name for the user (the core's label where it has one). */
export function assessmentLabel(
  path: string,
  locale: Locale,
  s: BreachAssessmentFormStrings,
): string {
  if (path === 'dataSubjectsInformed.reasoning') return s.subjectsReasoningName;
  return labelOf(path)[locale];
}

/** A date and time in words, in Stockholm. */
export function dateTimeText(instant: string, languageTag: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Intl.DateTimeFormat(languageTag, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(ms);
}

/** A field's value in words (empty when there is none). */
export function describeAssessmentValue(
  path: string,
  value: unknown,
  locale: Locale,
  languageTag: string,
): string {
  if (typeof value !== 'string' || value === '') return '';
  switch (path) {
    case 'imyNotification.decision':
      return optionLabel('imyNotification', value)[locale];
    case 'dataSubjectsInformed.decision':
      return optionLabel('yesNoUnknown', value)[locale];
    case 'imyNotification.notifiedAt':
    case 'dataSubjectsInformed.informedAt':
      return dateTimeText(value, languageTag);
    default:
      return value;
  }
}

const placedPaths = new Set([
  'imyNotification.decision',
  'imyNotification.reasoning',
  'imyNotification.notifiedAt',
  'imyNotification.delayReason',
  'dataSubjectsInformed.decision',
  'dataSubjectsInformed.reasoning',
  'dataSubjectsInformed.informedAt',
  'imyReference',
]);

/** What BreachAssessmentForm renders from and calls. */
export interface BreachAssessmentFormState {
  autosave: Autosave<BreachAssessment>;
  value: BreachAssessment;
  editable: boolean;
  readOnlyReason: string | undefined;
  /** The IMY deadline, and whether the notification (as entered) came after it. */
  dueAt: string | undefined;
  late: boolean;
  labelOf: (path: string) => string;
  describe: (path: string, value: unknown) => string;
  isPlaced: (path: string) => boolean;
  /** The server's message for a field, else the form's own (a required reason), or undefined. */
  errorOf: (path: string) => string | undefined;
  setImy: (patch: Partial<ImyNotification>) => void;
  setSubjects: (patch: Partial<DataSubjectsInformed>) => void;
  setReference: (reference: string) => void;
}

/** The breach assessment form's state: the autosaved value and the edits its fields make. */
export function useBreachAssessmentForm(
  props: BreachAssessmentFormProps,
): BreachAssessmentFormState {
  const { record, access, onCaseChanged } = props;
  const { api, now } = useServices();
  const { locale, languageTag } = useI18n();
  const s = useStrings(breachAssessmentFormStrings);

  const save = useCallback(
    (id: string, assessment: BreachAssessment, expectedVersion: number) =>
      api.updateAssessment(id, assessment, expectedVersion),
    [api],
  );
  const fetchCase = useCallback((id: string): Promise<CaseForViewer> => api.getCase(id), [api]);
  const autosave = useAutosave<BreachAssessment>({
    record,
    access,
    mayEdit: mayEditAssessment,
    read: readAssessment,
    save,
    fetchCase,
    onCaseChanged,
    issuePrefix: 'assessment.',
    now,
  });
  const { change, issues, value } = autosave;

  const editable = mayEditAssessment(record, access);
  const dueAt = imyDeadline(record);
  const problems = assessmentProblems(value, dueAt);

  const setImy = useCallback(
    (patch: Partial<ImyNotification>) => {
      change((current) => {
        const decision = patch.decision ?? current.imyNotification?.decision;
        // The schema needs the decision first; the form shows the other fields only after it.
        if (decision === undefined) return current;
        return { ...current, imyNotification: { ...current.imyNotification, ...patch, decision } };
      });
    },
    [change],
  );
  const setSubjects = useCallback(
    (patch: Partial<DataSubjectsInformed>) => {
      change((current) => {
        const decision = patch.decision ?? current.dataSubjectsInformed?.decision;
        if (decision === undefined) return current;
        return {
          ...current,
          dataSubjectsInformed: { ...current.dataSubjectsInformed, ...patch, decision },
        };
      });
    },
    [change],
  );
  const setReference = useCallback(
    (reference: string) => {
      change((current) => ({ ...current, imyReference: reference }));
    },
    [change],
  );

  return {
    autosave,
    value,
    editable,
    readOnlyReason: editable
      ? undefined
      : access.actions.includes('editInvestigation')
        ? s.readOnlyState
        : s.readOnlyAccess,
    dueAt,
    late: notifiedLate(value.imyNotification?.notifiedAt, dueAt),
    labelOf: (path) => assessmentLabel(path, locale, s),
    describe: (path, fieldValue) => describeAssessmentValue(path, fieldValue, locale, languageTag),
    isPlaced: (path) => placedPaths.has(path),
    errorOf: (path) => {
      const messages = issues
        .filter((issue) => issue.field === path || issue.field.startsWith(`${path}.`))
        .map((issue) => issue.message[locale]);
      if (messages.length > 0) return messages.join(' ');
      const problem = problems[path];
      return problem === undefined ? undefined : s[problem];
    },
    setImy,
    setSubjects,
    setReference,
  };
}
