/**
 * Where the tab gets the bearer token for the server's `/api/*`. One implementation per way of
 * signing in: local mode's demo users, Teams single sign-on, and MSAL in a plain browser. The
 * API client only knows this interface, so tests give it a fake.
 */
export interface TokenProvider {
  /**
   * A token for the API. `forceRefresh` asks for a new one, after the server refused the last.
   * Rejects with SignInRequiredError when the user has to sign in (again) first.
   */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

/** The user has to sign in before a token can be had (none stored, or the stored one expired). */
export class SignInRequiredError extends Error {
  constructor(message = 'Sign-in required', options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignInRequiredError';
  }
}
