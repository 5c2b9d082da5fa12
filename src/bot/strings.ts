import type { Locale, LocalizedText } from '../core/i18n.js';
import type { PersonalDataKind } from '../core/personalData.js';

/**
 * Every sentence the bot says, Swedish first and English second. The Swedish is written for a
 * social worker who has never read the law: plain words, no English, no abbreviations without
 * the name spelled out. Field labels, option labels, state names and the questions' own prompts
 * live in src/core (one source for the bot, the tab and the documents); this file holds the
 * bot's conversation around them.
 *
 * The functions take only values the bot produced itself (numbers, labels, formatted dates,
 * registration numbers), never a reporter's free text: what the user typed is shown on cards,
 * escaped, not spliced into sentences.
 */

/** What the bot accepts as attachments; the texts below promise exactly these limits. */
export const attachmentLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFiles: 10,
  extensions: ['pdf', 'png', 'jpeg', 'jpg', 'gif', 'heic', 'docx', 'xlsx', 'txt'],
} as const;

const MAX_FILE_MB = attachmentLimits.maxFileBytes / (1024 * 1024);
const TYPE_LIST = 'pdf, png, jpeg, gif, heic, docx, xlsx, txt';

/** "a, b och c" / "a, b and c". */
function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1] ?? ''}`;
}

// Display order: the most sensitive kind first, as the reporter should fix that one first.
const personalDataKinds: readonly PersonalDataKind[] = [
  'personalIdentityNumber',
  'coordinationNumber',
  'phoneNumber',
  'email',
];

/** Counts per kind, in words, skipping kinds not found. */
function countsInWords(
  counts: Partial<Record<PersonalDataKind, number>>,
  words: Record<PersonalDataKind, readonly [one: string, many: string]>,
  and: string,
): string {
  const parts = personalDataKinds.flatMap((kind) => {
    const count = counts[kind] ?? 0;
    if (count <= 0) return [];
    const [one, many] = words[kind];
    return [`${count} ${count === 1 ? one : many}`];
  });
  return joinList(parts, and);
}

const svPersonalDataWords: Record<PersonalDataKind, readonly [string, string]> = {
  personalIdentityNumber: ['personnummer', 'personnummer'],
  coordinationNumber: ['samordningsnummer', 'samordningsnummer'],
  phoneNumber: ['telefonnummer', 'telefonnummer'],
  email: ['e-postadress', 'e-postadresser'],
};

const enPersonalDataWords: Record<PersonalDataKind, readonly [string, string]> = {
  personalIdentityNumber: ['personal identity number', 'personal identity numbers'],
  coordinationNumber: ['coordination number', 'coordination numbers'],
  phoneNumber: ['phone number', 'phone numbers'],
  email: ['e-mail address', 'e-mail addresses'],
};

const sv = {
  welcome: {
    title: 'Hej! Här kan du rapportera en avvikelse',
    body: 'Jag hjälper dig att rapportera ett missförhållande eller en risk för ett missförhållande enligt lex Sarah, en personuppgiftsincident (till exempel ett mejl med personuppgifter som gått till fel person) eller en informationssäkerhetsincident (till exempel en borttappad telefon eller ett misstänkt nätfiskemejl). Jag ställer en fråga i taget.',
    whatHappens:
      'När du har skickat rapporten registreras den i diariet och får ett diarienummer. Den går sedan till dem som handlägger just den sortens ärenden – lex Sarah-ansvarig, dataskyddsombudet eller informationssäkerhetssamordnaren – och det är bara de som kan se den. Du kan följa hur det går under Mina rapporter.',
    privacy: 'Ingenting delas med någon förrän du trycker på Skicka.',
    emergency: 'Är någon i fara just nu? Ring 112 först och rapportera sedan.',
  },
  commands: {
    heading: 'Det här kan du skriva till mig',
    newReport: 'ny rapport',
    newReportDescription: 'börja en ny rapport',
    myReports: 'mina rapporter',
    myReportsDescription: 'se dina rapporter och hur långt de har kommit',
    help: 'hjälp',
    helpDescription: 'få hjälp och tips',
    cancel: 'avbryt',
    cancelDescription: 'avbryt rapporten du håller på med',
  },
  types: {
    unsure: 'Vet inte',
    /** The type as a word inside a sentence ("Ny personuppgiftsincident har kommit in"). */
    inSentence: {
      lexSarah: 'lex Sarah-rapport',
      personalDataBreach: 'personuppgiftsincident',
      securityIncident: 'informationssäkerhetsincident',
    },
    descriptions: {
      lexSarah:
        'Stöd, vård eller service till en enskild inom socialtjänsten eller LSS har brustit, eller det finns en påtaglig risk att det gör det.',
      personalDataBreach:
        'Personuppgifter har hamnat hos fel person, försvunnit eller kunnat ses av någon som inte borde se dem.',
      securityIncident:
        'Något har hänt med it-system, utrustning, konton eller information, till exempel en borttappad telefon, nätfiske eller fel behörigheter.',
      unsure: 'Svara på tre korta frågor, så föreslår jag vilken sorts rapport det är.',
    },
  },
  typeChoice: {
    prompt: 'Vad vill du rapportera?',
    help: 'Välj det som passar bäst. Det gör inget om du väljer fel – den som tar emot rapporten kan ändra typen.',
  },
  triage: {
    title: 'Vi tar reda på vilken sorts rapport det är',
    intro:
      'Svara ja eller nej på tre frågor. Svaren sparas inte, de används bara för att välja rätt sorts rapport.',
    yes: 'Ja',
    no: 'Nej',
    answerRequired: 'Svara ja eller nej.',
    result: (typeLabel: string, reason: string) => `Mitt förslag: ${typeLabel}. ${reason}`,
    alsoConsider: (typeLabel: string) =>
      `Samma händelse kan också behöva en egen rapport: ${typeLabel}. Den kan du göra när den här rapporten är skickad.`,
  },
  questions: {
    stepCounter: (step: number, count: number) => `Fråga ${step} av ${count}`,
    optional: 'Frivillig fråga – du kan hoppa över den.',
    required: 'Frågan måste besvaras.',
    textPlaceholder: 'Skriv ditt svar här',
    listPlaceholder: 'Skriv flera saker åtskilda med komma',
    numberPlaceholder: 'Skriv ett tal',
    dateLabel: 'Datum',
    timeLabel: 'Klockslag',
    timeRequired: 'Ange ett klockslag, till exempel 14:00.',
    dateRequired: 'Ange ett datum.',
    attachmentsInstruction: (maxFiles: number, maxMb: number) =>
      `Skicka filerna här i chatten, med gem-ikonen eller genom att dra in dem. Du kan skicka högst ${maxFiles} filer på högst ${maxMb} MB var. Tryck på Klar när du är färdig, eller Hoppa över om du inte har några bilagor.`,
    attachmentsSoFar: 'Filer du har skickat:',
    attachmentsNone: 'Inga filer ännu.',
  },
  buttons: {
    next: 'Nästa',
    back: 'Tillbaka',
    skip: 'Hoppa över',
    cancel: 'Avbryt',
    help: 'Hjälp',
    more: 'Mer',
    saveForLater: 'Spara och fortsätt senare',
    submit: 'Skicka',
    edit: 'Ändra',
    editField: (label: string) => `Ändra: ${label}`,
    editText: 'Ändra texten själv',
    useMasked: 'Använd maskerad text',
    keepOriginal: 'Behåll min text',
    resume: 'Fortsätt utkastet',
    discardDraft: 'Börja om',
    yes: 'Ja',
    no: 'Nej',
    done: 'Klar',
    newReport: 'Ny rapport',
    myReports: 'Mina rapporter',
    openCase: 'Öppna ärendet',
    openReport: 'Öppna rapporten',
    chooseType: 'Välj',
    triage: 'Visa förslag',
  },
  personalData: {
    title: 'Texten verkar innehålla personuppgifter',
    found: (counts: Partial<Record<PersonalDataKind, number>>) =>
      `Jag hittade ${countsInWords(counts, svPersonalDataWords, 'och')} i ditt svar.`,
    advice:
      'Skriv bara det som behövs för att förstå vad som hände. Använd initialer i stället för namn, till exempel coach J.Q., och skriv inte personnummer, telefonnummer eller e-postadresser. Den som utreder kan ta fram sådana uppgifter om det behövs.',
    maskedHeading: 'Så här blir texten om uppgifterna byts ut:',
    choose: 'Vill du använda den maskerade texten, behålla din text eller ändra den själv?',
  },
  summary: {
    title: 'Kontrollera din rapport',
    intro:
      'Läs igenom svaren. Tryck på Ändra om något behöver rättas. Ingenting skickas förrän du trycker på Skicka.',
    typeHeading: 'Typ av rapport',
    reporterHeading: 'Rapporten skickas av',
    reporterNote: 'Namnet hämtas från ditt konto och kan inte ändras.',
    notAnswered: 'Inte besvarad',
    truncated: 'Texten är förkortad här. Tryck på Ändra för att se hela.',
    protectedBanner: 'SKYDDADE PERSONUPPGIFTER',
    protectedNote:
      'Rapporten gäller en person med skyddade personuppgifter. Bara ett fåtal namngivna personer får se den.',
    attachmentCount: (count: number) => (count === 1 ? '1 fil' : `${count} filer`),
  },
  submitted: {
    title: 'Tack! Din rapport är skickad',
    registrationNumberLabel: 'Diarienummer',
    registrationNumberPending:
      'Rapporten har kommit in och får sitt diarienummer när den registreras.',
    typeLabel: 'Typ av rapport',
    nextStepsHeading: 'Vad händer nu?',
    nextLexSarah: (workingDays: number) =>
      `Lex Sarah-ansvarig registrerar rapporten och bestämmer inom ${workingDays} arbetsdagar om det som hänt ska utredas. Du kan bli kontaktad om det behövs fler uppgifter.`,
    nextBreach: (deadline: string) =>
      `Dataskyddsombudet bedömer incidenten. Om den behöver anmälas till Integritetsskyddsmyndigheten (IMY) ska det göras senast ${deadline}.`,
    nextIncident:
      'Informationssäkerhetssamordnaren bedömer incidenten och hör av sig om något mer behöver göras.',
    followStatus: 'Du kan följa hur det går under Mina rapporter.',
    deadline: (label: string, due: string, remaining: string) =>
      `${label}: senast ${due} (${remaining})`,
    protectedNote:
      'Rapporten hanteras som skyddade personuppgifter: bara ett fåtal namngivna personer kan se den.',
  },
  myReports: {
    title: 'Mina rapporter',
    intro:
      'Här ser du rapporter som du har skickat och hur långt de har kommit. Själva utredningen visas inte här.',
    empty: 'Du har inte skickat några rapporter ännu. Skriv ny rapport när du vill börja.',
    listHeading: (shown: number, total: number) =>
      shown === total ? `Dina rapporter (${total})` : `Dina ${shown} senaste rapporter av ${total}`,
    received: (date: string) => `Inkom ${date}`,
    status: (state: string) => `Status: ${state}`,
    numberPending: 'Diarienummer kommer',
  },
  draft: {
    saved:
      'Utkastet är sparat och bara du kan se det. Skriv ny rapport när du vill fortsätta där du slutade.',
    foundTitle: 'Du har ett sparat utkast',
    found: (typeLabel: string, answered: number, savedAt: string) =>
      `${typeLabel}, ${answered === 1 ? '1 fråga besvarad' : `${answered} frågor besvarade`}, sparat ${savedAt}.`,
    resumePrompt:
      'Vill du fortsätta där du slutade eller börja om? Om du börjar om tas utkastet bort.',
    resumed: 'Vi fortsätter där du slutade.',
    discarded: 'Utkastet är borttaget.',
    typeNotChosen: 'Typ inte vald ännu',
  },
  cancelled:
    'Rapporten är avbruten och ingenting har skickats. Skriv ny rapport när du vill börja om.',
  languageChosen:
    'Jag svarar på svenska från och med nu. Skriv english för att byta till engelska.',
  reportInProgress:
    'Du håller redan på med en rapport. Gör klart den, välj Spara och fortsätt senare eller skriv avbryt innan du börjar en ny.',
  switchedUser: (name: string) => `Nu är du ${name}. Det här går bara i testläget.`,
  help: {
    title: 'Hjälp',
    body: 'Jag ställer en fråga i taget. Svara på kortet och tryck på Nästa, eller skriv svaret i chatten. Frivilliga frågor kan du hoppa över. Innan något skickas får du se alla svar och kan ändra dem.',
    initials:
      'Använd initialer i stället för namn och skriv inga personnummer. Om jag hittar personuppgifter i texten föreslår jag en version där de är utbytta.',
    dates: 'Datum och tid skriver du till exempel så här: 2026-02-01 14:00 eller 1/2 14:00.',
    pause:
      'Behöver du avbryta en stund? Välj Spara och fortsätt senare under Mer. Utkastet syns bara för dig.',
    emergency: 'Är någon i fara just nu? Ring 112 först och rapportera sedan.',
    language: 'Skriv english om du vill att jag svarar på engelska.',
    questions:
      'Har du frågor om vad som ska rapporteras kan du prata med din chef, lex Sarah-ansvarig, dataskyddsombudet eller informationssäkerhetssamordnaren.',
  },
  attachments: {
    received: (count: number) =>
      count === 1 ? 'Tack, filen är mottagen.' : `Tack, ${count} filer är mottagna.`,
    total: (count: number, max: number) => `Du har skickat ${count} av högst ${max} filer.`,
  },
  notification: {
    newCase: (typeInSentence: string, registrationNumber: string | null) =>
      registrationNumber === null
        ? `Ny ${typeInSentence} har kommit in`
        : `Ny ${typeInSentence} har kommit in: ${registrationNumber}`,
    newProtectedCase: (registrationNumber: string | null) =>
      registrationNumber === null
        ? 'Ett nytt ärende har kommit in'
        : `Ett nytt ärende har kommit in: ${registrationNumber}`,
    open: 'Öppna ärendet',
  },
  errors: {
    unknownCommand:
      'Det förstod jag inte. Skriv hjälp för att se vad du kan göra, eller ny rapport för att börja en rapport.',
    emptyMessage: 'Meddelandet var tomt. Skriv ditt svar eller använd knapparna på kortet.',
    staleCard:
      'Det kortet gäller inte längre. Använd det senaste kortet i chatten, så fortsätter vi därifrån.',
    tamperedCard:
      'Svaret kunde inte tas emot eftersom kortet inte ser ut som det jag skickade. Använd det senaste kortet i chatten.',
    alreadySubmitted: (registrationNumber: string) =>
      `Rapporten är redan skickad och har diarienummer ${registrationNumber}. Du behöver inte skicka den igen.`,
    alreadySubmittedPending:
      'Rapporten är redan skickad. Du behöver inte skicka den igen; den får sitt diarienummer när den registreras.',
    tooLong: (max: number) => `Svaret är för långt. Det får vara högst ${max} tecken.`,
    dateInFuture: 'Tidpunkten kan inte ligga i framtiden. Kontrollera datum och klockslag.',
    unparsableDate:
      'Jag kunde inte läsa datumet. Skriv till exempel 2026-02-01 14:00 eller 1/2 14:00.',
    serverBusy:
      'Det gick inte att spara just nu. Ingenting har försvunnit – försök igen om en liten stund.',
    attachmentTooBig: (maxMb: number = MAX_FILE_MB) =>
      `Filen är för stor. Varje fil får vara högst ${maxMb} MB.`,
    attachmentWrongType: `Den sortens fil kan inte tas emot. Du kan skicka ${TYPE_LIST}.`,
    attachmentDownloadFailed:
      'Filen kunde inte hämtas från Teams. Försök skicka den igen om en liten stund.',
    tooManyAttachments: (max: number = attachmentLimits.maxFiles) =>
      `Du kan skicka högst ${max} filer till en rapport.`,
    attachmentsNotNow:
      'Filer tar jag emot när jag frågar efter bilagor, mot slutet av rapporten. Skicka filen igen då.',
    notAllowed: 'Du har inte behörighet att göra det.',
    notFound: 'Jag hittade inte det du letade efter.',
    generic: 'Något gick fel. Försök igen om en liten stund.',
    triageIncomplete: 'Svara ja eller nej på alla tre frågorna.',
    notNow: 'Det går inte just nu. Fortsätt med det senaste kortet i chatten.',
    cannotSkip: 'Den här frågan måste besvaras och kan inte hoppas över.',
    unknownDemoUser: (ids: readonly string[]) =>
      `Det finns ingen sådan testanvändare. Du kan välja: ${ids.join(', ')}.`,
  },
} as const;

/** Turns the literal types of `sv` into the shape every language must fill: strings and functions. */
type Widen<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : T[K] extends string
      ? string
      : Widen<T[K]>;
};

/** The shape of the bot's strings, taken from the Swedish ones: every language has every key. */
export type BotStrings = Widen<typeof sv>;

const en: BotStrings = {
  welcome: {
    title: 'Hello! Here you can report a deviation',
    body: 'I help you report an impropriety or a risk of impropriety under lex Sarah, a personal data breach (for example an e-mail with personal data sent to the wrong person) or an information security incident (for example a lost phone or a suspicious phishing e-mail). I ask one question at a time.',
    whatHappens:
      'When you have sent the report, it is registered in the registry and gets a registration number. It then goes to the people who handle that kind of case – the lex Sarah officer, the data protection officer or the information security coordinator – and only they can see it. You can follow its progress under My reports.',
    privacy: 'Nothing is shared with anyone until you press Submit.',
    emergency: 'Is someone in danger right now? Call 112 first, then report.',
  },
  commands: {
    heading: 'What you can write to me',
    newReport: 'new report',
    newReportDescription: 'start a new report',
    myReports: 'my reports',
    myReportsDescription: 'see your reports and how far they have come',
    help: 'help',
    helpDescription: 'get help and tips',
    cancel: 'cancel',
    cancelDescription: 'cancel the report you are writing',
  },
  types: {
    unsure: "Don't know",
    inSentence: {
      lexSarah: 'lex Sarah report',
      personalDataBreach: 'personal data breach',
      securityIncident: 'information security incident',
    },
    descriptions: {
      lexSarah:
        'Support, care or services to an individual in social services or LSS have failed, or there is a substantial risk that they will.',
      personalDataBreach:
        'Personal data reached the wrong person, went missing, or could be seen by someone who should not see it.',
      securityIncident:
        'Something happened to IT systems, equipment, accounts or information, for example a lost phone, phishing or wrong access rights.',
      unsure: 'Answer three short questions and I will suggest which kind of report it is.',
    },
  },
  typeChoice: {
    prompt: 'What do you want to report?',
    help: 'Choose what fits best. It does not matter if you choose wrongly – the person who receives the report can change the type.',
  },
  triage: {
    title: "Let's find out which kind of report it is",
    intro:
      'Answer yes or no to three questions. The answers are not kept; they only help choose the right kind of report.',
    yes: 'Yes',
    no: 'No',
    answerRequired: 'Answer yes or no.',
    result: (typeLabel, reason) => `My suggestion: ${typeLabel}. ${reason}`,
    alsoConsider: (typeLabel) =>
      `The same event may also need a report of its own: ${typeLabel}. You can write it once this report is sent.`,
  },
  questions: {
    stepCounter: (step, count) => `Question ${step} of ${count}`,
    optional: 'Optional – you can skip this question.',
    required: 'This question must be answered.',
    textPlaceholder: 'Write your answer here',
    listPlaceholder: 'Write several items separated by commas',
    numberPlaceholder: 'Write a number',
    dateLabel: 'Date',
    timeLabel: 'Time',
    timeRequired: 'Give a time, for example 14:00.',
    dateRequired: 'Give a date.',
    attachmentsInstruction: (maxFiles, maxMb) =>
      `Send the files here in the chat, with the paper clip icon or by dragging them in. You can send at most ${maxFiles} files of at most ${maxMb} MB each. Press Done when you have finished, or Skip if you have no attachments.`,
    attachmentsSoFar: 'Files you have sent:',
    attachmentsNone: 'No files yet.',
  },
  buttons: {
    next: 'Next',
    back: 'Back',
    skip: 'Skip',
    cancel: 'Cancel',
    help: 'Help',
    more: 'More',
    saveForLater: 'Save and continue later',
    submit: 'Submit',
    edit: 'Edit',
    editField: (label) => `Edit: ${label}`,
    editText: 'Edit the text myself',
    useMasked: 'Use masked text',
    keepOriginal: 'Keep my text',
    resume: 'Continue the draft',
    discardDraft: 'Start over',
    yes: 'Yes',
    no: 'No',
    done: 'Done',
    newReport: 'New report',
    myReports: 'My reports',
    openCase: 'Open the case',
    openReport: 'Open the report',
    chooseType: 'Choose',
    triage: 'Show suggestion',
  },
  personalData: {
    title: 'The text seems to contain personal data',
    found: (counts) =>
      `I found ${countsInWords(counts, enPersonalDataWords, 'and')} in your answer.`,
    advice:
      'Write only what is needed to understand what happened. Use initials instead of names, for example coach J.Q., and do not write personal identity numbers, phone numbers or e-mail addresses. The investigator can look such details up if needed.',
    maskedHeading: 'This is the text with the details replaced:',
    choose: 'Do you want to use the masked text, keep your text, or edit it yourself?',
  },
  summary: {
    title: 'Check your report',
    intro:
      'Read through your answers. Press Edit if something needs correcting. Nothing is sent until you press Submit.',
    typeHeading: 'Type of report',
    reporterHeading: 'Sent by',
    reporterNote: 'The name comes from your account and cannot be changed.',
    notAnswered: 'Not answered',
    truncated: 'The text is shortened here. Press Edit to see all of it.',
    protectedBanner: 'PROTECTED IDENTITY',
    protectedNote:
      'The report concerns a person with a protected identity. Only a few named people may see it.',
    attachmentCount: (count) => (count === 1 ? '1 file' : `${count} files`),
  },
  submitted: {
    title: 'Thank you! Your report has been sent',
    registrationNumberLabel: 'Registration number',
    registrationNumberPending:
      'The report has arrived and gets its registration number when it is registered.',
    typeLabel: 'Type of report',
    nextStepsHeading: 'What happens now?',
    nextLexSarah: (workingDays) =>
      `The lex Sarah officer registers the report and decides within ${workingDays} working days whether what happened is to be investigated. You may be contacted if more details are needed.`,
    nextBreach: (deadline) =>
      `The data protection officer assesses the breach. If it must be notified to the Swedish Authority for Privacy Protection (IMY), that must happen by ${deadline}.`,
    nextIncident:
      'The information security coordinator assesses the incident and will get in touch if anything more needs to be done.',
    followStatus: 'You can follow its progress under My reports.',
    deadline: (label, due, remaining) => `${label}: by ${due} (${remaining})`,
    protectedNote:
      'The report is handled as protected personal data: only a few named people can see it.',
  },
  myReports: {
    title: 'My reports',
    intro:
      'Here you see the reports you have sent and how far they have come. The investigation itself is not shown here.',
    empty: 'You have not sent any reports yet. Write new report when you want to start.',
    listHeading: (shown, total) =>
      shown === total ? `Your reports (${total})` : `Your ${shown} latest reports of ${total}`,
    received: (date) => `Received ${date}`,
    status: (state) => `Status: ${state}`,
    numberPending: 'Registration number to come',
  },
  draft: {
    saved:
      'The draft is saved and only you can see it. Write new report when you want to continue where you left off.',
    foundTitle: 'You have a saved draft',
    found: (typeLabel, answered, savedAt) =>
      `${typeLabel}, ${answered === 1 ? '1 question answered' : `${answered} questions answered`}, saved ${savedAt}.`,
    resumePrompt:
      'Do you want to continue where you left off, or start over? If you start over, the draft is deleted.',
    resumed: "Let's continue where you left off.",
    discarded: 'The draft is deleted.',
    typeNotChosen: 'Type not chosen yet',
  },
  cancelled: 'The report is cancelled and nothing has been sent. Write new report to start again.',
  languageChosen: 'I will answer in English from now on. Write svenska to switch to Swedish.',
  reportInProgress:
    'You are already writing a report. Finish it, choose Save and continue later, or write cancel before you start a new one.',
  switchedUser: (name) => `You are now ${name}. This only works in test mode.`,
  help: {
    title: 'Help',
    body: 'I ask one question at a time. Answer on the card and press Next, or write the answer in the chat. You can skip optional questions. Before anything is sent you see all your answers and can change them.',
    initials:
      'Use initials instead of names and write no personal identity numbers. If I find personal data in the text, I suggest a version with it replaced.',
    dates: 'Write dates and times like this, for example: 2026-02-01 14:00 or 1/2 14:00.',
    pause:
      'Need to stop for a while? Choose Save and continue later under More. Only you can see the draft.',
    emergency: 'Is someone in danger right now? Call 112 first, then report.',
    language: 'Write svenska if you want me to answer in Swedish.',
    questions:
      'If you are unsure what to report, talk to your manager, the lex Sarah officer, the data protection officer or the information security coordinator.',
  },
  attachments: {
    received: (count) =>
      count === 1
        ? 'Thank you, the file has been received.'
        : `Thank you, ${count} files received.`,
    total: (count, max) => `You have sent ${count} of at most ${max} files.`,
  },
  notification: {
    newCase: (typeInSentence, registrationNumber) =>
      registrationNumber === null
        ? `New ${typeInSentence} received`
        : `New ${typeInSentence} received: ${registrationNumber}`,
    newProtectedCase: (registrationNumber) =>
      registrationNumber === null
        ? 'A new case has been received'
        : `A new case has been received: ${registrationNumber}`,
    open: 'Open the case',
  },
  errors: {
    unknownCommand:
      'I did not understand that. Write help to see what you can do, or new report to start a report.',
    emptyMessage: 'The message was empty. Write your answer or use the buttons on the card.',
    staleCard:
      'That card is no longer current. Use the latest card in the chat and we go on from there.',
    tamperedCard:
      'The answer could not be accepted because the card does not look like the one I sent. Use the latest card in the chat.',
    alreadySubmitted: (registrationNumber) =>
      `The report has already been sent and has registration number ${registrationNumber}. You do not need to send it again.`,
    alreadySubmittedPending:
      'The report has already been sent. You do not need to send it again; it gets its registration number when it is registered.',
    tooLong: (max) => `The answer is too long. It may be at most ${max} characters.`,
    dateInFuture: 'The time cannot be in the future. Check the date and time.',
    unparsableDate: 'I could not read the date. Write for example 2026-02-01 14:00 or 1/2 14:00.',
    serverBusy:
      'It could not be saved just now. Nothing has been lost – try again in a little while.',
    attachmentTooBig: (maxMb = MAX_FILE_MB) =>
      `The file is too large. Each file may be at most ${maxMb} MB.`,
    attachmentWrongType: `That kind of file cannot be accepted. You can send ${TYPE_LIST}.`,
    attachmentDownloadFailed:
      'The file could not be fetched from Teams. Try sending it again in a moment.',
    tooManyAttachments: (max = attachmentLimits.maxFiles) =>
      `You can send at most ${max} files with one report.`,
    attachmentsNotNow:
      'I accept files when I ask for attachments, near the end of the report. Send the file again then.',
    notAllowed: 'You are not allowed to do that.',
    notFound: 'I could not find what you were looking for.',
    generic: 'Something went wrong. Try again in a little while.',
    triageIncomplete: 'Answer yes or no to all three questions.',
    notNow: 'That is not possible right now. Go on with the latest card in the chat.',
    cannotSkip: 'This question must be answered and cannot be skipped.',
    unknownDemoUser: (ids) => `There is no such test user. You can choose: ${ids.join(', ')}.`,
  },
};

const tables: Record<Locale, BotStrings> = { sv, en };

/** The bot's strings in one language. */
export function botStrings(locale: Locale): BotStrings {
  return tables[locale];
}

/** One string in both languages, for APIs that take a LocalizedText (card errors, domain errors). */
export function bothLanguages(pick: (strings: BotStrings) => string): LocalizedText {
  return { sv: pick(sv), en: pick(en) };
}
