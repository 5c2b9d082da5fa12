import { useId } from 'react';
import type { Locale } from '../../../core/i18n.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { themeNames, type ThemeName } from '../../teams/themes.js';

const locales: readonly Locale[] = ['sv', 'en'];

function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}
function isThemeName(value: string): value is ThemeName {
  return (themeNames as readonly string[]).includes(value);
}

/** The header's ids and change handlers. */
export function useAppHeader(onThemeChange: (theme: ThemeName) => void) {
  const { locale, setLocale } = useI18n();
  return {
    languageId: useId(),
    themeId: useId(),
    locales,
    locale,
    onLanguage: (value: string) => {
      if (isLocale(value)) setLocale(value);
    },
    onTheme: (value: string) => {
      if (isThemeName(value)) onThemeChange(value);
    },
  };
}
