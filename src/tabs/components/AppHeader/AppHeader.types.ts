import type { HostKind, ThemeName } from '../../teams/themes.js';

/** Props of AppHeader. */
export interface AppHeaderProps {
  host: HostKind;
  /** The signed-in person's name, once known. */
  userName: string | undefined;
  /** Whether to link to the access log: only the data protection officer may read it (SPEC §6). */
  showAccessLog: boolean;
  theme: ThemeName;
  onThemeChange: (theme: ThemeName) => void;
  /** Signs out; absent inside Teams (Teams owns the session). */
  onSignOut: (() => void) | undefined;
}
