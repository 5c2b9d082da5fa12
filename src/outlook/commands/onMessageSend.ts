import { localeFrom } from '../../core/i18n.js';
import { readMailItem } from '../capture/mailItem.js';
import { checkOutgoingMessage, sendWarningText } from '../capture/sendCheck.js';
import type { OfficeNamespace } from '../office/officeApi.js';

/**
 * The Smart Alerts handler for OnMessageSend: reads the message being sent, asks the pure check
 * whether to warn, and tells Outlook. With the manifest's `sendMode: promptUser` the sender may
 * fix the message or send it anyway. Nothing is sent anywhere: the check runs in Outlook.
 */

/** What Outlook gives the handler: `completed` must be called exactly once. */
export interface SendEvent {
  completed: (options: {
    allowEvent: boolean;
    errorMessage?: string;
    cancelLabel?: string;
  }) => void;
}

/** What the handler needs besides the event: Office, and the organisation's own domains. */
export interface SendCheckContext {
  office: OfficeNamespace | undefined;
  ownDomains: readonly string[];
}

/** The button that returns the sender to the message, in their language. */
const fixLabel = { sv: 'Ändra mejlet', en: 'Edit the e-mail' };

/** Handles one send. A check that cannot run lets the message go: it advises, it never blocks. */
export async function handleMessageSend(
  event: SendEvent,
  context: SendCheckContext,
): Promise<void> {
  let verdict:
    { allowEvent: true } | { allowEvent: false; errorMessage: string; cancelLabel: string };
  try {
    const read = await readMailItem(context.office);
    if (read.kind !== 'message') {
      verdict = { allowEvent: true };
    } else {
      const result = checkOutgoingMessage(read.snapshot, context.ownDomains);
      const locale = localeFrom(
        typeof context.office?.context?.displayLanguage === 'string'
          ? context.office.context.displayLanguage
          : undefined,
      );
      verdict = result.warn
        ? {
            allowEvent: false,
            errorMessage: sendWarningText(result, locale),
            cancelLabel: fixLabel[locale],
          }
        : { allowEvent: true };
    }
  } catch (error) {
    // Office failed to give the message: blocking mail on a failed check would stop work. The
    // failure stays in the client's own developer console; nothing of the message is in it.
    // eslint-disable-next-line no-console
    console.warn('Avvikelse: send-time check could not read the message', error);
    verdict = { allowEvent: true };
  }
  event.completed(verdict);
}
