import type { DeviationType } from './fields.js';

/**
 * The access policy of SPEC §6 as pure functions: who may see which part of a case and who may
 * do what to it. Doors and stores ask these functions; they never decide access themselves.
 */

/** The product's roles; in production they come from Entra ID app roles or group membership. */
export const roles = [
  'reporter',
  'investigator',
  'lexSarahOfficer',
  'registrar',
  'dpo',
  'securityCoordinator',
] as const;
/** One of the product's roles. */
export type Role = (typeof roles)[number];

/** The signed-in person a command is carried out for. */
export interface Actor {
  /** Stable identity (Entra object id; a demo user id in local mode). */
  id: string;
  name: string;
  title?: string;
  roles: Role[];
  /** Keys of the routing groups the person belongs to (SPEC §5 routing table). */
  groups: string[];
}

/** The facts about a case the policy needs, and nothing more. */
export interface CaseAccessFacts {
  type: DeviationType;
  reporterId: string;
  routedGroup: string;
  protectedIdentity: boolean;
  /** Named handlers of a protected case: the only people who may see it. */
  handlers: readonly string[];
  /** Investigators assigned to the case. */
  assignees: readonly string[];
}

/**
 * How much of a case someone sees: `full` (report, investigation, documents), `status` (the
 * reporter's own report as filed and its state), `registry` (the registrar's metadata), `none`.
 */
export type CaseView = 'none' | 'registry' | 'status' | 'full';

/** Things that change a case. */
export type CaseAction =
  | 'register'
  | 'openInvestigation'
  | 'declineInvestigation'
  | 'editInvestigation'
  | 'addCaseLogEntry'
  | 'addAttachment'
  | 'recordDecision'
  | 'generateDecision'
  | 'reportToAuthority'
  | 'close';

/** What an actor may do with one case. */
export interface CaseAccess {
  view: CaseView;
  actions: CaseAction[];
}

/** The role that owns the decisions on a deviation type. */
export function ownerRole(type: DeviationType): Role {
  switch (type) {
    case 'lexSarah':
      return 'lexSarahOfficer';
    case 'personalDataBreach':
      return 'dpo';
    case 'securityIncident':
      return 'securityCoordinator';
  }
}

/** Whether the actor handles the case: named on a protected one, routed or assigned otherwise. */
export function isHandler(actor: Actor, facts: CaseAccessFacts): boolean {
  if (facts.protectedIdentity) return facts.handlers.includes(actor.id);
  return (
    actor.groups.includes(facts.routedGroup) ||
    facts.assignees.includes(actor.id) ||
    (facts.type === 'personalDataBreach' && actor.roles.includes('dpo'))
  );
}

const handlerActions: CaseAction[] = ['editInvestigation', 'addCaseLogEntry', 'addAttachment'];
// The delegated decision is the decision-maker's document, so generating it is theirs too.
const ownerActions: CaseAction[] = [
  'generateDecision',
  'register',
  'openInvestigation',
  'declineInvestigation',
  'recordDecision',
  'reportToAuthority',
  'close',
];

/** The access policy: what `actor` may see of and do to the case described by `facts`. */
export function caseAccess(actor: Actor, facts: CaseAccessFacts): CaseAccess {
  if (isHandler(actor, facts)) {
    const owner = actor.roles.includes(ownerRole(facts.type));
    return { view: 'full', actions: owner ? [...handlerActions, ...ownerActions] : handlerActions };
  }
  if (facts.reporterId === actor.id) return { view: 'status', actions: [] };
  // The registry must list every case, protected ones too, but shows them without title or unit.
  if (actor.roles.includes('registrar')) return { view: 'registry', actions: ['register'] };
  return { view: 'none', actions: [] };
}

/** Whether the actor may do `action` to the case. */
export function mayDo(actor: Actor, facts: CaseAccessFacts, action: CaseAction): boolean {
  return caseAccess(actor, facts).actions.includes(action);
}

/** Only the data protection officer reviews who read protected cases. */
export function mayReadAccessLog(actor: Actor): boolean {
  return actor.roles.includes('dpo');
}

/**
 * The cases an actor may find in a list, as a filter every store can apply in its query, so
 * paging counts only what the actor may see. A case matches if any clause matches.
 */
export interface VisibilityFilter {
  /** Everything (the registrar, who sees registry metadata of all cases). */
  all: boolean;
  /** Unprotected cases routed to these groups. */
  routedGroups: string[];
  /** Unprotected cases of these types (the DPO sees every breach). */
  types: DeviationType[];
  /** Protected cases naming this id among handlers; unprotected cases assigned to it. */
  handlerId: string;
  /** Cases this id reported. */
  reporterId: string;
}

/** The list filter matching exactly the cases where caseAccess gives a view other than none. */
export function visibilityFilter(actor: Actor): VisibilityFilter {
  return {
    all: actor.roles.includes('registrar'),
    routedGroups: [...actor.groups],
    types: actor.roles.includes('dpo') ? ['personalDataBreach'] : [],
    handlerId: actor.id,
    reporterId: actor.id,
  };
}
