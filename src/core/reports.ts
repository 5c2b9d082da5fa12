import { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';
import { areas, labelOf } from './fields.js';
import { bilingual, parseOrThrow } from './validation.js';

/**
 * The reports of SPEC §2–3b as zod schemas. Field names are the SPEC field ids (a contract).
 * Objects are strict: an unknown key is an error, so a tampered form cannot smuggle data in.
 */

/** Longest one-line answer, in characters. */
export const SHORT_TEXT_MAX = 200;
/** Longest free-text answer, in characters (about four pages). */
export const LONG_TEXT_MAX = 8000;

const shortText = z.string().trim().min(1).max(SHORT_TEXT_MAX);
const longText = z.string().trim().min(1).max(LONG_TEXT_MAX);
const optionalShortText = z.string().trim().max(SHORT_TEXT_MAX).optional();
const optionalLongText = z.string().trim().max(LONG_TEXT_MAX).optional();
/** An instant with its offset, as the forms and the API exchange it. */
export const instant = z.iso.datetime({ offset: true });

/** The reporter, prefilled from the signed-in identity. */
export const reporterSchema = z.strictObject({
  name: shortText,
  title: optionalShortText,
  workplace: optionalShortText,
  phone: z.string().trim().max(40).optional(),
  email: z.email().max(SHORT_TEXT_MAX).optional(),
});

/** A file attached to a report; the content lives in the store, this is its reference. */
export const attachmentRefSchema = z.strictObject({
  documentId: z.string().min(1).max(100),
  name: shortText,
  mediaType: z.string().min(1).max(100),
  size: z.number().int().nonnegative(),
});

/** SPEC §2: the Lex Sarah report as the reporter fills it in. */
export const lexSarahAnswersSchema = z.strictObject({
  kind: z.enum(['misconduct', 'risk']),
  reporter: reporterSchema.optional(),
  unit: shortText,
  area: z.enum(areas),
  areaDetail: optionalShortText,
  noticedAt: instant,
  affectedPerson: z.strictObject({
    gender: z.enum(['woman', 'man', 'other', 'unknown', 'notApplicable']),
    protectedIdentity: z.enum(['yes', 'no', 'unknown']),
  }),
  description: longText,
  consequences: longText,
  immediateActions: longText,
  otherInfo: optionalLongText,
  attachments: z.array(attachmentRefSchema).max(20).optional(),
});

/** Most addresses an e-mail's facts may list or count (a municipality's largest mailing lists). */
export const EMAIL_RECIPIENTS_MAX = 1000;

/**
 * The e-mail facts the Outlook action captures (SPEC §3): what the user confirmed, and counts of
 * personal identity numbers, never their values. The body itself is never carried.
 */
export const emailFactsSchema = z
  .strictObject({
    subject: z.string().trim().max(500),
    sentAt: instant.optional(),
    /** The addresses the reporter marked as wrong: personal data the report needs. */
    wrongRecipients: z.array(z.email().max(SHORT_TEXT_MAX)).max(EMAIL_RECIPIENTS_MAX),
    /** Whether the recipients could see each other's addresses (To/Cc instead of Bcc). */
    recipientsVisible: z.boolean().optional(),
    /** How many addresses stood in To and Cc, where every recipient saw them. */
    visibleRecipientCount: z.number().int().nonnegative().max(100_000).optional(),
    /** How many of the wrong recipients are outside the organisation's own e-mail domains. */
    externalRecipients: z.number().int().nonnegative().max(EMAIL_RECIPIENTS_MAX).optional(),
    attachments: z
      .array(z.strictObject({ name: shortText, size: z.number().int().nonnegative() }))
      .max(100)
      .optional(),
    /** Personnummer and samordningsnummer found in subject and body: a count, never a value. */
    personalIdentityNumberCount: z.number().int().nonnegative().optional(),
    /** Only the beginning of a very long body was scanned, so the count is a lower bound. */
    bodyTruncated: z.boolean().optional(),
  })
  .refine((email) => (email.externalRecipients ?? 0) <= email.wrongRecipients.length, {
    path: ['externalRecipients'],
    ...bilingual({
      sv: 'Kan inte vara fler än de felaktiga mottagarna.',
      en: 'Cannot be more than the wrong recipients.',
    }),
  });
/** The e-mail facts of a breach report. */
export type EmailFacts = z.output<typeof emailFactsSchema>;

const dataCategory = z.enum([
  'name',
  'personalIdentityNumber',
  'contactDetails',
  'jobPlan',
  'financial',
  'sensitive',
  'protectedIdentity',
  'other',
]);

/** SPEC §3: the personal data breach as reported. The DPO's assessment comes later, on the case. */
export const breachAnswersSchema = z.strictObject({
  reporter: reporterSchema.optional(),
  occurredAt: instant.nullable().optional(),
  discoveredAt: instant,
  category: z.enum([
    'misdirectedEmail',
    'visibleRecipients',
    'lostOrStolen',
    'unauthorisedAccess',
    'systemError',
    'other',
  ]),
  description: longText,
  dataSubjects: z.strictObject({
    categories: z.array(shortText).min(1).max(20),
    approxCount: z.number().int().nonnegative().max(10_000_000).optional(),
  }),
  dataCategories: z.array(dataCategory).min(1).max(8),
  likelyConsequences: optionalLongText,
  measuresTaken: optionalLongText,
  measuresPlanned: optionalLongText,
  unit: optionalShortText,
  email: emailFactsSchema.optional(),
  linkedCases: z.array(z.string().max(100)).max(20).optional(),
  attachments: z.array(attachmentRefSchema).max(20).optional(),
});

/** SPEC §3b: the information security incident. */
export const incidentAnswersSchema = z.strictObject({
  reporter: reporterSchema.optional(),
  occurredAt: instant.nullable().optional(),
  discoveredAt: instant,
  category: z.enum([
    'lostDevice',
    'phishingOrMalware',
    'wrongAccessRights',
    'outage',
    'supplierIncident',
    'other',
  ]),
  systems: shortText,
  description: longText,
  measuresTaken: optionalLongText,
  measuresPlanned: optionalLongText,
  significant: z.enum(['yes', 'no', 'unsure']),
  personalDataInvolved: z.enum(['yes', 'no', 'unsure']),
  unit: optionalShortText,
  attachments: z.array(attachmentRefSchema).max(20).optional(),
});

/** A report of any type: the answers tagged with the deviation type (as the scenarios are written). */
export const reportSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('lexSarah'), answers: lexSarahAnswersSchema }),
  z.strictObject({ type: z.literal('personalDataBreach'), answers: breachAnswersSchema }),
  z.strictObject({ type: z.literal('securityIncident'), answers: incidentAnswersSchema }),
]);

/** A Lex Sarah report's answers. */
export type LexSarahAnswers = z.output<typeof lexSarahAnswersSchema>;
/** A personal data breach report's answers. */
export type BreachAnswers = z.output<typeof breachAnswersSchema>;
/** A security incident report's answers. */
export type IncidentAnswers = z.output<typeof incidentAnswersSchema>;
/** A report of any type. */
export type Report = z.output<typeof reportSchema>;
/** The reporter block. */
export type Reporter = z.output<typeof reporterSchema>;
/** A reference to a stored attachment. */
export type AttachmentRef = z.output<typeof attachmentRefSchema>;

/** The instants of a report that may not lie in the future, by field id. */
function pastInstants(report: Report): [string, string | null | undefined][] {
  switch (report.type) {
    case 'lexSarah':
      return [['noticedAt', report.answers.noticedAt]];
    case 'personalDataBreach':
      return [
        ['occurredAt', report.answers.occurredAt],
        ['discoveredAt', report.answers.discoveredAt],
        ['email.sentAt', report.answers.email?.sentAt],
      ];
    case 'securityIncident':
      return [
        ['occurredAt', report.answers.occurredAt],
        ['discoveredAt', report.answers.discoveredAt],
      ];
  }
}

/** A minute of slack for clocks that disagree a little between the reporter's device and the server. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Validates a report at the core's edge: shape and ranges, then the rules that need the time
 * (nothing may have happened in the future; a breach cannot be discovered before it occurred).
 * Throws a ValidationError naming each bad field in Swedish and English.
 */
export function validateReport(input: unknown, now: Date): Report {
  const report = parseOrThrow(reportSchema, input);
  const issues: FieldIssue[] = [];
  for (const [field, value] of pastInstants(report)) {
    if (value != null && Date.parse(value) > now.getTime() + CLOCK_SKEW_MS) {
      const label = labelOf(field);
      issues.push({
        field: `answers.${field}`,
        message: {
          sv: `${label.sv}: Tidpunkten kan inte ligga i framtiden.`,
          en: `${label.en}: The time cannot be in the future.`,
        },
      });
    }
  }
  if (report.type !== 'lexSarah') {
    const { occurredAt, discoveredAt } = report.answers;
    if (occurredAt != null && Date.parse(occurredAt) > Date.parse(discoveredAt)) {
      issues.push({
        field: 'answers.discoveredAt',
        message: {
          sv: 'När upptäcktes det: Kan inte vara före tidpunkten då det inträffade.',
          en: 'When discovered: Cannot be before the time it happened.',
        },
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return report;
}

/** Whether the report asks for protected handling (SPEC §6). */
export function needsProtectedHandling(report: Report): boolean {
  switch (report.type) {
    case 'lexSarah':
      return report.answers.affectedPerson.protectedIdentity === 'yes';
    case 'personalDataBreach':
      return report.answers.dataCategories.includes('protectedIdentity');
    case 'securityIncident':
      return false;
  }
}

/** The instant a report's clocks start from. */
export function clockStart(report: Report): string {
  switch (report.type) {
    case 'lexSarah':
      return report.answers.noticedAt;
    case 'personalDataBreach':
    case 'securityIncident':
      return report.answers.discoveredAt;
  }
}
