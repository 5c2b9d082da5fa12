import type { CaseRecord } from '../cases.js';
import { labelOf, optionLabel } from '../fields.js';
import { requiresIvo, type Investigation } from '../investigation.js';
import type { DocumentField, DocumentModel, DocumentSection } from './documentModel.js';
import { formatLocalDateTime } from './reportDocument.js';

/**
 * The Lex Sarah investigation (SPEC §4) and the delegated decision that closes it, as registry
 * documents on the same model as the report, so they render to PDF/A the same way.
 */

const rootCauseKeys = [
  'communication',
  'competence',
  'routines',
  'organisation',
  'technology',
  'other',
] as const;

function field(id: string, value: string | string[] | null | undefined): DocumentField {
  return { label: labelOf(id).sv, value: value === undefined || value === '' ? null : value };
}

/** A date the form asks for as a day (when the board was informed): printed without a time. */
function day(iso: string | undefined): string | null {
  return iso === undefined ? null : formatLocalDateTime(iso).slice(0, 10);
}

function rootCauses(investigation: Investigation): string[] {
  return rootCauseKeys.flatMap((key) => {
    const cause = investigation.rootCauses?.[key];
    if (!cause?.applies) return [];
    const label = labelOf(`rootCauses.${key}`).sv;
    return [cause.text ? `${label}: ${cause.text}` : label];
  });
}

function registryHeader(record: CaseRecord, authority: string): DocumentModel['registry'] {
  return {
    authority,
    series: record.registry.series,
    registrationNumber: record.registrationNumber,
    classification: record.registry.classification,
  };
}

function caseSection(record: CaseRecord): DocumentSection {
  return {
    heading: 'Ärendet',
    fields: [
      { label: 'Ärende', value: record.title },
      field('registrationNumber', record.registrationNumber),
      field('receivedAt', formatLocalDateTime(record.receivedAt)),
    ],
  };
}

/** The investigation as documented so far, with its case log (SPEC §4). */
export function buildInvestigationDocument(
  record: CaseRecord,
  authority: string,
  createdAt: string,
): DocumentModel {
  const inv: Investigation = record.investigation ?? {};
  const decision = inv.proposedDecision;
  return {
    documentTitle: { sv: 'Utredning enligt lex Sarah' },
    registry: registryHeader(record, authority),
    protectedIdentity: record.protectedIdentity,
    sections: [
      caseSection(record),
      {
        heading: 'Utredningen',
        fields: [
          field('startedAt', day(inv.startedAt)),
          field('law', inv.law),
          field(
            'investigators',
            inv.investigators?.map((p) => (p.title ? `${p.name}, ${p.title}` : p.name)),
          ),
          field('board', inv.board),
        ],
      },
      {
        heading: 'Händelsen',
        fields: [
          field('howNoticed', inv.howNoticed),
          field('whatHappened', inv.whatHappened),
          field('investigation.consequences', inv.consequences),
          field('happenedBefore', inv.happenedBefore),
          field('couldRecur', inv.couldRecur && optionLabel('yesNoUnknown', inv.couldRecur).sv),
          field('couldRecurWhy', inv.couldRecurWhy),
        ],
      },
      {
        heading: 'Bakomliggande orsaker',
        fields: [{ label: 'Orsaker', value: rootCauses(inv).length > 0 ? rootCauses(inv) : null }],
      },
      {
        heading: 'Åtgärder',
        fields: [
          field('remedialActions', inv.remedialActions),
          field('remedialActionsWhen', inv.remedialActionsWhen),
          field('preventiveActions', inv.preventiveActions),
          field('followUp', inv.followUp),
          field('other', inv.other),
        ],
      },
      {
        heading: 'Förslag och underrättelser',
        fields: [
          field('proposedDecision', decision && optionLabel('proposedDecision', decision).sv),
          field('commissioningBoardInformedAt', day(inv.commissioningBoardInformedAt)),
          field('ivoNotifiedAt', day(inv.ivoNotifiedAt)),
          field('ivoCopyAttachedAt', day(inv.ivoCopyAttachedAt)),
          field('finalCopySentAt', day(inv.finalCopySentAt)),
        ],
      },
      {
        heading: labelOf('caseLog').sv,
        fields:
          record.caseLog.length === 0
            ? [{ label: 'Anteckningar', value: null }]
            : record.caseLog.map((entry) => ({
                label: [
                  formatLocalDateTime(entry.documentedAt),
                  entry.nature === 'fact' ? 'Faktauppgift' : 'Bedömning',
                  `Källa: ${entry.source}`,
                  ...(entry.attachmentNumber === undefined
                    ? []
                    : [`Bilaga ${String(entry.attachmentNumber)}`]),
                  entry.signedBy.title
                    ? `${entry.signedBy.name}, ${entry.signedBy.title}`
                    : entry.signedBy.name,
                ].join(' · '),
                value: entry.note,
              })),
      },
    ],
    createdAt,
    language: 'sv',
  };
}

/**
 * The delegated decision (beslut enligt delegation) closing an investigation: title, number,
 * background, assessment, decision, date and decision-maker; the original goes to the registrar.
 */
export function buildDecisionDocument(
  record: CaseRecord,
  authority: string,
  legalReference: string,
): DocumentModel {
  const inv: Investigation = record.investigation ?? {};
  const decision = record.decision;
  const outcome = inv.proposedDecision;
  const decisionText = outcome
    ? [
        `${optionLabel('proposedDecision', outcome).sv}.`,
        requiresIvo(outcome)
          ? 'Händelsen ska anmälas till Inspektionen för vård och omsorg (IVO) snarast.'
          : 'Händelsen ska inte anmälas till Inspektionen för vård och omsorg (IVO).',
      ]
    : null;
  return {
    documentTitle: { sv: 'Beslut enligt delegation' },
    registry: registryHeader(record, authority),
    protectedIdentity: record.protectedIdentity,
    sections: [
      caseSection(record),
      {
        heading: 'Bakgrund',
        fields: [field('howNoticed', inv.howNoticed), field('whatHappened', inv.whatHappened)],
      },
      {
        heading: 'Bedömning',
        fields: [
          field('investigation.consequences', inv.consequences),
          {
            label: 'Bakomliggande orsaker',
            value: rootCauses(inv).length > 0 ? rootCauses(inv) : null,
          },
          field('remedialActions', inv.remedialActions),
          field('preventiveActions', inv.preventiveActions),
        ],
      },
      {
        heading: 'Beslut',
        fields: [
          { label: 'Beslut', value: decisionText },
          { label: 'Lagrum', value: legalReference },
        ],
      },
    ],
    ...(decision
      ? {
          signature: {
            signedBy: decision.decidedBy.name,
            ...(decision.decidedBy.title ? { title: decision.decidedBy.title } : {}),
            signedAt: decision.decidedAt,
            label: 'Beslutsfattare',
          },
        }
      : {}),
    footerNote: 'Original till registrator',
    createdAt: decision?.decidedAt ?? record.updatedAt,
    language: 'sv',
  };
}
