import { SHORT_TEXT_MAX } from '../../core/reports.js';
import type { MailSnapshot, RecipientField } from './mailItem.js';
import {
  countIdentityNumbers,
  isExternal,
  MANY_EXTERNAL_RECIPIENTS,
  maskIdentityNumbers,
  ownDomainsOf,
  uniqueByAddress,
} from './recipients.js';

/**
 * What the pane makes of a sent e-mail, in the browser: recipients marked internal or external,
 * whether they saw each other, attachment names and sizes, and how many identity numbers stood
 * in subject and body. Subject and file names are masked, so no identity number leaves the pane;
 * the body itself never does.
 */

/** A recipient as the pane lists it. */
export interface CapturedRecipient {
  address: string;
  name: string;
  field: RecipientField;
  /** Outside the organisation's own domains. */
  external: boolean;
}

/** A file as the report carries it. */
export interface CapturedAttachment {
  name: string;
  size: number;
}

/** The captured e-mail. */
export interface CapturedEmail {
  /** The subject with identity numbers masked. */
  subject: string;
  sentAt: string | undefined;
  /** To, Cc and Bcc, each address once (its first place). */
  recipients: CapturedRecipient[];
  /** Addresses in To and Cc, which every recipient saw. */
  visibleRecipientCount: number;
  /** External addresses among them. */
  visibleExternalCount: number;
  /** Whether the recipients could see each other's addresses: two or more in To and Cc. */
  recipientsVisible: boolean;
  /** Whether it looks like a group e-mail that should have used Bcc. */
  looksLikeGroupEmail: boolean;
  /** Attached files (not images inside the text), names masked and shortened to fit. */
  attachments: CapturedAttachment[];
  /** Personnummer and samordningsnummer in subject and body. */
  personalIdentityNumberCount: number;
  /** Only the beginning of the body was scanned. */
  bodyTruncated: boolean;
}

/** A file name cut to what the report takes, keeping its extension. */
function fitName(name: string): string {
  const masked = maskIdentityNumbers(name.trim()) || '(namnlös)';
  if (masked.length <= SHORT_TEXT_MAX) return masked;
  const dot = masked.lastIndexOf('.');
  const extension = dot > 0 && masked.length - dot <= 10 ? masked.slice(dot) : '';
  return `${masked.slice(0, SHORT_TEXT_MAX - extension.length - 1)}…${extension}`;
}

/** Captures the facts of a sent e-mail against the organisation's own domains. */
export function captureEmail(
  snapshot: MailSnapshot,
  configuredDomains: readonly string[],
): CapturedEmail {
  const ownDomains = ownDomainsOf(configuredDomains, snapshot.userAddress);
  const recipients = uniqueByAddress(snapshot.recipients).map((recipient) => ({
    ...recipient,
    external: isExternal(recipient.address, ownDomains),
  }));
  const visible = recipients.filter((recipient) => recipient.field !== 'bcc');
  const visibleExternalCount = visible.filter((recipient) => recipient.external).length;
  return {
    subject: maskIdentityNumbers(snapshot.subject),
    sentAt: snapshot.sentAt,
    recipients,
    visibleRecipientCount: visible.length,
    visibleExternalCount,
    recipientsVisible: visible.length >= 2,
    looksLikeGroupEmail: visibleExternalCount >= MANY_EXTERNAL_RECIPIENTS,
    attachments: snapshot.attachments
      .filter((attachment) => !attachment.inline)
      .map((attachment) => ({ name: fitName(attachment.name), size: attachment.size })),
    personalIdentityNumberCount:
      countIdentityNumbers(snapshot.subject) + countIdentityNumbers(snapshot.body),
    bodyTruncated: snapshot.bodyTruncated,
  };
}
