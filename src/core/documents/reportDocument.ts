import { DateTime } from 'luxon';
import type { CaseRecord } from '../cases.js';
import {
  deviationTypeLabels,
  labelFor,
  labelOf,
  optionLabel,
  type DeviationType,
} from '../fields.js';
import type { Locale, LocalizedText } from '../i18n.js';
import type { EmailFacts, Report } from '../reports.js';
import type { DocumentField, DocumentModel, DocumentSection } from './documentModel.js';

/** Formats an instant as Stockholm wall-clock time, `2018-02-01 14:00`. */
export function formatLocalDateTime(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true })
    .setZone('Europe/Stockholm')
    .toFormat('yyyy-MM-dd HH:mm');
}

/** The weekday of an instant in Stockholm, derived (the paper form asked for it, and got it wrong). */
export function weekday(iso: string, locale: Locale = 'sv'): string {
  return DateTime.fromISO(iso, { setZone: true })
    .setZone('Europe/Stockholm')
    .setLocale(locale === 'sv' ? 'sv' : 'en-GB')
    .toFormat('cccc');
}

/** The Swedish weekday of an instant. */
export function swedishWeekday(iso: string): string {
  return weekday(iso, 'sv');
}

/** Headings and words of the report document, per language. */
const words = {
  case: { sv: 'Ärendet', en: 'The case' },
  reporter: { sv: 'Rapportör', en: 'Reporter' },
  operation: { sv: 'Verksamhet', en: 'Operation' },
  event: { sv: 'Händelsen', en: 'The event' },
  incident: { sv: 'Incidenten', en: 'The incident' },
  email: { sv: 'Mejlet', en: 'The e-mail' },
  unknown: { sv: 'Okänt', en: 'Unknown' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  atLeast: { sv: 'minst', en: 'at least' },
} satisfies Record<string, LocalizedText>;

/** Builds the report's fields in one language. */
function sectionsIn(locale: Locale, type?: DeviationType) {
  const field = (id: string, value: DocumentField['value']): DocumentField => ({
    label: (type === undefined ? labelOf(id) : labelFor(type, id))[locale],
    value: value === '' ? null : value,
  });
  const option = (set: Parameters<typeof optionLabel>[0], value: string): string =>
    optionLabel(set, value)[locale];
  return { field, option, word: (key: keyof typeof words) => words[key][locale] };
}

function when(iso: string | null | undefined): string | null {
  return iso ? formatLocalDateTime(iso) : null;
}

function reporterSection(report: Report, locale: Locale): DocumentSection {
  const { field, word } = sectionsIn(locale);
  const reporter = report.answers.reporter;
  return {
    heading: word('reporter'),
    fields: [
      field('reporter.name', reporter?.name ?? null),
      field('reporter.title', reporter?.title ?? null),
      field('reporter.workplace', reporter?.workplace ?? null),
      field('reporter.phone', reporter?.phone ?? null),
      field('reporter.email', reporter?.email ?? null),
    ],
  };
}

function attachmentsField(report: Report, locale: Locale): DocumentField {
  const { field } = sectionsIn(locale);
  const attachments = report.answers.attachments ?? [];
  return field(
    'attachments',
    attachments.length > 0 ? attachments.map((a) => `${a.name} (${String(a.size)} byte)`) : null,
  );
}

/** A yes/no answer in words; null when it was not given. */
function yesNo(value: boolean | undefined, locale: Locale): string | null {
  return value === undefined ? null : words[value ? 'yes' : 'no'][locale];
}

/** A count as printed; null when it was not given. */
function count(value: number | undefined): string | null {
  return value === undefined ? null : String(value);
}

/**
 * The e-mail a breach came from, as the Outlook action captured it: facts and counts, never the
 * body. A count from a body scanned only in part says it is a lower bound.
 */
function emailSection(email: EmailFacts, locale: Locale): DocumentSection {
  const { field, word } = sectionsIn(locale);
  const identityNumbers =
    email.personalIdentityNumberCount === undefined
      ? null
      : email.bodyTruncated === true
        ? `${word('atLeast')} ${String(email.personalIdentityNumberCount)}`
        : String(email.personalIdentityNumberCount);
  return {
    heading: word('email'),
    fields: [
      field('email.subject', email.subject),
      field('email.sentAt', when(email.sentAt)),
      field('email.wrongRecipients', email.wrongRecipients),
      field('email.externalRecipients', count(email.externalRecipients)),
      field('email.recipientsVisible', yesNo(email.recipientsVisible, locale)),
      field('email.visibleRecipientCount', count(email.visibleRecipientCount)),
      field(
        'email.attachments',
        email.attachments?.map((f) => `${f.name} (${String(f.size)} byte)`) ?? null,
      ),
      field('email.personalIdentityNumberCount', identityNumbers),
      field('email.bodyTruncated', yesNo(email.bodyTruncated, locale)),
    ],
  };
}

function answerSections(report: Report, locale: Locale): DocumentSection[] {
  const { field, option, word } = sectionsIn(locale, report.type);
  switch (report.type) {
    case 'lexSarah': {
      const a = report.answers;
      return [
        reporterSection(report, locale),
        {
          heading: word('operation'),
          fields: [
            field('kind', option('kind', a.kind)),
            field('unit', a.unit),
            field('area', option('area', a.area)),
            field('areaDetail', a.areaDetail ?? null),
          ],
        },
        {
          heading: word('event'),
          fields: [
            field(
              'noticedAt',
              `${weekday(a.noticedAt, locale)} ${formatLocalDateTime(a.noticedAt)}`,
            ),
            field('affectedPerson.gender', option('gender', a.affectedPerson.gender)),
            field(
              'affectedPerson.protectedIdentity',
              option('yesNoUnknown', a.affectedPerson.protectedIdentity),
            ),
            field('description', a.description),
            field('consequences', a.consequences),
            field('immediateActions', a.immediateActions),
            field('otherInfo', a.otherInfo ?? null),
            attachmentsField(report, locale),
          ],
        },
      ];
    }
    case 'personalDataBreach': {
      const a = report.answers;
      const sections: DocumentSection[] = [
        reporterSection(report, locale),
        {
          heading: word('incident'),
          fields: [
            field('occurredAt', when(a.occurredAt) ?? word('unknown')),
            field('discoveredAt', formatLocalDateTime(a.discoveredAt)),
            field('category', option('breachCategory', a.category)),
            field('unit', a.unit ?? null),
            field('description', a.description),
            field('dataSubjects.categories', a.dataSubjects.categories),
            field('dataSubjects.approxCount', count(a.dataSubjects.approxCount)),
            field(
              'dataCategories',
              a.dataCategories.map((category) => option('dataCategory', category)),
            ),
            field('likelyConsequences', a.likelyConsequences ?? null),
            field('measuresTaken', a.measuresTaken ?? null),
            field('measuresPlanned', a.measuresPlanned ?? null),
            attachmentsField(report, locale),
          ],
        },
      ];
      if (a.email) sections.push(emailSection(a.email, locale));
      return sections;
    }
    case 'securityIncident': {
      const a = report.answers;
      return [
        reporterSection(report, locale),
        {
          heading: word('incident'),
          fields: [
            field('occurredAt', when(a.occurredAt) ?? word('unknown')),
            field('discoveredAt', formatLocalDateTime(a.discoveredAt)),
            field('category', option('incidentCategory', a.category)),
            field('unit', a.unit ?? null),
            field('systems', a.systems),
            field('description', a.description),
            field('measuresTaken', a.measuresTaken ?? null),
            field('measuresPlanned', a.measuresPlanned ?? null),
            field('significant', option('yesNoUnsure', a.significant)),
            field('personalDataInvolved', option('yesNoUnsure', a.personalDataInvolved)),
            attachmentsField(report, locale),
          ],
        },
      ];
    }
  }
}

/**
 * The report's sections as filed, every answer under its label in `locale`: what the registry
 * document prints (in Swedish) and what the tab shows. The reporter's contact details are left
 * out when the viewer's projection has no report.
 */
export function reportSections(
  record: Pick<CaseRecord, 'registrationNumber' | 'receivedAt' | 'report'>,
  locale: Locale,
): DocumentSection[] {
  const { field, word } = sectionsIn(locale);
  return [
    {
      heading: word('case'),
      fields: [
        field('registrationNumber', record.registrationNumber),
        field('receivedAt', formatLocalDateTime(record.receivedAt)),
      ],
    },
    ...answerSections(record.report, locale),
  ];
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
    sections: reportSections(record, 'sv'),
    signature: {
      signedBy: record.signedBy.name,
      ...(record.signedBy.title ? { title: record.signedBy.title } : {}),
      signedAt: record.signedAt,
    },
    createdAt: record.signedAt,
    language: 'sv',
  };
}
