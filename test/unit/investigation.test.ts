import { describe, expect, it } from '@jest/globals';
import {
  type ProposedDecision,
  breachAssessmentSchema,
  caseLogEntryInputSchema,
  investigationSchema,
  proposedDecisions,
  requiresIvo,
} from '../../src/core/investigation.js';
import { LONG_TEXT_MAX } from '../../src/core/reports.js';
import { loadScenario } from '../fixtures/scenarios.js';

describe('requiresIvo', () => {
  // SPEC §4: the serious outcomes go to IVO, the others do not.
  it.each<[ProposedDecision, boolean]>([
    ['riskOfMisconduct', false],
    ['misconduct', false],
    ['riskOfSeriousMisconduct', true],
    ['seriousMisconduct', true],
    ['noMisconduct', false],
  ])('%s → IVO: %s', (decision, ivo) => {
    expect(requiresIvo(decision)).toBe(ivo);
  });

  it('knows exactly the five outcomes of SPEC §4', () => {
    expect([...proposedDecisions].sort()).toEqual(
      [
        'riskOfMisconduct',
        'misconduct',
        'riskOfSeriousMisconduct',
        'seriousMisconduct',
        'noMisconduct',
      ].sort(),
    );
  });

  it('agrees with the Lex Sarah scenario', () => {
    const expected = loadScenario('lex-sarah-denied-placement.json').expect.investigation as {
      proposedDecision: ProposedDecision;
      ivo: boolean;
    };
    expect(requiresIvo(expected.proposedDecision)).toBe(expected.ivo);
  });
});

const fullInvestigation = {
  startedAt: '2018-02-05T09:00:00+01:00',
  law: 'SoL',
  investigators: [{ name: 'Ida Berg', title: 'Utredare' }, { name: 'Lena Sarin' }],
  board: 'Arbetsmarknadsnämnden',
  howNoticed: 'Coach J.Q. rapporterade samma dag.',
  whatHappened: 'Insatsen nekades utan förklaring.',
  consequences: 'Aspiranten gick miste om insatsen.',
  happenedBefore: 'Nej.',
  couldRecur: 'yes',
  couldRecurWhy: 'Rutinen för beslut saknades.',
  rootCauses: {
    communication: { applies: true, text: 'Beslutet förklarades inte.' },
    competence: { applies: false },
    routines: { applies: true, text: 'Ingen rutin för beslutsunderlag.' },
    organisation: { applies: false },
    technology: { applies: false },
    other: { applies: false },
  },
  remedialActions: 'Nytt möte med aspiranten.',
  remedialActionsWhen: 'Februari 2018',
  preventiveActions: 'Rutin för beslutsunderlag.',
  followUp: 'Uppföljning efter sex månader.',
  other: '',
  proposedDecision: 'misconduct',
  commissioningBoardInformedAt: '2018-02-02T10:00:00+01:00',
  ivoNotifiedAt: '2018-03-01T10:00:00+01:00',
  ivoCopyAttachedAt: '2018-03-01T10:05:00+01:00',
  finalCopySentAt: '2018-04-01T10:00:00+02:00',
};

describe('investigationSchema', () => {
  it('accepts a full investigation and trims its text', () => {
    const parsed = investigationSchema.parse({
      ...fullInvestigation,
      board: '  Arbetsmarknadsnämnden ',
    });
    expect(parsed.board).toBe('Arbetsmarknadsnämnden');
    expect(parsed.rootCauses?.routines).toEqual({
      applies: true,
      text: 'Ingen rutin för beslutsunderlag.',
    });
    expect(parsed.proposedDecision).toBe('misconduct');
  });

  it('accepts an empty draft: every field is optional while the work goes on', () => {
    expect(investigationSchema.parse({})).toEqual({});
  });

  it('rejects unknown keys, at the top and in nested objects', () => {
    const top = investigationSchema.safeParse({ ...fullInvestigation, personnummer: 'x' });
    expect(top.success).toBe(false);
    expect(top.error?.issues[0]?.code).toBe('unrecognized_keys');
    const nested = investigationSchema.safeParse({
      rootCauses: { ...fullInvestigation.rootCauses, weather: { applies: true } },
    });
    expect(nested.error?.issues.map((i) => i.path)).toEqual([['rootCauses']]);
    const person = investigationSchema.safeParse({
      investigators: [{ name: 'Ida Berg', email: 'ida@example.org' }],
    });
    expect(person.success).toBe(false);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown law', { law: 'HSL' }],
    ['an unknown decision', { proposedDecision: 'serious' }],
    ['couldRecur unsure', { couldRecur: 'unsure' }],
    ['a date without offset', { startedAt: '2018-02-05 09:00' }],
    ['an investigator without a name', { investigators: [{ name: ' ' }] }],
    ['eleven investigators', { investigators: Array.from({ length: 11 }, () => ({ name: 'X' })) }],
    ['an over-long text', { whatHappened: 'x'.repeat(LONG_TEXT_MAX + 1) }],
    ['a root cause without applies', { rootCauses: { routines: { text: 'x' } } }],
  ])('rejects %s', (_what, input) => {
    expect(investigationSchema.safeParse(input).success).toBe(false);
  });
});

describe('breachAssessmentSchema', () => {
  it('accepts the DPO’s assessment with a late notification and its reason', () => {
    const assessment = {
      imyNotification: {
        decision: 'required',
        reasoning: 'Personnummer och jobbplan till en extern mottagare.',
        notifiedAt: '2020-06-01T10:00:00+02:00',
        delayReason: 'Överlämningen från medarbetare till chef tog för lång tid.',
      },
      dataSubjectsInformed: { decision: 'yes', informedAt: '2020-06-01T11:00:00+02:00' },
      imyReference: 'AMN 2020-0576-1.4',
    };
    expect(breachAssessmentSchema.parse(assessment)).toEqual(assessment);
  });

  it('rejects an unknown decision and unknown keys', () => {
    expect(
      breachAssessmentSchema.safeParse({ imyNotification: { decision: 'maybe' } }).success,
    ).toBe(false);
    expect(
      breachAssessmentSchema.safeParse({ imyNotification: { decision: 'required', extra: 1 } })
        .success,
    ).toBe(false);
  });
});

describe('caseLogEntryInputSchema', () => {
  const entry = { note: 'Samtal med enhetschef.', nature: 'fact', source: 'Enhetschef M.S.' };

  it('accepts a fact or an assessment with a source', () => {
    expect(caseLogEntryInputSchema.parse(entry)).toEqual(entry);
    expect(caseLogEntryInputSchema.parse({ ...entry, nature: 'assessment' }).nature).toBe(
      'assessment',
    );
    expect(caseLogEntryInputSchema.parse({ ...entry, attachmentNumber: 2 }).attachmentNumber).toBe(
      2,
    );
  });

  it('requires the nature to be fact or assessment', () => {
    const withoutNature = { note: entry.note, source: entry.source };
    const missing = caseLogEntryInputSchema.safeParse(withoutNature);
    expect(missing.error?.issues.map((i) => i.path)).toEqual([['nature']]);
    const opinion = caseLogEntryInputSchema.safeParse({ ...entry, nature: 'opinion' });
    expect(opinion.error?.issues.map((i) => i.path)).toEqual([['nature']]);
  });

  it('requires a source, not just whitespace', () => {
    const withoutSource = { note: entry.note, nature: entry.nature };
    expect(
      caseLogEntryInputSchema.safeParse(withoutSource).error?.issues.map((i) => i.path),
    ).toEqual([['source']]);
    expect(
      caseLogEntryInputSchema
        .safeParse({ ...entry, source: '   ' })
        .error?.issues.map((i) => i.path),
    ).toEqual([['source']]);
  });

  it('requires a note and a positive whole attachment number', () => {
    expect(caseLogEntryInputSchema.safeParse({ ...entry, note: '' }).success).toBe(false);
    expect(caseLogEntryInputSchema.safeParse({ ...entry, attachmentNumber: 0 }).success).toBe(
      false,
    );
    expect(caseLogEntryInputSchema.safeParse({ ...entry, attachmentNumber: 1.5 }).success).toBe(
      false,
    );
    expect(caseLogEntryInputSchema.safeParse({ ...entry, signedBy: 'x' }).success).toBe(false);
  });
});
