import { describe, expect, it } from '@jest/globals';
import { deviationTypes, labelOf, type DeviationType } from '../../src/core/fields.js';
import {
  fieldSchema,
  findQuestion,
  getAnswer,
  nextQuestion,
  parseLocalDateTime,
  questionFlows,
  readAnswer,
  setAnswer,
  triage,
  triageQuestions,
  type AnswerResult,
  type Question,
} from '../../src/core/questionFlow.js';
import { buildReportDocument } from '../../src/core/documents/reportDocument.js';
import { makeCaseRecord } from '../fixtures/cases.js';
import { loadScenarios } from '../fixtures/scenarios.js';

// A fixed "now" after every date the tests use, on an ordinary winter day.
const NOW = new Date('2026-03-10T12:00:00+01:00');

const allQuestions = deviationTypes.flatMap((type) =>
  questionFlows[type].map((question) => ({ type, id: question.id, question })),
);

function questionOf(type: DeviationType, id: string): Question {
  const question = findQuestion(type, id);
  if (!question) throw new Error(`No question ${id} in ${type}`);
  return question;
}

function valueOf(result: AnswerResult): unknown {
  if (!result.ok) throw new Error(`Expected ok, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

function issueOf(result: AnswerResult): { field: string; sv: string; en: string } {
  if (result.ok) throw new Error(`Expected an issue, got ${JSON.stringify(result.value)}`);
  const first = result.issues[0];
  if (!first) throw new Error('Expected at least one issue');
  return { field: first.field, sv: first.message.sv, en: first.message.en };
}

const read = (type: DeviationType, id: string, raw: unknown, extra = {}): AnswerResult =>
  readAnswer(type, questionOf(type, id), raw, NOW, extra);

describe('questionFlows', () => {
  it.each(allQuestions)('$type asks $id, a field of its schema with a label', ({ type, id }) => {
    expect(fieldSchema(type, id)).toBeDefined();
    const label = labelOf(id);
    expect(label.sv).not.toBe(id);
    expect(label.en).not.toBe(id);
  });

  it.each(deviationTypes)('%s asks each field once', (type) => {
    const ids = questionFlows[type].map((question) => question.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allQuestions.filter(({ question }) => question.options !== undefined))(
    '$type $id offers only options its schema accepts',
    ({ type, question }) => {
      for (const option of question.options ?? []) {
        const raw = question.kind === 'multiChoice' ? [option.value] : option.value;
        const expected = question.kind === 'multiChoice' ? [option.value] : option.value;
        expect(valueOf(readAnswer(type, question, raw, NOW))).toEqual(expected);
        expect(option.label.sv).not.toBe('');
        expect(option.label.en).not.toBe('');
      }
    },
  );

  it('gives every choice question its options and every text question a length limit', () => {
    for (const { question } of allQuestions) {
      if (question.kind === 'choice' || question.kind === 'multiChoice') {
        expect(question.options?.length).toBeGreaterThan(1);
      }
      if (question.kind === 'shortText' || question.kind === 'longText') {
        expect(question.maxLength).toBeGreaterThan(0);
      }
    }
  });

  it('scans free text for personal data', () => {
    const longTexts = allQuestions.filter(({ question }) => question.kind === 'longText');
    expect(longTexts.length).toBeGreaterThan(0);
    for (const { question } of longTexts) expect(question.scanForPersonalData).toBe(true);
  });

  it('asks each form in its own words: a breach or incident is no impropriety', () => {
    expect(findQuestion('lexSarah', 'description')?.prompt.sv).toBe(
      'Beskriv missförhållandet eller risken',
    );
    for (const type of ['personalDataBreach', 'securityIncident'] as const) {
      expect(findQuestion(type, 'description')?.prompt).toEqual({
        sv: 'Beskriv vad som har hänt',
        en: 'Describe what happened',
      });
    }
    const breach = buildReportDocument(
      {
        ...makeCaseRecord({ type: 'personalDataBreach' }),
        report: {
          type: 'personalDataBreach',
          answers: {
            discoveredAt: '2026-11-24T15:40:00+01:00',
            category: 'misdirectedEmail',
            description: 'Ett mejl skickades till fel mottagare.',
            dataSubjects: { categories: ['aspiranter'], approxCount: 1 },
            dataCategories: ['name'],
          },
        },
      },
      'Arbetsmarknadsnämnden',
    );
    const labels = breach.sections.flatMap((section) => section.fields.map((f) => f.label));
    expect(labels).toContain('Beskriv vad som har hänt');
    expect(labels).not.toContain('Beskriv missförhållandet eller risken');
  });

  it('finds a question by type and id, and nothing for an unknown id', () => {
    expect(findQuestion('lexSarah', 'noticedAt')?.kind).toBe('dateTime');
    expect(findQuestion('lexSarah', 'discoveredAt')).toBeUndefined();
    expect(fieldSchema('lexSarah', 'affectedPerson.nope')).toBeUndefined();
    expect(fieldSchema('lexSarah', 'kind.deeper')).toBeUndefined();
  });
});

describe('the shared scenarios answer every question field by field', () => {
  for (const scenario of loadScenarios()) {
    it(scenario.file, () => {
      for (const question of questionFlows[scenario.type]) {
        const raw = getAnswer(scenario.answers, question.id);
        const result = readAnswer(scenario.type, question, raw, NOW);
        if (raw === undefined) {
          expect(question.required).toBe(false);
          expect(valueOf(result)).toBeUndefined();
        } else {
          expect(valueOf(result)).toEqual(raw);
        }
      }
    });
  }
});

describe('readAnswer', () => {
  describe('choice', () => {
    it('takes the value, the Swedish label or the English label, in any case', () => {
      expect(valueOf(read('lexSarah', 'kind', 'misconduct'))).toBe('misconduct');
      expect(valueOf(read('lexSarah', 'kind', 'Ett missförhållande'))).toBe('misconduct');
      expect(valueOf(read('lexSarah', 'kind', 'a substantial risk of impropriety'))).toBe('risk');
      expect(valueOf(read('lexSarah', 'affectedPerson.protectedIdentity', 'ja'))).toBe('yes');
      expect(valueOf(read('lexSarah', 'affectedPerson.protectedIdentity', ' VET INTE '))).toBe(
        'unknown',
      );
      expect(valueOf(read('lexSarah', 'area', 'Jobbtorg'))).toBe('jobCentre');
    });

    it('refuses a value that is not an option', () => {
      const issue = issueOf(read('lexSarah', 'kind', 'kanske'));
      expect(issue.sv).toContain('Ogiltigt val');
    });
  });

  describe('multiChoice', () => {
    it('splits typed text and reads labels', () => {
      expect(valueOf(read('personalDataBreach', 'dataCategories', 'name, jobPlan'))).toEqual([
        'name',
        'jobPlan',
      ]);
      expect(valueOf(read('personalDataBreach', 'dataCategories', 'Namn; personnummer'))).toEqual([
        'name',
        'personalIdentityNumber',
      ]);
    });

    it('takes an array', () => {
      expect(
        valueOf(read('personalDataBreach', 'dataCategories', ['name', 'Kontaktuppgifter'])),
      ).toEqual(['name', 'contactDetails']);
    });

    it('refuses an unknown category and an empty selection', () => {
      expect(
        issueOf(read('personalDataBreach', 'dataCategories', 'name, shoe size')).field,
      ).toMatch(/^dataCategories/);
      expect(issueOf(read('personalDataBreach', 'dataCategories', [])).sv).toContain(
        'måste besvaras',
      );
    });
  });

  describe('list', () => {
    it('splits on commas, semicolons and line breaks and drops empty parts', () => {
      expect(
        valueOf(
          read(
            'personalDataBreach',
            'dataSubjects.categories',
            'aspiranter, elever;\nmedarbetare,',
          ),
        ),
      ).toEqual(['aspiranter', 'elever', 'medarbetare']);
    });

    it('takes an array', () => {
      expect(
        valueOf(read('personalDataBreach', 'dataSubjects.categories', [' aspiranter ', 'elever'])),
      ).toEqual(['aspiranter', 'elever']);
    });
  });

  describe('number', () => {
    it('reads a whole number, with spaces as thousands separators', () => {
      expect(valueOf(read('personalDataBreach', 'dataSubjects.approxCount', '4'))).toBe(4);
      expect(valueOf(read('personalDataBreach', 'dataSubjects.approxCount', '1 200'))).toBe(1200);
      expect(valueOf(read('personalDataBreach', 'dataSubjects.approxCount', 4))).toBe(4);
    });

    it('reads a decimal comma, which a count then refuses as not whole', () => {
      const decimal: Question = {
        id: 'ratio',
        kind: 'number',
        required: true,
        prompt: labelOf('x'),
      };
      expect(valueOf(readAnswer('personalDataBreach', decimal, '4,5', NOW))).toBe(4.5);
      const issue = issueOf(read('personalDataBreach', 'dataSubjects.approxCount', '4,5'));
      expect(issue.sv).toContain('heltal');
    });

    it('refuses text that is not a number', () => {
      const issue = issueOf(read('personalDataBreach', 'dataSubjects.approxCount', 'x'));
      expect(issue.field).toBe('dataSubjects.approxCount');
      expect(issue.sv).toContain('Ange ett tal');
    });
  });

  describe('dateTime', () => {
    it('keeps an ISO instant with its offset', () => {
      expect(valueOf(read('lexSarah', 'noticedAt', '2018-02-01T14:00:00+01:00'))).toBe(
        '2018-02-01T14:00:00+01:00',
      );
      expect(valueOf(read('lexSarah', 'noticedAt', '2018-02-01T13:00:00Z'))).toBe(
        '2018-02-01T13:00:00Z',
      );
    });

    it('reads a Stockholm wall-clock time in winter as +01:00', () => {
      expect(valueOf(read('lexSarah', 'noticedAt', '2018-02-01 14:00'))).toBe(
        '2018-02-01T14:00:00+01:00',
      );
      expect(valueOf(read('lexSarah', 'noticedAt', '2018-02-01 kl. 14.00'))).toBe(
        '2018-02-01T14:00:00+01:00',
      );
    });

    it('reads a date with the time from a separate card input', () => {
      expect(valueOf(read('lexSarah', 'noticedAt', '2018-02-01', { timePart: '14:00' }))).toBe(
        '2018-02-01T14:00:00+01:00',
      );
    });

    it('reads summer time as +02:00', () => {
      expect(valueOf(read('personalDataBreach', 'discoveredAt', '2020-05-27 15:40'))).toBe(
        '2020-05-27T15:40:00+02:00',
      );
    });

    it('reads day/month as this year in Stockholm', () => {
      expect(valueOf(read('lexSarah', 'noticedAt', '1/2 14:00'))).toBe('2026-02-01T14:00:00+01:00');
    });

    it('reads day/month typed just after new year as last year, not as a future date', () => {
      const january = new Date('2026-01-03T12:00:00+01:00');
      const result = readAnswer(
        'lexSarah',
        questionOf('lexSarah', 'noticedAt'),
        '28/12 14:00',
        january,
      );
      expect(valueOf(result)).toBe('2025-12-28T14:00:00+01:00');
    });

    it('refuses a time in the future', () => {
      const issue = issueOf(read('lexSarah', 'noticedAt', '2026-03-10 13:30'));
      expect(issue.sv).toContain('framtiden');
      expect(issue.en).toContain('future');
    });

    it('accepts a time within a minute ahead of the server clock', () => {
      expect(valueOf(read('lexSarah', 'noticedAt', '2026-03-10T12:00:30+01:00'))).toBe(
        '2026-03-10T12:00:30+01:00',
      );
    });

    it('refuses text that is not a date', () => {
      const issue = issueOf(read('lexSarah', 'noticedAt', 'igår på eftermiddagen'));
      expect(issue.sv).toContain('kunde inte läsas');
      expect(issueOf(read('lexSarah', 'noticedAt', '2018-02-30 14:00')).sv).toContain(
        'kunde inte läsas',
      );
    });

    it('refuses a wall-clock time that does not exist (the spring-forward gap)', () => {
      const later = new Date('2026-04-10T12:00:00+02:00');
      expect(parseLocalDateTime('2026-03-29 02:30', later)).toBeNull();
      const result = readAnswer(
        'lexSarah',
        questionOf('lexSarah', 'noticedAt'),
        '2026-03-29 02:30',
        later,
      );
      expect(issueOf(result).sv).toContain('kunde inte läsas');
      expect(parseLocalDateTime('2026-03-29 03:30', later)).toBe('2026-03-29T03:30:00+02:00');
    });
  });

  describe('empty answers', () => {
    it('refuses an empty answer to a required question', () => {
      for (const raw of [undefined, null, '', '   ']) {
        const issue = issueOf(read('lexSarah', 'description', raw));
        expect(issue.field).toBe('description');
        expect(issue.sv).toContain('måste besvaras');
      }
    });

    it('takes an empty answer to an optional question as no answer', () => {
      expect(valueOf(read('lexSarah', 'otherInfo', ''))).toBeUndefined();
      expect(valueOf(read('lexSarah', 'areaDetail', '  '))).toBeUndefined();
      expect(valueOf(read('personalDataBreach', 'occurredAt', undefined))).toBeUndefined();
    });
  });

  describe('text', () => {
    it('trims what it keeps', () => {
      expect(valueOf(read('lexSarah', 'unit', '  Jobbtorg Kista  '))).toBe('Jobbtorg Kista');
    });

    it('refuses a text over the limit, saying so', () => {
      const question = questionOf('lexSarah', 'unit');
      const issue = issueOf(read('lexSarah', 'unit', 'x'.repeat((question.maxLength ?? 0) + 1)));
      expect(issue.sv).toContain('för lång');
      expect(issue.en).toContain('too long');
      expect(valueOf(read('lexSarah', 'unit', 'x'.repeat(question.maxLength ?? 0)))).toHaveLength(
        question.maxLength ?? 0,
      );
    });

    it('names a refused field by its id and its label, as every other issue does', () => {
      const issue = issueOf(read('lexSarah', 'unit', 'x'.repeat(1000)));
      expect(issue.field).toBe('unit');
      expect(issue.sv.startsWith(`${labelOf('unit').sv}:`)).toBe(true);
    });
  });
});

describe('setAnswer and getAnswer', () => {
  it('sets and reads a nested field without changing the original', () => {
    const before = { kind: 'risk' };
    const after = setAnswer(before, 'affectedPerson.gender', 'man');
    expect(after).toEqual({ kind: 'risk', affectedPerson: { gender: 'man' } });
    expect(before).toEqual({ kind: 'risk' });
    expect(getAnswer(after, 'affectedPerson.gender')).toBe('man');
    const both = setAnswer(after, 'affectedPerson.protectedIdentity', 'no');
    expect(both.affectedPerson).toEqual({ gender: 'man', protectedIdentity: 'no' });
    expect(after.affectedPerson).toEqual({ gender: 'man' });
  });

  it('deletes a field when set to undefined', () => {
    const answers = { unit: 'Jobbtorg', dataSubjects: { categories: ['a'], approxCount: 4 } };
    expect(setAnswer(answers, 'unit', undefined)).toEqual({
      dataSubjects: { categories: ['a'], approxCount: 4 },
    });
    const nested = setAnswer(answers, 'dataSubjects.approxCount', undefined);
    expect(nested).toEqual({ unit: 'Jobbtorg', dataSubjects: { categories: ['a'] } });
    expect(Object.hasOwn(nested.dataSubjects as object, 'approxCount')).toBe(false);
  });

  it('replaces a non-object on the way to a nested field', () => {
    expect(setAnswer({ affectedPerson: 'x' }, 'affectedPerson.gender', 'man')).toEqual({
      affectedPerson: { gender: 'man' },
    });
  });

  it('reads undefined for missing paths and inherited members', () => {
    expect(getAnswer({}, 'affectedPerson.gender')).toBeUndefined();
    expect(getAnswer({ affectedPerson: 'x' }, 'affectedPerson.gender')).toBeUndefined();
    expect(getAnswer({}, 'constructor')).toBeUndefined();
    expect(getAnswer({ a: { b: null } }, 'a.b.c')).toBeUndefined();
  });
});

describe('nextQuestion', () => {
  it('walks the flow in order, skipped questions counting as answered', () => {
    const flow = questionFlows.lexSarah;
    expect(nextQuestion('lexSarah', new Set())?.id).toBe(flow[0]?.id);
    expect(nextQuestion('lexSarah', new Set(['kind']))?.id).toBe('unit');
    expect(nextQuestion('lexSarah', new Set(['kind', 'unit', 'area', 'areaDetail']))?.id).toBe(
      'noticedAt',
    );
    // An answer out of order does not hide an earlier gap.
    expect(nextQuestion('lexSarah', new Set(['unit']))?.id).toBe('kind');
    expect(nextQuestion('lexSarah', new Set(flow.map((question) => question.id)))).toBeUndefined();
  });
});

describe('triage', () => {
  const cases: [boolean, boolean, boolean, DeviationType, DeviationType | undefined][] = [
    [false, false, false, 'securityIncident', undefined],
    [false, false, true, 'securityIncident', undefined],
    [false, true, false, 'lexSarah', undefined],
    [false, true, true, 'lexSarah', undefined],
    [true, false, false, 'personalDataBreach', undefined],
    [true, false, true, 'personalDataBreach', undefined],
    [true, true, false, 'personalDataBreach', 'lexSarah'],
    [true, true, true, 'personalDataBreach', 'lexSarah'],
  ];

  it.each(cases)(
    'personalData=%s socialServices=%s security=%s → %s (also %s)',
    (personalData, socialServices, security, type, alsoConsider) => {
      const outcome = triage({ personalData, socialServices, security });
      expect(outcome.type).toBe(type);
      expect(outcome.alsoConsider).toBe(alsoConsider);
      expect(outcome.reason.sv.length).toBeGreaterThan(20);
      expect(outcome.reason.en.length).toBeGreaterThan(20);
      expect(outcome.reason.sv).not.toBe(outcome.reason.en);
    },
  );

  it('explains a guess differently from a match', () => {
    const guess = triage({ personalData: false, socialServices: false, security: false });
    const match = triage({ personalData: false, socialServices: false, security: true });
    expect(guess.reason.sv).not.toBe(match.reason.sv);
    expect(guess.reason.sv).toContain('kan ändra typen');
  });

  it('asks three yes/no questions with their card ids', () => {
    expect(triageQuestions.map((question) => question.id)).toEqual([
      'triage.personalData',
      'triage.socialServices',
      'triage.security',
    ]);
  });
});
