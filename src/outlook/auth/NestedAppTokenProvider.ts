import type { AccountInfo, Configuration } from '@azure/msal-browser';
import type { TokenProvider } from '../../tabs/auth/TokenProvider.js';
import { acquireSilently, type SilentTokenClient } from '../../tabs/auth/acquireSilently.js';

/**
 * Entra ID tokens for the API inside Outlook: MSAL's nestable client uses Office's nested app
 * authentication (NAA), so Outlook signs the user in with the account it already has; where a
 * client has no NAA, MSAL falls back to a popup on Entra ID's sign-in page. msal-browser is
 * loaded only in production, so local mode never downloads it.
 */

/** The settings `/outlook/config.json` gives in production mode. */
export interface NestedAppSettings {
  clientId: string;
  tenantId: string;
  /** The API's delegated scope, e.g. `api://<host>/<client id>/access_as_user`. */
  apiScope: string;
}

/** The part of MSAL's nestable client the provider uses. */
export interface NestableClient extends SilentTokenClient {
  getAllAccounts(): AccountInfo[];
  setActiveAccount(account: AccountInfo | null): void;
  acquireTokenPopup(request: { scopes: string[] }): Promise<{
    accessToken: string;
    account: AccountInfo | null;
  }>;
}

/** Builds the client; tests pass a fake, the pane the real msal-browser (loaded lazily). */
export type NestableLoader = (configuration: Configuration) => Promise<{
  client: NestableClient;
  /** Whether an error means the user has to sign in interactively. */
  needsInteraction: (error: unknown) => boolean;
}>;

/** Loads msal-browser on demand and creates its nestable client (NAA, popup where it has none). */
export const loadNestableMsal: NestableLoader = async (configuration) => {
  const msal = await import('@azure/msal-browser');
  return {
    client: await msal.createNestablePublicClientApplication(configuration),
    needsInteraction: (error) => error instanceof msal.InteractionRequiredAuthError,
  };
};

/** Entra ID tokens for the API through Office's nested app authentication. */
export class NestedAppTokenProvider implements TokenProvider {
  private constructor(
    private readonly client: NestableClient,
    private readonly settings: NestedAppSettings,
    private readonly needsInteraction: (error: unknown) => boolean,
  ) {}

  /** Creates the provider and takes the account Outlook (or an earlier sign-in) already has. */
  static async create(
    settings: NestedAppSettings,
    load: NestableLoader = loadNestableMsal,
  ): Promise<NestedAppTokenProvider> {
    const { client, needsInteraction } = await load({
      auth: {
        clientId: settings.clientId,
        authority: `https://login.microsoftonline.com/${settings.tenantId}`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
    if (account !== undefined) client.setActiveAccount(account);
    return new NestedAppTokenProvider(client, settings, needsInteraction);
  }

  /** Whether an account is known (a token may still need the user). */
  get signedIn(): boolean {
    return this.client.getActiveAccount() !== null;
  }

  /** Signs in interactively (Outlook's own prompt under NAA, else Entra ID's popup). */
  async signIn(): Promise<void> {
    const result = await this.client.acquireTokenPopup({ scopes: [this.settings.apiScope] });
    if (result.account !== null) this.client.setActiveAccount(result.account);
  }

  getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    return acquireSilently(this.client, this.settings.apiScope, this.needsInteraction, options);
  }
}
