import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { readStorage, writeStorage } from '../i18n/locale.js';

/** The three themes the tab supports (WCAG: each must keep AA contrast). */
export const themeNames = ['light', 'dark', 'highContrast'] as const;
/** One of the tab's themes. */
export type ThemeName = (typeof themeNames)[number];

/** Where the page runs: inside Teams, or in a plain browser tab. */
export type HostKind = 'teams' | 'browser';

const teamsThemes: ReadonlyMap<string, ThemeName> = new Map<string, ThemeName>([
  ['default', 'light'],
  ['dark', 'dark'],
  ['glass', 'dark'],
  ['contrast', 'highContrast'],
]);

/** Teams' theme names (`app.theme`): default, dark, contrast, and the newer glass (a dark look). */
export function themeFromTeams(theme: string | undefined): ThemeName {
  return (theme === undefined ? undefined : teamsThemes.get(theme)) ?? 'light';
}

/** The Fluent theme: Teams' own inside Teams, the web themes in a browser (high contrast is Teams'). */
export function fluentTheme(name: ThemeName, host: HostKind): Theme {
  switch (name) {
    case 'light':
      return host === 'teams' ? teamsLightTheme : webLightTheme;
    case 'dark':
      return host === 'teams' ? teamsDarkTheme : webDarkTheme;
    case 'highContrast':
      return teamsHighContrastTheme;
  }
}

/** Where a browser user's choice of theme is kept. */
export const THEME_STORAGE_KEY = 'avvikelse.theme';

function isThemeName(value: string | null): value is ThemeName {
  return value !== null && (themeNames as readonly string[]).includes(value);
}

/**
 * The theme to start with in a browser: the user's earlier choice, else the system's (forced
 * colours mean high contrast; then the light/dark preference).
 */
export function initialBrowserTheme(
  storage: Storage | undefined,
  matchMedia: ((query: string) => { matches: boolean }) | undefined,
): ThemeName {
  const chosen = readStorage(storage, THEME_STORAGE_KEY);
  if (isThemeName(chosen)) return chosen;
  if (matchMedia?.('(forced-colors: active)').matches === true) return 'highContrast';
  if (matchMedia?.('(prefers-color-scheme: dark)').matches === true) return 'dark';
  return 'light';
}

/** Remembers a browser user's choice of theme. */
export function rememberTheme(name: ThemeName, storage: Storage | undefined): void {
  writeStorage(storage, THEME_STORAGE_KEY, name);
}
