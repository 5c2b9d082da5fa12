import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DEMO_SESSION_KEY,
  LocalDemoTokenProvider,
} from '../../src/tabs/auth/LocalDemoTokenProvider.js';
import { SignInRequiredError } from '../../src/tabs/auth/TokenProvider.js';
import { SignIn } from '../../src/tabs/components/SignIn/SignIn.js';
import { FakeCaseApi, pageOf } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * Local mode's sign-in: the demo-user picker lists the server's demo users, and picking one
 * stores the token `POST /dev/token` returns for this browser tab (sessionStorage).
 */

const users = [
  {
    id: 'u-investigator',
    name: 'Ida Berg',
    title: 'Utredare',
    roles: ['investigator'],
    groups: ['lexSarahOfficer'],
  },
  {
    id: 'u-officer',
    name: 'Lena Sarin',
    title: 'Lex Sarah-ansvarig',
    roles: ['lexSarahOfficer'],
    groups: ['lexSarahOfficer'],
  },
  { id: 'u-dpo', name: 'Eva Dahl', title: 'Dataskyddsombud', roles: ['dpo'], groups: ['dpo'] },
];

interface Sent {
  url: string;
  method: string;
  body: unknown;
}

/** A loopback stand-in for the server's `/dev/*` routes, recording what it was sent. */
function devServer(options: { tokenStatus?: number } = {}) {
  const sent: Sent[] = [];
  let issued = 0;
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    sent.push({
      url,
      method,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const json = (status: number, body: unknown) =>
      Promise.resolve(
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      );
    if (url === '/dev/users' && method === 'GET') return json(200, { users });
    if (url === '/dev/token' && method === 'POST') {
      if (options.tokenStatus !== undefined && options.tokenStatus !== 200) {
        return json(options.tokenStatus, {
          error: {
            reason: 'notFound',
            message: { sv: 'Demoanvändaren finns inte.', en: 'The demo user does not exist.' },
          },
        });
      }
      issued += 1;
      return json(200, { token: `demo-token-${String(issued)}` });
    }
    return json(404, { error: { reason: 'notFound', message: { sv: 'Nej', en: 'No' } } });
  };
  return { fetch, sent };
}

const api = new FakeCaseApi(() => Promise.resolve(pageOf([])));

describe('the demo-user picker', () => {
  it('lists the demo users and stores the token for the one picked', async () => {
    const server = devServer();
    const provider = new LocalDemoTokenProvider({
      fetch: server.fetch,
      storage: window.sessionStorage,
    });
    const onSignedIn = jest.fn();
    const user = userEvent.setup();
    renderInTab(<SignIn method={{ kind: 'localDemo', provider }} onSignedIn={onSignedIn} />, {
      api,
    });

    const group = await screen.findByRole('radiogroup', { name: /Demoanvändare/ });
    expect(group).toBeInTheDocument();
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    const submit = screen.getByRole('button', { name: 'Logga in' });
    expect(submit).toBeDisabled();

    await user.click(screen.getByRole('radio', { name: 'Ida Berg, Utredare' }));
    await user.click(submit);

    await waitFor(() => {
      expect(onSignedIn).toHaveBeenCalledTimes(1);
    });
    expect(server.sent).toContainEqual({
      url: '/dev/token',
      method: 'POST',
      body: { user: 'u-investigator' },
    });
    expect(JSON.parse(window.sessionStorage.getItem(DEMO_SESSION_KEY) ?? 'null')).toEqual({
      userId: 'u-investigator',
      token: 'demo-token-1',
    });
    expect(provider.userId).toBe('u-investigator');
    await expect(provider.getToken()).resolves.toBe('demo-token-1');
  });

  it('is usable with the keyboard alone', async () => {
    const server = devServer();
    const provider = new LocalDemoTokenProvider({
      fetch: server.fetch,
      storage: window.sessionStorage,
    });
    const onSignedIn = jest.fn();
    const user = userEvent.setup();
    renderInTab(<SignIn method={{ kind: 'localDemo', provider }} onSignedIn={onSignedIn} />, {
      api,
    });
    await screen.findByRole('radiogroup');

    await user.tab();
    expect(screen.getByRole('radio', { name: 'Ida Berg, Utredare' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: 'Lena Sarin, Lex Sarah-ansvarig' })).toBeChecked();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Logga in' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(onSignedIn).toHaveBeenCalledTimes(1);
    });
    expect(provider.userId).toBe('u-officer');
  });

  it("shows the server's refusal and stays on the picker", async () => {
    const server = devServer({ tokenStatus: 404 });
    const provider = new LocalDemoTokenProvider({
      fetch: server.fetch,
      storage: window.sessionStorage,
    });
    const onSignedIn = jest.fn();
    const user = userEvent.setup();
    renderInTab(<SignIn method={{ kind: 'localDemo', provider }} onSignedIn={onSignedIn} />, {
      api,
    });
    await user.click(await screen.findByRole('radio', { name: 'Eva Dahl, Dataskyddsombud' }));
    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Demoanvändaren finns inte.');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(window.sessionStorage.getItem(DEMO_SESSION_KEY)).toBeNull();
  });

  it('is in English when the locale is', async () => {
    const server = devServer();
    const provider = new LocalDemoTokenProvider({
      fetch: server.fetch,
      storage: window.sessionStorage,
    });
    renderInTab(<SignIn method={{ kind: 'localDemo', provider }} onSignedIn={jest.fn()} />, {
      api,
      locale: 'en',
    });
    expect(await screen.findByRole('radiogroup', { name: /Demo user/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});

describe('LocalDemoTokenProvider', () => {
  it('needs a sign-in before it has a token', async () => {
    const provider = new LocalDemoTokenProvider({
      fetch: devServer().fetch,
      storage: window.sessionStorage,
    });
    await expect(provider.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('picks up the session kept in this browser tab', async () => {
    window.sessionStorage.setItem(
      DEMO_SESSION_KEY,
      JSON.stringify({ userId: 'u-dpo', token: 'kept' }),
    );
    const provider = new LocalDemoTokenProvider({
      fetch: devServer().fetch,
      storage: window.sessionStorage,
    });
    expect(provider.userId).toBe('u-dpo');
    await expect(provider.getToken()).resolves.toBe('kept');
  });

  it('renews a refused token for the same demo user (the server restarted)', async () => {
    const server = devServer();
    window.sessionStorage.setItem(
      DEMO_SESSION_KEY,
      JSON.stringify({ userId: 'u-dpo', token: 'stale' }),
    );
    const provider = new LocalDemoTokenProvider({
      fetch: server.fetch,
      storage: window.sessionStorage,
    });
    await expect(provider.getToken({ forceRefresh: true })).resolves.toBe('demo-token-1');
    expect(server.sent).toContainEqual({
      url: '/dev/token',
      method: 'POST',
      body: { user: 'u-dpo' },
    });
  });

  it('forgets the session when the demo user no longer exists', async () => {
    window.sessionStorage.setItem(
      DEMO_SESSION_KEY,
      JSON.stringify({ userId: 'u-gone', token: 'stale' }),
    );
    const provider = new LocalDemoTokenProvider({
      fetch: devServer({ tokenStatus: 404 }).fetch,
      storage: window.sessionStorage,
    });
    await expect(provider.getToken({ forceRefresh: true })).rejects.toBeInstanceOf(
      SignInRequiredError,
    );
    expect(provider.userId).toBeNull();
    expect(window.sessionStorage.getItem(DEMO_SESSION_KEY)).toBeNull();
  });

  it('ignores a damaged stored session', () => {
    window.sessionStorage.setItem(DEMO_SESSION_KEY, '{not json');
    const provider = new LocalDemoTokenProvider({
      fetch: devServer().fetch,
      storage: window.sessionStorage,
    });
    expect(provider.userId).toBeNull();
  });
});
