import type { Locale } from '../../core/i18n.js';
import type { MailSnapshot } from './mailItem.js';
import {
  countIdentityNumbers,
  isExternal,
  MANY_EXTERNAL_RECIPIENTS,
  ownDomainsOf,
  uniqueByAddress,
} from './recipients.js';

/**
 * The send-time check (Smart Alerts, OnMessageSend): whether to stop a message before it
 * leaves and ask the sender. IMY reports that 38 % of notified breaches are letters, e-mails or
 * texts to the wrong recipient. A pure decision on the message's facts; it runs in Outlook and
 * sends nothing anywhere.
 */

/** Why the check warns. */
export type SendWarningReason =
  /** Personal identity numbers in subject, body or a file name, to someone outside. */
  | 'identityNumbersToExternal'
  /** Many external addresses in To and Cc, where they all see each other: use Bcc. */
  | 'externalRecipientsVisible';

/** The check's verdict, with the counts its message names. */
export interface SendCheckResult {
  warn: boolean;
  reasons: SendWarningReason[];
  identityNumberCount: number;
  externalRecipientCount: number;
  visibleExternalCount: number;
  /** The body was longer than what is scanned. */
  bodyTruncated: boolean;
}

/** Decides whether a message about to be sent deserves a warning. */
export function checkOutgoingMessage(
  message: Pick<
    MailSnapshot,
    'subject' | 'body' | 'bodyTruncated' | 'recipients' | 'attachments' | 'userAddress'
  >,
  configuredDomains: readonly string[],
): SendCheckResult {
  const ownDomains = ownDomainsOf(configuredDomains, message.userAddress);
  const external = (includeBcc: boolean) =>
    uniqueByAddress(message.recipients).filter(
      (recipient) =>
        (includeBcc || recipient.field !== 'bcc') && isExternal(recipient.address, ownDomains),
    );
  const externalRecipientCount = external(true).length;
  const visibleExternalCount = external(false).length;
  // Counted only when someone outside gets it: inside the organisation the numbers may belong.
  const identityNumberCount =
    externalRecipientCount === 0
      ? 0
      : [message.subject, message.body, ...message.attachments.map((file) => file.name)].reduce(
          (sum, text) => sum + countIdentityNumbers(text),
          0,
        );
  const reasons: SendWarningReason[] = [];
  if (identityNumberCount > 0) reasons.push('identityNumbersToExternal');
  if (visibleExternalCount >= MANY_EXTERNAL_RECIPIENTS) reasons.push('externalRecipientsVisible');
  return {
    warn: reasons.length > 0,
    reasons,
    identityNumberCount,
    externalRecipientCount,
    visibleExternalCount,
    bodyTruncated: message.bodyTruncated,
  };
}

/** Smart Alerts shows at most this many characters of the message. */
export const SEND_WARNING_MAX = 500;

const texts = {
  sv: {
    identityNumbers: (n: number, external: number) =>
      `Mejlet innehåller ${n === 1 ? 'ett personnummer' : `${String(n)} personnummer`} och går till ${external === 1 ? 'en mottagare' : `${String(external)} mottagare`} utanför organisationen.`,
    visible: (n: number) =>
      `${String(n)} externa mottagare står i Till/Kopia och ser varandras adresser. Använd Hemlig kopia.`,
    partly: 'Texten är lång; bara början kontrollerades.',
    advice: 'Kontrollera mottagarna och innehållet innan du skickar.',
  },
  en: {
    identityNumbers: (n: number, external: number) =>
      `The e-mail contains ${n === 1 ? 'a personal identity number' : `${String(n)} personal identity numbers`} and goes to ${external === 1 ? 'a recipient' : `${String(external)} recipients`} outside the organisation.`,
    visible: (n: number) =>
      `${String(n)} external recipients are in To/Cc and see each other's addresses. Use Bcc.`,
    partly: 'The text is long; only its beginning was checked.',
    advice: 'Check the recipients and the content before you send.',
  },
} satisfies Record<Locale, unknown>;

/** The warning the sender reads, in their language, within Smart Alerts' limit. */
export function sendWarningText(result: SendCheckResult, locale: Locale): string {
  const t = texts[locale];
  const parts = result.reasons.map((reason) => {
    switch (reason) {
      case 'identityNumbersToExternal':
        return t.identityNumbers(result.identityNumberCount, result.externalRecipientCount);
      case 'externalRecipientsVisible':
        return t.visible(result.visibleExternalCount);
    }
  });
  if (result.bodyTruncated) parts.push(t.partly);
  parts.push(t.advice);
  const text = parts.join(' ');
  return text.length <= SEND_WARNING_MAX ? text : `${text.slice(0, SEND_WARNING_MAX - 1)}…`;
}
