import type { CaseAccess } from '../../../core/access.js';
import type { FieldIssue } from '../../../core/errors.js';
import type { CaseForViewer, VisibleCase } from '../../api/types.js';
import type { Collision } from './threeWayMerge.js';

export type { Collision };

/** Where the autosave of a form stands, for its live status line. */
export type AutosaveStatus =
  /** Nothing to save since the form was opened. */
  | { kind: 'idle' }
  /** Changes wait for the typing pause (or the next blur). */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** The server could not be reached or failed; the same edit is sent again after `retryInMs`. */
  | { kind: 'retrying'; error: unknown; retryInMs: number }
  /** The server refused fields (shown on them); saved again after the next change. */
  | { kind: 'invalid' }
  /** The server refused the save for another reason; tried again after the next change. */
  | { kind: 'failed'; error: unknown }
  /** Someone else changed the same fields: waiting for the user to choose. */
  | { kind: 'conflict' }
  /** The case can no longer be edited here, and these changes were not saved. */
  | { kind: 'locked' };

/** Saves a form's whole value as of a version; answers with the case the server stored. */
export type SaveForm<T> = (id: string, value: T, expectedVersion: number) => Promise<VisibleCase>;

/** What an autosaving form needs from outside. */
export interface AutosaveOptions<T> {
  /** The case as the page has it now; a newer version is merged into the form. */
  record: VisibleCase;
  /** What the viewer may do with the case. */
  access: CaseAccess;
  /** Whether the case, with this access, may be edited in the form (a stable function). */
  mayEdit: (record: VisibleCase, access: CaseAccess) => boolean;
  /** The form's value in a case (a stable function). */
  read: (record: VisibleCase) => T;
  save: SaveForm<T>;
  /** Fetches the case afresh after a conflict. */
  fetchCase: (id: string) => Promise<CaseForViewer>;
  /** Hands each case the server answered to the page, so every section has the current version. */
  onCaseChanged: (record: VisibleCase) => void;
  /** How the server names the form's fields in validation issues, e.g. `investigation.`. */
  issuePrefix: string;
  /** The current time (for "saved at"). */
  now: () => Date;
  /** The pause after the last change before saving; AUTOSAVE_DELAY_MS by default. */
  delayMs?: number;
}

/** The callbacks a re-rendered form may hand over anew. */
export type AutosaveCallbacks<T> = Pick<
  AutosaveOptions<T>,
  'save' | 'fetchCase' | 'onCaseChanged' | 'now'
>;

/** What an autosaving form renders from. */
export interface AutosaveSnapshot<T> {
  /** The form as the user sees it: always the newest edit. */
  value: T;
  status: AutosaveStatus;
  /** The server's validation issues, by the form's own dotted paths (prefix removed). */
  issues: readonly FieldIssue[];
  /** Fields changed both by the user and by someone else, waiting for a choice. */
  collisions: readonly Collision[];
  /** Fields someone else changed that were taken into the form (until dismissed). */
  updatedByOthers: readonly string[];
  /** Paths of fields that differ from what the server has (for "not saved" messages). */
  unsavedFields: readonly string[];
}

/** A form's autosave: its state, and what the form calls. */
export interface Autosave<T> extends AutosaveSnapshot<T> {
  /** Applies an edit; it is saved after the pause. */
  change: (update: (current: T) => T) => void;
  /** Saves now (a field lost focus). */
  flush: () => void;
  /** Saves now and resolves when done: true when nothing is left unsaved. */
  settle: () => Promise<boolean>;
  /** Settles one collision with the user's or the other person's value. */
  resolve: (path: string, choice: 'mine' | 'theirs') => void;
  /** Hides the "updated by someone else" notice. */
  dismissUpdated: () => void;
}
