import { describe, expect, it } from '@jest/globals';
import type { CaseRecord } from '../../src/core/cases.js';
import { reportSections } from '../../src/core/documents/reportDocument.js';
import { ValidationError, type FieldIssue } from '../../src/core/errors.js';
import { EMAIL_RECIPIENTS_MAX, validateReport, type Report } from '../../src/core/reports.js';
import { loadScenario } from '../fixtures/scenarios.js';

/**
 * The e-mail facts of a breach report (SPEC §3), as the Outlook action sends them: what the
 * schema accepts and refuses, and how the report document shows them. Counts, never values.
 */

const now = new Date('2026-11-25T12:00:00+01:00');
const scenario = loadScenario('breach-misdirected-jobplan.json');

function withEmail(email: Record<string, unknown>): unknown {
  return {
    type: 'personalDataBreach',
    answers: { ...structuredClone(scenario.answers), email },
  };
}

const scenarioEmail = scenario.answers.email as Record<string, unknown>;

function issuesOf(input: unknown): FieldIssue[] {
  try {
    validateReport(input, now);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('The report was accepted');
}

function record(report: Report): Pick<CaseRecord, 'registrationNumber' | 'receivedAt' | 'report'> {
  return { registrationNumber: 'AMN 2026-0001-1.3', receivedAt: now.toISOString(), report };
}

describe('email facts: the schema', () => {
  it('accepts everything the Outlook action captures', () => {
    const report = validateReport(
      withEmail({
        ...scenarioEmail,
        recipientsVisible: false,
        visibleRecipientCount: 1,
        externalRecipients: 1,
        personalIdentityNumberCount: 2,
        bodyTruncated: true,
      }),
      now,
    );
    expect(report.type === 'personalDataBreach' && report.answers.email).toEqual({
      ...scenarioEmail,
      recipientsVisible: false,
      visibleRecipientCount: 1,
      externalRecipients: 1,
      personalIdentityNumberCount: 2,
      bodyTruncated: true,
    });
  });

  it('accepts a group e-mail with no recipient marked wrong and an empty subject', () => {
    const report = validateReport(
      withEmail({
        subject: '',
        wrongRecipients: [],
        recipientsVisible: true,
        visibleRecipientCount: 12,
      }),
      now,
    );
    expect(report.type === 'personalDataBreach' && report.answers.email?.subject).toBe('');
  });

  it('refuses more external recipients than wrong ones, naming the field', () => {
    const issues = issuesOf(withEmail({ ...scenarioEmail, externalRecipients: 2 }));
    expect(issues.map((issue) => issue.field)).toEqual(['answers.email.externalRecipients']);
    expect(issues[0]?.message.sv).toBe(
      'Felaktiga mottagare utanför organisationen: Kan inte vara fler än de felaktiga mottagarna.',
    );
    expect(issues[0]?.message.en).toContain('Wrong recipients outside the organisation');
  });

  it('refuses negative and fractional counts and a body flag that is not a boolean', () => {
    const issues = issuesOf(
      withEmail({
        ...scenarioEmail,
        visibleRecipientCount: -1,
        personalIdentityNumberCount: 1.5,
        bodyTruncated: 'yes',
      }),
    );
    expect(issues.map((issue) => issue.field).sort()).toEqual([
      'answers.email.bodyTruncated',
      'answers.email.personalIdentityNumberCount',
      'answers.email.visibleRecipientCount',
    ]);
  });

  it(`takes ${String(EMAIL_RECIPIENTS_MAX)} wrong recipients, not one more`, () => {
    const addresses = (n: number) =>
      Array.from({ length: n }, (_, i) => `p${String(i)}@example.org`);
    expect(() =>
      validateReport(
        withEmail({ subject: 'x', wrongRecipients: addresses(EMAIL_RECIPIENTS_MAX) }),
        now,
      ),
    ).not.toThrow();
    const issues = issuesOf(
      withEmail({ subject: 'x', wrongRecipients: addresses(EMAIL_RECIPIENTS_MAX + 1) }),
    );
    expect(issues.map((issue) => issue.field)).toEqual(['answers.email.wrongRecipients']);
  });

  it('refuses a body or the identity numbers themselves smuggled in', () => {
    const issues = issuesOf(
      withEmail({ ...scenarioEmail, body: 'Hej! 811218-9876', personalIdentityNumbers: ['x'] }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message.en).toContain('body');
    expect(issues[0]?.message.en).toContain('personalIdentityNumbers');
  });
});

describe('email facts: the report document', () => {
  function emailFields(email: Record<string, unknown>, locale: 'sv' | 'en' = 'sv') {
    const report = validateReport(withEmail(email), now);
    const section = reportSections(record(report), locale).at(-1);
    return section;
  }

  it('shows every captured fact under its label, in Swedish', () => {
    const section = emailFields({
      ...scenarioEmail,
      recipientsVisible: false,
      visibleRecipientCount: 1,
      externalRecipients: 1,
      personalIdentityNumberCount: 2,
    });
    expect(section?.heading).toBe('Mejlet');
    expect(section?.fields).toEqual([
      { label: 'Mejlets ämne', value: 'Din jobbplan' },
      { label: 'Skickat', value: '2020-05-27 10:12' },
      { label: 'Felaktiga mottagare', value: ['a.person@example.org'] },
      { label: 'Felaktiga mottagare utanför organisationen', value: '1' },
      { label: 'Kunde mottagarna se varandras adresser?', value: 'Nej' },
      {
        label: 'Antal adresser i Till och Kopia (synliga för alla mottagare)',
        value: '1',
      },
      { label: 'Bifogade filer', value: ['jobbplan.pdf (48211 byte)'] },
      { label: 'Antal personnummer i ämne och text', value: '2' },
      { label: 'Texten söktes bara igenom i början', value: null },
    ]);
  });

  it('says a count from a body scanned in part is a lower bound, in English too', () => {
    const section = emailFields(
      { ...scenarioEmail, personalIdentityNumberCount: 3, bodyTruncated: true },
      'en',
    );
    expect(section?.heading).toBe('The e-mail');
    const byLabel = new Map(section?.fields.map((field) => [field.label, field.value]));
    expect(byLabel.get('Number of personal identity numbers in subject and body')).toBe(
      'at least 3',
    );
    expect(byLabel.get('Only the beginning of the body was scanned')).toBe('Yes');
  });

  it('has no e-mail section for a breach without an e-mail', () => {
    const answers: Record<string, unknown> = structuredClone(scenario.answers);
    delete answers.email;
    const report = validateReport({ type: 'personalDataBreach', answers }, now);
    expect(reportSections(record(report), 'sv').map((section) => section.heading)).not.toContain(
      'Mejlet',
    );
  });
});
