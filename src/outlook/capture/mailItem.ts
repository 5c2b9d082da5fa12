import { z } from 'zod';
import {
  officeCall,
  readProperty,
  type OfficeMailItem,
  type OfficeNamespace,
} from '../office/officeApi.js';

/**
 * Reads the open e-mail from Office.js into plain data (a MailSnapshot), checking every value
 * with zod. Works in read mode (the pane, on a sent message) and compose mode (the send-time
 * check). The body is cut to BODY_SCAN_MAX characters here, before anything else sees it.
 */

/** How much of a body is scanned for identity numbers: about 40 pages, some 3 ms of scanning. */
export const BODY_SCAN_MAX = 100_000;

/** Where a recipient stood. */
export type RecipientField = 'to' | 'cc' | 'bcc';

/** One recipient as Outlook lists it. */
export interface MailRecipient {
  address: string;
  name: string;
  field: RecipientField;
}

/** One attached file: its name and size in bytes. */
export interface MailAttachment {
  name: string;
  size: number;
  /** An image inside the text (a signature's logo): not a file the recipient was sent. */
  inline: boolean;
}

/** The e-mail's facts, read from Office.js; the body is held only to be scanned. */
export interface MailSnapshot {
  subject: string;
  /** When the item was created (for a sent message: when it was sent), ISO 8601. */
  sentAt: string | undefined;
  recipients: MailRecipient[];
  attachments: MailAttachment[];
  /** The body as text, at most BODY_SCAN_MAX characters. */
  body: string;
  /** The body was longer than BODY_SCAN_MAX. */
  bodyTruncated: boolean;
  /** The signed-in user's own address, whose domain is the organisation's own. */
  userAddress: string | undefined;
}

/** Why there is no e-mail to read. */
export type MailUnavailableReason =
  /** Office.js did not load: the page is not inside Outlook (or Office.js was blocked). */
  | 'noOffice'
  /** Office.js is there but has no mailbox: another Office application, or a plain browser. */
  | 'noMailbox'
  /** No item is open (a folder or several messages selected). */
  | 'noItem'
  /** The item is not an e-mail (an appointment or meeting). */
  | 'notMessage';

/** What reading the open item gave. */
export type MailReadOutcome =
  | { kind: 'message'; snapshot: MailSnapshot }
  | { kind: 'unavailable'; reason: MailUnavailableReason; itemType?: string };

const recipientsSchema = z
  .array(
    z.object({
      emailAddress: z.string().trim(),
      displayName: z.string().optional().catch(undefined),
    }),
  )
  .nullish();
const attachmentsSchema = z
  .array(
    z.object({
      name: z.string(),
      size: z.number().int().nonnegative().catch(0),
      isInline: z.boolean().optional().catch(undefined),
    }),
  )
  .nullish();
const subjectSchema = z.string().nullish();
const createdSchema = z.union([z.date(), z.string(), z.number()]).nullish();
const bodySchema = z.string().nullish();
const addressSchema = z.string().nullish();

/** Office's own value for an e-mail (`Office.MailboxEnums.ItemType.Message`). */
const MESSAGE_ITEM_TYPE = 'message';

function instantOf(value: z.output<typeof createdSchema>): string | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

async function readRecipients(item: OfficeMailItem): Promise<MailRecipient[]> {
  const fields: RecipientField[] = ['to', 'cc', 'bcc'];
  const lists = await Promise.all(
    fields.map(async (field) => {
      const value = recipientsSchema.parse(await readProperty(`item.${field}`, item[field]));
      return (value ?? [])
        .filter((recipient) => recipient.emailAddress !== '')
        .map((recipient) => ({
          address: recipient.emailAddress,
          name: recipient.displayName ?? '',
          field,
        }));
    }),
  );
  return lists.flat();
}

async function readAttachments(item: OfficeMailItem): Promise<MailAttachment[]> {
  const getAttachments = item.getAttachmentsAsync;
  // Read mode lists them as a property; compose mode has getAttachmentsAsync (Mailbox 1.8).
  const raw =
    item.attachments === undefined && typeof getAttachments === 'function'
      ? await officeCall('item.getAttachmentsAsync', (callback) => {
          getAttachments.call(item, callback);
        })
      : item.attachments;
  return (attachmentsSchema.parse(raw) ?? []).map((attachment) => ({
    name: attachment.name,
    size: attachment.size,
    inline: attachment.isInline ?? false,
  }));
}

async function readBody(
  item: OfficeMailItem,
  office: OfficeNamespace,
): Promise<{ body: string; bodyTruncated: boolean }> {
  const body = item.body;
  if (body === undefined) return { body: '', bodyTruncated: false };
  const text =
    bodySchema.parse(
      await officeCall('item.body.getAsync', (callback) => {
        body.getAsync(office.CoercionType?.Text ?? 'text', callback);
      }),
    ) ?? '';
  return text.length > BODY_SCAN_MAX
    ? { body: text.slice(0, BODY_SCAN_MAX), bodyTruncated: true }
    : { body: text, bodyTruncated: false };
}

/**
 * Reads the open e-mail. Resolves `unavailable` with the reason when there is none to read;
 * rejects with an OfficeCallError when Office fails a call, or a ZodError when it answers with
 * something that is not what its documentation promises.
 */
export async function readMailItem(office: OfficeNamespace | undefined): Promise<MailReadOutcome> {
  if (office === undefined) return { kind: 'unavailable', reason: 'noOffice' };
  const mailbox = office.context?.mailbox;
  if (mailbox === undefined || mailbox === null)
    return { kind: 'unavailable', reason: 'noMailbox' };
  const item = mailbox.item;
  if (item === undefined || item === null) return { kind: 'unavailable', reason: 'noItem' };
  const itemType = typeof item.itemType === 'string' ? item.itemType : undefined;
  if (itemType !== MESSAGE_ITEM_TYPE) {
    return {
      kind: 'unavailable',
      reason: 'notMessage',
      ...(itemType === undefined ? {} : { itemType }),
    };
  }
  const [subject, recipients, attachments, body] = await Promise.all([
    readProperty('item.subject', item.subject).then((value) => subjectSchema.parse(value) ?? ''),
    readRecipients(item),
    readAttachments(item),
    readBody(item, office),
  ]);
  return {
    kind: 'message',
    snapshot: {
      subject,
      sentAt: instantOf(createdSchema.parse(item.dateTimeCreated)),
      recipients,
      attachments,
      ...body,
      userAddress: addressSchema.parse(mailbox.userProfile?.emailAddress) ?? undefined,
    },
  };
}
