import type { TokenProvider } from '../auth/TokenProvider.js';
import type { LocalDemoTokenProvider } from '../auth/LocalDemoTokenProvider.js';
import type { MsalTokenProvider } from '../auth/MsalTokenProvider.js';
import type { HostKind, ThemeName } from '../teams/themes.js';
import type { CaseApi } from './services.js';

/** How the app signs in, chosen at start from the server's mode and the host. */
export type AppAuth =
  /** Local mode (in a browser or in Teams): demo users. */
  | {
      kind: 'localDemo';
      provider: TokenProvider &
        Pick<LocalDemoTokenProvider, 'userId' | 'listUsers' | 'signIn' | 'signOut'>;
    }
  /** Production inside Teams: single sign-on. */
  | { kind: 'teams'; provider: TokenProvider }
  /** Production in a browser: MSAL. */
  | {
      kind: 'microsoft';
      provider: TokenProvider & Pick<MsalTokenProvider, 'signedIn' | 'signIn' | 'signOut'>;
    };

/** Props of App: what the start-up (main.tsx) found out about the host and the server. */
export interface AppProps {
  host: HostKind;
  /** Teams' locale, or the browser's. */
  hostLocale: string | undefined;
  initialTheme: ThemeName;
  /** Inside Teams: follows the user's theme changes. */
  subscribeTheme?: (handler: (theme: ThemeName) => void) => void;
  auth: AppAuth;
  /** Where preferences (language, theme) are kept; the browser's localStorage by default. */
  storage?: Storage;
  /** Builds the API client for a token provider (tests pass a fake API). */
  createApi?: (tokenProvider: TokenProvider, onUnauthenticated: () => void) => CaseApi;
  /** The clock (tests fix it). */
  now?: () => Date;
}
