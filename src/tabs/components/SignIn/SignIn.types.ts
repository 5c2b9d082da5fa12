import type { LocalDemoTokenProvider } from '../../auth/LocalDemoTokenProvider.js';

/** How this page signs in, when the user has to. */
export type SignInMethod =
  /** Local mode: pick a demo user. */
  | { kind: 'localDemo'; provider: Pick<LocalDemoTokenProvider, 'listUsers' | 'signIn'> }
  /** Production in a browser: Entra ID's sign-in page through MSAL. */
  | { kind: 'microsoft'; signIn: () => Promise<void> }
  /** Inside Teams: single sign-on failed; trying again is all the user can do. */
  | { kind: 'teams'; retry: () => void };

/** Props of SignIn. */
export interface SignInProps {
  method: SignInMethod;
  /** Called once a demo user is signed in. */
  onSignedIn: () => void;
  /** Why the user is here again, if a sign-in failed. */
  error?: unknown;
}
