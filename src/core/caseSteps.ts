import type { CaseAccess, CaseAction } from './access.js';
import type { CaseRecord } from './cases.js';
import type { LocalizedText } from './i18n.js';
import { requiresIvo } from './investigation.js';
import { stepNeedsReason, stepRefusal, stepsFrom, type WorkflowStep } from './workflow.js';

/**
 * The case facts the workflow's guards need, and the steps a viewer can take now: one answer for
 * the server (which refuses) and the tab (which offers only what would be accepted).
 */

/** The parts of a case the guards read; a viewer without the full case lacks some of them. */
export type StepFacts = Pick<CaseRecord, 'type' | 'state'> &
  Partial<Pick<CaseRecord, 'investigation' | 'assessment' | 'report'>>;

/** The permission each workflow step needs. */
export const stepAction: Readonly<Record<WorkflowStep, CaseAction>> = {
  submit: 'register',
  register: 'register',
  openInvestigation: 'openInvestigation',
  declineInvestigation: 'declineInvestigation',
  recordDecision: 'recordDecision',
  reportToAuthority: 'reportToAuthority',
  close: 'close',
};

/** Whether a case's outcome must be notified to IVO (Lex Sarah), IMY (breach) or under NIS2. */
export function authorityReportRequired(record: StepFacts): boolean {
  switch (record.type) {
    case 'lexSarah': {
      const decision = record.investigation?.proposedDecision;
      return decision !== undefined && requiresIvo(decision);
    }
    case 'personalDataBreach':
      return record.assessment?.imyNotification?.decision === 'required';
    case 'securityIncident':
      return (
        record.report?.type === 'securityIncident' && record.report.answers.significant === 'yes'
      );
  }
}

/** Whether a decision has been prepared: the outcome the recorded decision will carry. */
export function hasDecisionOutcome(record: StepFacts): boolean {
  switch (record.type) {
    case 'lexSarah':
      return record.investigation?.proposedDecision !== undefined;
    case 'personalDataBreach':
      return record.assessment?.imyNotification?.decision !== undefined;
    case 'securityIncident':
      return true;
  }
}

/** The facts of a case the workflow's guards take. */
export function stepContext(record: StepFacts): {
  authorityReportRequired: boolean;
  hasDecisionOutcome: boolean;
} {
  return {
    authorityReportRequired: authorityReportRequired(record),
    hasDecisionOutcome: hasDecisionOutcome(record),
  };
}

/** A step the viewer may take from the case's state, and why it would be refused now, if so. */
export interface AvailableStep {
  step: Exclude<WorkflowStep, 'submit'>;
  /** Set when the case's facts do not allow it yet (e.g. no proposed decision chosen). */
  blockedBy?: LocalizedText;
  /** The step must be given a reason (a decision not to investigate). */
  needsReason: boolean;
}

/** The steps from the case's state that the viewer's access allows, each with its guard. */
export function availableSteps(record: StepFacts, access: CaseAccess): AvailableStep[] {
  const context = stepContext(record);
  return stepsFrom(record.state).flatMap((step): AvailableStep[] => {
    if (step === 'submit' || !access.actions.includes(stepAction[step])) return [];
    const blockedBy = stepRefusal(record.state, step, context);
    return [{ step, needsReason: stepNeedsReason(step), ...(blockedBy ? { blockedBy } : {}) }];
  });
}
