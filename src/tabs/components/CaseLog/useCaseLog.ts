import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import type { CaseState } from '../../../core/workflow.js';
import { ApiError } from '../../api/client.js';
import type { CaseLogEntry, CaseLogEntryInput, VisibleCase } from '../../api/types.js';
import { useServices } from '../../app/services.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import type { CaseLogDraft, CaseLogField, CaseLogFieldErrors } from './CaseLog.types.js';
import {
  draftFields,
  emptyDraft,
  entryFromDraft,
  fieldOfIssue,
  hasContent,
  sameEntry,
} from './caseLogDraft.js';

/** States in which the case is finished and its log is a closed record. */
const closedStates: readonly CaseState[] = ['closed', 'closedNoInvestigation'];

/** What the last save came to. */
export type SaveOutcome =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; afterConflict: boolean }
  /** Refused or failed; `fieldsOnly` when every problem is shown on a field. */
  | { kind: 'failed'; error: unknown; fieldsOnly: boolean }
  /** A second conflict right after the refetch: someone is changing the case right now. */
  | { kind: 'conflictAgain' }
  /** After the refetch the user may no longer write in the log (closed, or access changed). */
  | { kind: 'noLongerAllowed' };

/** What CaseLog renders. */
export interface CaseLogState {
  /** The entries, oldest first. */
  entries: CaseLogEntry[];
  /** Whether the user may add an entry now. */
  canAdd: boolean;
  closed: boolean;
  /** Whether the form is shown: when the user may add, or still holds text they typed. */
  showForm: boolean;
  draft: CaseLogDraft;
  setField: <K extends CaseLogField>(field: K, value: CaseLogDraft[K]) => void;
  errors: CaseLogFieldErrors;
  outcome: SaveOutcome;
  submit: () => Promise<void>;
  // The form's controls, so the first one in error (or the note, after a save) can get focus;
  // the radio group by its first radio.
  noteRef: RefObject<HTMLTextAreaElement | null>;
  natureRef: RefObject<HTMLInputElement | null>;
  sourceRef: RefObject<HTMLInputElement | null>;
  attachmentNumberRef: RefObject<HTMLInputElement | null>;
}

function isClosed(record: VisibleCase): boolean {
  return closedStates.includes(record.state);
}

function byDocumentedAt(a: CaseLogEntry, b: CaseLogEntry): number {
  return Date.parse(a.documentedAt) - Date.parse(b.documentedAt);
}

/** An entry already in `after` but not in `before` that says what `entry` says. */
function arrivedMeanwhile(
  entry: CaseLogEntryInput,
  before: readonly CaseLogEntry[],
  after: readonly CaseLogEntry[],
): boolean {
  const known = new Set(before.map((stored) => stored.id));
  return after.some((stored) => !known.has(stored.id) && sameEntry(entry, stored));
}

/**
 * The case log's state: the entries of the case as last loaded, and the "new entry" form. A
 * save names the version the page shows; a conflict (someone else changed the case) is safe to
 * retry, because an entry is appended and overwrites nothing: the case is fetched, handed to the
 * page, and the entry sent once more with the new version. What the user typed stays in the
 * form until the server has it.
 */
export function useCaseLog({ record, access, onCaseChanged }: CaseSectionProps): CaseLogState {
  const { api } = useServices();
  const [draft, setDraft] = useState<CaseLogDraft>(emptyDraft);
  const [errors, setErrors] = useState<CaseLogFieldErrors>({});
  const [outcome, setOutcome] = useState<SaveOutcome>({ kind: 'idle' });
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const natureRef = useRef<HTMLInputElement>(null);
  const sourceRef = useRef<HTMLInputElement>(null);
  const attachmentNumberRef = useRef<HTMLInputElement>(null);

  const closed = isClosed(record);
  const canAdd = access.actions.includes('addCaseLogEntry') && !closed;
  const entries = useMemo(() => [...(record.caseLog ?? [])].sort(byDocumentedAt), [record.caseLog]);

  const setField = useCallback(<K extends CaseLogField>(field: K, value: CaseLogDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    // The message was about the old value; the new one is checked again on saving.
    setErrors((current) => {
      if (current[field] === undefined) return current;
      return Object.fromEntries(Object.entries(current).filter(([name]) => name !== field));
    });
  }, []);

  const focusFirstError = useCallback((found: CaseLogFieldErrors) => {
    const first = draftFields.find((field) => found[field] !== undefined);
    const refs = {
      note: noteRef,
      nature: natureRef,
      source: sourceRef,
      attachmentNumber: attachmentNumberRef,
    };
    if (first !== undefined) refs[first].current?.focus();
  }, []);

  const submit = useCallback(async () => {
    const checked = entryFromDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setOutcome({ kind: 'idle' });
      focusFirstError(checked.errors);
      return;
    }
    const { entry } = checked;
    const base = record;
    setErrors({});
    setOutcome({ kind: 'saving' });

    const saved = (answered: VisibleCase, afterConflict: boolean) => {
      onCaseChanged(answered);
      setDraft(emptyDraft);
      setOutcome({ kind: 'saved', afterConflict });
      // Ready for the next entry: notes are often written one after another.
      noteRef.current?.focus();
    };
    const failed = (error: unknown) => {
      const fieldErrors: CaseLogFieldErrors = {};
      let fieldsOnly = false;
      if (error instanceof ApiError && error.reason === 'validation') {
        for (const issue of error.issues) {
          const field = fieldOfIssue(issue.field);
          if (field !== undefined) fieldErrors[field] = { text: issue.message };
        }
        fieldsOnly =
          error.issues.length > 0 &&
          error.issues.every((issue) => fieldOfIssue(issue.field) !== undefined);
      }
      setErrors(fieldErrors);
      setOutcome({ kind: 'failed', error, fieldsOnly });
      focusFirstError(fieldErrors);
    };

    try {
      saved(await api.addCaseLogEntry(base.id, entry, base.version), false);
      return;
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'conflict')) {
        failed(error);
        return;
      }
    }

    // Someone else changed the case since it was loaded. Appending overwrites nothing, so take
    // the case as it is now and send the same entry once more.
    try {
      const fresh = await api.getCase(base.id);
      onCaseChanged(fresh.case);
      if (arrivedMeanwhile(entry, base.caseLog ?? [], fresh.case.caseLog ?? [])) {
        // An earlier try whose answer was lost got there after all: do not log it twice.
        saved(fresh.case, true);
        return;
      }
      if (!fresh.access.actions.includes('addCaseLogEntry') || isClosed(fresh.case)) {
        setOutcome({ kind: 'noLongerAllowed' });
        return;
      }
      saved(await api.addCaseLogEntry(base.id, entry, fresh.case.version), true);
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'conflict') {
        setOutcome({ kind: 'conflictAgain' });
      } else {
        failed(error);
      }
    }
  }, [api, draft, record, focusFirstError, onCaseChanged]);

  return {
    entries,
    canAdd,
    closed,
    showForm: canAdd || hasContent(draft),
    draft,
    setField,
    errors,
    outcome,
    submit,
    noteRef,
    natureRef,
    sourceRef,
    attachmentNumberRef,
  };
}
