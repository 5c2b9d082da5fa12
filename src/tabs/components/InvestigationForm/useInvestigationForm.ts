import { useCallback } from 'react';
import type { CaseAccess } from '../../../core/access.js';
import { fieldLabels, labelOf, optionLabel } from '../../../core/fields.js';
import type { Locale } from '../../../core/i18n.js';
import type { CaseForViewer, Investigation, VisibleCase } from '../../api/types.js';
import { useServices } from '../../app/services.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import { useAutosave } from '../useAutosave/useAutosave.js';
import type { Autosave } from '../useAutosave/useAutosave.types.js';
import type {
  InvestigationDateField,
  InvestigationFormProps,
  Investigator,
  RootCause,
  RootCauseKey,
} from './InvestigationForm.types.js';
import {
  investigationFormStrings,
  type InvestigationFormStrings,
} from './investigationFormStrings.js';

/** The root causes in the order of the investigation template (SPEC §4). */
export const rootCauseKeys: readonly RootCauseKey[] = [
  'communication',
  'competence',
  'routines',
  'organisation',
  'technology',
  'other',
];

/** The dates of the investigation, in the order they are entered. */
export const investigationDateFields: readonly InvestigationDateField[] = [
  'startedAt',
  'commissioningBoardInformedAt',
  'ivoNotifiedAt',
  'ivoCopyAttachedAt',
  'finalCopySentAt',
];

/** The schema's limit on investigators. */
export const MAX_INVESTIGATORS = 10;

/** The states in which the investigation is open to edits. */
const editableStates: ReadonlySet<string> = new Set([
  'underInvestigation',
  'decided',
  'reportedToAuthority',
]);

/** Whether the decision has been recorded: the proposed decision it carries is then fixed. */
export function decisionRecorded(record: VisibleCase): boolean {
  return record.state !== 'underInvestigation';
}

/**
 * Whether the investigation may be edited here: by a handler (`editInvestigation`) from its
 * opening until the case is closed. Before that there is nothing to investigate; after the
 * decision the dates of informing the board and IVO are still to come, while the proposed
 * decision is fixed (the server refuses to change it).
 */
export function mayEditInvestigation(record: VisibleCase, access: CaseAccess): boolean {
  // After the decision the dates of notifying the board and IVO are still to be filled in.
  return access.actions.includes('editInvestigation') && editableStates.has(record.state);
}

/** The form's value in a case: its investigation, or an empty one. */
export function readInvestigation(record: VisibleCase): Investigation {
  return record.investigation ?? {};
}

function isRootCauseKey(value: string): value is RootCauseKey {
  return (rootCauseKeys as readonly string[]).includes(value);
}

function isDateField(value: string): value is InvestigationDateField {
  return (investigationDateFields as readonly string[]).includes(value);
}

/** A field path's name for the user (the core's label where it has one). */
export function investigationLabel(
  path: string,
  locale: Locale,
  s: InvestigationFormStrings,
): string {
  const [first, cause, part] = path.split('.');
  if (first === 'rootCauses' && cause !== undefined && isRootCauseKey(cause)) {
    const name = fieldLabels[`rootCauses.${cause}`][locale];
    if (part === 'text') return s.rootCauseText(name);
    if (part === 'applies') return s.rootCauseApplies(name);
    return name;
  }
  switch (path) {
    // `consequences` alone is the report's question; the investigation asks its own.
    case 'consequences':
      return fieldLabels['investigation.consequences'][locale];
    case 'couldRecurWhy':
      return s.couldRecurWhyName;
    case 'remedialActionsWhen':
      return s.remedialActionsWhenName;
    default:
      return labelOf(path)[locale];
  }
}

/** A date (instant) as the form shows it read-only: the Stockholm date in words. */
export function dateText(instant: string, languageTag: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Intl.DateTimeFormat(languageTag, {
    dateStyle: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(ms);
}

/** One investigator in words: "Anna Berg, utredare". */
export function investigatorText(person: Investigator): string {
  return person.title === undefined || person.title.trim() === ''
    ? person.name
    : `${person.name}, ${person.title}`;
}

/** A field's value in words (empty when there is none). */
export function describeInvestigationValue(
  path: string,
  value: unknown,
  locale: Locale,
  languageTag: string,
): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return optionLabel('yesNoUnknown', value ? 'yes' : 'no')[locale];
  if (typeof value === 'string') {
    if (isDateField(path)) return dateText(value, languageTag);
    switch (path) {
      case 'law':
        return optionLabel('law', value)[locale];
      case 'couldRecur':
        return optionLabel('yesNoUnknown', value)[locale];
      case 'proposedDecision':
        return optionLabel('proposedDecision', value)[locale];
      default:
        return value;
    }
  }
  if (path === 'investigators' && Array.isArray(value)) {
    return (value as Investigator[]).map(investigatorText).join('; ');
  }
  return JSON.stringify(value);
}

/** Paths the form shows an issue on; anything else the server refuses is listed above it. */
function isPlacedIssue(path: string): boolean {
  const [first, second] = path.split('.');
  if (first === 'rootCauses') return second !== undefined && isRootCauseKey(second);
  return first !== undefined && first in fieldLabels;
}

/** What InvestigationForm renders from and calls. */
export interface InvestigationFormState {
  autosave: Autosave<Investigation>;
  value: Investigation;
  editable: boolean;
  /** The decision is recorded: the proposed decision can no longer change. */
  decided: boolean;
  /** Why the form is read-only, when it is. */
  readOnlyReason: string | undefined;
  labelOf: (path: string) => string;
  describe: (path: string, value: unknown) => string;
  isPlaced: (path: string) => boolean;
  /** The server's messages for a field and everything inside it, or undefined. */
  errorOf: (path: string) => string | undefined;
  set: <K extends keyof Investigation>(key: K, value: Investigation[K]) => void;
  setRootCause: (key: RootCauseKey, patch: Partial<RootCause>) => void;
  addInvestigator: (person: Investigator) => void;
  removeInvestigator: (index: number) => void;
}

/** The investigation form's state: the autosaved value and the edits the fields make. */
export function useInvestigationForm(props: InvestigationFormProps): InvestigationFormState {
  const { record, access, onCaseChanged } = props;
  const { api, now } = useServices();
  const { locale, languageTag } = useI18n();
  const s = useStrings(investigationFormStrings);

  const save = useCallback(
    (id: string, investigation: Investigation, expectedVersion: number) =>
      api.updateInvestigation(id, investigation, expectedVersion),
    [api],
  );
  const fetchCase = useCallback((id: string): Promise<CaseForViewer> => api.getCase(id), [api]);
  const autosave = useAutosave<Investigation>({
    record,
    access,
    mayEdit: mayEditInvestigation,
    read: readInvestigation,
    save,
    fetchCase,
    onCaseChanged,
    issuePrefix: 'investigation.',
    now,
  });
  const { change, issues } = autosave;

  const editable = mayEditInvestigation(record, access);
  const readOnlyReason = editable
    ? undefined
    : access.actions.includes('editInvestigation')
      ? s.readOnlyState
      : s.readOnlyAccess;

  const set = useCallback(
    <K extends keyof Investigation>(key: K, value: Investigation[K]) => {
      change((current) => ({ ...current, [key]: value }));
    },
    [change],
  );
  const setRootCause = useCallback(
    (key: RootCauseKey, patch: Partial<RootCause>) => {
      change((current) => {
        const causes = current.rootCauses ?? {};
        const cause: RootCause = { applies: false, ...causes[key], ...patch };
        return { ...current, rootCauses: { ...causes, [key]: cause } };
      });
    },
    [change],
  );
  const addInvestigator = useCallback(
    (person: Investigator) => {
      change((current) => ({
        ...current,
        investigators: [...(current.investigators ?? []), person],
      }));
    },
    [change],
  );
  const removeInvestigator = useCallback(
    (index: number) => {
      change((current) => ({
        ...current,
        investigators: (current.investigators ?? []).filter((_, at) => at !== index),
      }));
    },
    [change],
  );

  return {
    autosave,
    value: autosave.value,
    editable,
    decided: decisionRecorded(record),
    readOnlyReason,
    labelOf: (path) => investigationLabel(path, locale, s),
    describe: (path, value) => describeInvestigationValue(path, value, locale, languageTag),
    isPlaced: isPlacedIssue,
    errorOf: (path) => {
      const messages = issues
        .filter((issue) => issue.field === path || issue.field.startsWith(`${path}.`))
        .map((issue) => issue.message[locale]);
      return messages.length === 0 ? undefined : messages.join(' ');
    },
    set,
    setRootCause,
    addInvestigator,
    removeInvestigator,
  };
}
