import type { LocalizedText } from './i18n.js';

/**
 * Labels of every SPEC field id and option value, in Swedish and English. The bot's questions,
 * the tab's form, the PDF documents and the validation messages all read their words from here.
 */

/** Deviation types a report can be filed as. */
export const deviationTypes = ['lexSarah', 'personalDataBreach', 'securityIncident'] as const;
/** One of the deviation types. */
export type DeviationType = (typeof deviationTypes)[number];

/** Names of the deviation types. */
export const deviationTypeLabels: Record<DeviationType, LocalizedText> = {
  lexSarah: { sv: 'Lex Sarah-rapport', en: 'Lex Sarah report' },
  personalDataBreach: { sv: 'Personuppgiftsincident', en: 'Personal data breach' },
  securityIncident: { sv: 'Informationssäkerhetsincident', en: 'Information security incident' },
};

/** Verksamhetsområden of the Lex Sarah form. */
export const areas = [
  'elderlyCare',
  'disability',
  'socialPsychiatry',
  'adultAddiction',
  'childrenYouth',
  'financialAid',
  'jobCentre',
  'shelters',
] as const;
/** One verksamhetsområde. */
export type Area = (typeof areas)[number];

/** Labels of option values, per option set. */
export const optionLabels = {
  kind: {
    misconduct: { sv: 'Ett missförhållande', en: 'An impropriety' },
    risk: {
      sv: 'En påtaglig risk för ett missförhållande',
      en: 'A substantial risk of impropriety',
    },
  },
  area: {
    elderlyCare: { sv: 'Äldreomsorg', en: 'Elderly care' },
    disability: { sv: 'Funktionsnedsättning', en: 'Disability' },
    socialPsychiatry: { sv: 'Socialpsykiatri', en: 'Social psychiatry' },
    adultAddiction: { sv: 'Vuxen/Missbruk', en: 'Adults/Addiction' },
    childrenYouth: { sv: 'Barn och ungdom', en: 'Children and youth' },
    financialAid: { sv: 'Ekonomiskt bistånd', en: 'Financial aid' },
    jobCentre: { sv: 'Jobbtorg', en: 'Job centre' },
    shelters: {
      sv: 'Kvinnojoursverksamhet, härbärgen m.fl.',
      en: "Women's shelters, hostels etc.",
    },
  },
  gender: {
    woman: { sv: 'Kvinna', en: 'Woman' },
    man: { sv: 'Man', en: 'Man' },
    other: { sv: 'Annat', en: 'Other' },
    unknown: { sv: 'Okänt', en: 'Unknown' },
    notApplicable: {
      sv: 'Ej tillämpligt (flera personer eller ingen enskild)',
      en: 'Not applicable (several people or no individual)',
    },
  },
  yesNoUnknown: {
    yes: { sv: 'Ja', en: 'Yes' },
    no: { sv: 'Nej', en: 'No' },
    unknown: { sv: 'Vet inte', en: "Don't know" },
  },
  yesNoUnsure: {
    yes: { sv: 'Ja', en: 'Yes' },
    no: { sv: 'Nej', en: 'No' },
    unsure: { sv: 'Osäker', en: 'Unsure' },
  },
  breachCategory: {
    misdirectedEmail: { sv: 'Mejl till fel mottagare', en: 'E-mail to the wrong recipient' },
    visibleRecipients: {
      sv: 'Mottagare synliga för varandra (Till/Kopia i stället för Hemlig kopia)',
      en: 'Recipients visible to each other (To/Cc instead of Bcc)',
    },
    lostOrStolen: {
      sv: 'Förlorat eller stulet (väska, dator, telefon, papper)',
      en: 'Lost or stolen (bag, laptop, phone, paper files)',
    },
    unauthorisedAccess: { sv: 'Obehörig åtkomst', en: 'Unauthorised access' },
    systemError: {
      sv: 'Systemfel (leverantörsfel, läcka)',
      en: 'System error (supplier fault, leak)',
    },
    other: { sv: 'Annat', en: 'Other' },
  },
  dataCategory: {
    name: { sv: 'Namn', en: 'Name' },
    personalIdentityNumber: { sv: 'Personnummer', en: 'Personal identity number' },
    contactDetails: { sv: 'Kontaktuppgifter', en: 'Contact details' },
    jobPlan: { sv: 'Jobbplan eller planering', en: 'Job plan or planning' },
    financial: { sv: 'Ekonomiska uppgifter', en: 'Financial data' },
    sensitive: {
      sv: 'Hälsa eller andra känsliga uppgifter (art. 9)',
      en: 'Health or other sensitive data (art. 9)',
    },
    protectedIdentity: { sv: 'Skyddade personuppgifter', en: 'Protected identity' },
    other: { sv: 'Annat', en: 'Other' },
  },
  incidentCategory: {
    lostDevice: { sv: 'Förlorad eller stulen enhet', en: 'Lost or stolen device' },
    phishingOrMalware: { sv: 'Nätfiske eller skadlig kod', en: 'Phishing or malware' },
    wrongAccessRights: { sv: 'Felaktiga behörigheter', en: 'Wrong access rights' },
    outage: { sv: 'Avbrott', en: 'Outage' },
    supplierIncident: { sv: 'Incident hos leverantör', en: 'Supplier incident' },
    other: { sv: 'Annat', en: 'Other' },
  },
  imyNotification: {
    required: { sv: 'Ska anmälas till IMY', en: 'Must be notified to IMY' },
    notRequired: { sv: 'Ska inte anmälas till IMY', en: 'Need not be notified to IMY' },
  },
  law: {
    SoL: { sv: 'SoL', en: 'SoL' },
    LSS: { sv: 'LSS', en: 'LSS' },
  },
  proposedDecision: {
    riskOfMisconduct: { sv: 'Risk för missförhållande', en: 'Risk of impropriety' },
    misconduct: { sv: 'Missförhållande', en: 'Impropriety' },
    riskOfSeriousMisconduct: {
      sv: 'Påtaglig risk för allvarligt missförhållande (anmäls till IVO)',
      en: 'Substantial risk of serious impropriety (notified to IVO)',
    },
    seriousMisconduct: {
      sv: 'Allvarligt missförhållande (anmäls till IVO)',
      en: 'Serious impropriety (notified to IVO)',
    },
    noMisconduct: { sv: 'Inget missförhållande', en: 'No impropriety' },
  },
} as const satisfies Record<string, Record<string, LocalizedText>>;

/** Labels of the field ids of SPEC §2–4 (dotted ids as written there). */
export const fieldLabels = {
  type: { sv: 'Typ av avvikelse', en: 'Type of deviation' },
  // §2 Lex Sarah
  kind: { sv: 'Rapporten avser', en: 'The report concerns' },
  reporter: { sv: 'Rapportör', en: 'Reporter' },
  'reporter.name': { sv: 'Namn', en: 'Name' },
  'reporter.title': { sv: 'Titel/funktion', en: 'Title/role' },
  'reporter.workplace': { sv: 'Arbetsplats', en: 'Workplace' },
  'reporter.phone': { sv: 'Telefonnummer', en: 'Phone number' },
  'reporter.email': { sv: 'E-postadress', en: 'E-mail address' },
  unit: { sv: 'Enhetens/avdelningens namn', en: 'Name of the unit/department' },
  area: { sv: 'Verksamhetsområde', en: 'Area of operations' },
  areaDetail: { sv: 'Förtydligande', en: 'Clarification' },
  noticedAt: { sv: 'När uppmärksammades det?', en: 'When was it noticed?' },
  noticedWeekday: { sv: 'Veckodag', en: 'Weekday' },
  affectedPerson: { sv: 'Personen som utsatts', en: 'The person affected' },
  'affectedPerson.gender': { sv: 'Personen som utsatts', en: 'The person affected' },
  'affectedPerson.protectedIdentity': {
    sv: 'Har personen skyddade personuppgifter?',
    en: 'Does the person have a protected identity?',
  },
  description: {
    sv: 'Beskriv missförhållandet eller risken',
    en: 'Describe the impropriety or the risk',
  },
  consequences: {
    sv: 'Vilka konsekvenser fick/kunde det få för de berörda?',
    en: 'What consequences did/could it have for those concerned?',
  },
  immediateActions: {
    sv: 'Vilka åtgärder vidtogs omedelbart?',
    en: 'What actions were taken at once?',
  },
  otherInfo: { sv: 'Övriga upplysningar', en: 'Other information' },
  attachments: { sv: 'Bilagor', en: 'Attachments' },
  signedBy: { sv: 'Underskrift', en: 'Signed by' },
  signedAt: { sv: 'Datum', en: 'Date' },
  // §3 breach and §3b incident
  occurredAt: { sv: 'När inträffade det?', en: 'When did it happen?' },
  discoveredAt: {
    sv: 'När upptäcktes det (då startar 72-timmarsfristen)?',
    en: 'When was it discovered (this starts the 72-hour clock)?',
  },
  category: { sv: 'Vad har hänt?', en: 'What happened?' },
  dataSubjects: { sv: 'Berörda personer', en: 'People concerned' },
  'dataSubjects.categories': {
    sv: 'Vilka grupper av personer berörs?',
    en: 'Which groups of people are concerned?',
  },
  'dataSubjects.approxCount': {
    sv: 'Ungefär hur många personer berörs?',
    en: 'About how many people are concerned?',
  },
  dataCategories: { sv: 'Vilka slags personuppgifter?', en: 'What kinds of personal data?' },
  likelyConsequences: {
    sv: 'Vilka konsekvenser kan det få för de berörda?',
    en: 'What consequences may it have for those concerned?',
  },
  measuresTaken: { sv: 'Vilka åtgärder har vidtagits?', en: 'What has been done?' },
  measuresPlanned: { sv: 'Vilka åtgärder planeras?', en: 'What is planned?' },
  'imyNotification.decision': { sv: 'Anmälan till IMY', en: 'Notification to IMY' },
  'imyNotification.reasoning': {
    sv: 'Dataskyddsombudets motivering',
    en: "The data protection officer's reasoning",
  },
  'imyNotification.notifiedAt': { sv: 'Anmäld till IMY', en: 'Notified to IMY' },
  'imyNotification.delayReason': {
    sv: 'Skäl till att anmälan gjordes senare än 72 timmar',
    en: 'Why the notification came later than 72 hours',
  },
  'dataSubjectsInformed.decision': {
    sv: 'Informeras de registrerade (art. 34)?',
    en: 'Are the data subjects informed (art. 34)?',
  },
  'dataSubjectsInformed.informedAt': { sv: 'Informerade', en: 'Informed at' },
  'dataSubjectsInformed.reasoning': {
    sv: 'Motivering till beslutet om information',
    en: 'Reasoning for the decision on informing',
  },
  imyReference: { sv: 'Ert referensnummer (till IMY)', en: 'Your reference (to IMY)' },
  linkedCases: { sv: 'Kopplade ärenden', en: 'Linked cases' },
  email: { sv: 'Mejlet', en: 'The e-mail' },
  'email.subject': { sv: 'Mejlets ämne', en: 'Subject of the e-mail' },
  'email.sentAt': { sv: 'Skickat', en: 'Sent' },
  'email.wrongRecipients': { sv: 'Felaktiga mottagare', en: 'Wrong recipients' },
  'email.recipientsVisible': {
    sv: 'Kunde mottagarna se varandras adresser?',
    en: "Could the recipients see each other's addresses?",
  },
  'email.visibleRecipientCount': {
    sv: 'Antal adresser i Till och Kopia (synliga för alla mottagare)',
    en: 'Number of addresses in To and Cc (visible to every recipient)',
  },
  'email.externalRecipients': {
    sv: 'Felaktiga mottagare utanför organisationen',
    en: 'Wrong recipients outside the organisation',
  },
  'email.attachments': { sv: 'Bifogade filer', en: 'Attached files' },
  'email.personalIdentityNumberCount': {
    sv: 'Antal personnummer i ämne och text',
    en: 'Number of personal identity numbers in subject and body',
  },
  'email.bodyTruncated': {
    sv: 'Texten söktes bara igenom i början',
    en: 'Only the beginning of the body was scanned',
  },
  systems: { sv: 'Berörda system eller tjänster', en: 'Affected systems or services' },
  significant: {
    sv: 'Är incidenten betydande enligt cybersäkerhetslagen?',
    en: 'Is the incident significant under the Cybersecurity Act?',
  },
  personalDataInvolved: {
    sv: 'Berörs personuppgifter?',
    en: 'Are personal data involved?',
  },
  // §4 investigation
  receivedAt: { sv: 'Rapporten inkom', en: 'Report received' },
  registrationNumber: { sv: 'Diarienummer', en: 'Registration number' },
  startedAt: { sv: 'Utredningen inledd', en: 'Investigation started' },
  law: { sv: 'Lagrum', en: 'Act' },
  investigators: { sv: 'Utredare', en: 'Investigators' },
  'investigators.name': { sv: 'Utredarens namn', en: 'Investigator’s name' },
  'investigators.title': { sv: 'Utredarens titel', en: 'Investigator’s title' },
  board: { sv: 'Nämnd som utreder', en: 'Board investigating' },
  howNoticed: { sv: 'När och hur uppmärksammades det?', en: 'When and how was it noticed?' },
  whatHappened: {
    sv: 'Vad har missförhållandet eller risken bestått i?',
    en: 'What did the impropriety or risk consist of?',
  },
  'investigation.consequences': {
    sv: 'Vilka konsekvenser fick/kunde händelsen få för den enskilde?',
    en: 'What consequences did/could the event have for the individual?',
  },
  happenedBefore: {
    sv: 'Har det inträffat tidigare? Varför igen?',
    en: 'Has it happened before? Why again?',
  },
  couldRecur: {
    sv: 'Skulle något liknande kunna inträffa igen?',
    en: 'Could something similar happen again?',
  },
  couldRecurWhy: { sv: 'Förklara', en: 'Explain' },
  rootCauses: { sv: 'Bakomliggande orsaker', en: 'Root causes' },
  'rootCauses.communication': {
    sv: 'Kommunikation och information',
    en: 'Communication and information',
  },
  'rootCauses.competence': { sv: 'Utbildning och kompetens', en: 'Training and competence' },
  'rootCauses.routines': {
    sv: 'Processer, rutiner och riktlinjer',
    en: 'Processes, routines and guidelines',
  },
  'rootCauses.organisation': {
    sv: 'Omgivning och organisation',
    en: 'Environment and organisation',
  },
  'rootCauses.technology': {
    sv: 'Teknik, utrustning och apparatur',
    en: 'Technology, equipment and apparatus',
  },
  'rootCauses.other': { sv: 'Andra', en: 'Other' },
  remedialActions: {
    sv: 'Åtgärder för att undanröja eller avhjälpa',
    en: 'Actions to remove or remedy',
  },
  remedialActionsWhen: { sv: 'När', en: 'When' },
  preventiveActions: { sv: 'Åtgärder för att förhindra', en: 'Actions to prevent' },
  followUp: {
    sv: 'Behov av uppföljning, utvärdering och kontroll',
    en: 'Need for follow-up, evaluation and control',
  },
  other: { sv: 'Övrigt', en: 'Other' },
  proposedDecision: { sv: 'Förslag till beslut', en: 'Proposed decision' },
  commissioningBoardInformedAt: {
    sv: 'Beställande nämnd informerad',
    en: 'Commissioning board informed',
  },
  ivoNotifiedAt: { sv: 'Anmäld till IVO', en: 'Notified to IVO' },
  ivoCopyAttachedAt: { sv: 'Kopia av utredningen till IVO', en: 'Copy of investigation to IVO' },
  finalCopySentAt: { sv: 'Slutlig kopia skickad', en: 'Final copy sent' },
  caseLog: { sv: 'Fortlöpande dokumentation', en: 'Case log' },
} as const satisfies Record<string, LocalizedText>;

/** A field id with a label. */
export type LabelledField = keyof typeof fieldLabels;

/**
 * The label of a field id, or the id itself when it has none (never throws: used in messages).
 * A path inside an envelope (`answers.unit`, `investigation.law`) finds the field's own label by
 * dropping leading segments until one matches; list positions are ignored, and a part without a
 * label of its own (`rootCauses.routines.text`) takes the label of the field it belongs to.
 */
export function labelOf(field: string): LocalizedText {
  const labels: Record<string, LocalizedText | undefined> = fieldLabels;
  // A list item's place is no part of its label: `investigators.0.name` is `investigators.name`.
  const segments = field.split('.').filter((segment) => !/^\d+$/.test(segment));
  // The field itself first; then, for a part of a field without its own label (the text of a
  // root cause), the field it belongs to.
  for (let end = segments.length; end > 0; end -= 1) {
    for (let start = 0; start < end; start += 1) {
      const id = segments.slice(start, end).join('.');
      // Own keys only: a path ending in `constructor` or `toString` must not find Object's members.
      if (Object.hasOwn(labels, id)) return labels[id] ?? { sv: field, en: field };
    }
  }
  return { sv: field, en: field };
}

/**
 * Labels that differ by deviation type: one field id, asked in the words of each form. A breach
 * or an incident is no "missförhållande", so its `description` asks what happened.
 */
const typeLabels: Record<DeviationType, Partial<Record<LabelledField, LocalizedText>>> = {
  lexSarah: {},
  personalDataBreach: {
    description: { sv: 'Beskriv vad som har hänt', en: 'Describe what happened' },
  },
  securityIncident: {
    description: { sv: 'Beskriv vad som har hänt', en: 'Describe what happened' },
  },
};

/** The label of a field in a report of `type`: its own for that form, else {@link labelOf}. */
export function labelFor(type: DeviationType, field: string): LocalizedText {
  const own: Partial<Record<string, LocalizedText>> = typeLabels[type];
  return (Object.hasOwn(own, field) ? own[field] : undefined) ?? labelOf(field);
}

/** The label of an option value in an option set, or the value itself. */
export function optionLabel(set: keyof typeof optionLabels, value: string): LocalizedText {
  const labels: Record<string, LocalizedText | undefined> = optionLabels[set];
  return (Object.hasOwn(labels, value) ? labels[value] : undefined) ?? { sv: value, en: value };
}
