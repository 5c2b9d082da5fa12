import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type Actor,
  type CaseAccessFacts,
  type CaseAction,
  type CaseView,
  type Role,
  type VisibilityFilter,
  caseAccess,
  isHandler,
  mayDo,
  mayReadAccessLog,
  ownerRole,
  roles,
  visibilityFilter,
} from '../../src/core/access.js';
import { accessFacts } from '../../src/core/cases.js';
import { deviationTypes } from '../../src/core/fields.js';
import { actors, makeCaseRecord } from '../fixtures/cases.js';

type ActorKey = keyof typeof actors;

/** The decisions only the owner of a deviation type takes (SPEC §4–5). */
const ownerOnly: CaseAction[] = [
  'generateDecision',
  'openInvestigation',
  'declineInvestigation',
  'recordDecision',
  'reportToAuthority',
  'close',
];
/** The work every handler of a case does. */
const handlerWork: CaseAction[] = ['editInvestigation', 'addCaseLogEntry', 'addAttachment'];

const base: CaseAccessFacts = {
  type: 'lexSarah',
  reporterId: actors.otherReporter.id,
  routedGroup: 'lexSarahOfficer',
  protectedIdentity: false,
  handlers: [],
  assignees: [],
};

const cases = {
  ownReport: { ...base, reporterId: actors.reporter.id },
  othersLexSarah: base,
  breach: { ...base, type: 'personalDataBreach', routedGroup: 'dpo' },
  securityIncident: { ...base, type: 'securityIncident', routedGroup: 'securityCoordinator' },
  protectedLexSarah: {
    ...base,
    protectedIdentity: true,
    handlers: [actors.officer.id],
    assignees: [actors.investigator.id],
  },
  assignedBreach: {
    ...base,
    type: 'personalDataBreach',
    routedGroup: 'dpo',
    assignees: [actors.investigator.id],
  },
} satisfies Record<string, CaseAccessFacts>;
type CaseKey = keyof typeof cases;

type Expected = [CaseView, boolean];
const none: Expected = ['none', false];
const status: Expected = ['status', false];
const registry: Expected = ['registry', false];
const handler: Expected = ['full', false];
const owner: Expected = ['full', true];

/** Expected view and whether owner actions are offered, from SPEC §6. */
const expectations: Record<CaseKey, Record<ActorKey, Expected>> = {
  ownReport: {
    reporter: status,
    otherReporter: none,
    investigator: handler,
    officer: owner,
    registrar: registry,
    dpo: none,
    isam: none,
  },
  othersLexSarah: {
    reporter: none,
    otherReporter: status,
    investigator: handler,
    officer: owner,
    registrar: registry,
    dpo: none,
    isam: none,
  },
  breach: {
    reporter: none,
    otherReporter: status,
    investigator: none,
    officer: none,
    registrar: registry,
    dpo: owner,
    isam: none,
  },
  securityIncident: {
    reporter: none,
    otherReporter: status,
    investigator: none,
    officer: none,
    registrar: registry,
    dpo: none,
    isam: owner,
  },
  protectedLexSarah: {
    reporter: none,
    otherReporter: status,
    // Routed to the investigator's group and even assigned, but not a named handler.
    investigator: none,
    officer: owner,
    registrar: registry,
    dpo: none,
    isam: none,
  },
  assignedBreach: {
    reporter: none,
    otherReporter: status,
    investigator: handler,
    officer: none,
    registrar: registry,
    dpo: owner,
    isam: none,
  },
};

const rows = (Object.keys(cases) as CaseKey[]).flatMap((caseKey) =>
  (Object.keys(actors) as ActorKey[]).map((actorKey) => ({
    caseKey,
    actorKey,
    view: expectations[caseKey][actorKey][0],
    owns: expectations[caseKey][actorKey][1],
  })),
);

describe('caseAccess: roles × case kinds', () => {
  it.each(rows)('$actorKey on $caseKey sees $view (owner actions: $owns)', (row) => {
    const access = caseAccess(actors[row.actorKey], cases[row.caseKey]);
    expect(access.view).toBe(row.view);
    const hasOwnerActions = ownerOnly.some((action) => access.actions.includes(action));
    expect(hasOwnerActions).toBe(row.owns);
    if (row.owns) expect(access.actions).toEqual(expect.arrayContaining(ownerOnly));
    if (row.view === 'full') expect(access.actions).toEqual(expect.arrayContaining(handlerWork));
    if (row.view !== 'full') {
      for (const action of handlerWork) expect(access.actions).not.toContain(action);
    }
  });

  it('gives the reporter status and no actions on their own report: write access ends at submission', () => {
    expect(caseAccess(actors.reporter, cases.ownReport)).toEqual({ view: 'status', actions: [] });
  });

  it('gives the registrar registry metadata of protected cases, with registration only', () => {
    const access = caseAccess(actors.registrar, cases.protectedLexSarah);
    expect(access.view).toBe('registry');
    expect(access.actions).toEqual(['register']);
  });

  it('hides a protected breach from the DPO unless the DPO is named', () => {
    const protectedBreach: CaseAccessFacts = {
      ...cases.breach,
      protectedIdentity: true,
      handlers: [actors.officer.id],
    };
    expect(caseAccess(actors.dpo, protectedBreach).view).toBe('none');
    expect(isHandler(actors.dpo, protectedBreach)).toBe(false);
    const named = { ...protectedBreach, handlers: [actors.dpo.id] };
    expect(caseAccess(actors.dpo, named).view).toBe('full');
  });

  it('hides a protected case from an investigator routed and assigned but not named', () => {
    expect(isHandler(actors.investigator, cases.protectedLexSarah)).toBe(false);
    const named = { ...cases.protectedLexSarah, handlers: [actors.investigator.id] };
    expect(caseAccess(actors.investigator, named).view).toBe('full');
  });

  it('gives a named handler without the owner role only the handler work', () => {
    const named = { ...cases.protectedLexSarah, handlers: [actors.investigator.id] };
    expect([...caseAccess(actors.investigator, named).actions].sort()).toEqual(
      [...handlerWork].sort(),
    );
  });

  it('works on the facts of a stored case record', () => {
    const record = makeCaseRecord({ reporter: { id: actors.reporter.id, name: 'Jonas Quist' } });
    expect(caseAccess(actors.reporter, accessFacts(record)).view).toBe('status');
    expect(caseAccess(actors.officer, accessFacts(record)).view).toBe('full');
    const hidden = makeCaseRecord({ protectedIdentity: true, handlers: [actors.officer.id] });
    expect(caseAccess(actors.investigator, accessFacts(hidden)).view).toBe('none');
  });
});

describe('ownerRole and mayDo', () => {
  it('names the owning role of each deviation type', () => {
    expect(ownerRole('lexSarah')).toBe('lexSarahOfficer');
    expect(ownerRole('personalDataBreach')).toBe('dpo');
    expect(ownerRole('securityIncident')).toBe('securityCoordinator');
  });

  it('lets only the owner close, and any handler add a case log entry', () => {
    expect(mayDo(actors.officer, cases.othersLexSarah, 'close')).toBe(true);
    expect(mayDo(actors.investigator, cases.othersLexSarah, 'close')).toBe(false);
    expect(mayDo(actors.investigator, cases.othersLexSarah, 'addCaseLogEntry')).toBe(true);
    expect(mayDo(actors.reporter, cases.ownReport, 'addAttachment')).toBe(false);
    expect(mayDo(actors.registrar, cases.breach, 'register')).toBe(true);
    expect(mayDo(actors.registrar, cases.breach, 'editInvestigation')).toBe(false);
  });
});

describe('mayReadAccessLog', () => {
  it.each(Object.keys(actors) as ActorKey[])('is true only for the DPO: %s', (key) => {
    expect(mayReadAccessLog(actors[key])).toBe(key === 'dpo');
  });

  it('depends on the dpo role, not on the group', () => {
    expect(mayReadAccessLog({ id: 'x', name: 'X', roles: ['reporter'], groups: ['dpo'] })).toBe(
      false,
    );
    expect(mayReadAccessLog({ id: 'x', name: 'X', roles: ['dpo'], groups: [] })).toBe(true);
  });
});

describe('visibilityFilter', () => {
  it('gives the registrar everything, and no one else', () => {
    expect(visibilityFilter(actors.registrar).all).toBe(true);
    for (const key of ['reporter', 'investigator', 'officer', 'dpo', 'isam'] as const) {
      expect(visibilityFilter(actors[key]).all).toBe(false);
    }
  });

  it('lists the groups, the DPO type, and the actor id as handler and reporter', () => {
    expect(visibilityFilter(actors.dpo)).toEqual({
      all: false,
      routedGroups: ['dpo'],
      types: ['personalDataBreach'],
      handlerId: 'u-dpo',
      reporterId: 'u-dpo',
    });
    expect(visibilityFilter(actors.investigator)).toEqual({
      all: false,
      routedGroups: ['lexSarahOfficer'],
      types: [],
      handlerId: 'u-investigator',
      reporterId: 'u-investigator',
    });
  });

  it('copies the groups, so a store cannot change the actor through the filter', () => {
    const actor: Actor = { id: 'a', name: 'A', roles: ['investigator'], groups: ['g'] };
    visibilityFilter(actor).routedGroups.push('other');
    expect(actor.groups).toEqual(['g']);
  });
});

/** The filter's documented semantics, evaluated as a store would in its query. */
function matches(filter: VisibilityFilter, facts: CaseAccessFacts): boolean {
  const routedOrTyped =
    filter.routedGroups.includes(facts.routedGroup) ||
    filter.types.includes(facts.type) ||
    facts.assignees.includes(filter.handlerId);
  return (
    filter.all ||
    (!facts.protectedIdentity && routedOrTyped) ||
    (facts.protectedIdentity && facts.handlers.includes(filter.handlerId)) ||
    facts.reporterId === filter.reporterId
  );
}

describe('caseAccess and visibilityFilter agree (property)', () => {
  const ids = ['u-a', 'u-b', 'u-c', 'u-d'] as const;
  const groups = ['lexSarahOfficer', 'dpo', 'securityCoordinator', 'g-other'] as const;
  const actorArb: fc.Arbitrary<Actor> = fc.record({
    id: fc.constantFrom(...ids),
    name: fc.constant('Someone'),
    roles: fc.subarray<Role>([...roles]),
    groups: fc.subarray([...groups]),
  });
  const factsArb: fc.Arbitrary<CaseAccessFacts> = fc.record({
    type: fc.constantFrom(...deviationTypes),
    reporterId: fc.constantFrom(...ids),
    routedGroup: fc.constantFrom(...groups),
    protectedIdentity: fc.boolean(),
    handlers: fc.subarray([...ids]),
    assignees: fc.subarray([...ids]),
  });

  it('a case is visible exactly when it matches the list filter', () => {
    fc.assert(
      fc.property(actorArb, factsArb, (actor, facts) => {
        const visible = caseAccess(actor, facts).view !== 'none';
        expect(visible).toBe(matches(visibilityFilter(actor), facts));
      }),
      { numRuns: 2000 },
    );
  });

  it('a protected case is seen in full only by a named handler', () => {
    fc.assert(
      fc.property(actorArb, factsArb, (actor, facts) => {
        const named = { ...facts, protectedIdentity: true };
        const access = caseAccess(actor, named);
        expect(access.view === 'full').toBe(named.handlers.includes(actor.id));
      }),
    );
  });

  it('owner actions go only to full viewers with the owning role', () => {
    fc.assert(
      fc.property(actorArb, factsArb, (actor, facts) => {
        const access = caseAccess(actor, facts);
        const owns = ownerOnly.some((action) => access.actions.includes(action));
        expect(owns).toBe(access.view === 'full' && actor.roles.includes(ownerRole(facts.type)));
      }),
    );
  });
});
