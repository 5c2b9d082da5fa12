import { describe, expect, it, jest } from '@jest/globals';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/tabs/app/App.js';
import type { AppAuth } from '../../src/tabs/app/App.types.js';
import type { CaseApi } from '../../src/tabs/app/services.js';
import { ApiError } from '../../src/tabs/api/client.js';
import type { DemoUser, Me } from '../../src/tabs/api/types.js';
import { SignInRequiredError } from '../../src/tabs/auth/TokenProvider.js';
import type { ThemeName } from '../../src/tabs/teams/themes.js';
import { FakeCaseApi, NOW, breachItem, caseItem, pageOf } from './fixtures.js';

/**
 * The whole tab with a fake API: sign in as a demo user, the list, a case's page and back, the
 * language switch, and Teams' theme.
 */

const users: DemoUser[] = [
  {
    id: 'u-officer',
    name: 'Lena Sarin',
    title: 'Lex Sarah-ansvarig',
    roles: ['lexSarahOfficer'],
    groups: [],
  },
];

/** A demo-user provider that signs in without a server. */
function demoAuth(signedInAs: string | null = null) {
  let userId = signedInAs;
  const provider = {
    get userId() {
      return userId;
    },
    listUsers: () => Promise.resolve(users),
    signIn: (id: string) => {
      userId = id;
      return Promise.resolve('token');
    },
    signOut: () => {
      userId = null;
    },
    getToken: () =>
      userId === null ? Promise.reject(new SignInRequiredError()) : Promise.resolve('token'),
  };
  return { kind: 'localDemo', provider } satisfies AppAuth;
}

const protectedCase = caseItem({
  registrationNumber: 'AMN 2026-0007-1.3',
  title: 'Lex Sarah-rapport – Boendestöd Farsta',
  protectedIdentity: true,
  state: 'underInvestigation',
});
const breach = breachItem({ registrationNumber: 'AMN 2026-0008-1.4' });

function fakeApi(): FakeCaseApi {
  const api = new FakeCaseApi(
    () => Promise.resolve(pageOf([protectedCase, breach])),
    new Map([[protectedCase.case.id, protectedCase]]),
  );
  // The case page's sections load these; the app's tests are about navigation, not their content.
  api.script.listDocuments = () => Promise.resolve([]);
  api.script.listEvents = () => Promise.resolve([]);
  return api;
}

function renderApp(options: {
  api: CaseApi;
  auth?: AppAuth;
  host?: 'teams' | 'browser';
  hostLocale?: string;
  subscribeTheme?: (handler: (theme: ThemeName) => void) => void;
}) {
  const user = userEvent.setup();
  render(
    <App
      host={options.host ?? 'browser'}
      hostLocale={options.hostLocale ?? 'sv-SE'}
      initialTheme="light"
      auth={options.auth ?? demoAuth('u-officer')}
      storage={window.localStorage}
      createApi={() => options.api}
      now={() => NOW}
      {...(options.subscribeTheme === undefined ? {} : { subscribeTheme: options.subscribeTheme })}
    />,
  );
  return user;
}

describe('the tab', () => {
  it('asks for a demo user first, then shows the list and who is signed in', async () => {
    window.history.replaceState(null, '', '/tab/');
    const api = fakeApi();
    const user = renderApp({ api, auth: demoAuth(null) });
    await user.click(await screen.findByRole('radio', { name: 'Lena Sarin, Lex Sarah-ansvarig' }));
    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ärenden' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveFocus();
    expect(await screen.findByText('Inloggad som Lena Sarin')).toBeInTheDocument();
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(document.title).toBe('Ärenden – Avvikelser');
    expect(document.documentElement.lang).toBe('sv-SE');
  });

  it('opens a case from the list and goes back to the list as it was left', async () => {
    window.history.replaceState(null, '', '/tab/#/cases?overdue=true');
    const api = fakeApi();
    const user = renderApp({ api });
    await user.click(await screen.findByRole('link', { name: 'AMN 2026-0007-1.3' }));

    const heading = await screen.findByRole('heading', {
      level: 1,
      name: 'AMN 2026-0007-1.3 – Lex Sarah-rapport – Boendestöd Farsta',
    });
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });
    expect(api.getCalls).toEqual([protectedCase.case.id]);
    expect(screen.getByText('Skyddade personuppgifter')).toBeInTheDocument();
    expect(screen.getByText('Under utredning')).toBeInTheDocument();
    const back = screen.getByRole('link', { name: 'Tillbaka till ärendena' });
    expect(back).toHaveAttribute('href', '#/cases?overdue=true');

    await user.click(back);
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(api.lastQuery).toMatchObject({ overdue: true });
  });

  it('says so when an address names no page', async () => {
    window.history.replaceState(null, '', '/tab/#/nowhere');
    renderApp({ api: fakeApi() });
    expect(await screen.findByRole('heading', { name: 'Sidan finns inte' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Gå till ärendena' })).toHaveAttribute(
      'href',
      '#/cases',
    );
  });

  it('switches to English and remembers it', async () => {
    window.history.replaceState(null, '', '/tab/#/cases');
    const user = renderApp({ api: fakeApi() });
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Språk' }), 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Next deadline' })).toBeInTheDocument();
    expect(window.localStorage.getItem('avvikelse.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en-GB');
  });

  it('starts in English when the host is English', async () => {
    window.history.replaceState(null, '', '/tab/#/cases');
    renderApp({ api: fakeApi(), hostLocale: 'en-US' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' })).toBeInTheDocument();
  });

  it('offers a theme switch and sign-out in a browser', async () => {
    window.history.replaceState(null, '', '/tab/#/cases');
    const user = renderApp({ api: fakeApi() });
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tema' }), 'highContrast');
    expect(window.localStorage.getItem('avvikelse.theme')).toBe('highContrast');
    await user.click(screen.getByRole('button', { name: 'Logga ut' }));
    expect(await screen.findByRole('heading', { name: 'Logga in' })).toBeInTheDocument();
  });

  it("follows Teams' theme and leaves the session to Teams", async () => {
    window.history.replaceState(null, '', '/tab/#/cases');
    let themeHandler: ((theme: ThemeName) => void) | undefined;
    renderApp({
      api: fakeApi(),
      host: 'teams',
      auth: { kind: 'teams', provider: { getToken: () => Promise.resolve('sso') } },
      subscribeTheme: (handler) => {
        themeHandler = handler;
      },
    });
    await screen.findByRole('table');
    expect(themeHandler).toBeDefined();
    expect(screen.queryByRole('combobox', { name: 'Tema' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Logga ut' })).not.toBeInTheDocument();
    act(() => {
      themeHandler?.('dark');
    });
    expect(screen.getByRole('table')).toBeInTheDocument();
  });

  it('explains a failed Teams sign-in and tries again', async () => {
    window.history.replaceState(null, '', '/tab/#/cases');
    const api = fakeApi();
    api.whoAmI = () => Promise.reject(new ApiError('signInRequired', null));
    const user = renderApp({
      api,
      host: 'teams',
      auth: {
        kind: 'teams',
        provider: { getToken: () => Promise.reject(new SignInRequiredError()) },
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Inloggningen via Teams misslyckades.');
    api.whoAmI = jest.fn(() =>
      Promise.resolve({ id: 'u', name: 'Ida Berg', roles: [], groups: [] }),
    );
    await user.click(screen.getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByText('Inloggad som Ida Berg')).toBeInTheDocument();
    expect(
      within(screen.getByRole('main')).getByRole('heading', { name: 'Ärenden' }),
    ).toBeInTheDocument();
  });
});

describe('the access log in the tab', () => {
  const dpo = {
    id: 'u-dpo',
    name: 'Dana Persson',
    title: 'Dataskyddsombud',
    roles: ['dpo'],
    groups: ['dpo'],
  } satisfies Me;

  it('is linked from the header for the data protection officer, and opens as its own page', async () => {
    window.history.replaceState(null, '', '/tab/#/cases');
    const api = fakeApi();
    api.whoAmI = () => Promise.resolve(dpo);
    api.script.listAccessLog = () => Promise.resolve([]);
    const user = renderApp({ api });
    const pages = await screen.findByRole('navigation', { name: 'Sidor' });
    expect(within(pages).getByRole('link', { name: 'Ärenden' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.click(within(pages).getByRole('link', { name: 'Åtkomstlogg' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Åtkomstlogg' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Inga läsningar är loggade.')).toBeInTheDocument();
    expect(window.location.hash).toBe('#/access-log');
    expect(document.title).toBe('Åtkomstlogg – Avvikelser');
    expect(within(pages).getByRole('link', { name: 'Åtkomstlogg' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(api.calls.filter((call) => call.name === 'listAccessLog')).toHaveLength(1);
  });

  it('is not linked for anyone else', async () => {
    window.history.replaceState(null, '', '/tab/#/cases');
    renderApp({ api: fakeApi() });
    await screen.findByText('Inloggad som Lena Sarin');
    await screen.findByRole('table');
    expect(screen.queryByRole('navigation', { name: 'Sidor' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Åtkomstlogg' })).not.toBeInTheDocument();
  });

  it("shows the server's refusal to someone else who types the address", async () => {
    window.history.replaceState(null, '', '/tab/#/access-log');
    const api = fakeApi();
    api.script.listAccessLog = () =>
      Promise.reject(
        new ApiError('forbidden', 403, {
          sv: 'Du har inte behörighet till detta ärende.',
          en: 'You do not have access to this case.',
        }),
      );
    renderApp({ api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Du har inte tillgång till åtkomstloggen',
    );
  });
});
