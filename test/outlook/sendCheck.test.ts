import { describe, expect, it, jest } from '@jest/globals';
import type { MailRecipient, MailSnapshot } from '../../src/outlook/capture/mailItem.js';
import {
  checkOutgoingMessage,
  SEND_WARNING_MAX,
  sendWarningText,
  type SendWarningReason,
} from '../../src/outlook/capture/sendCheck.js';
import { handleMessageSend, type SendEvent } from '../../src/outlook/commands/onMessageSend.js';
import type { OfficeNamespace } from '../../src/outlook/office/officeApi.js';
import { mockOffice } from './officeMock.js';
import { identityNumbers } from './mailFixtures.js';

/**
 * The send-time check on a table of messages: when it warns and when it stays silent, then the
 * Smart Alerts handler around it on office-addin-mock's compose-mode item.
 */

const ownDomains = ['stockholm.se'];
const [pnr, pnr2] = identityNumbers;

function people(field: MailRecipient['field'], addresses: string[]): MailRecipient[] {
  return addresses.map((address) => ({ address, name: '', field }));
}
function many(n: number, domain: string): string[] {
  return Array.from({ length: n }, (_, i) => `p${String(i)}@${domain}`);
}

type Message = Pick<
  MailSnapshot,
  'subject' | 'body' | 'bodyTruncated' | 'recipients' | 'attachments' | 'userAddress'
>;
function message(parts: Partial<Message>): Message {
  return {
    subject: '',
    body: '',
    bodyTruncated: false,
    recipients: [],
    attachments: [],
    userAddress: 'jonas.quist@stockholm.se',
    ...parts,
  };
}

const table: [string, Message, SendWarningReason[]][] = [
  [
    'an identity number in the body to an external address',
    message({ body: `Personnummer ${pnr}`, recipients: people('to', ['a@example.org']) }),
    ['identityNumbersToExternal'],
  ],
  [
    'an identity number in the subject to an external Bcc',
    message({ subject: `Ärende ${pnr}`, recipients: people('bcc', ['a@example.org']) }),
    ['identityNumbersToExternal'],
  ],
  [
    'an identity number in a file name to an external Cc',
    message({
      recipients: people('cc', ['a@example.org']),
      attachments: [{ name: `Jobbplan ${pnr2}.pdf`, size: 1, inline: false }],
    }),
    ['identityNumbersToExternal'],
  ],
  [
    'a twelve-digit identity number without a dash',
    message({ body: `pnr 19${pnr.replace('-', '')}`, recipients: people('to', ['a@gmail.com']) }),
    ['identityNumbersToExternal'],
  ],
  [
    'a dozen external addresses in To',
    message({ recipients: people('to', many(12, 'example.org')) }),
    ['externalRecipientsVisible'],
  ],
  [
    'five external addresses split over To and Cc',
    message({
      recipients: [
        ...people('to', many(3, 'example.org')),
        ...people('cc', many(2, 'example.com')),
      ],
    }),
    ['externalRecipientsVisible'],
  ],
  [
    'both at once',
    message({ body: pnr, recipients: people('to', many(6, 'example.org')) }),
    ['identityNumbersToExternal', 'externalRecipientsVisible'],
  ],
  [
    'an identity number to a colleague only (silent)',
    message({ body: `Personnummer ${pnr}`, recipients: people('to', ['ida.berg@stockholm.se']) }),
    [],
  ],
  [
    'an identity number to a subdomain of an own domain (silent)',
    message({ body: pnr, recipients: people('to', ['rektor@edu.stockholm.se']) }),
    [],
  ],
  [
    'a number that fails the Luhn check (silent)',
    message({ body: 'Order 811218-9875', recipients: people('to', ['a@example.org']) }),
    [],
  ],
  [
    'a registration number and a phone number (silent)',
    message({
      body: 'Dnr AMN 2020-0576-1.3, ring 070-123 45 67',
      recipients: people('to', ['a@example.org']),
    }),
    [],
  ],
  [
    'four external addresses in To (silent)',
    message({ recipients: people('to', many(4, 'example.org')) }),
    [],
  ],
  [
    'a hundred external addresses in Bcc (silent)',
    message({
      recipients: [
        ...people('to', ['jonas.quist@stockholm.se']),
        ...people('bcc', many(100, 'example.org')),
      ],
    }),
    [],
  ],
  [
    'the same external address five times (silent: one person)',
    message({
      recipients: people(
        'to',
        Array.from({ length: 5 }, () => 'A@Example.org'),
      ),
    }),
    [],
  ],
  [
    'twenty colleagues in To (silent)',
    message({ recipients: people('to', many(20, 'stockholm.se')) }),
    [],
  ],
  ['no recipients at all (silent)', message({ body: pnr }), []],
];

describe('checkOutgoingMessage', () => {
  it.each(table)('%s', (_what, input, reasons) => {
    const result = checkOutgoingMessage(input, ownDomains);
    expect(result.reasons).toEqual(reasons);
    expect(result.warn).toBe(reasons.length > 0);
  });

  it('counts identity numbers in subject, body and file names together', () => {
    const result = checkOutgoingMessage(
      message({
        subject: pnr,
        body: `${pnr} och ${pnr2}`,
        attachments: [{ name: `${pnr2}.pdf`, size: 1, inline: false }],
        recipients: people('to', ['a@example.org']),
      }),
      ownDomains,
    );
    expect(result.identityNumberCount).toBe(4);
  });
});

describe('sendWarningText', () => {
  it('names the counts in Swedish and English, never the numbers themselves', () => {
    const result = checkOutgoingMessage(
      message({ body: `${pnr} ${pnr2}`, recipients: people('to', many(6, 'example.org')) }),
      ownDomains,
    );
    const sv = sendWarningText(result, 'sv');
    expect(sv).toBe(
      'Mejlet innehåller 2 personnummer och går till 6 mottagare utanför organisationen. ' +
        '6 externa mottagare står i Till/Kopia och ser varandras adresser. Använd Hemlig kopia. ' +
        'Kontrollera mottagarna och innehållet innan du skickar.',
    );
    expect(sendWarningText(result, 'en')).toContain('2 personal identity numbers');
    expect(sv).not.toContain(pnr);
  });

  it('says when only the beginning of a long body was checked, within the 500-character limit', () => {
    const result = {
      ...checkOutgoingMessage(
        message({ body: pnr, recipients: people('to', ['a@example.org']) }),
        ownDomains,
      ),
      bodyTruncated: true,
    };
    const text = sendWarningText(result, 'sv');
    expect(text).toContain('ett personnummer');
    expect(text).toContain('bara början kontrollerades');
    expect(text.length).toBeLessThanOrEqual(SEND_WARNING_MAX);
  });
});

describe('handleMessageSend on a compose-mode item (office-addin-mock)', () => {
  function composeOffice(
    item: Record<string, unknown>,
    displayLanguage = 'sv-SE',
  ): OfficeNamespace {
    const getter = (value: unknown) => ({
      getAsync(callback: (result: unknown) => void) {
        callback({ status: 'succeeded', value });
      },
    });
    return mockOffice({
      host: 'outlook',
      context: {
        displayLanguage,
        mailbox: {
          userProfile: { emailAddress: 'jonas.quist@stockholm.se' },
          item: {
            itemType: 'message',
            subject: getter(item.subject ?? ''),
            to: getter(item.to ?? []),
            cc: getter([]),
            bcc: getter([]),
            body: {
              getAsync(_type: unknown, callback: (result: unknown) => void) {
                callback(
                  item.body === undefined
                    ? { status: 'failed', error: { code: 9002 } }
                    : { status: 'succeeded', value: item.body },
                );
              },
            },
            getAttachmentsAsync(callback: (result: unknown) => void) {
              callback({ status: 'succeeded', value: [] });
            },
          },
        },
      },
      CoercionType: { Text: 'text' },
    });
  }

  function event() {
    const completed = jest.fn<SendEvent['completed']>();
    return { event: { completed }, completed };
  }

  it('stops a message with an identity number to an external address and lets the sender choose', async () => {
    const { event: sendEvent, completed } = event();
    const office = composeOffice({
      subject: 'Jobbplan',
      to: [{ emailAddress: 'a.person@example.org', displayName: 'A' }],
      body: `Personnummer ${pnr}`,
    });
    await handleMessageSend(sendEvent, { office, ownDomains: [] });
    expect(completed).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledWith({
      allowEvent: false,
      errorMessage:
        'Mejlet innehåller ett personnummer och går till en mottagare utanför organisationen. ' +
        'Kontrollera mottagarna och innehållet innan du skickar.',
      cancelLabel: 'Ändra mejlet',
    });
  });

  it('answers in English for an English Outlook', async () => {
    const { event: sendEvent, completed } = event();
    const office = composeOffice(
      { to: many(5, 'example.org').map((emailAddress) => ({ emailAddress })), body: '' },
      'en-GB',
    );
    await handleMessageSend(sendEvent, { office, ownDomains });
    expect(completed.mock.calls[0]?.[0]).toMatchObject({
      allowEvent: false,
      cancelLabel: 'Edit the e-mail',
    });
  });

  it('lets an ordinary message go', async () => {
    const { event: sendEvent, completed } = event();
    const office = composeOffice({ to: [{ emailAddress: 'ida.berg@stockholm.se' }], body: pnr });
    await handleMessageSend(sendEvent, { office, ownDomains });
    expect(completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it('lets the message go when Office cannot give its body (advice, never a block)', async () => {
    const { event: sendEvent, completed } = event();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const office = composeOffice({ to: [{ emailAddress: 'a@example.org' }] });
      await handleMessageSend(sendEvent, { office, ownDomains });
      expect(completed).toHaveBeenCalledWith({ allowEvent: true });
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('lets an appointment or a missing Office go', async () => {
    for (const office of [undefined, mockOffice({ host: 'outlook', context: {} })]) {
      const { event: sendEvent, completed } = event();
      await handleMessageSend(sendEvent, {
        office,
        ownDomains,
      });
      expect(completed).toHaveBeenCalledWith({ allowEvent: true });
    }
  });
});
