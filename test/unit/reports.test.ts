import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  ConflictError,
  DomainError,
  type FieldIssue,
  ForbiddenError,
  IdempotencyMismatchError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../src/core/errors.js';
import { fieldLabels, labelOf, optionLabel } from '../../src/core/fields.js';
import { localeFrom } from '../../src/core/i18n.js';
import {
  LONG_TEXT_MAX,
  SHORT_TEXT_MAX,
  type Report,
  clockStart,
  needsProtectedHandling,
  validateReport,
} from '../../src/core/reports.js';
import { bilingual, parseOrThrow, toFieldIssues } from '../../src/core/validation.js';
import { loadScenario, loadScenarios } from '../fixtures/scenarios.js';

const now = new Date('2026-11-25T12:00:00+01:00');

const lexSarah = loadScenario('lex-sarah-denied-placement.json');
const breach = loadScenario('breach-misdirected-jobplan.json');

type Answers = Record<string, unknown>;

function lexSarahInput(change: (answers: Answers) => void = () => undefined): unknown {
  const answers = structuredClone(lexSarah.answers);
  change(answers);
  return { type: 'lexSarah', answers };
}

function breachInput(change: (answers: Answers) => void = () => undefined): unknown {
  const answers = structuredClone(breach.answers);
  change(answers);
  return { type: 'personalDataBreach', answers };
}

const incidentAnswers: Answers = {
  occurredAt: '2026-11-20T08:00:00+01:00',
  discoveredAt: '2026-11-20T09:30:00+01:00',
  category: 'lostDevice',
  systems: 'Mobiltelefon med Outlook och Teams',
  description: 'En tjänstetelefon glömdes på tunnelbanan.',
  measuresTaken: 'Telefonen spärrades och raderades på distans.',
  significant: 'no',
  personalDataInvolved: 'unsure',
};

function incidentInput(change: (answers: Answers) => void = () => undefined): unknown {
  const answers = structuredClone(incidentAnswers);
  change(answers);
  return { type: 'securityIncident', answers };
}

function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** The issues validateReport raises for `input`. */
function issuesOf(input: unknown): FieldIssue[] {
  return validationError(() => validateReport(input, now)).issues;
}

/** The single issue on `field`. */
function issueOn(input: unknown, field: string): FieldIssue {
  const issues = issuesOf(input);
  const found = issues.filter((issue) => issue.field === field);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function set(answers: Answers, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop()!;
  let target = answers;
  for (const key of keys) target = target[key] as Answers;
  if (value === undefined) Reflect.deleteProperty(target, last);
  else target[last] = value;
}

describe('validateReport: the shared scenarios', () => {
  it.each(loadScenarios().map((s) => [s.file, s] as const))('accepts %s', (_file, scenario) => {
    const report = validateReport({ type: scenario.type, answers: scenario.answers }, now);
    expect(report.type).toBe(scenario.type);
  });

  it('accepts a security incident', () => {
    expect(validateReport(incidentInput(), now).type).toBe('securityIncident');
  });

  it('trims free text', () => {
    const report = validateReport(
      lexSarahInput((a) => {
        a.unit = '  Jobbtorg Kista  ';
      }),
      now,
    );
    expect(report.type === 'lexSarah' && report.answers.unit).toBe('Jobbtorg Kista');
  });
});

describe('validateReport: refusals name the field, in Swedish and English', () => {
  it('reports a missing required field as required, with its label', () => {
    const issue = issueOn(
      lexSarahInput((a) => {
        delete a.unit;
      }),
      'answers.unit',
    );
    expect(issue.message.sv).toContain('Enhetens/avdelningens namn');
    expect(issue.message.sv).toContain('Fältet måste fyllas i.');
    expect(issue.message.en).toContain('Name of the unit/department');
    expect(issue.message.en).toContain('This field is required.');
  });

  it.each<[string, (a: Answers) => void]>([
    ['empty', (a) => (a.description = '')],
    ['blank', (a) => (a.description = ' \n\t ')],
    ['null', (a) => (a.description = null)],
  ])('reports an %s required text as required', (_what, change) => {
    const issue = issueOn(lexSarahInput(change), 'answers.description');
    expect(issue.message.sv).toBe('Beskriv missförhållandet eller risken: Fältet måste fyllas i.');
    expect(issue.message.en).toBe('Describe the impropriety or the risk: This field is required.');
  });

  it('names nested fields by their SPEC id and label', () => {
    const issue = issueOn(
      lexSarahInput((a) => {
        set(a, 'affectedPerson.protectedIdentity', 'maybe');
      }),
      'answers.affectedPerson.protectedIdentity',
    );
    expect(issue.message.sv).toContain('Har personen skyddade personuppgifter?');
    expect(issue.message.en).toContain('Does the person have a protected identity?');
    // A wrong choice lists the allowed values.
    for (const value of ['yes', 'no', 'unknown']) {
      expect(issue.message.sv).toContain(value);
      expect(issue.message.en).toContain(value);
    }
    expect(issue.message.sv).toContain('Tillåtna värden');
    expect(issue.message.en).toContain('Allowed values');
  });

  it('lists the allowed areas for a wrong area', () => {
    const issue = issueOn(
      lexSarahInput((a) => (a.area = 'space')),
      'answers.area',
    );
    expect(issue.message.sv).toContain('Verksamhetsområde');
    expect(issue.message.en).toContain('jobCentre');
    expect(issue.message.en).toContain('shelters');
  });

  it('refuses a long text of LONG_TEXT_MAX + 1 characters, but not LONG_TEXT_MAX', () => {
    const issue = issueOn(
      lexSarahInput((a) => (a.consequences = 'x'.repeat(LONG_TEXT_MAX + 1))),
      'answers.consequences',
    );
    expect(issue.message.sv).toContain('för lång');
    expect(issue.message.sv).toContain(String(LONG_TEXT_MAX));
    expect(issue.message.en).toContain('too long');
    expect(issue.message.sv).toContain('Vilka konsekvenser');
    expect(() =>
      validateReport(
        lexSarahInput((a) => (a.consequences = 'x'.repeat(LONG_TEXT_MAX))),
        now,
      ),
    ).not.toThrow();
  });

  it('refuses a short text of SHORT_TEXT_MAX + 1 characters', () => {
    const issue = issueOn(
      lexSarahInput((a) => (a.unit = 'x'.repeat(SHORT_TEXT_MAX + 1))),
      'answers.unit',
    );
    expect(issue.message.sv).toContain('för lång');
  });

  it('refuses an unknown key smuggled into the answers, naming it', () => {
    const issues = issuesOf(lexSarahInput((a) => (a.personnummer = '19121212-1212')));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('answers');
    expect(issues[0]?.message.sv).toContain('Okända fält: personnummer');
    expect(issues[0]?.message.en).toContain('Unknown fields: personnummer');
  });

  it('refuses an unknown key in a nested object and at the top level', () => {
    const nested = issuesOf(
      lexSarahInput((a) => {
        set(a, 'affectedPerson.name', 'N.N.');
      }),
    );
    expect(nested.map((i) => i.field)).toEqual(['answers.affectedPerson']);
    expect(nested[0]?.message.en).toContain('name');
    const top = issuesOf({ type: 'lexSarah', answers: lexSarah.answers, ssn: '1' });
    expect(top.map((i) => i.field)).toEqual(['(root)']);
    expect(top[0]?.message.en).toContain('ssn');
  });

  it('refuses a noticedAt more than a minute in the future', () => {
    const inTwoMinutes = new Date(now.getTime() + 120_000).toISOString();
    const issue = issueOn(
      lexSarahInput((a) => (a.noticedAt = inTwoMinutes)),
      'answers.noticedAt',
    );
    expect(issue.message.sv).toContain('framtiden');
    expect(issue.message.sv).toContain('När uppmärksammades det?');
    expect(issue.message.en).toContain('future');
    expect(issue.message.en).toContain('When was it noticed?');
  });

  it('allows a minute of clock skew', () => {
    const inHalfAMinute = new Date(now.getTime() + 30_000).toISOString();
    expect(() =>
      validateReport(
        lexSarahInput((a) => (a.noticedAt = inHalfAMinute)),
        now,
      ),
    ).not.toThrow();
  });

  it('refuses each future instant of a breach, by field', () => {
    const future = '2027-01-01T00:00:00+01:00';
    const issues = issuesOf(
      breachInput((a) => {
        a.occurredAt = future;
        a.discoveredAt = future;
        set(a, 'email.sentAt', future);
      }),
    );
    expect(issues.map((i) => i.field).sort()).toEqual(
      ['answers.discoveredAt', 'answers.email.sentAt', 'answers.occurredAt'].sort(),
    );
    const sent = issues.find((i) => i.field === 'answers.email.sentAt');
    expect(sent?.message.sv).toContain('Skickat');
  });

  it('refuses a future discoveredAt of a security incident', () => {
    const issue = issueOn(
      incidentInput((a) => {
        a.occurredAt = null;
        a.discoveredAt = '2027-01-01T00:00:00Z';
      }),
      'answers.discoveredAt',
    );
    expect(issue.message.en).toContain('future');
  });

  it.each<[string, (change: (a: Answers) => void) => unknown]>([
    ['breach', breachInput],
    ['security incident', incidentInput],
  ])('refuses a %s discovered before it occurred, on discoveredAt', (_what, input) => {
    const issue = issueOn(
      input((a) => {
        a.occurredAt = '2020-05-27T16:00:00+02:00';
        a.discoveredAt = '2020-05-27T15:40:00+02:00';
      }),
      'answers.discoveredAt',
    );
    expect(issue.message.sv).toContain('upptäcktes');
    expect(issue.message.en).toContain('discovered');
    expect(issue.message.sv).not.toBe(issue.message.en);
  });

  it('accepts an unknown occurredAt (null or absent)', () => {
    expect(() =>
      validateReport(
        breachInput((a) => (a.occurredAt = null)),
        now,
      ),
    ).not.toThrow();
    expect(() =>
      validateReport(
        breachInput((a) => delete a.occurredAt),
        now,
      ),
    ).not.toThrow();
  });

  it('refuses a time without an offset or in another format', () => {
    const issue = issueOn(
      lexSarahInput((a) => (a.noticedAt = '2018-02-01 14:00')),
      'answers.noticedAt',
    );
    expect(issue.message.sv).toContain('Ange datum och tid');
    expect(issue.message.en).toContain('Give a date and time');
  });

  it.each([undefined, 'unsure', 'lexsarah', 42])('refuses the type %j, on type', (type) => {
    const issues = issuesOf({ type, answers: lexSarah.answers });
    expect(issues.map((i) => i.field)).toEqual(['type']);
    expect(issues[0]?.message.sv).toContain('Typ av avvikelse');
    expect(issues[0]?.message.en).toContain('Type of deviation');
  });

  it('refuses a report that is not an object', () => {
    expect(issuesOf('a report').map((i) => i.field)).toEqual(['(root)']);
  });

  it('gives wrong kinds of value, short lists, bad e-mail and counts their own words', () => {
    const wrongKind = issueOn(
      lexSarahInput((a) => (a.description = 42)),
      'answers.description',
    );
    expect(wrongKind.message.sv).toContain('Fel sorts värde (väntade text)');
    expect(wrongKind.message.en).toContain('expected text');

    const emptyList = issueOn(
      breachInput((a) => (a.dataCategories = [])),
      'answers.dataCategories',
    );
    expect(emptyList.message.sv).toContain('Vilka slags personuppgifter?');
    expect(emptyList.message.sv).toContain('Välj minst 1');
    expect(emptyList.message.en).toContain('Choose at least 1');

    const email = issueOn(
      breachInput((a) => {
        set(a, 'email.wrongRecipients', ['not-an-address']);
      }),
      'answers.email.wrongRecipients.0',
    );
    expect(email.message.sv).toContain('Felaktiga mottagare');
    expect(email.message.en).toContain('valid e-mail address');

    const negative = issueOn(
      breachInput((a) => {
        set(a, 'dataSubjects.approxCount', -1);
      }),
      'answers.dataSubjects.approxCount',
    );
    expect(negative.message.sv).toContain('Ungefär hur många personer berörs?');
    expect(negative.message.sv).toContain('för litet');

    const huge = issueOn(
      breachInput((a) => {
        set(a, 'dataSubjects.approxCount', 10_000_001);
      }),
      'answers.dataSubjects.approxCount',
    );
    expect(huge.message.en).toContain('too large');

    const many = issueOn(
      breachInput((a) => (a.linkedCases = Array.from({ length: 21 }, (_, i) => `c${i}`))),
      'answers.linkedCases',
    );
    expect(many.message.sv).toContain('För många (högst 20)');
    expect(many.message.sv).toContain('Kopplade ärenden');

    const flag = issueOn(
      breachInput((a) => {
        set(a, 'email.recipientsVisible', 'ja');
      }),
      'answers.email.recipientsVisible',
    );
    expect(flag.message.sv).toContain('ja eller nej');
  });

  it('tells a value of the wrong kind from a missing one', () => {
    const wrong = issueOn(
      lexSarahInput((a) => {
        set(a, 'affectedPerson', { gender: 'man', protectedIdentity: true });
      }),
      'answers.affectedPerson.protectedIdentity',
    );
    expect(wrong.message.sv).not.toContain('måste fyllas i');
    expect(wrong.message.en).not.toContain('required');
    const missing = issueOn(
      lexSarahInput((a) => {
        set(a, 'affectedPerson', { gender: 'man' });
      }),
      'answers.affectedPerson.protectedIdentity',
    );
    expect(missing.message.en).toContain('This field is required.');
    const notAnObject = issueOn(
      lexSarahInput((a) => (a.affectedPerson = 'man')),
      'answers.affectedPerson',
    );
    expect(notAnObject.message.en).toContain('expected an object');
  });

  it.each<[string, unknown]>([
    ['absent', undefined],
    ['empty', ''],
  ])('reports an %s choice as required', (_what, value) => {
    const issue = issueOn(
      lexSarahInput((a) => {
        set(a, 'kind', value);
      }),
      'answers.kind',
    );
    expect(issue.message.sv).toBe('Rapporten avser: Fältet måste fyllas i.');
    expect(issue.message.en).toBe('The report concerns: This field is required.');
  });

  it('reports every bad field at once', () => {
    const issues = issuesOf(
      lexSarahInput((a) => {
        delete a.unit;
        a.kind = 'other';
        delete a.immediateActions;
      }),
    );
    expect(issues.map((i) => i.field).sort()).toEqual(
      ['answers.immediateActions', 'answers.kind', 'answers.unit'].sort(),
    );
  });
});

describe('ValidationError', () => {
  it('carries a non-empty Swedish and English summary naming the fields', () => {
    const error = validationError(() =>
      validateReport(
        lexSarahInput((a) => delete a.unit),
        now,
      ),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.reason).toBe('validation');
    expect(error.name).toBe('ValidationError');
    expect(error.text.sv.length).toBeGreaterThan(0);
    expect(error.text.en.length).toBeGreaterThan(0);
    expect(error.text.sv).not.toBe(error.text.en);
    expect(error.text.sv).toContain('answers.unit');
    expect(error.text.en).toContain('answers.unit');
    expect(error.text.sv).toContain('Uppgifterna är inte giltiga');
    expect(error.message).toBe(error.text.en);
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });
});

describe('needsProtectedHandling and clockStart', () => {
  const parse = (input: unknown): Report => validateReport(input, now);

  it('protects a Lex Sarah report only when the person is said to have a protected identity', () => {
    const withAnswer = (answer: string) =>
      parse(
        lexSarahInput((a) => {
          set(a, 'affectedPerson.protectedIdentity', answer);
        }),
      );
    expect(needsProtectedHandling(withAnswer('yes'))).toBe(true);
    expect(needsProtectedHandling(withAnswer('no'))).toBe(false);
    expect(needsProtectedHandling(withAnswer('unknown'))).toBe(false);
  });

  it('protects a breach that involves protected identities', () => {
    expect(needsProtectedHandling(parse(breachInput()))).toBe(false);
    const protectedBreach = parse(
      breachInput((a) => (a.dataCategories = ['name', 'protectedIdentity'])),
    );
    expect(needsProtectedHandling(protectedBreach)).toBe(true);
  });

  it('never protects a security incident', () => {
    expect(needsProtectedHandling(parse(incidentInput()))).toBe(false);
  });

  it('starts the clocks at noticedAt for Lex Sarah and discoveredAt otherwise', () => {
    expect(clockStart(parse(lexSarahInput()))).toBe(lexSarah.answers.noticedAt);
    expect(clockStart(parse(breachInput()))).toBe(breach.answers.discoveredAt);
    expect(clockStart(parse(incidentInput()))).toBe(incidentAnswers.discoveredAt);
    // Not occurredAt, even when it is known.
    expect(clockStart(parse(breachInput()))).not.toBe(breach.answers.occurredAt);
  });
});

describe('validation.ts messages for other schemas', () => {
  function only(schema: z.ZodType, input: unknown, prefix = ''): FieldIssue {
    const issues = validationError(() => parseOrThrow(schema, input, prefix)).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }

  it('labels prefixed fields of the investigation and the assessment', () => {
    const schema = z.strictObject({ whatHappened: z.string().max(2) });
    const issue = only(schema, { whatHappened: 'long' }, 'investigation.');
    expect(issue.field).toBe('investigation.whatHappened');
    expect(issue.message.sv).toContain(fieldLabels.whatHappened.sv);
    const exact = only(z.strictObject({ consequences: z.string() }), {}, 'investigation.');
    expect(exact.message.sv).toContain(fieldLabels['investigation.consequences'].sv);
  });

  it('falls back to the field id when nothing has a label', () => {
    const issue = only(z.strictObject({ zebra: z.string() }), {}, 'entry.');
    expect(issue.field).toBe('entry.zebra');
    expect(issue.message.sv).toBe('entry.zebra: Fältet måste fyllas i.');
  });

  it('uses a bilingual custom message, or a generic one', () => {
    const custom = z
      .string()
      .refine(() => false, bilingual({ sv: 'Inte så.', en: 'Not like that.' }));
    expect(only(custom, 'x').message).toEqual({
      sv: '(root): Inte så.',
      en: '(root): Not like that.',
    });
    expect(
      only(
        z.string().refine(() => false, 'plain'),
        'x',
      ).message.sv,
    ).toContain('Ogiltigt värde.');
  });

  it('describes the rarer zod issues too', () => {
    expect(only(z.uuid(), 'x').message.sv).toContain('Fel format.');
    expect(only(z.number().multipleOf(5), 7).message.en).toContain('Invalid value.');
    expect(only(z.union([z.string(), z.number()]), true).message.en).toContain('Invalid value.');
    expect(only(z.record(z.string().min(3), z.number()), { ab: 1 }).message.en).toContain(
      'Invalid value.',
    );
    expect(only(z.number(), 'seven').message.en).toContain('expected a number');
    expect(only(z.array(z.string()), 'x').message.sv).toContain('en lista');
    expect(only(z.bigint(), 'x').message.en).toContain('expected bigint');
  });

  it('names a path with an index, labelled without the index', () => {
    const [issue] = toFieldIssues([
      {
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        inclusive: true,
        path: ['dataSubjects', 'categories', 0],
        message: '',
        input: '',
      },
    ]);
    expect(issue?.field).toBe('dataSubjects.categories.0');
    expect(issue?.message.sv).toContain('Vilka grupper av personer berörs?');
  });
});

describe('fields.ts labels', () => {
  it('finds the label of a field inside an envelope', () => {
    expect(labelOf('answers.unit')).toEqual(fieldLabels.unit);
    expect(labelOf('assessment.imyNotification.decision')).toEqual(
      fieldLabels['imyNotification.decision'],
    );
    expect(labelOf('investigation.consequences')).toEqual(
      fieldLabels['investigation.consequences'],
    );
  });

  it('falls back to the id or value when there is no label', () => {
    expect(labelOf('nothing.here')).toEqual({ sv: 'nothing.here', en: 'nothing.here' });
    expect(labelOf('')).toEqual({ sv: '', en: '' });
    expect(optionLabel('area', 'jobCentre')).toEqual({ sv: 'Jobbtorg', en: 'Job centre' });
    expect(optionLabel('area', 'moon')).toEqual({ sv: 'moon', en: 'moon' });
  });

  it.each(['toString', 'constructor', 'legalReferences.hasOwnProperty', 'a.__proto__'])(
    'never takes an inherited member of Object for the label of %j',
    (id) => {
      expect(labelOf(id)).toEqual({ sv: id, en: id });
      expect(optionLabel('area', id)).toEqual({ sv: id, en: id });
    },
  );
});

describe('errors.ts and i18n.ts', () => {
  it('gives every domain error a reason and a bilingual text', () => {
    const errors: DomainError[] = [
      new ForbiddenError(),
      new ForbiddenError({ sv: 'Nej.', en: 'No.' }),
      new NotFoundError({ sv: 'Ärendet', en: 'The case' }),
      new ConflictError(),
      new ConflictError({ sv: 'Krock.', en: 'Clash.' }),
      new IdempotencyMismatchError(),
      new UnauthenticatedError(),
      new UnauthenticatedError({ sv: 'Logga in.', en: 'Sign in.' }),
    ];
    expect(errors.map((e) => e.reason)).toEqual([
      'forbidden',
      'forbidden',
      'notFound',
      'conflict',
      'conflict',
      'idempotencyMismatch',
      'unauthenticated',
      'unauthenticated',
    ]);
    for (const error of errors) {
      expect(error.text.sv).not.toBe(error.text.en);
      expect(error.message).toBe(error.text.en);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(errors[2]?.text).toEqual({ sv: 'Ärendet finns inte.', en: 'The case does not exist.' });
    expect(errors[1]?.text.sv).toBe('Nej.');
  });

  it.each<[string | null | undefined, 'sv' | 'en']>([
    ['en-US', 'en'],
    ['EN', 'en'],
    ['en', 'en'],
    ['sv-SE', 'sv'],
    ['de-DE', 'sv'],
    ['', 'sv'],
    [null, 'sv'],
    [undefined, 'sv'],
  ])('localeFrom(%j) is %s', (tag, locale) => {
    expect(localeFrom(tag)).toBe(locale);
  });
});
