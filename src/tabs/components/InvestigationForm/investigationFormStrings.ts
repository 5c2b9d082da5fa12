import { defineStrings } from '../../i18n/I18nContext.js';

/**
 * The investigation form's own texts. The fields' labels are the core's (`fieldLabels` of
 * src/core/fields.ts); these are the headings, hints and the words the core has no label for.
 */
export const investigationFormStrings = defineStrings(
  {
    heading: 'Utredning',
    groups: {
      about: 'Om utredningen',
      event: 'Händelsen',
      actions: 'Åtgärder',
      decision: 'Bedömning',
      dates: 'Information och anmälan',
    },
    investigatorName: 'Utredarens namn',
    investigatorTitle: 'Utredarens titel',
    addInvestigator: 'Lägg till utredare',
    removeInvestigator: (name: string) => `Ta bort ${name}`,
    noInvestigators: 'Inga utredare har lagts till.',
    investigatorNameMissing: 'Skriv utredarens namn för att lägga till utredaren.',
    investigatorsFull: (max: number) => `Utredningen kan ha högst ${String(max)} utredare.`,
    couldRecurWhyHint: 'Varför kan, eller kan inte, något liknande inträffa igen?',
    couldRecurWhyName: 'Förklaring till om något liknande kan inträffa igen',
    rootCausesHint: 'Kryssa i de orsaker som bidrog och beskriv hur.',
    rootCauseApplies: (cause: string) => `Bakomliggande orsak: ${cause}`,
    rootCauseText: (cause: string) => `${cause}: beskrivning`,
    remedialActionsWhenHint: 'När ska åtgärderna vara genomförda?',
    remedialActionsWhenName: 'När åtgärderna ska vara genomförda',
    proposedDecisionHint:
      'Ett allvarligt missförhållande eller en påtaglig risk för ett allvarligt missförhållande anmäls till IVO.',
    goesToIvo: 'Förslaget innebär att ärendet ska anmälas till IVO.',
    readOnlyState: 'Utredningen kan ändras från att den inleds till att ärendet avslutas.',
    proposedDecisionFixed: 'Beslutet är registrerat. Förslaget till beslut kan inte längre ändras.',
    readOnlyAccess: 'Du kan läsa utredningen men inte ändra den.',
    notStarted: 'Utredningen har inte inletts.',
    noValue: '–',
    none: 'Inga',
  },
  {
    heading: 'Investigation',
    groups: {
      about: 'About the investigation',
      event: 'The event',
      actions: 'Actions',
      decision: 'Assessment',
      dates: 'Informing and notifying',
    },
    investigatorName: "Investigator's name",
    investigatorTitle: "Investigator's title",
    addInvestigator: 'Add investigator',
    removeInvestigator: (name) => `Remove ${name}`,
    noInvestigators: 'No investigators have been added.',
    investigatorNameMissing: "Write the investigator's name to add them.",
    investigatorsFull: (max) => `An investigation can have at most ${String(max)} investigators.`,
    couldRecurWhyHint: 'Why could, or could not, something similar happen again?',
    couldRecurWhyName: 'Explanation of whether something similar could happen again',
    rootCausesHint: 'Tick the causes that contributed and describe how.',
    rootCauseApplies: (cause) => `Root cause: ${cause}`,
    rootCauseText: (cause) => `${cause}: description`,
    remedialActionsWhenHint: 'When will the actions be completed?',
    remedialActionsWhenName: 'When the actions will be completed',
    proposedDecisionHint:
      'A serious impropriety or a substantial risk of a serious impropriety is notified to IVO.',
    goesToIvo: 'This proposal means the case must be notified to IVO.',
    readOnlyState:
      'The investigation can be changed from when it is opened until the case is closed.',
    proposedDecisionFixed:
      'The decision is recorded. The proposed decision can no longer be changed.',
    readOnlyAccess: 'You can read the investigation but not change it.',
    notStarted: 'The investigation has not been opened.',
    noValue: '–',
    none: 'None',
  },
);

/** The investigation form's texts in one language. */
export type InvestigationFormStrings = (typeof investigationFormStrings)['sv'];
