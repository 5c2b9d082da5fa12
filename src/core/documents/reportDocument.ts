import { DateTime } from 'luxon';
import type { CaseRecord } from '../cases.js';
import { deviationTypeLabels, labelOf, optionLabel } from '../fields.js';
import type { Report } from '../reports.js';
import type { DocumentField, DocumentModel, DocumentSection } from './documentModel.js';

/** Formats an instant as Stockholm wall-clock time, `2018-02-01 14:00`. */
export function formatLocalDateTime(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true })
    .setZone('Europe/Stockholm')
    .toFormat('yyyy-MM-dd HH:mm');
}

/** The Swedish weekday of an instant, derived (the paper form asked for it, and got it wrong). */
export function swedishWeekday(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true })
    .setZone('Europe/Stockholm')
    .setLocale('sv')
    .toFormat('cccc');
}

function field(id: string, value: DocumentField['value']): DocumentField {
  return { label: labelOf(id).sv, value: value === '' ? null : value };
}

function when(iso: string | null | undefined): string | null {
  return iso ? formatLocalDateTime(iso) : null;
}

function reporterSection(report: Report): DocumentSection {
  const reporter = report.answers.reporter;
  return {
    heading: 'Rapportör',
    fields: [
      field('reporter.name', reporter?.name ?? null),
      field('reporter.title', reporter?.title ?? null),
      field('reporter.workplace', reporter?.workplace ?? null),
      field('reporter.phone', reporter?.phone ?? null),
      field('reporter.email', reporter?.email ?? null),
    ],
  };
}

function attachmentsField(report: Report): DocumentField {
  const attachments = report.answers.attachments ?? [];
  return field(
    'attachments',
    attachments.length > 0 ? attachments.map((a) => `${a.name} (${String(a.size)} byte)`) : null,
  );
}

function answerSections(report: Report): DocumentSection[] {
  switch (report.type) {
    case 'lexSarah': {
      const a = report.answers;
      return [
        reporterSection(report),
        {
          heading: 'Verksamhet',
          fields: [
            field('kind', optionLabel('kind', a.kind).sv),
            field('unit', a.unit),
            field('area', optionLabel('area', a.area).sv),
            field('areaDetail', a.areaDetail ?? null),
          ],
        },
        {
          heading: 'Händelsen',
          fields: [
            field(
              'noticedAt',
              `${swedishWeekday(a.noticedAt)} ${formatLocalDateTime(a.noticedAt)}`,
            ),
            field('affectedPerson.gender', optionLabel('gender', a.affectedPerson.gender).sv),
            field(
              'affectedPerson.protectedIdentity',
              optionLabel('yesNoUnknown', a.affectedPerson.protectedIdentity).sv,
            ),
            field('description', a.description),
            field('consequences', a.consequences),
            field('immediateActions', a.immediateActions),
            field('otherInfo', a.otherInfo ?? null),
            attachmentsField(report),
          ],
        },
      ];
    }
    case 'personalDataBreach': {
      const a = report.answers;
      const sections: DocumentSection[] = [
        reporterSection(report),
        {
          heading: 'Incidenten',
          fields: [
            field('occurredAt', when(a.occurredAt) ?? 'Okänt'),
            field('discoveredAt', formatLocalDateTime(a.discoveredAt)),
            field('category', optionLabel('breachCategory', a.category).sv),
            field('unit', a.unit ?? null),
            field('description', a.description),
            field('dataSubjects.categories', a.dataSubjects.categories),
            field(
              'dataSubjects.approxCount',
              a.dataSubjects.approxCount === undefined ? null : String(a.dataSubjects.approxCount),
            ),
            field(
              'dataCategories',
              a.dataCategories.map((category) => optionLabel('dataCategory', category).sv),
            ),
            field('likelyConsequences', a.likelyConsequences ?? null),
            field('measuresTaken', a.measuresTaken ?? null),
            field('measuresPlanned', a.measuresPlanned ?? null),
            attachmentsField(report),
          ],
        },
      ];
      if (a.email) {
        sections.push({
          heading: 'Mejlet',
          fields: [
            field('email.subject', a.email.subject),
            field('email.sentAt', when(a.email.sentAt)),
            field('email.wrongRecipients', a.email.wrongRecipients),
            field(
              'email.recipientsVisible',
              a.email.recipientsVisible === undefined
                ? null
                : a.email.recipientsVisible
                  ? 'Ja'
                  : 'Nej',
            ),
            field(
              'email.attachments',
              a.email.attachments?.map((f) => `${f.name} (${String(f.size)} byte)`) ?? null,
            ),
            field(
              'email.personalIdentityNumberCount',
              a.email.personalIdentityNumberCount === undefined
                ? null
                : String(a.email.personalIdentityNumberCount),
            ),
          ],
        });
      }
      return sections;
    }
    case 'securityIncident': {
      const a = report.answers;
      return [
        reporterSection(report),
        {
          heading: 'Incidenten',
          fields: [
            field('occurredAt', when(a.occurredAt) ?? 'Okänt'),
            field('discoveredAt', formatLocalDateTime(a.discoveredAt)),
            field('category', optionLabel('incidentCategory', a.category).sv),
            field('unit', a.unit ?? null),
            field('systems', a.systems),
            field('description', a.description),
            field('measuresTaken', a.measuresTaken ?? null),
            field('measuresPlanned', a.measuresPlanned ?? null),
            field('significant', optionLabel('yesNoUnsure', a.significant).sv),
            field('personalDataInvolved', optionLabel('yesNoUnsure', a.personalDataInvolved).sv),
            attachmentsField(report),
          ],
        },
      ];
    }
  }
}

/** The filed report as a registry document: every answer under its Swedish label, signed. */
export function buildReportDocument(record: CaseRecord, authority: string): DocumentModel {
  return {
    documentTitle: { sv: deviationTypeLabels[record.type].sv },
    registry: {
      authority,
      series: record.registry.series,
      registrationNumber: record.registrationNumber,
      classification: record.registry.classification,
    },
    protectedIdentity: record.protectedIdentity,
    sections: [
      {
        heading: 'Ärendet',
        fields: [
          field('registrationNumber', record.registrationNumber),
          field('receivedAt', formatLocalDateTime(record.receivedAt)),
        ],
      },
      ...answerSections(record.report),
    ],
    signature: {
      signedBy: record.signedBy.name,
      ...(record.signedBy.title ? { title: record.signedBy.title } : {}),
      signedAt: record.signedAt,
    },
    createdAt: record.signedAt,
    language: 'sv',
  };
}
