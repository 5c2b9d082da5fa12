import { localeFrom, type Locale } from '../../core/i18n.js';

/** The key under which the user's own choice of language is kept in this browser. */
export const LOCALE_STORAGE_KEY = 'avvikelse.locale';

/**
 * The language to start in: the user's own earlier choice, else the host's locale (Teams'
 * `app.locale`, or the browser's), Swedish unless that is English (as the bot decides).
 */
export function initialLocale(hostLocale: string | undefined, storage?: Storage): Locale {
  const chosen = readStorage(storage, LOCALE_STORAGE_KEY);
  if (chosen === 'sv' || chosen === 'en') return chosen;
  return localeFrom(hostLocale);
}

/** Remembers the user's choice of language (nothing personal: one word). */
export function rememberLocale(locale: Locale, storage?: Storage): void {
  writeStorage(storage, LOCALE_STORAGE_KEY, locale);
}

/** Reads a preference; storage may be missing or blocked (private mode, Teams' webviews). */
export function readStorage(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    // A blocked storage only loses the remembered preference; the default applies.
    return null;
  }
}

/** Writes a preference where storage is available; a blocked storage keeps it for this page only. */
export function writeStorage(storage: Storage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // As above: the choice still applies until the page is closed.
  }
}
