import type { AccountInfo, Configuration } from '@azure/msal-browser';
import type { TokenProvider } from './TokenProvider.js';
import { acquireSilently, type SilentTokenClient } from './acquireSilently.js';

/**
 * Sign-in with Entra ID in a plain browser (production mode outside Teams), through MSAL's
 * redirect flow. msal-browser is loaded only when this provider is created, so local mode and
 * the Teams host never download it.
 */

/** The settings `/tab/config.json` gives in production mode. */
export interface MsalSettings {
  clientId: string;
  tenantId: string;
  /** The API's delegated scope, e.g. `api://<host>/<client id>/access_as_user`. */
  apiScope: string;
  /** Where Entra ID sends the user back to: the tab's own address. */
  redirectUri: string;
}

/** The part of MSAL's PublicClientApplication the provider uses. */
export interface MsalClient extends SilentTokenClient {
  initialize(): Promise<void>;
  handleRedirectPromise(): Promise<{ account: AccountInfo | null } | null>;
  getAllAccounts(): AccountInfo[];
  setActiveAccount(account: AccountInfo | null): void;
  loginRedirect(request: { scopes: string[] }): Promise<void>;
  logoutRedirect(request: { account?: AccountInfo | null }): Promise<void>;
}

/** Builds the MSAL client; tests pass a fake, the app the real msal-browser (loaded lazily). */
export type MsalLoader = (configuration: Configuration) => Promise<{
  client: MsalClient;
  /** Whether an error means the user has to sign in interactively. */
  needsInteraction: (error: unknown) => boolean;
}>;

/** Loads msal-browser on demand. */
export const loadMsalBrowser: MsalLoader = async (configuration) => {
  const msal = await import('@azure/msal-browser');
  return {
    client: new msal.PublicClientApplication(configuration),
    needsInteraction: (error) => error instanceof msal.InteractionRequiredAuthError,
  };
};

/** Entra ID tokens for the API through MSAL. */
export class MsalTokenProvider implements TokenProvider {
  private constructor(
    private readonly client: MsalClient,
    private readonly settings: MsalSettings,
    private readonly needsInteraction: (error: unknown) => boolean,
  ) {}

  /** Creates the provider and completes a sign-in redirect that brought the user back here. */
  static async create(
    settings: MsalSettings,
    load: MsalLoader = loadMsalBrowser,
  ): Promise<MsalTokenProvider> {
    const { client, needsInteraction } = await load({
      auth: {
        clientId: settings.clientId,
        authority: `https://login.microsoftonline.com/${settings.tenantId}`,
        redirectUri: settings.redirectUri,
      },
      // Per browser tab, as the demo tokens: closing the tab ends the session on this device.
      cache: { cacheLocation: 'sessionStorage' },
    });
    await client.initialize();
    const result = await client.handleRedirectPromise();
    const account = result?.account ?? client.getActiveAccount() ?? client.getAllAccounts()[0];
    if (account !== undefined) client.setActiveAccount(account);
    return new MsalTokenProvider(client, settings, needsInteraction);
  }

  /** Whether someone is signed in (a token may still need interaction). */
  get signedIn(): boolean {
    return this.client.getActiveAccount() !== null;
  }

  /** Sends the user to Entra ID's sign-in page; the page reloads when they come back. */
  signIn(): Promise<void> {
    return this.client.loginRedirect({ scopes: [this.settings.apiScope] });
  }

  /** Signs out of this app (Entra ID's sign-out page). */
  signOut(): Promise<void> {
    return this.client.logoutRedirect({ account: this.client.getActiveAccount() });
  }

  getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    return acquireSilently(this.client, this.settings.apiScope, this.needsInteraction, options);
  }
}
