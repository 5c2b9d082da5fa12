import { defineStrings } from '../../../tabs/i18n/I18nContext.js';

/** ReportPane's texts, Swedish first; field labels come from the core (src/core/fields.ts). */
export const reportPaneStrings = defineStrings(
  {
    emailHeading: 'Mejlet',
    subject: 'Ämne',
    noSubject: '(inget ämne)',
    sent: 'Skickat',
    attachments: 'Bifogade filer',
    noAttachments: 'Inga',
    identityNumbers: (n: number) =>
      n === 0
        ? 'Inga personnummer hittades i ämne och text.'
        : `${n === 1 ? 'Ett personnummer' : `${String(n)} personnummer`} hittades i ämne och text. Bara antalet skickas med, aldrig numren.`,
    bodyTruncated:
      'Texten är mycket lång: bara de första 100 000 tecknen söktes igenom, så antalet är ett minimum.',
    recipientsVisible: (n: number, external: number) =>
      `${String(n)} adresser stod i Till/Kopia och syntes för alla mottagare (${String(external)} utanför organisationen).`,
    recipientsLegend: 'Vilka mottagare var fel?',
    recipientsHint:
      'Markera de adresser som inte skulle ha fått mejlet. Bara markerade adresser skickas med i rapporten.',
    noRecipients: 'Mejlet har inga mottagare att markera.',
    fields: { to: 'Till', cc: 'Kopia', bcc: 'Hemlig kopia' },
    external: 'extern',
    internal: 'intern',
    selectExternal: 'Markera alla externa',
    clearSelection: 'Avmarkera alla',
    selectedCount: (n: number, total: number) => `${String(n)} av ${String(total)} markerade`,
    categoriesHint: 'Skilj grupper åt med kommatecken, t.ex. aspiranter, elever.',
    deadlineHeading: 'Frist för anmälan till IMY',
    deadline: (when: string) =>
      `Om incidenten ska anmälas måste det ske senast ${when}, 72 timmar efter att den upptäcktes.`,
    deadlineUnknown: 'Ange när det upptäcktes så visas fristen.',
    submit: 'Skicka rapporten',
    submitting: 'Skickar rapporten…',
    submitFailed: 'Rapporten kunde inte skickas. Det du skrivit finns kvar.',
    checkFields: 'Rätta de markerade fälten och skicka igen.',
    retry: 'Försök igen',
    optional: '(valfritt)',
  },
  {
    emailHeading: 'The e-mail',
    subject: 'Subject',
    noSubject: '(no subject)',
    sent: 'Sent',
    attachments: 'Attached files',
    noAttachments: 'None',
    identityNumbers: (n) =>
      n === 0
        ? 'No personal identity numbers were found in subject and body.'
        : `${n === 1 ? 'A personal identity number was' : `${String(n)} personal identity numbers were`} found in subject and body. Only the count is sent, never the numbers.`,
    bodyTruncated:
      'The text is very long: only its first 100,000 characters were scanned, so the count is a minimum.',
    recipientsVisible: (n, external) =>
      `${String(n)} addresses stood in To/Cc, visible to every recipient (${String(external)} outside the organisation).`,
    recipientsLegend: 'Which recipients were wrong?',
    recipientsHint:
      'Tick the addresses that should not have received the e-mail. Only ticked addresses go into the report.',
    noRecipients: 'The e-mail has no recipients to tick.',
    fields: { to: 'To', cc: 'Cc', bcc: 'Bcc' },
    external: 'external',
    internal: 'internal',
    selectExternal: 'Tick every external one',
    clearSelection: 'Untick all',
    selectedCount: (n, total) => `${String(n)} of ${String(total)} ticked`,
    categoriesHint: 'Separate groups with commas, e.g. job seekers, pupils.',
    deadlineHeading: 'Deadline for notifying IMY',
    deadline: (when) =>
      `If the breach must be notified, it must be done by ${when}, 72 hours after it was discovered.`,
    deadlineUnknown: 'Give when it was discovered to see the deadline.',
    submit: 'Send the report',
    submitting: 'Sending the report…',
    submitFailed: 'The report could not be sent. What you wrote is still here.',
    checkFields: 'Correct the marked fields and send again.',
    retry: 'Try again',
    optional: '(optional)',
  },
);

/** The result's texts: the registration number and what to do at once. */
export const reportResultStrings = defineStrings(
  {
    heading: 'Rapporten är skickad',
    registrationNumber: 'Diarienummer',
    notRegistered: 'Inte diariefört än; registratorn diarieför det.',
    handledBy:
      'Dataskyddsombudet har fått rapporten och bedömer om incidenten ska anmälas till IMY.',
    deadline: (when: string) => `Frist för anmälan till IMY: ${when}.`,
    stepsHeading: 'Gör det här nu',
    steps: [
      'Kontakta mottagaren och be hen radera mejlet och eventuella bilagor, också från papperskorgen.',
      'Be mottagaren bekräfta skriftligt att mejlet är raderat, och spara bekräftelsen.',
      'Be mottagaren att inte vidarebefordra, skriva ut eller använda uppgifterna.',
      'Vidarebefordra inte själv mejlet för att visa vad som hänt: hänvisa till diarienumret.',
      'Var nåbar för dataskyddsombudet, som kan behöva fler uppgifter inom 72-timmarsfristen.',
    ],
  },
  {
    heading: 'The report has been sent',
    registrationNumber: 'Registration number',
    notRegistered: 'Not registered yet; the registrar registers it.',
    handledBy:
      'The data protection officer has the report and assesses whether IMY must be notified.',
    deadline: (when) => `Deadline for notifying IMY: ${when}.`,
    stepsHeading: 'Do this now',
    steps: [
      'Contact the recipient and ask them to delete the e-mail and any attachments, from the deleted items too.',
      'Ask the recipient to confirm in writing that the e-mail is deleted, and keep the confirmation.',
      'Ask the recipient not to forward, print or use the data.',
      'Do not forward the e-mail yourself to show what happened: refer to the registration number.',
      'Stay reachable for the data protection officer, who may need more details within the 72 hours.',
    ],
  },
);
