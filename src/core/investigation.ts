import { z } from 'zod';
import { instant, LONG_TEXT_MAX, SHORT_TEXT_MAX } from './reports.js';

/**
 * SPEC §4: the Lex Sarah investigation, and the DPO's assessment of a breach. Every field is
 * optional while the work is in progress (the tab autosaves drafts); what a decision needs is
 * checked by the workflow when the decision is recorded.
 */

const text = z.string().trim().max(LONG_TEXT_MAX);
const person = z.strictObject({
  name: z.string().trim().min(1).max(SHORT_TEXT_MAX),
  title: z.string().trim().max(SHORT_TEXT_MAX).optional(),
});
const rootCause = z.strictObject({ applies: z.boolean(), text: text.optional() });

/** Outcomes of an investigation; the serious ones go to IVO. */
export const proposedDecisions = [
  'riskOfMisconduct',
  'misconduct',
  'riskOfSeriousMisconduct',
  'seriousMisconduct',
  'noMisconduct',
] as const;
/** One outcome. */
export type ProposedDecision = (typeof proposedDecisions)[number];

/** Whether an outcome must be notified to IVO. */
export function requiresIvo(decision: ProposedDecision): boolean {
  switch (decision) {
    case 'riskOfSeriousMisconduct':
    case 'seriousMisconduct':
      return true;
    case 'riskOfMisconduct':
    case 'misconduct':
    case 'noMisconduct':
      return false;
  }
}

/** SPEC §4 investigation fields. */
export const investigationSchema = z.strictObject({
  startedAt: instant.optional(),
  law: z.enum(['SoL', 'LSS']).optional(),
  investigators: z.array(person).max(10).optional(),
  board: z.string().trim().max(SHORT_TEXT_MAX).optional(),
  howNoticed: text.optional(),
  whatHappened: text.optional(),
  consequences: text.optional(),
  happenedBefore: text.optional(),
  couldRecur: z.enum(['yes', 'no']).optional(),
  couldRecurWhy: text.optional(),
  rootCauses: z
    .strictObject({
      communication: rootCause.optional(),
      competence: rootCause.optional(),
      routines: rootCause.optional(),
      organisation: rootCause.optional(),
      technology: rootCause.optional(),
      other: rootCause.optional(),
    })
    .optional(),
  remedialActions: text.optional(),
  remedialActionsWhen: z.string().trim().max(SHORT_TEXT_MAX).optional(),
  preventiveActions: text.optional(),
  followUp: text.optional(),
  other: text.optional(),
  proposedDecision: z.enum(proposedDecisions).optional(),
  commissioningBoardInformedAt: instant.optional(),
  ivoNotifiedAt: instant.optional(),
  ivoCopyAttachedAt: instant.optional(),
  finalCopySentAt: instant.optional(),
});
/** A Lex Sarah investigation (possibly in progress). */
export type Investigation = z.output<typeof investigationSchema>;

/** The DPO's assessment of a personal data breach (SPEC §3). */
export const breachAssessmentSchema = z.strictObject({
  imyNotification: z
    .strictObject({
      decision: z.enum(['required', 'notRequired']),
      reasoning: text.optional(),
      notifiedAt: instant.optional(),
      delayReason: text.optional(),
    })
    .optional(),
  dataSubjectsInformed: z
    .strictObject({
      decision: z.enum(['yes', 'no']),
      reasoning: text.optional(),
      informedAt: instant.optional(),
    })
    .optional(),
  imyReference: z.string().trim().max(SHORT_TEXT_MAX).optional(),
});
/** The DPO's assessment of a breach. */
export type BreachAssessment = z.output<typeof breachAssessmentSchema>;

/** What a case log entry is based on (SPEC §4: every entry says fact or assessment, and source). */
export const caseLogEntryInputSchema = z.strictObject({
  note: z.string().trim().min(1).max(LONG_TEXT_MAX),
  nature: z.enum(['fact', 'assessment']),
  source: z.string().trim().min(1).max(SHORT_TEXT_MAX),
  attachmentNumber: z.number().int().positive().optional(),
});
/** A case log entry as a handler writes it. */
export type CaseLogEntryInput = z.output<typeof caseLogEntryInputSchema>;

/** A case log entry as stored: the input, when and by whom it was documented. */
export interface CaseLogEntry extends CaseLogEntryInput {
  id: string;
  documentedAt: string;
  signedBy: { id: string; name: string; title?: string };
}
