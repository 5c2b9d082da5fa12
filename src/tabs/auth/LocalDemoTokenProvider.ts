import { ApiError, parseErrorBody } from '../api/client.js';
import type { DemoUser } from '../api/types.js';
import { readStorage } from '../i18n/locale.js';
import { SignInRequiredError, type TokenProvider } from './TokenProvider.js';

/**
 * Local mode's sign-in: the user picks one of the demo users (`GET /dev/users`) and the server
 * signs a token for them (`POST /dev/token`). The token is kept in sessionStorage, so it lives
 * as long as the browser tab and is never shared with other tabs or written to disk for long.
 */

/** Where the demo session (user id and token) is kept. */
export const DEMO_SESSION_KEY = 'avvikelse.demoSession';

interface DemoSession {
  userId: string;
  token: string;
}

/** What the provider needs; all of it has a browser default. */
export interface LocalDemoTokenProviderOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the session is kept; the browser's sessionStorage by default. */
  storage?: Storage;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseSession(text: string | null): DemoSession | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) && typeof value.userId === 'string' && typeof value.token === 'string'
      ? { userId: value.userId, token: value.token }
      : null;
  } catch {
    // A damaged entry is as good as none: the user picks again.
    return null;
  }
}

function isDemoUser(value: unknown): value is DemoUser {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    Array.isArray(value.roles) &&
    Array.isArray(value.groups)
  );
}

/** Tokens for a demo user of local mode. */
export class LocalDemoTokenProvider implements TokenProvider {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: Storage | undefined;
  private session: DemoSession | null;

  constructor(options: LocalDemoTokenProviderOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.storage = options.storage ?? globalThis.sessionStorage;
    this.session = parseSession(readStorage(this.storage, DEMO_SESSION_KEY));
  }

  /** The demo user signed in in this browser tab, or null. */
  get userId(): string | null {
    return this.session?.userId ?? null;
  }

  /** The demo users to pick from. */
  async listUsers(signal?: AbortSignal): Promise<DemoUser[]> {
    const body = await this.request('/dev/users', { method: 'GET', signal });
    const users = isRecord(body) ? body.users : undefined;
    if (!Array.isArray(users) || !users.every(isDemoUser)) {
      throw new ApiError('unexpectedResponse', 200);
    }
    return users;
  }

  /** Signs in as a demo user: asks the server for a token, keeps it for this browser tab, returns it. */
  async signIn(userId: string): Promise<string> {
    const body = await this.request('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: userId }),
    });
    const token = isRecord(body) ? body.token : undefined;
    if (typeof token !== 'string') throw new ApiError('unexpectedResponse', 200);
    this.session = { userId, token };
    try {
      this.storage?.setItem(DEMO_SESSION_KEY, JSON.stringify(this.session));
    } catch {
      // Blocked storage: the session still holds in memory until the page is reloaded.
    }
    return token;
  }

  /** Forgets the token; the next API call needs a new sign-in. */
  signOut(): void {
    this.session = null;
    try {
      this.storage?.removeItem(DEMO_SESSION_KEY);
    } catch {
      // Nothing stored that could be removed.
    }
  }

  async getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const session = this.session;
    if (session === null) throw new SignInRequiredError();
    if (options.forceRefresh !== true) return session.token;
    // The server refused the token: its signing key is per run, so a restart voids it. Ask for a
    // new one for the same demo user; if that fails, the user picks again.
    try {
      return await this.signIn(session.userId);
    } catch (error) {
      this.signOut();
      throw new SignInRequiredError('The demo token could not be renewed', { cause: error });
    }
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        ...init,
        headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
      });
    } catch (error) {
      throw new ApiError('network', null, undefined, [], { cause: error });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ApiError('unexpectedResponse', response.status, undefined, [], { cause: error });
    }
    if (!response.ok) throw parseErrorBody(response.status, body);
    return body;
  }
}
