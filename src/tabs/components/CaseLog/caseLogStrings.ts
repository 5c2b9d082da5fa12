import { defineStrings } from '../../i18n/I18nContext.js';

/** The case log's texts (SPEC §4: date, source, fact or assessment, signed by name and title). */
export const caseLogStrings = defineStrings(
  {
    heading: 'Utredningslogg',
    intro:
      'Fortlöpande dokumentation av utredningen. En anteckning kan inte ändras när den är sparad.',
    tableLabel: 'Anteckningar i utredningsloggen, äldst först',
    scrollRegion: 'Utredningsloggen, rulla i sidled',
    empty: 'Det finns inga anteckningar ännu.',
    columns: {
      documentedAt: 'Dokumenterad',
      note: 'Anteckning',
      nature: 'Fakta eller bedömning',
      source: 'Källa',
      attachmentNumber: 'Bilaga nr',
      signedBy: 'Signerad av',
    },
    natures: { fact: 'Fakta', assessment: 'Bedömning' },
    noValue: '–',
    signedBy: (name: string, title: string | undefined) =>
      title === undefined || title === '' ? name : `${name}, ${title}`,
    formHeading: 'Ny anteckning',
    note: 'Anteckning',
    nature: 'Är det fakta eller en bedömning?',
    source: 'Källa',
    sourceHint: 'Varifrån kommer uppgiften? T.ex. samtal med enhetschefen, genomförandeplan.',
    attachmentNumber: 'Bilaga nr (valfritt)',
    attachmentNumberHint: 'Numret på bilagan anteckningen hänvisar till.',
    submit: 'Spara anteckning',
    saving: 'Sparar…',
    saved: 'Anteckningen är sparad.',
    savedAfterChange:
      'Anteckningen är sparad. Ärendet hade ändrats av någon annan under tiden och visas nu som det är.',
    problems: {
      note: {
        required: 'Skriv anteckningen.',
        tooLong: 'Anteckningen får vara högst 8 000 tecken.',
      },
      nature: { required: 'Välj om anteckningen är fakta eller en bedömning.' },
      source: {
        required: 'Ange varifrån uppgiften kommer.',
        tooLong: 'Källan får vara högst 200 tecken.',
      },
      attachmentNumber: { notPositiveInteger: 'Bilagenumret ska vara ett heltal, 1 eller större.' },
    },
    failedHeading: 'Anteckningen kunde inte sparas',
    fixFields: 'Rätta de markerade fälten och spara igen. Din text finns kvar.',
    conflictAgain:
      'Ärendet ändrades igen medan anteckningen sparades. Din text finns kvar: försök spara igen.',
    keptText: 'Din text finns kvar.',
    closed: 'Ärendet är avslutat. Utredningsloggen kan inte längre ändras.',
    cannotSave:
      'Du kan inte längre skriva i utredningsloggen för det här ärendet. Din text finns kvar i formuläret om du behöver kopiera den.',
  },
  {
    heading: 'Case log',
    intro: 'The running record of the investigation. An entry cannot be changed once it is saved.',
    tableLabel: 'Case log entries, oldest first',
    scrollRegion: 'Case log, scroll sideways',
    empty: 'There are no entries yet.',
    columns: {
      documentedAt: 'Documented',
      note: 'Note',
      nature: 'Fact or assessment',
      source: 'Source',
      attachmentNumber: 'Attachment no.',
      signedBy: 'Signed by',
    },
    natures: { fact: 'Fact', assessment: 'Assessment' },
    noValue: '–',
    signedBy: (name, title) => (title === undefined || title === '' ? name : `${name}, ${title}`),
    formHeading: 'New entry',
    note: 'Note',
    nature: 'Is it a fact or an assessment?',
    source: 'Source',
    sourceHint:
      'Where does the information come from? E.g. a talk with the unit manager, a care plan.',
    attachmentNumber: 'Attachment no. (optional)',
    attachmentNumberHint: 'The number of the attachment the entry refers to.',
    submit: 'Save entry',
    saving: 'Saving…',
    saved: 'The entry is saved.',
    savedAfterChange:
      'The entry is saved. Someone else had changed the case meanwhile; it is now shown as it is.',
    problems: {
      note: { required: 'Write the note.', tooLong: 'The note may be at most 8,000 characters.' },
      nature: { required: 'Choose whether the entry is a fact or an assessment.' },
      source: {
        required: 'Say where the information comes from.',
        tooLong: 'The source may be at most 200 characters.',
      },
      attachmentNumber: {
        notPositiveInteger: 'The attachment number must be a whole number, 1 or more.',
      },
    },
    failedHeading: 'The entry could not be saved',
    fixFields: 'Correct the marked fields and save again. Your text is kept.',
    conflictAgain:
      'The case changed again while the entry was being saved. Your text is kept: try saving again.',
    keptText: 'Your text is kept.',
    closed: 'The case is closed. The case log can no longer be changed.',
    cannotSave:
      'You can no longer write in this case log. Your text stays in the form in case you need to copy it.',
  },
);

/** The case log's texts in one language. */
export type CaseLogStrings = (typeof caseLogStrings)['sv'];
