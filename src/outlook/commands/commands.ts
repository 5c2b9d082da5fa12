import { z } from 'zod';
import type { OfficeNamespace } from '../office/officeApi.js';
import { handleMessageSend, type SendEvent } from './onMessageSend.js';

/**
 * The event runtime's script (`/outlook/commands.js`): built as one classic script, since
 * classic Outlook on Windows runs it in a JavaScript-only runtime without modules or a page. The
 * server puts the organisation's own domains in front of it (`avvikelseOutlook`), so the check
 * needs no request at send time.
 */

/** The handler's name in the manifest (`actions[].id` and the XML's `FunctionName`). */
export const SEND_HANDLER_NAME = 'onMessageSendHandler';

const settingsSchema = z
  .object({ ownDomains: z.array(z.string()).catch([]) })
  .catch({ ownDomains: [] });

const scope = globalThis as { Office?: OfficeNamespace; avvikelseOutlook?: unknown };
const office = scope.Office;
const settings = settingsSchema.parse(scope.avvikelseOutlook);

function onMessageSendHandler(event: SendEvent): void {
  void handleMessageSend(event, { office, ownDomains: settings.ownDomains });
}

// Associated at once, not after Office.onReady: the runtime may fire the event right away.
office?.actions?.associate(SEND_HANDLER_NAME, onMessageSendHandler);
