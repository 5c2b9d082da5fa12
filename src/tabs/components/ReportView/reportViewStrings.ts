import { defineStrings } from '../../i18n/I18nContext.js';

/** Texts of the report section. */
export const reportViewStrings = defineStrings(
  {
    heading: 'Rapporten som den lämnades',
    notGiven: 'Ej angivet',
    registryOnly:
      'Du ser ärendets diarieuppgifter. Rapporten och utredningen visas bara för dem som handlägger ärendet.',
    signedBy: (name: string, when: string) => `Undertecknad av ${name} ${when}`,
    openPdf: 'Ladda ner rapporten (PDF/A)',
    pdfPending: 'Rapportens PDF skapas. Ladda om sidan om en stund.',
    downloading: 'Hämtar…',
    downloadFailed: 'Rapporten kunde inte hämtas.',
  },
  {
    heading: 'The report as filed',
    notGiven: 'Not given',
    registryOnly:
      'You see the registry entry of the case. The report and the investigation are shown only to those who handle the case.',
    signedBy: (name, when) => `Signed by ${name} ${when}`,
    openPdf: 'Download the report (PDF/A)',
    pdfPending: 'The report’s PDF is being made. Reload the page in a moment.',
    downloading: 'Fetching…',
    downloadFailed: 'The report could not be fetched.',
  },
);
