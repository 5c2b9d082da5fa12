import type { LocalDemoTokenProvider } from '../../tabs/auth/LocalDemoTokenProvider.js';
import type { TokenProvider } from '../../tabs/auth/TokenProvider.js';
import type { CaseApi } from '../../tabs/app/services.js';
import type { ThemeName } from '../../tabs/teams/themes.js';
import type { OfficeNamespace } from '../office/officeApi.js';

/** How the pane signs in, chosen at start from the server's mode. */
export type OutlookAuth =
  /** Local mode: a demo user, as in the tab. */
  | {
      kind: 'localDemo';
      provider: TokenProvider &
        Pick<LocalDemoTokenProvider, 'userId' | 'listUsers' | 'signIn' | 'signOut'>;
    }
  /** Production: Entra ID through Office's nested app authentication (or MSAL's popup). */
  | {
      kind: 'microsoft';
      provider: TokenProvider & { readonly signedIn: boolean; signIn: () => Promise<void> };
    };

/** Props of OutlookApp: what the start-up (main.tsx) found out. */
export interface OutlookAppProps {
  /** Office.js once ready; undefined outside Outlook (or when Office.js did not load). */
  office: OfficeNamespace | undefined;
  /** The organisation's own e-mail domains, from `/outlook/config.json`. */
  ownDomains: string[];
  auth: OutlookAuth;
  /** Outlook's display language, or the browser's. */
  hostLocale: string | undefined;
  theme: ThemeName;
  /** Builds the API client for a token provider (tests pass a fake). */
  createApi?: (
    tokenProvider: TokenProvider,
    onUnauthenticated: () => void,
  ) => Pick<CaseApi, 'fileReport'>;
  /** The clock (tests fix it). */
  now?: () => Date;
  /** Makes the submission's idempotency key (tests fix it). */
  newKey?: () => string;
}
