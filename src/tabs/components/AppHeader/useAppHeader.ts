import { useId } from 'react';
import type { Locale } from '../../../core/i18n.js';
import { useRoute } from '../../app/router.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { themeNames, type ThemeName } from '../../teams/themes.js';

const locales: readonly Locale[] = ['sv', 'en'];

function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}
function isThemeName(value: string): value is ThemeName {
  return (themeNames as readonly string[]).includes(value);
}

/** The header's ids, change handlers, and the page in view (for `aria-current`). */
export function useAppHeader(onThemeChange: (theme: ThemeName) => void) {
  const { locale, setLocale } = useI18n();
  const { route } = useRoute();
  return {
    page: route.name,
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
