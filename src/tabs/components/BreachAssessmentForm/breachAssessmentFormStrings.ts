import { defineStrings } from '../../i18n/I18nContext.js';

/**
 * The breach assessment form's own texts. The fields' labels are the core's (`fieldLabels` of
 * src/core/fields.ts); these are the headings, hints, the rules the form adds (IMY practice)
 * and the one field the core has no label for.
 */
export const breachAssessmentFormStrings = defineStrings(
  {
    heading: 'Bedömning',
    groups: {
      imy: 'Anmälan till Integritetsskyddsmyndigheten',
      dataSubjects: 'Information till de registrerade',
      reference: 'Referens',
    },
    deadline: (due: string) => `Frist för anmälan: ${due} (72 timmar efter upptäckten).`,
    noDeadline: 'Ärendet har ingen frist för anmälan.',
    notifiedAtHint: (due: string) => `Ange datum och klockslag. Fristen gick ut ${due}.`,
    notifiedAtHintNoDeadline: 'Ange datum och klockslag.',
    reasoningRequiredHint: 'Dokumentera varför incidenten inte anmäls (IMY:s praxis).',
    reasoningRequired: 'Motivera varför incidenten inte anmäls till IMY.',
    delayReasonHint: 'Anmälan gjordes senare än 72 timmar efter upptäckten.',
    delayReasonRequired: 'Ange varför anmälan gjordes senare än 72 timmar.',
    subjectsReasoning: 'Motivering',
    subjectsReasoningName: 'Motivering till beslutet om information till de registrerade',
    readOnlyState: 'Bedömningen kan inte ändras i ärendets nuvarande status.',
    readOnlyAccess: 'Du kan läsa bedömningen men inte ändra den.',
    noValue: '–',
  },
  {
    heading: 'Assessment',
    groups: {
      imy: 'Notification to the Swedish Authority for Privacy Protection',
      dataSubjects: 'Informing the data subjects',
      reference: 'Reference',
    },
    deadline: (due) => `Notification deadline: ${due} (72 hours after discovery).`,
    noDeadline: 'The case has no notification deadline.',
    notifiedAtHint: (due) => `Give the date and time. The deadline was ${due}.`,
    notifiedAtHintNoDeadline: 'Give the date and time.',
    reasoningRequiredHint: 'Document why the breach is not notified (IMY practice).',
    reasoningRequired: 'Give the reasons why the breach is not notified to IMY.',
    delayReasonHint: 'The notification came later than 72 hours after discovery.',
    delayReasonRequired: 'Give the reason why the notification came later than 72 hours.',
    subjectsReasoning: 'Reasoning',
    subjectsReasoningName: 'Reasoning for the decision on informing the data subjects',
    readOnlyState: 'The assessment cannot be changed in the case’s current state.',
    readOnlyAccess: 'You can read the assessment but not change it.',
    noValue: '–',
  },
);

/** The breach assessment form's texts in one language. */
export type BreachAssessmentFormStrings = (typeof breachAssessmentFormStrings)['sv'];
