import { IllegalTransitionError } from './errors.js';
import type { LocalizedText } from './i18n.js';

/** SPEC §5: the states a case passes through. */
export const caseStates = [
  'draft',
  'submitted',
  'registered',
  'underInvestigation',
  'closedNoInvestigation',
  'decided',
  'reportedToAuthority',
  'closed',
] as const;
/** One state of a case. */
export type CaseState = (typeof caseStates)[number];

/** Names of the states, for lists and documents. */
export const stateLabels: Record<CaseState, LocalizedText> = {
  draft: { sv: 'Utkast', en: 'Draft' },
  submitted: { sv: 'Inskickad', en: 'Submitted' },
  registered: { sv: 'Registrerad', en: 'Registered' },
  underInvestigation: { sv: 'Under utredning', en: 'Under investigation' },
  closedNoInvestigation: { sv: 'Avslutad utan utredning', en: 'Closed without investigation' },
  decided: { sv: 'Beslutad', en: 'Decided' },
  reportedToAuthority: { sv: 'Anmäld till myndighet', en: 'Reported to the authority' },
  closed: { sv: 'Avslutad', en: 'Closed' },
};

/** The steps that move a case from one state to another. */
export type WorkflowStep =
  | 'submit'
  | 'register'
  | 'openInvestigation'
  | 'declineInvestigation'
  | 'recordDecision'
  | 'reportToAuthority'
  | 'close';

/** Names of the steps, as buttons and log lines show them. */
export const stepLabels: Record<WorkflowStep, LocalizedText> = {
  submit: { sv: 'Skicka in', en: 'Submit' },
  register: { sv: 'Registrera', en: 'Register' },
  openInvestigation: { sv: 'Inled utredning', en: 'Open investigation' },
  declineInvestigation: { sv: 'Beslut att inte utreda', en: 'Decide not to investigate' },
  recordDecision: { sv: 'Registrera beslut', en: 'Record decision' },
  reportToAuthority: { sv: 'Anmäl till IVO/IMY', en: 'Report to IVO/IMY' },
  close: { sv: 'Avsluta', en: 'Close' },
};

/** Every legal transition: from which states a step may be taken, and where it leads. */
const transitions: Record<WorkflowStep, { from: readonly CaseState[]; to: CaseState }> = {
  submit: { from: ['draft'], to: 'submitted' },
  register: { from: ['submitted'], to: 'registered' },
  openInvestigation: { from: ['registered'], to: 'underInvestigation' },
  declineInvestigation: { from: ['registered'], to: 'closedNoInvestigation' },
  recordDecision: { from: ['underInvestigation'], to: 'decided' },
  reportToAuthority: { from: ['decided'], to: 'reportedToAuthority' },
  close: { from: ['decided', 'reportedToAuthority'], to: 'closed' },
};

/** What the guards of a step need to know about the case besides its state. */
export interface StepContext {
  /** Whether the decision requires notifying IVO or IMY (serious Lex Sarah; breach to notify). */
  authorityReportRequired: boolean;
  /** Whether a decision has been recorded with an outcome. */
  hasDecisionOutcome: boolean;
  /** A reason given with the step, where the step needs one (declining to investigate). */
  reason?: string;
}

/** The event every transition produces: who did what, when, from which state to which. */
export interface TransitionEvent {
  kind: 'transition';
  step: WorkflowStep;
  from: CaseState;
  to: CaseState;
  at: string;
  actorId: string;
  actorName: string;
  reason?: string;
}

/** The steps that may be taken from a state (ignoring guards and permissions). */
export function stepsFrom(state: CaseState): WorkflowStep[] {
  return (Object.keys(transitions) as WorkflowStep[]).filter((step) =>
    transitions[step].from.includes(state),
  );
}

/**
 * Why `step` cannot be taken from `from` given the case's facts, in Swedish and English; undefined
 * when it can. The reason a step needs (declining to investigate) is input, checked by takeStep.
 */
export function stepRefusal(
  from: CaseState,
  step: WorkflowStep,
  context: Omit<StepContext, 'reason'>,
): LocalizedText | undefined {
  const rule = transitions[step];
  if (!rule.from.includes(from)) {
    const allowed = rule.from.map((state) => stateLabels[state]);
    return {
      sv: `”${stepLabels[step].sv}” går inte när ärendet är ${stateLabels[from].sv.toLowerCase()}; det kräver ${allowed.map((l) => l.sv.toLowerCase()).join(' eller ')}.`,
      en: `"${stepLabels[step].en}" is not possible while the case is ${stateLabels[from].en.toLowerCase()}; it needs ${allowed.map((l) => l.en.toLowerCase()).join(' or ')}.`,
    };
  }
  switch (step) {
    case 'recordDecision':
      return context.hasDecisionOutcome
        ? undefined
        : {
            sv: 'Välj ett förslag till beslut innan beslutet registreras.',
            en: 'Choose a proposed decision before recording the decision.',
          };
    case 'reportToAuthority':
      return context.authorityReportRequired
        ? undefined
        : {
            sv: 'Beslutet kräver ingen anmälan till IVO eller IMY.',
            en: 'The decision does not require notifying IVO or IMY.',
          };
    case 'close':
      return from === 'decided' && context.authorityReportRequired
        ? {
            sv: 'Ärendet ska anmälas till IVO eller IMY innan det avslutas.',
            en: 'The case must be reported to IVO or IMY before it is closed.',
          }
        : undefined;
    case 'submit':
    case 'register':
    case 'openInvestigation':
    case 'declineInvestigation':
      return undefined;
  }
}

/** Whether a step needs a reason given with it (a decision not to investigate must say why). */
export function stepNeedsReason(step: WorkflowStep): boolean {
  return step === 'declineInvestigation';
}

/**
 * Takes `step` from `from`, or throws an IllegalTransitionError saying why not in Swedish and
 * English. Returns the event to log; the caller stores the new state with it in one transaction.
 */
export function takeStep(
  from: CaseState,
  step: WorkflowStep,
  context: StepContext,
  actor: { id: string; name: string },
  at: string,
): TransitionEvent {
  const rule = transitions[step];
  const refusal =
    stepRefusal(from, step, context) ??
    (stepNeedsReason(step) && !context.reason?.trim()
      ? {
          sv: 'Ett beslut att inte utreda måste motiveras.',
          en: 'A decision not to investigate needs a reason.',
        }
      : undefined);
  if (refusal !== undefined) throw new IllegalTransitionError(from, rule.to, refusal);
  const event: TransitionEvent = {
    kind: 'transition',
    step,
    from,
    to: rule.to,
    at,
    actorId: actor.id,
    actorName: actor.name,
  };
  const reason = context.reason?.trim();
  return reason ? { ...event, reason } : event;
}
