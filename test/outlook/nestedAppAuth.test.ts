import { describe, expect, it } from '@jest/globals';
import type { AccountInfo } from '@azure/msal-browser';
import {
  NestedAppTokenProvider,
  type NestableClient,
  type NestableLoader,
} from '../../src/outlook/auth/NestedAppTokenProvider.js';
import { SignInRequiredError } from '../../src/tabs/auth/TokenProvider.js';

describe('NestedAppTokenProvider (Outlook nested app authentication)', () => {
  const account = { homeAccountId: 'home', username: 'anna@example.org' } as AccountInfo;
  const settings = {
    clientId: '11111111-1111-1111-1111-111111111111',
    tenantId: '22222222-2222-2222-2222-222222222222',
    apiScope: 'api://avvikelse.example.org/11111111-1111-1111-1111-111111111111/access_as_user',
  };
  class InteractionRequired extends Error {}

  function fakeNestable(options: {
    outlookAccount: boolean;
    silent: () => Promise<{ accessToken: string; account: AccountInfo | null }>;
  }) {
    let active: AccountInfo | null = null;
    const calls: string[] = [];
    const client: NestableClient = {
      getActiveAccount: () => active,
      getAllAccounts: () => (options.outlookAccount ? [account] : []),
      setActiveAccount: (next) => {
        active = next;
      },
      acquireTokenSilent: (request) => {
        calls.push(
          `silent ${request.scopes.join(' ')}${request.forceRefresh === true ? ' (refresh)' : ''}`,
        );
        return options.silent();
      },
      acquireTokenPopup: (request) => {
        calls.push(`popup ${request.scopes.join(' ')}`);
        return Promise.resolve({ accessToken: 'popped', account });
      },
    };
    let configuration: unknown;
    const load: NestableLoader = (config) => {
      configuration = config;
      return Promise.resolve({
        client,
        needsInteraction: (error) => error instanceof InteractionRequired,
      });
    };
    return { load, calls, configuration: () => configuration };
  }

  it("takes the account Outlook already has and gets the API's token silently", async () => {
    const msal = fakeNestable({
      outlookAccount: true,
      silent: () => Promise.resolve({ accessToken: 'access', account }),
    });
    const provider = await NestedAppTokenProvider.create(settings, msal.load);
    expect(msal.configuration()).toEqual({
      auth: {
        clientId: settings.clientId,
        authority: `https://login.microsoftonline.com/${settings.tenantId}`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    expect(provider.signedIn).toBe(true);
    await expect(provider.getToken()).resolves.toBe('access');
    await expect(provider.getToken({ forceRefresh: true })).resolves.toBe('access');
    expect(msal.calls).toEqual([
      `silent ${settings.apiScope}`,
      `silent ${settings.apiScope} (refresh)`,
    ]);
  });

  it('asks for sign-in without an account, and signs in through the prompt', async () => {
    const msal = fakeNestable({
      outlookAccount: false,
      silent: () => Promise.resolve({ accessToken: 'access', account }),
    });
    const provider = await NestedAppTokenProvider.create(settings, msal.load);
    expect(provider.signedIn).toBe(false);
    await expect(provider.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
    await provider.signIn();
    expect(provider.signedIn).toBe(true);
    await expect(provider.getToken()).resolves.toBe('access');
    expect(msal.calls).toEqual([`popup ${settings.apiScope}`, `silent ${settings.apiScope}`]);
  });

  it('asks the user to sign in only when Entra ID needs interaction', async () => {
    const needs = fakeNestable({
      outlookAccount: true,
      silent: () => Promise.reject(new InteractionRequired()),
    });
    await expect(
      (await NestedAppTokenProvider.create(settings, needs.load)).getToken(),
    ).rejects.toBeInstanceOf(SignInRequiredError);
    const broken = new Error('network');
    const fails = fakeNestable({ outlookAccount: true, silent: () => Promise.reject(broken) });
    await expect(
      (await NestedAppTokenProvider.create(settings, fails.load)).getToken(),
    ).rejects.toBe(broken);
  });
});
