import { defineStrings } from '../../i18n/I18nContext.js';

/** The header's own texts: the pages the data protection officer moves between. */
export const appHeaderStrings = defineStrings(
  {
    pages: 'Sidor',
    cases: 'Ärenden',
    accessLog: 'Åtkomstlogg',
  },
  {
    pages: 'Pages',
    cases: 'Cases',
    accessLog: 'Access log',
  },
);
