import type { CaseAccessFacts } from './access.js';
import type { Deadline } from './clocks.js';
import type { DeviationType } from './fields.js';
import type { BreachAssessment, CaseLogEntry, Investigation } from './investigation.js';
import type { Report } from './reports.js';
import type { CaseState, TransitionEvent } from './workflow.js';

/** A person as recorded on a case: identity, name and title, nothing more. */
export interface PersonRef {
  id: string;
  name: string;
  title?: string;
}

/** A case: one report and everything done with it. Stores keep it whole; lists use its summary. */
export interface CaseRecord {
  id: string;
  /** Incremented by every stored change; a change names the version it was based on. */
  version: number;
  type: DeviationType;
  state: CaseState;
  /** A title without personal data, e.g. "Lex Sarah-rapport – Jobbtorg Kista, Jobbstart". */
  title: string;
  registrationNumber: string | null;
  registry: { series: string; classification: string };
  routedGroup: string;
  protectedIdentity: boolean;
  handlers: string[];
  assignees: string[];
  reporter: PersonRef;
  unit: string | null;
  area: string | null;
  /** When the organisation received the report (server time at submission). */
  receivedAt: string;
  /** When the case's clocks started (noticedAt or discoveredAt). */
  clockStartedAt: string;
  deadlines: Deadline[];
  /** The earliest deadline not yet met, for sorting and "overdue" filters; null when none. */
  nextDeadlineAt: string | null;
  report: Report;
  signedBy: PersonRef;
  signedAt: string;
  investigation: Investigation | null;
  assessment: BreachAssessment | null;
  decision: CaseDecision | null;
  caseLog: CaseLogEntry[];
  /** The PDF of the report as filed; null until it has been rendered and stored. */
  reportDocumentId: string | null;
  linkedCaseIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** A recorded decision (delegated decision or decision not to investigate). */
export interface CaseDecision {
  outcome: string;
  decidedAt: string;
  decidedBy: PersonRef;
  reasoning?: string;
}

/** Events that are not state transitions. */
export interface CaseChangeEvent {
  kind:
    'filed' | 'investigationUpdated' | 'caseLogEntryAdded' | 'documentAdded' | 'assessmentUpdated';
  at: string;
  actorId: string;
  actorName: string;
  /** What changed, by field id or document id; never the content. */
  detail?: string;
}

/** Anything that happened to a case, in order. */
export type CaseEvent = TransitionEvent | CaseChangeEvent;

/** An event as stored, with its case and its place in the case's history. */
export interface StoredCaseEvent {
  caseId: string;
  sequence: number;
  event: CaseEvent;
}

/** The access-policy facts of a case. */
export function accessFacts(record: CaseRecord): CaseAccessFacts {
  return {
    type: record.type,
    reporterId: record.reporter.id,
    routedGroup: record.routedGroup,
    protectedIdentity: record.protectedIdentity,
    handlers: record.handlers,
    assignees: record.assignees,
  };
}
