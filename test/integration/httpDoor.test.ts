import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import * as cookie from 'cookie';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createLocalIssuer, createLocalValidator } from '../../src/server/auth.js';
import { registerBuiltApp } from '../../src/server/builtAppRoutes.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { start, type Started } from '../../src/server/main.js';
import { routingFile } from '../helpers/botConversation.js';

/**
 * The HTTP door of the real composed product: every `/api/*` route it registers refuses a request
 * without a token (collected with fastify's onRoute hook, so a new route cannot slip past), the
 * bot's endpoint refuses unauthenticated activities in production, `/dev/*` exists only in local
 * mode, and every answer carries the security headers, the origin check and the rate limit.
 */

// fastify's inject() needs the ESM-only `cookie` 2 through jest's CommonJS loader (as server.test.ts).
jest.mock('cookie', () => cookie);
jest.setTimeout(60_000);

const tenant = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const client = '9a1b2c3d-0000-4000-8000-00000000c1e1';
const publicUrl = 'https://avvikelse.example.se';

interface ServedRoute {
  method: string;
  url: string;
}

/** The routes a route option declares, one per method (HEAD routes fastify adds are left out). */
function served(route: RouteOptions): ServedRoute[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods
    .filter((method) => method !== 'HEAD')
    .map((method) => ({ method, url: route.url }));
}

/** A URL for a route pattern: each parameter filled with a well-formed value. */
function concrete(url: string): string {
  return url
    .replace(':documentId', '00000000-0000-4000-8000-000000000002')
    .replace(':id', '00000000-0000-4000-8000-000000000001')
    .replace(':fileName', 'bilaga.pdf');
}

interface Product {
  started: Started;
  routes: ServedRoute[];
  dataDir: string;
}

async function startProduct(env: NodeJS.ProcessEnv): Promise<Product> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'avvikelse-door-'));
  const routes: ServedRoute[] = [];
  const started = await start(
    {
      AVVIKELSE_DATA_DIR: dataDir,
      AVVIKELSE_ROUTING_FILE: routingFile,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ...env,
    },
    {
      handleSignals: false,
      announce: () => undefined,
      onRoute: (route) => routes.push(...served(route)),
    },
  );
  return { started, routes, dataDir };
}

async function stopProduct(product: Product | undefined): Promise<void> {
  if (product === undefined) return;
  await product.started.close();
  rmSync(product.dataDir, { recursive: true, force: true });
}

function expectUnauthenticated(response: LightMyRequestResponse, route: ServedRoute): void {
  // The route in the message, so a failure names the route that let the request through.
  expect({ route, status: response.statusCode }).toEqual({ route, status: 401 });
  expect(response.json<{ error: { reason: string } }>().error.reason).toBe('unauthenticated');
  expect(response.headers['www-authenticate']).toBe('Bearer realm="avvikelse"');
}

/** Every API route but the bot's, asked without a token, with a JSON body where one is taken. */
async function expectEveryApiRouteRefusesWithoutToken(product: Product): Promise<ServedRoute[]> {
  const api = product.routes.filter(
    (route) => route.url.startsWith('/api/') && route.url !== '/api/messages',
  );
  for (const route of api) {
    const response = await product.started.app.inject({
      method: route.method as 'GET',
      url: concrete(route.url),
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
    });
    expectUnauthenticated(response, route);
  }
  return api;
}

/** The routes the case API documents; the enumeration must have found at least these. */
const documentedApiRoutes: ServedRoute[] = [
  { method: 'GET', url: '/api/me' },
  { method: 'POST', url: '/api/reports' },
  { method: 'GET', url: '/api/cases' },
  { method: 'GET', url: '/api/cases/:id' },
  { method: 'GET', url: '/api/cases/:id/events' },
  { method: 'GET', url: '/api/cases/:id/documents' },
  { method: 'GET', url: '/api/cases/:id/documents/:documentId' },
  { method: 'POST', url: '/api/cases/:id/documents/decision' },
  { method: 'POST', url: '/api/cases/:id/documents/investigation' },
  { method: 'PUT', url: '/api/cases/:id/attachments/:fileName' },
  { method: 'POST', url: '/api/cases/:id/steps' },
  { method: 'PUT', url: '/api/cases/:id/investigation' },
  { method: 'PUT', url: '/api/cases/:id/assessment' },
  { method: 'POST', url: '/api/cases/:id/case-log' },
  { method: 'GET', url: '/api/access-log' },
];

describe('the composed product in local mode', () => {
  let product: Product | undefined;

  beforeAll(async () => {
    product = await startProduct({});
  });

  afterAll(async () => {
    await stopProduct(product);
  });

  it('refuses every /api/* route without a token, the bot endpoint excepted', async () => {
    const api = await expectEveryApiRouteRefusesWithoutToken(product!);
    expect(api).toEqual(expect.arrayContaining(documentedApiRoutes));
    expect(product!.routes).toContainEqual({ method: 'POST', url: '/api/messages' });
  });

  it('serves /dev/* (demo users and tokens)', () => {
    expect(product!.routes).toEqual(
      expect.arrayContaining([
        { method: 'GET', url: '/dev/users' },
        { method: 'POST', url: '/dev/token' },
      ]),
    );
  });
});

describe('the composed product in production mode', () => {
  let product: Product | undefined;

  beforeAll(async () => {
    product = await startProduct({
      AVVIKELSE_MODE: 'production',
      ENTRA_TENANT_ID: tenant,
      ENTRA_CLIENT_ID: client,
      AVVIKELSE_PUBLIC_URL: publicUrl,
      MICROSOFT_APP_ID: '28a1b2c3-0000-4000-8000-0000000000b0',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: tenant,
    });
  });

  afterAll(async () => {
    await stopProduct(product);
  });

  it('refuses every /api/* route without a token', async () => {
    const api = await expectEveryApiRouteRefusesWithoutToken(product!);
    expect(api).toEqual(expect.arrayContaining(documentedApiRoutes));
  });

  it('has no /dev/* route at all', async () => {
    expect(product!.routes.filter((route) => route.url.startsWith('/dev'))).toEqual([]);
    const response = await product!.started.app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { user: 'u-dpo' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('refuses an unauthenticated Bot Framework activity at /api/messages', async () => {
    // botbuilder writes the refusal to the console itself; keep the test output clean.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await product!.started.app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: {
        type: 'message',
        text: 'ny rapport',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: 'a:1' },
        from: { id: '29:someone' },
        recipient: { id: '28:bot' },
      },
    });
    consoleError.mockRestore();
    expect(response.statusCode).toBe(401);
  });

  it('tells browsers to use https only', async () => {
    const response = await product!.started.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('refuses API calls from a page on another origin, and from this machine’s other ports', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5173', 'null']) {
      const response = await product!.started.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { origin },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json<{ error: { reason: string } }>().error.reason).toBe('crossOrigin');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    const own = await product!.started.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { origin: publicUrl },
    });
    expect(own.statusCode).toBe(401);
  });
});

describe('the door of the HTTP app (inject)', () => {
  let app: FastifyInstance;
  let tabRoot: string;

  /** A local-mode app with a built tab in `tabRoot`; each test that counts requests has its own. */
  async function buildDoorApp(rateLimit: string, proxyHops = '0'): Promise<FastifyInstance> {
    const issuer = await createLocalIssuer();
    const instance = await buildApp({
      config: loadConfig({
        AVVIKELSE_RATE_LIMIT_PER_MINUTE: rateLimit,
        AVVIKELSE_TRUSTED_PROXY_HOPS: proxyHops,
      }),
      logger: createLogger('silent'),
      tokenValidator: createLocalValidator(issuer),
      localIssuer: issuer,
      registerRoutes: async (scope) => {
        await registerBuiltApp(scope, { prefix: '/tab', root: tabRoot, policy: 'framed-policy' });
      },
    });
    await instance.ready();
    return instance;
  }

  beforeAll(async () => {
    tabRoot = mkdtempSync(path.join(tmpdir(), 'avvikelse-door-tab-'));
    writeFileSync(path.join(tabRoot, 'index.html'), '<!doctype html><title>Ärenden</title>');
    app = await buildDoorApp('1000');
  });

  afterAll(async () => {
    await app.close();
    rmSync(tabRoot, { recursive: true, force: true });
  });

  it('lets nobody frame an API answer or load anything from it', async () => {
    for (const url of ['/healthz', '/api/me', '/no/such/route']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      // Plain http on loopback: a browser would ignore HSTS here.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('lets the framed pages set their own policy, without X-Frame-Options', async () => {
    const response = await app.inject({ method: 'GET', url: '/tab/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toBe('framed-policy');
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('takes pages on this machine in local mode (the dev servers), and refuses others', async () => {
    const local = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(local.statusCode).toBe(401);
    const foreign = await app.inject({
      method: 'OPTIONS',
      url: '/api/reports',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits each person, and each address without a valid token, with a bilingual 429', async () => {
    const limitedApp = await buildDoorApp('5');
    async function tokenFor(user: string): Promise<string> {
      const response = await limitedApp.inject({
        method: 'POST',
        url: '/dev/token',
        payload: { user },
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ token: string }>().token;
    }
    const me = (token?: string) =>
      limitedApp.inject({
        method: 'GET',
        url: '/api/me',
        ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
      });
    // Two tokens from /dev/token: two of this address's five requests.
    const ida = await tokenFor('u-investigator');
    const lena = await tokenFor('u-officer');
    for (let i = 0; i < 5; i += 1) expect((await me(ida)).statusCode).toBe(200);
    const limited = await me(ida);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const body = limited.json<{ error: { reason: string; message: { sv: string; en: string } } }>();
    expect(body.error.reason).toBe('tooManyRequests');
    expect(body.error.message.sv).toContain('För många förfrågningar');
    expect(body.error.message.en).toContain('Too many requests');
    // Another person behind the same address is not held back by Ida's requests.
    expect((await me(lena)).statusCode).toBe(200);
    // Without a token the address is counted: three more, then refused before authentication.
    for (let i = 0; i < 3; i += 1) expect((await me()).statusCode).toBe(401);
    expect((await me()).statusCode).toBe(429);
    // Health checks and the pages are not limited.
    expect((await limitedApp.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await limitedApp.inject({ method: 'GET', url: '/tab/' })).statusCode).toBe(200);
    await limitedApp.close();
  });

  it('believes X-Forwarded-For only from as many proxies as configured', async () => {
    const from = (instance: FastifyInstance, address: string) =>
      instance.inject({
        method: 'GET',
        url: '/api/me',
        headers: { 'x-forwarded-for': address },
      });
    // No trusted proxy: whatever the header says, it is one caller (the socket's address).
    const direct = await buildDoorApp('1');
    expect((await from(direct, '203.0.113.1')).statusCode).toBe(401);
    expect((await from(direct, '203.0.113.2')).statusCode).toBe(429);
    await direct.close();
    // Behind App Service's front end: each client address is counted on its own.
    const proxied = await buildDoorApp('1', '1');
    expect((await from(proxied, '203.0.113.1')).statusCode).toBe(401);
    expect((await from(proxied, '203.0.113.2')).statusCode).toBe(401);
    expect((await from(proxied, '203.0.113.1')).statusCode).toBe(429);
    await proxied.close();
  });
});
