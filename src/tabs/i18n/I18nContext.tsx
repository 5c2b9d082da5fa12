import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../core/i18n.js';
import { strings, type Strings } from './strings.js';

/** The language in use, its texts, and how to change it. */
export interface I18n {
  locale: Locale;
  /** A BCP 47 tag for `Intl` and the `lang` attribute. */
  languageTag: string;
  t: Strings;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** The tags `Intl` formats dates and numbers with, per language. */
export const languageTags: Readonly<Record<Locale, string>> = { sv: 'sv-SE', en: 'en-GB' };

/** Provides the language chosen by the app (the app owns the state and its persistence). */
export function I18nProvider(props: {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  children: ReactNode;
}): ReactNode {
  const { locale, setLocale, children } = props;
  const value = useMemo<I18n>(
    () => ({ locale, languageTag: languageTags[locale], t: strings[locale], setLocale }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its texts; throws outside an I18nProvider (a wiring mistake). */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n must be used inside an I18nProvider.');
  return value;
}

/**
 * A component's own texts, kept beside it: Swedish is the reference shape and English must match
 * it key for key (the compiler refuses a missing or extra key).
 */
export function defineStrings<T>(sv: T, en: NoInfer<T>): Readonly<Record<Locale, T>> {
  return { sv, en };
}

/** The current language's entry of a table made by `defineStrings`. */
export function useStrings<T>(table: Readonly<Record<Locale, T>>): T {
  return table[useI18n().locale];
}
