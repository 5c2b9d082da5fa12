import type { AccountInfo } from '@azure/msal-browser';
import { SignInRequiredError } from './TokenProvider.js';

/** The part of an MSAL client (plain or nestable) that a silent token request needs. */
export interface SilentTokenClient {
  getActiveAccount(): AccountInfo | null;
  acquireTokenSilent(request: {
    scopes: string[];
    account: AccountInfo;
    forceRefresh?: boolean;
  }): Promise<{ accessToken: string }>;
}

/**
 * A token for the API from MSAL's cache (or a silent refresh) for the active account. No account,
 * or an error MSAL says needs the user, becomes {@link SignInRequiredError} so the page offers
 * sign-in; any other error propagates unchanged.
 */
export async function acquireSilently(
  client: SilentTokenClient,
  apiScope: string,
  needsInteraction: (error: unknown) => boolean,
  options: { forceRefresh?: boolean } = {},
): Promise<string> {
  const account = client.getActiveAccount();
  if (account === null) throw new SignInRequiredError();
  try {
    const result = await client.acquireTokenSilent({
      scopes: [apiScope],
      account,
      ...(options.forceRefresh === true ? { forceRefresh: true } : {}),
    });
    return result.accessToken;
  } catch (error) {
    if (needsInteraction(error)) {
      throw new SignInRequiredError('Entra ID needs the user to sign in', { cause: error });
    }
    throw error;
  }
}
