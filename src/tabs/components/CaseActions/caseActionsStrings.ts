import { defineStrings } from '../../i18n/I18nContext.js';

/** Texts of the status and actions section. */
export const caseActionsStrings = defineStrings(
  {
    heading: 'Status och åtgärder',
    state: 'Status',
    nextDeadline: 'Nästa frist',
    decision: 'Beslut',
    decidedBy: (name: string, when: string) => `${name}, ${when}`,
    outcomes: { decisionNotToInvestigate: 'Beslut att inte utreda', handled: 'Hanterad' },
    noActions: 'Du kan inte ändra ärendets status.',
    actionsLabel: 'Åtgärder',
    working: 'Sparar…',
    done: (state: string) => `Klart. Ärendet är nu: ${state}.`,
    failed: 'Åtgärden kunde inte genomföras',
    changedMeanwhile:
      'Någon annan ändrade ärendet samtidigt. Sidan visar nu den senaste versionen; kontrollera och försök igen.',
    unsaved:
      'Åtgärden gjordes inte: det finns ändringar i formuläret som inte kunde sparas. Åtgärda det som formuläret visar och försök igen.',
    reasonLabel: 'Motivering',
    reasonHint:
      'Varför rapporten uppenbart inte gäller ett missförhållande eller en risk för missförhållande.',
    reasonRequired: 'Skriv en motivering.',
    confirm: 'Bekräfta',
    cancel: 'Avbryt',
    confirmDecision: (outcome: string) =>
      `Beslutet registreras som ”${outcome}”. Det går inte att ändra efteråt.`,
    confirmClose: 'Ärendet avslutas. Därefter kan det inte ändras.',
    confirmReport:
      'Registrera att ärendet är anmält. Gör själva anmälan i myndighetens e-tjänst; bifoga utredningen som PDF.',
    documentsLabel: 'Dokument',
    generateDecision: 'Skapa beslutet (PDF/A)',
    generateInvestigation: 'Skapa utredningen som PDF/A',
    generating: 'Skapar dokumentet…',
    generated: (name: string) => `${name} är skapat och sparat bland ärendets dokument.`,
    generateFailed: 'Dokumentet kunde inte skapas',
  },
  {
    heading: 'State and actions',
    state: 'State',
    nextDeadline: 'Next deadline',
    decision: 'Decision',
    decidedBy: (name, when) => `${name}, ${when}`,
    outcomes: { decisionNotToInvestigate: 'Decision not to investigate', handled: 'Handled' },
    noActions: 'You cannot change the state of this case.',
    actionsLabel: 'Actions',
    working: 'Saving…',
    done: (state) => `Done. The case is now: ${state}.`,
    failed: 'The action could not be carried out',
    changedMeanwhile:
      'Someone else changed the case at the same time. The page now shows the latest version; check it and try again.',
    unsaved:
      'The action was not taken: the form has changes that could not be saved. Deal with what the form shows and try again.',
    reasonLabel: 'Reason',
    reasonHint: 'Why the report is obviously not about an impropriety or a risk of one.',
    reasonRequired: 'Write a reason.',
    confirm: 'Confirm',
    cancel: 'Cancel',
    confirmDecision: (outcome) =>
      `The decision is recorded as "${outcome}". It cannot be changed afterwards.`,
    confirmClose: 'The case is closed. After that it cannot be changed.',
    confirmReport:
      'Record that the case has been reported. Make the report itself in the authority’s e-service; attach the investigation as a PDF.',
    documentsLabel: 'Documents',
    generateDecision: 'Make the decision (PDF/A)',
    generateInvestigation: 'Make the investigation as PDF/A',
    generating: 'Making the document…',
    generated: (name) => `${name} was made and saved among the case’s documents.`,
    generateFailed: 'The document could not be made',
  },
);
