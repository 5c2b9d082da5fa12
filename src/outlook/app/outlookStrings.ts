import { defineStrings } from '../../tabs/i18n/I18nContext.js';
import type { MailUnavailableReason } from '../capture/mailItem.js';

/**
 * The Outlook pane's own texts, Swedish first (the reference shape) and English. Field and option
 * names come from the core's label tables (src/core/fields.ts); sign-in and error words from the
 * tab's (src/tabs/i18n/strings.ts), whose components the pane reuses.
 */
export const outlookStrings = defineStrings(
  {
    title: 'Rapportera felskickat mejl',
    language: 'In English',
    starting: 'Läser mejlet…',
    unavailable: {
      heading: 'Öppna ett skickat mejl i Outlook',
      reasons: {
        noOffice:
          'Sidan är inte öppnad i Outlook. Öppna det felskickade mejlet i Outlook (till exempel i Skickat) och välj Rapportera felskickat mejl i menyfliksområdet.',
        noMailbox:
          'Den här sidan fungerar bara i Outlook. Öppna det felskickade mejlet i Outlook och välj Rapportera felskickat mejl.',
        noItem:
          'Inget mejl är öppnat. Markera ett enda mejl, till exempel i Skickat, och försök igen.',
        notMessage:
          'Det öppnade objektet är inte ett mejl (till exempel en mötesinbjudan). Rapportera felskickade mejl härifrån; andra incidenter rapporteras i Teams.',
      } satisfies Record<MailUnavailableReason, string>,
    },
    readFailed: 'Mejlet kunde inte läsas',
    readFailedText:
      'Outlook gav inte ut mejlets uppgifter. Stäng fönstret och öppna det igen, eller rapportera i Teams.',
    retry: 'Försök igen',
  },
  {
    title: 'Report a wrongly sent e-mail',
    language: 'På svenska',
    starting: 'Reading the e-mail…',
    unavailable: {
      heading: 'Open a sent e-mail in Outlook',
      reasons: {
        noOffice:
          'This page is not open in Outlook. Open the wrongly sent e-mail in Outlook (for example in Sent Items) and choose Report a wrongly sent e-mail on the ribbon.',
        noMailbox:
          'This page works only in Outlook. Open the wrongly sent e-mail in Outlook and choose Report a wrongly sent e-mail.',
        noItem:
          'No e-mail is open. Select a single e-mail, for example in Sent Items, and try again.',
        notMessage:
          'The open item is not an e-mail (for example a meeting invitation). Report wrongly sent e-mails from here; other incidents are reported in Teams.',
      },
    },
    readFailed: 'The e-mail could not be read',
    readFailedText:
      'Outlook did not give the e-mail’s details. Close the pane and open it again, or report in Teams.',
    retry: 'Try again',
  },
);
