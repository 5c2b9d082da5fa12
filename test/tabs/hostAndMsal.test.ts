import { describe, expect, it, jest } from '@jest/globals';
import type { AccountInfo } from '@azure/msal-browser';
import {
  MsalTokenProvider,
  type MsalClient,
  type MsalLoader,
} from '../../src/tabs/auth/MsalTokenProvider.js';
import { SignInRequiredError } from '../../src/tabs/auth/TokenProvider.js';
import { TeamsSsoTokenProvider } from '../../src/tabs/auth/TeamsSsoTokenProvider.js';
import { parseTabConfig } from '../../src/tabs/auth/tabConfig.js';
import { connectToTeams, mayBeHosted, type TeamsJs } from '../../src/tabs/teams/host.js';
import { fluentTheme, initialBrowserTheme, themeFromTeams } from '../../src/tabs/teams/themes.js';
import { teamsDarkTheme, teamsHighContrastTheme, webLightTheme } from '@fluentui/react-components';

/**
 * The host and sign-in adapters with fakes of teams-js and MSAL: Teams is told early that the
 * app loaded, its theme and locale are followed, and MSAL asks for interaction only when needed.
 */

function fakeTeams(options: { initialize?: () => Promise<void> } = {}) {
  const order: string[] = [];
  let themeHandler: ((theme: string) => void) | undefined;
  const teams: TeamsJs = {
    app: {
      initialize:
        options.initialize ??
        (() => {
          order.push('initialize');
          return Promise.resolve();
        }),
      notifyAppLoaded: () => {
        order.push('notifyAppLoaded');
      },
      notifySuccess: () => {
        order.push('notifySuccess');
        return Promise.resolve();
      },
      getContext: () => {
        order.push('getContext');
        return Promise.resolve({ app: { locale: 'en-US', theme: 'contrast' } });
      },
      registerOnThemeChangeHandler: (handler) => {
        themeHandler = handler;
      },
    },
    authentication: { getAuthToken: () => Promise.resolve('sso-token') },
  };
  return { teams, order, changeTheme: (theme: string) => themeHandler?.(theme) };
}

describe('connectToTeams', () => {
  it('tells Teams the app loaded before it reads the context, and follows the theme', async () => {
    const fake = fakeTeams();
    const host = await connectToTeams(() => Promise.resolve(fake.teams));
    expect(fake.order).toEqual(['initialize', 'notifyAppLoaded', 'notifySuccess', 'getContext']);
    expect(host).toMatchObject({ locale: 'en-US', theme: 'highContrast' });
    const seen: string[] = [];
    host?.onThemeChange((theme) => seen.push(theme));
    fake.changeTheme('dark');
    fake.changeTheme('default');
    expect(seen).toEqual(['dark', 'light']);
  });

  it('gives up when no host answers in time: the page is a browser tab', async () => {
    jest.useFakeTimers();
    try {
      const fake = fakeTeams({ initialize: () => new Promise(() => undefined) });
      const connecting = connectToTeams(() => Promise.resolve(fake.teams), 3000);
      await jest.advanceTimersByTimeAsync(3000);
      await expect(connecting).resolves.toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('treats a refused initialisation as a browser tab', async () => {
    const fake = fakeTeams({ initialize: () => Promise.reject(new Error('not a host')) });
    await expect(connectToTeams(() => Promise.resolve(fake.teams))).resolves.toBeNull();
  });

  it('loads teams-js only in a frame, a window opened by a host, or a native webview', () => {
    const self = {};
    const topLevel = { self, top: self, opener: null };
    expect(mayBeHosted(topLevel)).toBe(false);
    expect(mayBeHosted({ ...topLevel, top: {} })).toBe(true);
    expect(mayBeHosted({ ...topLevel, opener: {} })).toBe(true);
    const teamsMobile = { ...topLevel, nativeInterface: {} };
    expect(mayBeHosted(teamsMobile)).toBe(true);
  });
});

describe('themes', () => {
  it("maps Teams' theme names, unknown ones to light", () => {
    expect(themeFromTeams('default')).toBe('light');
    expect(themeFromTeams('dark')).toBe('dark');
    expect(themeFromTeams('glass')).toBe('dark');
    expect(themeFromTeams('contrast')).toBe('highContrast');
    expect(themeFromTeams('something new')).toBe('light');
  });

  it("uses Teams' Fluent themes in Teams and the web ones in a browser", () => {
    expect(fluentTheme('dark', 'teams')).toBe(teamsDarkTheme);
    expect(fluentTheme('light', 'browser')).toBe(webLightTheme);
    expect(fluentTheme('highContrast', 'browser')).toBe(teamsHighContrastTheme);
  });

  it("starts a browser in the user's choice, else the system's", () => {
    const media = (matching: string) => (query: string) => ({ matches: query === matching });
    expect(initialBrowserTheme(undefined, media('(forced-colors: active)'))).toBe('highContrast');
    expect(initialBrowserTheme(undefined, media('(prefers-color-scheme: dark)'))).toBe('dark');
    expect(initialBrowserTheme(undefined, undefined)).toBe('light');
    window.localStorage.setItem('avvikelse.theme', 'dark');
    expect(initialBrowserTheme(window.localStorage, media('(forced-colors: active)'))).toBe('dark');
  });
});

describe('TeamsSsoTokenProvider', () => {
  it("hands on Teams' token, and asks for sign-in when Teams gives none", async () => {
    await expect(
      new TeamsSsoTokenProvider({ getAuthToken: () => Promise.resolve('sso') }).getToken(),
    ).resolves.toBe('sso');
    await expect(
      new TeamsSsoTokenProvider({
        getAuthToken: () => Promise.reject(new Error('consent')),
      }).getToken(),
    ).rejects.toBeInstanceOf(SignInRequiredError);
  });
});

describe('MsalTokenProvider', () => {
  const account = { homeAccountId: 'h', username: 'ida@example.org' } as AccountInfo;
  const settings = {
    clientId: '11111111-1111-1111-1111-111111111111',
    tenantId: '22222222-2222-2222-2222-222222222222',
    apiScope: 'api://avvikelse.example.org/11111111-1111-1111-1111-111111111111/access_as_user',
    redirectUri: 'https://avvikelse.example.org/tab/',
  };
  class InteractionRequired extends Error {}

  function fakeMsal(options: {
    signedIn: boolean;
    silent: () => Promise<{ accessToken: string }>;
  }) {
    let active: AccountInfo | null = null;
    const calls: string[] = [];
    const client: MsalClient = {
      initialize: () => Promise.resolve(),
      handleRedirectPromise: () => Promise.resolve(null),
      getAllAccounts: () => (options.signedIn ? [account] : []),
      setActiveAccount: (next) => {
        active = next;
      },
      getActiveAccount: () => active,
      acquireTokenSilent: (request) => {
        calls.push(
          `silent ${request.scopes.join(' ')}${request.forceRefresh === true ? ' (refresh)' : ''}`,
        );
        return options.silent();
      },
      loginRedirect: (request) => {
        calls.push(`login ${request.scopes.join(' ')}`);
        return Promise.resolve();
      },
      logoutRedirect: () => {
        calls.push('logout');
        return Promise.resolve();
      },
    };
    let configuration: unknown;
    const load: MsalLoader = (config) => {
      configuration = config;
      return Promise.resolve({
        client,
        needsInteraction: (error) => error instanceof InteractionRequired,
      });
    };
    return { load, calls, configuration: () => configuration };
  }

  it('signs in with the tenant as authority and keeps the session per browser tab', async () => {
    const msal = fakeMsal({ signedIn: false, silent: () => Promise.resolve({ accessToken: 'a' }) });
    const provider = await MsalTokenProvider.create(settings, msal.load);
    expect(msal.configuration()).toEqual({
      auth: {
        clientId: settings.clientId,
        authority: `https://login.microsoftonline.com/${settings.tenantId}`,
        redirectUri: settings.redirectUri,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    expect(provider.signedIn).toBe(false);
    await expect(provider.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
    await provider.signIn();
    expect(msal.calls).toEqual([`login ${settings.apiScope}`]);
  });

  it('gets tokens silently for the API scope, refreshing when asked', async () => {
    const msal = fakeMsal({
      signedIn: true,
      silent: () => Promise.resolve({ accessToken: 'access' }),
    });
    const provider = await MsalTokenProvider.create(settings, msal.load);
    expect(provider.signedIn).toBe(true);
    await expect(provider.getToken()).resolves.toBe('access');
    await expect(provider.getToken({ forceRefresh: true })).resolves.toBe('access');
    expect(msal.calls).toEqual([
      `silent ${settings.apiScope}`,
      `silent ${settings.apiScope} (refresh)`,
    ]);
  });

  it('asks the user to sign in only when Entra ID needs interaction', async () => {
    const needs = fakeMsal({
      signedIn: true,
      silent: () => Promise.reject(new InteractionRequired()),
    });
    await expect(
      (await MsalTokenProvider.create(settings, needs.load)).getToken(),
    ).rejects.toBeInstanceOf(SignInRequiredError);
    const broken = new Error('network');
    const fails = fakeMsal({ signedIn: true, silent: () => Promise.reject(broken) });
    await expect((await MsalTokenProvider.create(settings, fails.load)).getToken()).rejects.toBe(
      broken,
    );
  });
});

describe('parseTabConfig', () => {
  it('reads the mode and the production settings, and refuses anything else', () => {
    expect(parseTabConfig({ mode: 'local' })).toEqual({ mode: 'local' });
    expect(
      parseTabConfig({ mode: 'production', clientId: 'c', tenantId: 't', apiScope: 's', extra: 1 }),
    ).toEqual({
      mode: 'production',
      clientId: 'c',
      tenantId: 't',
      apiScope: 's',
    });
    expect(() => parseTabConfig({ mode: 'demo' })).toThrow();
    expect(() => parseTabConfig(null)).toThrow();
  });
});
