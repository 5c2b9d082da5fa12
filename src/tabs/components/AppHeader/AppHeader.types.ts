import type { HostKind, ThemeName } from '../../teams/themes.js';

/** Props of AppHeader. */
export interface AppHeaderProps {
  host: HostKind;
  /** The signed-in person's name, once known. */
  userName: string | undefined;
  theme: ThemeName;
  onThemeChange: (theme: ThemeName) => void;
  /** Signs out; absent inside Teams (Teams owns the session). */
  onSignOut: (() => void) | undefined;
}
