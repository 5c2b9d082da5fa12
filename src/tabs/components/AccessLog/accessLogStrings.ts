import { defineStrings } from '../../i18n/I18nContext.js';

/** The access log's texts (SPEC §6: afterwards it must be possible to see who has seen it). */
export const accessLogStrings = defineStrings(
  {
    heading: 'Åtkomstlogg',
    intro:
      'Varje gång någon läser ett ärende med skyddade personuppgifter loggas det här: när, vem och vad som lästes. Nyast först.',
    loading: 'Hämtar åtkomstloggen…',
    refreshing: 'Uppdaterar…',
    tableLabel: 'Läsningar av ärenden med skyddade personuppgifter, nyast först',
    scrollRegion: 'Åtkomstloggen, rulla i sidled',
    columns: {
      at: 'Tid',
      actor: 'Vem',
      registrationNumber: 'Diarienummer',
      what: 'Vad som lästes',
    },
    what: {
      case: 'Ärendet',
      events: 'Händelserna',
      documents: 'Dokumentlistan',
      document: (id: string) => `Ett dokument (id ${id})`,
    },
    notRegistered: 'Ej diariefört',
    onlyThisCase: (registrationNumber: string) => `Visa bara läsningar av ${registrationNumber}`,
    filteredTo: (registrationNumber: string | undefined) =>
      registrationNumber === undefined
        ? 'Visar läsningar av ett ärende.'
        : `Visar läsningar av ${registrationNumber}.`,
    showAll: 'Visa alla ärenden',
    showing: (from: string, to: string) => `Visar läsning ${from}–${to}`,
    empty: 'Inga läsningar är loggade.',
    emptyForCase: 'Inga läsningar av det här ärendet är loggade.',
    noMore: 'Det finns inga fler läsningar.',
    pagination: 'Sidor',
    previous: 'Föregående',
    next: 'Nästa',
    forbiddenHeading: 'Du har inte tillgång till åtkomstloggen',
    forbidden:
      'Åtkomstloggen är bara för dataskyddsombudet. Vill du veta vem som har läst ett ärende, kontakta dataskyddsombudet.',
    errorHeading: 'Åtkomstloggen kunde inte hämtas',
    retry: 'Försök igen',
  },
  {
    heading: 'Access log',
    intro:
      'Every time someone reads a case with protected personal data it is logged here: when, who and what was read. Newest first.',
    loading: 'Loading the access log…',
    refreshing: 'Updating…',
    tableLabel: 'Reads of cases with protected personal data, newest first',
    scrollRegion: 'Access log, scroll sideways',
    columns: {
      at: 'Time',
      actor: 'Who',
      registrationNumber: 'Registration number',
      what: 'What was read',
    },
    what: {
      case: 'The case',
      events: 'The history',
      documents: 'The list of documents',
      document: (id) => `A document (id ${id})`,
    },
    notRegistered: 'Not registered',
    onlyThisCase: (registrationNumber) => `Show only reads of ${registrationNumber}`,
    filteredTo: (registrationNumber) =>
      registrationNumber === undefined
        ? 'Showing the reads of one case.'
        : `Showing the reads of ${registrationNumber}.`,
    showAll: 'Show all cases',
    showing: (from, to) => `Showing reads ${from}–${to}`,
    empty: 'No reads are logged.',
    emptyForCase: 'No reads of this case are logged.',
    noMore: 'There are no more reads.',
    pagination: 'Pages',
    previous: 'Previous',
    next: 'Next',
    forbiddenHeading: 'You do not have access to the access log',
    forbidden:
      'The access log is for the data protection officer only. To find out who has read a case, contact the data protection officer.',
    errorHeading: 'The access log could not be loaded',
    retry: 'Try again',
  },
);

/** The access log's texts in one language. */
export type AccessLogStrings = (typeof accessLogStrings)['sv'];
