import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import * as cookie from 'cookie';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import {
  ConflictError,
  ForbiddenError,
  IdempotencyMismatchError,
  IllegalTransitionError,
} from '../../src/core/errors.js';
import { bodyLimitBytes, buildApp, requireActor, statusForReason } from '../../src/server/app.js';
import {
  createLocalIssuer,
  createLocalValidator,
  createTokenValidator,
  type LocalIssuer,
} from '../../src/server/auth.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { start, type Started } from '../../src/server/main.js';

// fastify's inject() requires light-my-request, which `require`s the ESM-only `cookie` 2. Node 20
// can require ESM, but jest's own module loader cannot before Node 24.9, so the CommonJS registry
// of this test file is handed the ES module loaded above. Remove once jest runs on Node >= 24.9.
jest.mock('cookie', () => cookie);

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Collects log lines in memory so tests can check what was (not) written. */
function logSink(): { lines: string[]; write: (line: string) => void } {
  const lines: string[] = [];
  return {
    lines,
    write: (line) => {
      lines.push(line);
    },
  };
}

interface ErrorJson {
  error: {
    reason: string;
    message: { sv: string; en: string };
    issues?: { field: string; message: { sv: string; en: string } }[];
  };
}

/** Checks the one error shape and returns it. */
function errorOf(response: LightMyRequestResponse, status: number, reason: string): ErrorJson {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json<ErrorJson>();
  expect(body.error.reason).toBe(reason);
  expect(body.error.message.sv.length).toBeGreaterThan(0);
  expect(body.error.message.en.length).toBeGreaterThan(0);
  return body;
}

describe('HTTP app in local mode (inject)', () => {
  const logs = logSink();
  let app: FastifyInstance;
  let issuer: LocalIssuer;
  let ready = true;

  beforeAll(async () => {
    issuer = await createLocalIssuer();
    app = await buildApp({
      config: loadConfig({}),
      logger: createLogger('info', logs),
      tokenValidator: createLocalValidator(issuer),
      localIssuer: issuer,
      isReady: () => ready,
      registerRoutes: (instance) => {
        instance.get('/test/boom', () => {
          throw new Error('database exploded');
        });
        instance.get('/test/conflict', () => {
          throw new ConflictError();
        });
        instance.get('/test/illegal', () => {
          throw new IllegalTransitionError('closed', 'submitted', {
            sv: 'Ett stängt ärende kan inte skickas in igen.',
            en: 'A closed case cannot be submitted again.',
          });
        });
        instance.get('/test/idempotency', () => {
          throw new IdempotencyMismatchError();
        });
        instance.get('/test/forbidden', { preHandler: instance.authenticate }, (request) => {
          const actor = requireActor(request);
          if (!actor.roles.includes('dpo')) throw new ForbiddenError();
          return { ok: true };
        });
        instance.get('/test/open', (request) => requireActor(request));
        instance.post('/test/echo', (request) => ({ received: typeof request.body }));
      },
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  async function tokenFor(user: string): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/dev/token', payload: { user } });
    expect(response.statusCode).toBe(200);
    return response.json<{ token: string }>().token;
  }

  it('answers /healthz with status, mode and version once ready, 503 before', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', mode: 'local', version: packageVersion });
    ready = false;
    try {
      const starting = await app.inject({ method: 'GET', url: '/healthz' });
      expect(starting.statusCode).toBe(503);
      expect(starting.json()).toEqual({ status: 'starting' });
    } finally {
      ready = true;
    }
  });

  it('lists demo users covering every role the contract names', async () => {
    const response = await app.inject({ method: 'GET', url: '/dev/users' });
    expect(response.statusCode).toBe(200);
    const { users } = response.json<{
      users: { id: string; name: string; title?: string; roles: string[]; groups: string[] }[];
    }>();
    for (const role of ['reporter', 'investigator', 'lexSarahOfficer', 'registrar', 'dpo']) {
      expect(users.some((user) => user.roles.includes(role))).toBe(true);
    }
    expect(users[0]).toEqual({
      id: 'u-reporter',
      name: 'Jonas Quist',
      title: 'Coach',
      roles: ['reporter'],
      groups: [],
    });
  });

  it('hands out a token that /api/me accepts, and does not let it be cached', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { user: 'u-investigator' },
    });
    expect(response.headers['cache-control']).toBe('no-store');
    const { token } = response.json<{ token: string }>();
    const me = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: 'u-investigator',
      name: 'Ida Berg',
      title: 'Utredare',
      roles: ['reporter', 'investigator'],
      groups: ['lexSarahOfficer'],
    });
  });

  it('answers 401 in the error shape without a token, with a tampered one and an expired one', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/me' });
    errorOf(missing, 401, 'unauthenticated');
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="avvikelse"');

    const token = await tokenFor('u-reporter');
    const [header, payload] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({
        ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object),
        roles: ['reporter', 'dpo'],
      }),
    ).toString('base64url');
    const tampered = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${header}.${forged}.${token.split('.')[2] ?? ''}` },
    });
    errorOf(tampered, 401, 'unauthenticated');
    expect(tampered.headers['www-authenticate']).toContain('invalid_token');

    const expired = await issuer.issue(
      {
        id: 'u-reporter',
        name: 'Jonas Quist',
        roles: ['reporter'],
        groups: [],
      },
      -3600,
    );
    const late = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(errorOf(late, 401, 'unauthenticated').error.message.en).toContain('expired');

    const wrongScheme = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Basic ${token}` },
    });
    errorOf(wrongScheme, 401, 'unauthenticated');
  });

  it('answers 404 with a bilingual message for an unknown demo user', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { user: 'u-nobody' },
    });
    const body = errorOf(response, 404, 'notFound');
    expect(body.error.message.sv).toContain('u-nobody');
    expect(body.error.message.sv).toContain('finns inte');
    expect(body.error.message.en).toContain('does not exist');
  });

  it('answers 400 naming the field `user` for a malformed body', async () => {
    for (const payload of [{}, { user: 42 }, { user: '' }, { person: 'u-reporter' }]) {
      const response = await app.inject({ method: 'POST', url: '/dev/token', payload });
      const body = errorOf(response, 400, 'validation');
      expect(body.error.issues?.map((issue) => issue.field)).toEqual(['user']);
      expect(body.error.issues?.[0]?.message.sv.length).toBeGreaterThan(0);
      expect(body.error.issues?.[0]?.message.en.length).toBeGreaterThan(0);
    }
    const empty = await app.inject({ method: 'POST', url: '/dev/token' });
    expect(errorOf(empty, 400, 'validation').error.issues?.[0]?.field).toBe('user');
  });

  it('maps fastify errors to the same shape: bad JSON 400, too large 413, unknown route 404', async () => {
    const badJson = await app.inject({
      method: 'POST',
      url: '/dev/token',
      headers: { 'content-type': 'application/json' },
      payload: '{"user":',
    });
    expect(errorOf(badJson, 400, 'badRequest').error.message.en).toContain('JSON');

    const tooLarge = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(bodyLimitBytes) }),
    });
    errorOf(tooLarge, 413, 'payloadTooLarge');

    const unsupported = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/x-custom' },
      payload: 'a=b',
    });
    errorOf(unsupported, 415, 'unsupportedMediaType');

    errorOf(await app.inject({ method: 'GET', url: '/no/such/route' }), 404, 'notFound');
  });

  it('maps each domain error reason once', async () => {
    errorOf(await app.inject({ method: 'GET', url: '/test/conflict' }), 409, 'conflict');
    errorOf(await app.inject({ method: 'GET', url: '/test/illegal' }), 409, 'illegalTransition');
    errorOf(
      await app.inject({ method: 'GET', url: '/test/idempotency' }),
      422,
      'idempotencyMismatch',
    );
    const reporter = await tokenFor('u-reporter');
    errorOf(
      await app.inject({
        method: 'GET',
        url: '/test/forbidden',
        headers: { authorization: `Bearer ${reporter}` },
      }),
      403,
      'forbidden',
    );
    const dpo = await tokenFor('u-dpo');
    const allowed = await app.inject({
      method: 'GET',
      url: '/test/forbidden',
      headers: { authorization: `Bearer ${dpo}` },
    });
    expect(allowed.statusCode).toBe(200);
    // A route that forgot the authenticate preHandler still refuses rather than serving anyone.
    errorOf(await app.inject({ method: 'GET', url: '/test/open' }), 401, 'unauthenticated');
    expect(statusForReason('validation')).toBe(400);
  });

  it('answers 500 with a generic bilingual message and logs the error, not the details', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/boom' });
    const body = errorOf(response, 500, 'internal');
    expect(JSON.stringify(body)).not.toContain('exploded');
    const logged = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.some((line) => line.msg === 'request failed' && line.level === 50)).toBe(true);
  });

  it('logs method, route pattern, status and duration, but never query strings, bodies or tokens', async () => {
    const token = await tokenFor('u-officer');
    const from = logs.lines.length;
    await app.inject({
      method: 'GET',
      url: '/api/me?personnummer=19121212-1212&namn=Greta',
      headers: { authorization: `Bearer ${token}`, cookie: 'session=secret-cookie' },
    });
    await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { description: 'Greta Svensson föll i trappan' },
    });
    const text = logs.lines.slice(from).join('');
    expect(text).not.toContain('19121212');
    expect(text).not.toContain('Greta');
    expect(text).not.toContain(token);
    expect(text).not.toContain('secret-cookie');
    expect(text).not.toContain('Lena Sarin');
    const completed = logs.lines
      .slice(from)
      .map((line) => JSON.parse(line) as { msg?: string; res?: Record<string, unknown> })
      .filter((line) => line.msg === 'request completed' && line.res?.route === '/api/me');
    expect(completed.at(-1)?.res).toMatchObject({ method: 'GET', route: '/api/me', status: 200 });
    expect(typeof completed.at(-1)?.res?.durationMs).toBe('number');
  });
});

describe('HTTP app in production mode (inject)', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const tenant = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    const client = '9a1b2c3d-0000-4000-8000-00000000c1e1';
    const { publicKey } = await generateKeyPair('RS256');
    app = await buildApp({
      config: loadConfig({
        AVVIKELSE_MODE: 'production',
        ENTRA_TENANT_ID: tenant,
        ENTRA_CLIENT_ID: client,
        AVVIKELSE_PUBLIC_URL: 'https://avvikelse.example.se',
      }),
      logger: createLogger('silent'),
      // The Entra validator would fetch Microsoft's keys; the same path with a local key set here.
      tokenValidator: createTokenValidator({
        keySet: createLocalJWKSet({ keys: [await exportJWK(publicKey)] }),
        issuers: [`https://login.microsoftonline.com/${tenant}/v2.0`],
        audiences: [client],
        allowedTenants: [tenant],
        groupMap: {},
      }),
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('does not have /dev/* at all', async () => {
    errorOf(await app.inject({ method: 'GET', url: '/dev/users' }), 404, 'notFound');
    errorOf(
      await app.inject({ method: 'POST', url: '/dev/token', payload: { user: 'u-dpo' } }),
      404,
      'notFound',
    );
  });

  it('reports production mode in /healthz and requires a token for /api/me', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toMatchObject({ status: 'ok', mode: 'production' });
    errorOf(await app.inject({ method: 'GET', url: '/api/me' }), 401, 'unauthenticated');
  });
});

describe('start() listening on a real port', () => {
  const logs = logSink();
  const events: string[] = [];
  const printed: string[] = [];
  let started: Started;
  let slowStarted!: () => void;
  const slowRunning = new Promise<void>((resolve) => {
    slowStarted = resolve;
  });
  const signalListeners = process.listenerCount('SIGTERM');

  beforeAll(async () => {
    started = await start(
      { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      {
        logDestination: logs,
        announce: (text) => printed.push(text),
        compose: ({ config }) => {
          events.push(`composed in ${config.mode} mode`);
          return Promise.resolve({
            registerRoutes: (app) => {
              app.get('/test/slow', async () => {
                slowStarted();
                await delay(200);
                events.push('slow request finished');
                return { done: true };
              });
            },
            close: () => {
              events.push('store closed');
            },
          });
        },
      },
    );
  });

  afterAll(async () => {
    await started.close();
  });

  it('prints the URLs it serves as one block', () => {
    expect(printed).toHaveLength(1);
    const [block] = printed as [string];
    for (const path of ['/healthz', '/dev/users']) {
      expect(block).toContain(`${started.url}${path}`);
    }
    // Doors whose routes this composition did not register are not announced.
    for (const path of ['/api/messages', '/tab/', '/outlook/']) {
      expect(block).not.toContain(`${started.url}${path}`);
    }
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.url).not.toMatch(/:0$/);
  });

  it('serves /healthz, /dev/token and /api/me over HTTP', async () => {
    const health = await fetch(`${started.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', mode: 'local', version: packageVersion });

    const tokenResponse = await fetch(`${started.url}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'u-registrar' }),
    });
    expect(tokenResponse.status).toBe(200);
    const { token } = (await tokenResponse.json()) as { token: string };
    const me = await fetch(`${started.url}/api/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: 'u-registrar', roles: ['reporter', 'registrar'] });
    expect(process.listenerCount('SIGTERM')).toBe(signalListeners + 1);
  });

  it('lets an in-flight request finish when closed, then runs the cleanups', async () => {
    const response = fetch(`${started.url}/test/slow`);
    await slowRunning;
    const closed = started.close();
    const finished = await response;
    expect(finished.status).toBe(200);
    expect(await finished.json()).toEqual({ done: true });
    await closed;
    expect(events).toEqual(['composed in local mode', 'slow request finished', 'store closed']);
    expect(process.listenerCount('SIGTERM')).toBe(signalListeners);
    await expect(fetch(`${started.url}/healthz`)).rejects.toThrow();
    await started.close(); // idempotent
    expect(events.filter((event) => event === 'store closed')).toHaveLength(1);
  });

  it('refuses to start in production mode without the Entra settings', async () => {
    await expect(
      start({ AVVIKELSE_MODE: 'production', PORT: '0' }, { handleSignals: false }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
