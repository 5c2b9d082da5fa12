import { SignInRequiredError, type TokenProvider } from './TokenProvider.js';

/** The part of teams-js `authentication` the provider uses (so tests need no Teams host). */
export interface TeamsAuthentication {
  getAuthToken(): Promise<string>;
}

/**
 * Teams single sign-on: inside Teams the host gives the tab an Entra ID token for the product's
 * API (`webApplicationInfo` in the manifest), with no sign-in page. teams-js caches and renews it.
 */
export class TeamsSsoTokenProvider implements TokenProvider {
  constructor(private readonly authentication: TeamsAuthentication) {}

  async getToken(): Promise<string> {
    try {
      return await this.authentication.getAuthToken();
    } catch (error) {
      // Consent missing, the app registration wrong, or the user signed out of Teams.
      throw new SignInRequiredError('Teams did not give a token', { cause: error });
    }
  }
}
