import type { AvailableStep } from '../../../core/caseSteps.js';

/** A step waiting for the user's confirmation (and reason, where it needs one). */
export type PendingStep = AvailableStep;

/** The documents the section can generate from the case. */
export type GeneratedDocument = 'decision' | 'investigation';

/** What the last action came to, for the live region and the alert. */
export type ActionOutcome =
  | { kind: 'stepTaken'; state: string }
  | { kind: 'documentMade'; name: string }
  | { kind: 'failed'; error: unknown; what: 'step' | 'document' }
  | { kind: 'conflict' }
  /** A form on the page could not save its edits, so the step was not taken. */
  | { kind: 'unsaved' };
