import { describe, expect, it } from '@jest/globals';
import { captureEmail } from '../../src/outlook/capture/emailCapture.js';
import {
  BODY_SCAN_MAX,
  readMailItem,
  type MailSnapshot,
} from '../../src/outlook/capture/mailItem.js';
import { OfficeCallError, type OfficeNamespace } from '../../src/outlook/office/officeApi.js';
import { mockOffice } from './officeMock.js';
import {
  appointment,
  groupEmail,
  hugeBodyEmail,
  hundredsEmail,
  identityNumbers,
  jobPlanEmail,
  noRecipientsEmail,
  type MailFixture,
} from './mailFixtures.js';

/**
 * The pane's capture of a sent e-mail, from Office.js (office-addin-mock standing in for Outlook
 * in read mode) to the facts the report carries. Identity numbers are counted and masked, never
 * carried.
 */

/** office-addin-mock's Office for an item in read mode; `item` overrides parts of the item. */
function officeFor(fixture: MailFixture, item: Record<string, unknown> = {}): OfficeNamespace {
  const data = {
    host: 'outlook' as const,
    context: {
      displayLanguage: fixture.displayLanguage,
      mailbox: {
        userProfile: { emailAddress: fixture.userAddress },
        item: {
          itemType: fixture.itemType,
          subject: fixture.subject,
          dateTimeCreated: new Date(fixture.dateTimeCreated),
          to: fixture.to,
          cc: fixture.cc,
          bcc: fixture.bcc,
          attachments: fixture.attachments,
          body: {
            getAsync(coercionType: unknown, callback: (result: unknown) => void) {
              callback(
                coercionType === 'text'
                  ? { status: 'succeeded', value: fixture.body }
                  : { status: 'failed', error: { message: 'Only text is offered here' } },
              );
            },
          },
          ...item,
        },
      },
    },
    CoercionType: { Text: 'text' },
  };
  return mockOffice(data);
}

async function snapshotOf(fixture: MailFixture): Promise<MailSnapshot> {
  const read = await readMailItem(officeFor(fixture));
  if (read.kind !== 'message') throw new Error(`Expected a message, got ${read.reason}`);
  return read.snapshot;
}

const ownDomains = ['stockholm.se'];

describe('readMailItem through office-addin-mock', () => {
  it('reads the job-plan e-mail of the shared scenario', async () => {
    const snapshot = await snapshotOf(jobPlanEmail);
    expect(snapshot).toEqual({
      subject: 'Din jobbplan',
      sentAt: '2020-05-27T08:12:00.000Z',
      recipients: [{ address: 'a.person@example.org', name: 'A. Person', field: 'to' }],
      attachments: [
        { name: 'jobbplan.pdf', size: 48211, inline: false },
        { name: 'image001.png', size: 3120, inline: true },
      ],
      body: jobPlanEmail.body,
      bodyTruncated: false,
      userAddress: 'jonas.quist@stockholm.se',
    });
  });

  it('reads compose-mode properties through getAsync as well', async () => {
    const getter = (value: unknown) => ({
      getAsync(callback: (result: unknown) => void) {
        callback({ status: 'succeeded', value });
      },
    });
    const office = officeFor(jobPlanEmail, {
      subject: getter('Utkast'),
      to: getter([{ emailAddress: 'x@example.org', displayName: 'X' }]),
      cc: getter([]),
      bcc: getter([{ emailAddress: 'y@stockholm.se' }]),
      attachments: undefined,
      getAttachmentsAsync(callback: (result: unknown) => void) {
        callback({ status: 'succeeded', value: [{ name: 'a.pdf', size: 10 }] });
      },
    });
    const read = await readMailItem(office);
    expect(read.kind === 'message' && read.snapshot).toMatchObject({
      subject: 'Utkast',
      recipients: [
        { address: 'x@example.org', name: 'X', field: 'to' },
        { address: 'y@stockholm.se', name: '', field: 'bcc' },
      ],
      attachments: [{ name: 'a.pdf', size: 10, inline: false }],
    });
  });

  it('cuts a huge body at the scan limit and says so', async () => {
    const snapshot = await snapshotOf(hugeBodyEmail);
    expect(hugeBodyEmail.body.length).toBe(250_000);
    expect(snapshot.body).toHaveLength(BODY_SCAN_MAX);
    expect(snapshot.bodyTruncated).toBe(true);
  });

  it('names what is missing instead of failing: no Office, no mailbox, no item, an appointment', async () => {
    expect(await readMailItem(undefined)).toEqual({ kind: 'unavailable', reason: 'noOffice' });
    const noMailbox = mockOffice({ host: 'outlook', context: {} });
    expect(await readMailItem(noMailbox)).toEqual({
      kind: 'unavailable',
      reason: 'noMailbox',
    });
    const noItem = mockOffice({
      host: 'outlook',
      context: { mailbox: { item: undefined } },
    });
    expect(await readMailItem(noItem)).toEqual({
      kind: 'unavailable',
      reason: 'noItem',
    });
    expect(await readMailItem(officeFor(appointment))).toEqual({
      kind: 'unavailable',
      reason: 'notMessage',
      itemType: 'appointment',
    });
  });

  it('rejects with a typed error when Office fails to give the body', async () => {
    const office = officeFor(jobPlanEmail, {
      body: {
        getAsync(_type: unknown, callback: (result: unknown) => void) {
          callback({ status: 'failed', error: { code: 9002 } });
        },
      },
    });
    const failure = await readMailItem(office).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OfficeCallError);
    expect((failure as OfficeCallError).reason).toBe('failed');
    expect((failure as OfficeCallError).call).toBe('item.body.getAsync');
  });

  it('rejects when Office answers with something it never promises', async () => {
    const office = officeFor(jobPlanEmail, { to: [{ displayName: 'no address' }] });
    await expect(readMailItem(office)).rejects.toThrow();
  });
});

describe('captureEmail', () => {
  it('captures the job-plan e-mail: one external recipient, one file, one identity number', async () => {
    const captured = captureEmail(await snapshotOf(jobPlanEmail), ownDomains);
    expect(captured).toEqual({
      subject: 'Din jobbplan',
      sentAt: '2020-05-27T08:12:00.000Z',
      recipients: [
        { address: 'a.person@example.org', name: 'A. Person', field: 'to', external: true },
      ],
      visibleRecipientCount: 1,
      visibleExternalCount: 1,
      recipientsVisible: false,
      looksLikeGroupEmail: false,
      attachments: [{ name: 'jobbplan.pdf', size: 48211 }],
      personalIdentityNumberCount: 1,
      bodyTruncated: false,
    });
    // The count leaves the pane; the number itself does not.
    expect(JSON.stringify(captured)).not.toContain(identityNumbers[0]);
  });

  it('sees a dozen external addresses in To as a group e-mail whose recipients saw each other', async () => {
    const captured = captureEmail(await snapshotOf(groupEmail), ownDomains);
    expect(captured.visibleRecipientCount).toBe(13);
    expect(captured.visibleExternalCount).toBe(12);
    expect(captured.recipientsVisible).toBe(true);
    expect(captured.looksLikeGroupEmail).toBe(true);
    expect(captured.recipients.filter((r) => !r.external).map((r) => r.address)).toEqual([
      'ida.berg@stockholm.se',
    ]);
  });

  it('takes the user’s own domain as internal when none is configured, subdomains too', async () => {
    const snapshot = await snapshotOf({
      ...groupEmail,
      to: [{ emailAddress: 'elev@edu.Stockholm.se', displayName: '' }],
      cc: [],
    });
    expect(captureEmail(snapshot, []).recipients[0]?.external).toBe(false);
    expect(captureEmail({ ...snapshot, userAddress: undefined }, []).recipients[0]?.external).toBe(
      true,
    );
  });

  it('captures a message with no recipients without failing', async () => {
    const captured = captureEmail(await snapshotOf(noRecipientsEmail), ownDomains);
    expect(captured.recipients).toEqual([]);
    expect(captured.visibleRecipientCount).toBe(0);
    expect(captured.recipientsVisible).toBe(false);
  });

  it('captures hundreds of recipients, Bcc apart from the visible ones, each address once', async () => {
    const snapshot = await snapshotOf({
      ...hundredsEmail,
      cc: [{ emailAddress: 'P0@example.net', displayName: 'the same as p0' }],
    });
    const captured = captureEmail(snapshot, ownDomains);
    expect(captured.recipients).toHaveLength(450);
    expect(captured.visibleRecipientCount).toBe(300);
    expect(captured.recipients.filter((r) => r.field === 'bcc')).toHaveLength(150);
  });

  it('counts identity numbers of subject and the scanned body only, and masks the subject', async () => {
    const captured = captureEmail(await snapshotOf(hugeBodyEmail), ownDomains);
    // The subject's and the body's first; the one past the scanned part is not seen.
    expect(captured.personalIdentityNumberCount).toBe(2);
    expect(captured.bodyTruncated).toBe(true);
    expect(captured.subject).toBe('Underlag [personnummer]');
  });

  it('masks identity numbers in file names and fits long names to the report', () => {
    const snapshot: MailSnapshot = {
      subject: '',
      sentAt: undefined,
      recipients: [],
      attachments: [
        { name: `Jobbplan ${identityNumbers[1]}.pdf`, size: 1 },
        { name: `${'lång '.repeat(60)}.docx`, size: 2 },
      ].map((file) => ({ ...file, inline: false })),
      body: '',
      bodyTruncated: false,
      userAddress: undefined,
    };
    const [masked, long] = captureEmail(snapshot, ownDomains).attachments;
    expect(masked?.name).toBe('Jobbplan [personnummer].pdf');
    expect(long?.name).toHaveLength(200);
    expect(long?.name.endsWith('….docx')).toBe(true);
  });
});
