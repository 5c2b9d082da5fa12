import { describe, expect, it } from '@jest/globals';
import type { CaseAccess } from '../../src/core/access.js';
import {
  authorityReportRequired,
  availableSteps,
  hasDecisionOutcome,
  type StepFacts,
} from '../../src/core/caseSteps.js';
import { proposedDecisions, type ProposedDecision } from '../../src/core/investigation.js';
import { caseStates, takeStep } from '../../src/core/workflow.js';

/**
 * The steps the tab offers must be exactly those the server accepts: every offered step that is
 * not blocked passes takeStep, and every blocked one is refused with the same message.
 */

const owner: CaseAccess = {
  view: 'full',
  actions: [
    'editInvestigation',
    'addCaseLogEntry',
    'addAttachment',
    'generateDecision',
    'register',
    'openInvestigation',
    'declineInvestigation',
    'recordDecision',
    'reportToAuthority',
    'close',
  ],
};
const handler: CaseAccess = {
  view: 'full',
  actions: ['editInvestigation', 'addCaseLogEntry', 'addAttachment'],
};
const registrar: CaseAccess = { view: 'registry', actions: ['register'] };
const actor = { id: 'u-officer', name: 'Lena Sarin' };

function lexSarah(state: StepFacts['state'], proposedDecision?: ProposedDecision): StepFacts {
  return {
    type: 'lexSarah',
    state,
    investigation: proposedDecision === undefined ? { startedAt: undefined } : { proposedDecision },
  };
}

describe('availableSteps', () => {
  it('offers the owner the next steps of each state, never submit', () => {
    const offered = Object.fromEntries(
      caseStates.map((state) => [
        state,
        availableSteps(lexSarah(state, 'misconduct'), owner).map((s) => s.step),
      ]),
    );
    expect(offered).toEqual({
      draft: [],
      submitted: ['register'],
      registered: ['openInvestigation', 'declineInvestigation'],
      underInvestigation: ['recordDecision'],
      closedNoInvestigation: [],
      decided: ['reportToAuthority', 'close'],
      reportedToAuthority: ['close'],
      closed: [],
    });
  });

  it('offers a handler who does not own decisions nothing, and the registrar only register', () => {
    for (const state of caseStates) {
      expect(availableSteps(lexSarah(state), handler)).toEqual([]);
    }
    expect(availableSteps({ type: 'lexSarah', state: 'submitted' }, registrar)).toEqual([
      { step: 'register', needsReason: false },
    ]);
    expect(availableSteps({ type: 'lexSarah', state: 'registered' }, registrar)).toEqual([]);
  });

  it('marks declining to investigate as needing a reason', () => {
    const decline = availableSteps(lexSarah('registered'), owner).find(
      (s) => s.step === 'declineInvestigation',
    );
    expect(decline).toEqual({ step: 'declineInvestigation', needsReason: true });
  });

  it('blocks recording a decision until one is proposed, with the server’s words', () => {
    const [blocked] = availableSteps(lexSarah('underInvestigation'), owner);
    expect(blocked?.blockedBy?.sv).toBe('Välj ett förslag till beslut innan beslutet registreras.');
    const [open] = availableSteps(lexSarah('underInvestigation', 'misconduct'), owner);
    expect(open).toEqual({ step: 'recordDecision', needsReason: false });
  });

  it('agrees with takeStep for every state and proposed decision', () => {
    for (const state of caseStates) {
      for (const decision of [undefined, ...proposedDecisions]) {
        const facts = lexSarah(state, decision);
        const context = {
          authorityReportRequired: authorityReportRequired(facts),
          hasDecisionOutcome: hasDecisionOutcome(facts),
          reason: 'Motivering',
        };
        for (const available of availableSteps(facts, owner)) {
          const attempt = () => takeStep(state, available.step, context, actor, '2026-11-25');
          if (available.blockedBy === undefined) expect(attempt).not.toThrow();
          else
            expect(attempt).toThrow(expect.objectContaining({ message: available.blockedBy.en }));
        }
      }
    }
  });
});

describe('authorityReportRequired', () => {
  it('follows the serious Lex Sarah outcomes to IVO', () => {
    expect(
      proposedDecisions.filter((d) => authorityReportRequired(lexSarah('decided', d))),
    ).toEqual(['riskOfSeriousMisconduct', 'seriousMisconduct']);
  });

  it('follows the DPO’s decision to notify IMY', () => {
    const breach = (decision?: 'required' | 'notRequired'): StepFacts => ({
      type: 'personalDataBreach',
      state: 'decided',
      assessment: decision === undefined ? {} : { imyNotification: { decision } },
    });
    expect(authorityReportRequired(breach('required'))).toBe(true);
    expect(authorityReportRequired(breach('notRequired'))).toBe(false);
    expect(authorityReportRequired(breach())).toBe(false);
    expect(hasDecisionOutcome(breach())).toBe(false);
    expect(hasDecisionOutcome(breach('notRequired'))).toBe(true);
  });

  it('treats a security incident as reportable only when its report says significant', () => {
    const incident = (significant?: 'yes' | 'no'): StepFacts => ({
      type: 'securityIncident',
      state: 'decided',
      ...(significant === undefined
        ? {}
        : {
            report: {
              type: 'securityIncident',
              answers: { significant } as never,
            },
          }),
    });
    expect(authorityReportRequired(incident('yes'))).toBe(true);
    expect(authorityReportRequired(incident('no'))).toBe(false);
    expect(authorityReportRequired(incident())).toBe(false);
    expect(hasDecisionOutcome(incident())).toBe(true);
  });
});
