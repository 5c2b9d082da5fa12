import { defineStrings } from '../../i18n/I18nContext.js';

/** The history's texts. Step and state names come from the core's label tables. */
export const caseTimelineStrings = defineStrings(
  {
    heading: 'Händelser',
    intro: 'Vad som har hänt i ärendet och vem som gjorde det, äldst först.',
    listLabel: 'Händelser, äldst först',
    loading: 'Hämtar händelserna…',
    errorHeading: 'Händelserna kunde inte hämtas',
    retry: 'Försök igen',
    retrying: 'Försöker igen…',
    empty: 'Inga händelser ännu.',
    system: 'Systemet',
    reason: 'Motivering',
    changes: {
      filed: 'Rapporten lämnades in',
      investigationUpdated: 'Utredningen sparades',
      caseLogEntryAdded: 'En anteckning fördes in i utredningsloggen',
      documentAdded: 'Ett dokument lades till',
      assessmentUpdated: 'Bedömningen av incidenten sparades',
    },
  },
  {
    heading: 'History',
    intro: 'What has happened in the case and who did it, oldest first.',
    listLabel: 'History, oldest first',
    loading: 'Loading the history…',
    errorHeading: 'The history could not be loaded',
    retry: 'Try again',
    retrying: 'Trying again…',
    empty: 'Nothing has happened yet.',
    system: 'The system',
    reason: 'Reason',
    changes: {
      filed: 'The report was filed',
      investigationUpdated: 'The investigation was saved',
      caseLogEntryAdded: 'An entry was added to the case log',
      documentAdded: 'A document was added',
      assessmentUpdated: 'The assessment of the breach was saved',
    },
  },
);

/** The history's texts in one language. */
export type CaseTimelineStrings = (typeof caseTimelineStrings)['sv'];
