import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError, IllegalTransitionError } from '../../src/core/errors.js';
import {
  type CaseState,
  type StepContext,
  type WorkflowStep,
  caseStates,
  stateLabels,
  stepLabels,
  stepsFrom,
  takeStep,
} from '../../src/core/workflow.js';

/**
 * The oracle, written from SPEC §5 and not from workflow.ts: draft → submitted → registered →
 * underInvestigation or closedNoInvestigation → decided → (reportedToAuthority) → closed.
 */
const specTransitions: readonly { step: WorkflowStep; from: CaseState; to: CaseState }[] = [
  { step: 'submit', from: 'draft', to: 'submitted' },
  { step: 'register', from: 'submitted', to: 'registered' },
  { step: 'openInvestigation', from: 'registered', to: 'underInvestigation' },
  { step: 'declineInvestigation', from: 'registered', to: 'closedNoInvestigation' },
  { step: 'recordDecision', from: 'underInvestigation', to: 'decided' },
  { step: 'reportToAuthority', from: 'decided', to: 'reportedToAuthority' },
  { step: 'close', from: 'decided', to: 'closed' },
  { step: 'close', from: 'reportedToAuthority', to: 'closed' },
];

/** Where each step leads (the same target whatever the state it is taken from). */
const specTargets: Record<WorkflowStep, CaseState> = {
  submit: 'submitted',
  register: 'registered',
  openInvestigation: 'underInvestigation',
  declineInvestigation: 'closedNoInvestigation',
  recordDecision: 'decided',
  reportToAuthority: 'reportedToAuthority',
  close: 'closed',
};

const allSteps = Object.keys(specTargets) as WorkflowStep[];
const terminalStates: readonly CaseState[] = ['closed', 'closedNoInvestigation'];

const actor = { id: 'u-officer', name: 'Lena Sarin' };
const at = '2026-03-02T09:00:00+01:00';

/** A context that satisfies every guard of `step` taken from `from`. */
function passingContext(step: WorkflowStep, from: CaseState): StepContext {
  return {
    // reportToAuthority needs a required report; close from decided needs none.
    authorityReportRequired: step === 'reportToAuthority' || from === 'reportedToAuthority',
    hasDecisionOutcome: true,
    reason: 'Rapporten gäller inte ett missförhållande.',
  };
}

function thrown(fn: () => unknown): IllegalTransitionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IllegalTransitionError) return error;
    throw error;
  }
  throw new Error('expected an IllegalTransitionError');
}

describe('takeStep over every step × every state', () => {
  it('knows exactly the SPEC §5 states', () => {
    expect([...caseStates].sort()).toEqual(
      [
        'draft',
        'submitted',
        'registered',
        'underInvestigation',
        'closedNoInvestigation',
        'decided',
        'reportedToAuthority',
        'closed',
      ].sort(),
    );
  });

  const table = allSteps.flatMap((step) =>
    caseStates.map((from) => {
      const legal = specTransitions.find((t) => t.step === step && t.from === from);
      return { step, from, legal: legal !== undefined };
    }),
  );

  it.each(table.filter((row) => row.legal))('$step from $from succeeds', ({ step, from }) => {
    const event = takeStep(from, step, passingContext(step, from), actor, at);
    expect(event.from).toBe(from);
    expect(event.to).toBe(specTargets[step]);
    expect(event.step).toBe(step);
  });

  it.each(table.filter((row) => !row.legal))(
    '$step from $from is refused with a bilingual message naming the step',
    ({ step, from }) => {
      const error = thrown(() => takeStep(from, step, passingContext(step, from), actor, at));
      expect(error).toBeInstanceOf(DomainError);
      expect(error.reason).toBe('illegalTransition');
      expect(error.from).toBe(from);
      expect(error.to).toBe(specTargets[step]);
      expect(error.text.sv).toContain(stepLabels[step].sv);
      expect(error.text.en).toContain(stepLabels[step].en);
      // The message says which state the case is in, in each language.
      expect(error.text.sv).toContain(stateLabels[from].sv.toLowerCase());
      expect(error.text.en).toContain(stateLabels[from].en.toLowerCase());
      expect(error.text.sv).not.toBe(error.text.en);
      expect(error.message).toBe(error.text.en);
    },
  );

  it('covers all 7 × 8 combinations, 8 of them legal', () => {
    expect(table).toHaveLength(56);
    expect(table.filter((row) => row.legal)).toHaveLength(specTransitions.length);
  });
});

describe('guards', () => {
  it('refuses declineInvestigation without a reason', () => {
    const error = thrown(() =>
      takeStep(
        'registered',
        'declineInvestigation',
        { authorityReportRequired: false, hasDecisionOutcome: false },
        actor,
        at,
      ),
    );
    expect(error.reason).toBe('illegalTransition');
    expect(error.from).toBe('registered');
    expect(error.to).toBe('closedNoInvestigation');
    expect(error.text.sv).toMatch(/motiveras/);
    expect(error.text.en).toMatch(/reason/);
  });

  it.each(['', '   ', '\t\n '])(
    'refuses declineInvestigation with the blank reason %j',
    (reason) => {
      const context = { authorityReportRequired: false, hasDecisionOutcome: false, reason };
      expect(() => takeStep('registered', 'declineInvestigation', context, actor, at)).toThrow(
        IllegalTransitionError,
      );
    },
  );

  it('refuses recordDecision without an outcome, and allows it with one', () => {
    const without = { authorityReportRequired: false, hasDecisionOutcome: false };
    const error = thrown(() =>
      takeStep('underInvestigation', 'recordDecision', without, actor, at),
    );
    expect(error.from).toBe('underInvestigation');
    expect(error.to).toBe('decided');
    expect(error.text.sv).toMatch(/beslut/);
    const withOutcome = { ...without, hasDecisionOutcome: true };
    expect(takeStep('underInvestigation', 'recordDecision', withOutcome, actor, at).to).toBe(
      'decided',
    );
  });

  it('refuses reportToAuthority when the decision requires no report', () => {
    const context = { authorityReportRequired: false, hasDecisionOutcome: true };
    const error = thrown(() => takeStep('decided', 'reportToAuthority', context, actor, at));
    expect(error.from).toBe('decided');
    expect(error.to).toBe('reportedToAuthority');
    expect(error.text.sv).toMatch(/IVO/);
    expect(error.text.en).toMatch(/IVO/);
  });

  it('refuses close from decided when an authority report is required', () => {
    const context = { authorityReportRequired: true, hasDecisionOutcome: true };
    const error = thrown(() => takeStep('decided', 'close', context, actor, at));
    expect(error.from).toBe('decided');
    expect(error.to).toBe('closed');
    expect(error.text.en).toMatch(/reported/);
  });

  it('allows close from reportedToAuthority when an authority report is required', () => {
    const context = { authorityReportRequired: true, hasDecisionOutcome: true };
    expect(takeStep('reportedToAuthority', 'close', context, actor, at).to).toBe('closed');
  });

  it('allows close from decided when no authority report is required', () => {
    const context = { authorityReportRequired: false, hasDecisionOutcome: true };
    expect(takeStep('decided', 'close', context, actor, at).to).toBe('closed');
  });
});

describe('the transition event', () => {
  it('records who, when, from, to and the trimmed reason', () => {
    const event = takeStep(
      'registered',
      'declineInvestigation',
      {
        authorityReportRequired: false,
        hasDecisionOutcome: false,
        reason: '  Inget missförhållande. \n',
      },
      { id: 'u-officer', name: 'Lena Sarin' },
      '2026-03-04T10:15:00+01:00',
    );
    expect(event).toEqual({
      kind: 'transition',
      step: 'declineInvestigation',
      from: 'registered',
      to: 'closedNoInvestigation',
      at: '2026-03-04T10:15:00+01:00',
      actorId: 'u-officer',
      actorName: 'Lena Sarin',
      reason: 'Inget missförhållande.',
    });
  });

  it('has no reason when none, or only whitespace, was given', () => {
    const plain = takeStep(
      'draft',
      'submit',
      { authorityReportRequired: false, hasDecisionOutcome: false },
      actor,
      at,
    );
    expect('reason' in plain).toBe(false);
    const blank = takeStep(
      'draft',
      'submit',
      { authorityReportRequired: false, hasDecisionOutcome: false, reason: '   ' },
      actor,
      at,
    );
    expect('reason' in blank).toBe(false);
  });
});

describe('stepsFrom', () => {
  it.each([...caseStates])('lists exactly the SPEC steps from %s', (state) => {
    const expected = specTransitions.filter((t) => t.from === state).map((t) => t.step);
    expect([...stepsFrom(state)].sort()).toEqual([...expected].sort());
  });

  it('offers nothing from the closed states', () => {
    for (const state of terminalStates) expect(stepsFrom(state)).toEqual([]);
  });
});

describe('labels', () => {
  it('names every state and step in Swedish and English, differently', () => {
    for (const label of [...Object.values(stateLabels), ...Object.values(stepLabels)]) {
      expect(label.sv.length).toBeGreaterThan(0);
      expect(label.en.length).toBeGreaterThan(0);
    }
    expect(Object.keys(stateLabels).sort()).toEqual([...caseStates].sort());
    expect(Object.keys(stepLabels).sort()).toEqual([...allSteps].sort());
  });
});

describe('random step sequences (property)', () => {
  const successors = new Map<CaseState, CaseState[]>();
  for (const t of specTransitions)
    successors.set(t.from, [...(successors.get(t.from) ?? []), t.to]);

  const stepAttempt = fc.record({
    step: fc.constantFrom(...allSteps),
    authorityReportRequired: fc.boolean(),
    hasDecisionOutcome: fc.boolean(),
    reason: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
  });

  it('only visits states in SPEC order and never leaves a closed state', () => {
    fc.assert(
      fc.property(fc.array(stepAttempt, { maxLength: 40 }), (attempts) => {
        let state: CaseState = 'draft';
        const visited: CaseState[] = [state];
        for (const { step, ...rest } of attempts) {
          const context: StepContext =
            rest.reason === undefined
              ? {
                  authorityReportRequired: rest.authorityReportRequired,
                  hasDecisionOutcome: rest.hasDecisionOutcome,
                }
              : rest;
          let next: CaseState;
          try {
            const event = takeStep(state, step, context, actor, at);
            expect(event.from).toBe(state);
            next = event.to;
          } catch (error) {
            if (!(error instanceof IllegalTransitionError)) throw error;
            expect(error.from).toBe(state);
            continue;
          }
          expect(terminalStates).not.toContain(state);
          expect(successors.get(state) ?? []).toContain(next);
          state = next;
          visited.push(state);
        }
        // A prefix of one SPEC path: no state twice.
        expect(new Set(visited).size).toBe(visited.length);
      }),
    );
  });

  it('reaches a closed state along a path that permits it', () => {
    const path: { step: WorkflowStep; context: StepContext }[] = [
      { step: 'submit', context: { authorityReportRequired: false, hasDecisionOutcome: false } },
      { step: 'register', context: { authorityReportRequired: false, hasDecisionOutcome: false } },
      {
        step: 'openInvestigation',
        context: { authorityReportRequired: false, hasDecisionOutcome: false },
      },
      {
        step: 'recordDecision',
        context: { authorityReportRequired: true, hasDecisionOutcome: true },
      },
      {
        step: 'reportToAuthority',
        context: { authorityReportRequired: true, hasDecisionOutcome: true },
      },
      { step: 'close', context: { authorityReportRequired: true, hasDecisionOutcome: true } },
    ];
    let state: CaseState = 'draft';
    for (const { step, context } of path) state = takeStep(state, step, context, actor, at).to;
    expect(state).toBe('closed');
  });
});
