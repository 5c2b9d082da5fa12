import { loadScenario } from '../fixtures/scenarios.js';

/**
 * E-mails as Office.js shows them, for the capture tests (through office-addin-mock) and the
 * browser test (through a fake Office.js): one shape, so both tiers read the same messages.
 * People are fictional; the identity numbers are made up and pass the Luhn check.
 */

/** A recipient as Office.js lists it. */
export interface FixtureRecipient {
  emailAddress: string;
  displayName: string;
}

/** An e-mail (or another item) as Office.js shows it in read mode. */
export interface MailFixture {
  itemType: 'message' | 'appointment';
  subject: string;
  /** ISO 8601; Office gives a Date. */
  dateTimeCreated: string;
  to: FixtureRecipient[];
  cc: FixtureRecipient[];
  bcc: FixtureRecipient[];
  attachments: { name: string; size: number; isInline: boolean }[];
  body: string;
  /** The signed-in user (Office.context.mailbox.userProfile.emailAddress). */
  userAddress: string;
  /** Office.context.displayLanguage. */
  displayLanguage: string;
}

/** Valid personnummer (Luhn-checked), invented. */
export const identityNumbers = ['811218-9876', '850709-1232', '900101-1239'] as const;

const breach = loadScenario('breach-misdirected-jobplan.json');
const email = breach.answers.email as {
  subject: string;
  sentAt: string;
  wrongRecipients: string[];
  attachments: { name: string; size: number }[];
};

function person(emailAddress: string, displayName = ''): FixtureRecipient {
  return { emailAddress, displayName };
}

const base: MailFixture = {
  itemType: 'message',
  subject: '',
  dateTimeCreated: '2026-11-24T09:00:00.000Z',
  to: [],
  cc: [],
  bcc: [],
  attachments: [],
  body: '',
  userAddress: 'jonas.quist@stockholm.se',
  displayLanguage: 'sv-SE',
};

/** The job plan of ../shared/scenarios/breach-misdirected-jobplan.json, sent to the wrong person. */
export const jobPlanEmail: MailFixture = {
  ...base,
  subject: email.subject,
  dateTimeCreated: new Date(email.sentAt).toISOString(),
  to: email.wrongRecipients.map((address) => person(address, 'A. Person')),
  attachments: [
    ...email.attachments.map((file) => ({ ...file, isInline: false })),
    { name: 'image001.png', size: 3120, isInline: true },
  ],
  body:
    `Hej!\n\nHär kommer din jobbplan inför mötet på torsdag. Personnummer ${identityNumbers[0]}.\n` +
    'Hör av dig om något är fel.\n\nJonas Quist, coach, Jobbtorg Stockholm',
};

/** A group e-mail: a dozen participants outside, all in To, so each saw every address. */
export const groupEmail: MailFixture = {
  ...base,
  subject: 'Välkommen till kursstarten',
  to: Array.from({ length: 12 }, (_, i) =>
    person(`deltagare${String(i + 1)}@${i % 2 === 0 ? 'example.org' : 'example.com'}`),
  ),
  cc: [person('ida.berg@stockholm.se', 'Ida Berg')],
  body: 'Hej alla! Välkommen till kursstarten på måndag klockan 9.',
};

/** A draft never addressed: no recipients at all. */
export const noRecipientsEmail: MailFixture = { ...base, subject: 'Utkast', body: 'Anteckningar.' };

/** A message to 450 addresses: 300 in To, 150 in Bcc. */
export const hundredsEmail: MailFixture = {
  ...base,
  subject: 'Nyhetsbrev november',
  to: Array.from({ length: 300 }, (_, i) => person(`p${String(i)}@example.net`)),
  bcc: Array.from({ length: 150 }, (_, i) => person(`b${String(i)}@example.net`)),
  body: 'Månadens nyheter.',
};

/** A body of 250,000 characters with an identity number early and one past the scanned part. */
export const hugeBodyEmail: MailFixture = {
  ...base,
  subject: `Underlag ${identityNumbers[1]}`,
  to: [person('mottagare@example.org')],
  body: `Början ${identityNumbers[2]}. ${'x'.repeat(200_000)} Slutet ${identityNumbers[0]}.`.padEnd(
    250_000,
    ' y',
  ),
};

/** A meeting, not an e-mail. */
export const appointment: MailFixture = {
  ...base,
  itemType: 'appointment',
  subject: 'Möte om jobbplanen',
};
