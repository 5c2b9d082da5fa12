/** The languages every user-facing string is written in: Swedish first, English second. */
export type Locale = 'sv' | 'en';

/** A user-facing text in both languages. */
export interface LocalizedText {
  sv: string;
  en: string;
}

/** Picks the Swedish text unless the locale is English (as Teams reports it, e.g. `en-US`). */
export function localeFrom(tag: string | undefined | null): Locale {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}
