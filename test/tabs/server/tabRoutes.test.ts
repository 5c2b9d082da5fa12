import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/server/config.js';
import { start, type Started } from '../../../src/server/main.js';
import {
  contentSecurityPolicy,
  registerTabRoutes,
  tabConfig,
} from '../../../src/server/tabRoutes.js';

/**
 * The tab's door on a real socket, over a stand-in build: index.html for `/tab/` and app routes,
 * hashed assets cached for good, compressed files when accepted, the settings JSON, and the
 * security headers. The real build is served the same way (`npm run build && npm start`).
 */

const quiet = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

function fakeBuild(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'avvikelse-tab-'));
  mkdirSync(path.join(root, 'assets'));
  const html =
    '<!doctype html><html lang="sv"><title>Avvikelser</title><div id="root"></div></html>';
  writeFileSync(path.join(root, 'index.html'), html);
  const script = 'console.log("tab");'.repeat(50);
  writeFileSync(path.join(root, 'assets', 'index-Ab12Cd34.js'), script);
  writeFileSync(path.join(root, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(script));
  return root;
}

async function startWith(root: string, env: Record<string, string> = {}) {
  const printed: string[] = [];
  const started = await start(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    {
      logDestination: quiet,
      announce: (text) => printed.push(text),
      handleSignals: false,
      compose: ({ config }) =>
        Promise.resolve({
          registerRoutes: async (app) => {
            await registerTabRoutes(app, { config, root });
          },
        }),
    },
  );
  return { started, printed };
}

describe('the tab door', () => {
  let root: string;
  let product: Started;
  let printed: string[];

  beforeAll(async () => {
    root = fakeBuild();
    ({ started: product, printed } = await startWith(root));
  });
  afterAll(async () => {
    await product.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is announced at start', () => {
    expect(printed.join('\n')).toContain(`${product.url}/tab/`);
  });

  it('serves index.html at /tab/, never cached without asking, with the page policy', async () => {
    const response = await fetch(`${product.url}/tab/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toContain('frame-ancestors');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('answers app routes typed into the address with the app', async () => {
    const response = await fetch(`${product.url}/tab/cases/0d6f7b6e-5d3c-4a4e-9d7e-1b2c3d4e5f60`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('redirects /tab to /tab/', async () => {
    const response = await fetch(`${product.url}/tab`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/tab/');
  });

  it('lets browsers keep hashed assets for good, compressed when they accept it', async () => {
    const response = await fetch(`${product.url}/tab/assets/index-Ab12Cd34.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toContain('console.log("tab")');
  });

  it('answers a missing asset with a 404, never with the page', async () => {
    const response = await fetch(`${product.url}/tab/assets/index-Old00000.js`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { reason: 'notFound' } });
  });

  it('serves the settings the tab signs in with', async () => {
    const response = await fetch(`${product.url}/tab/config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ mode: 'local' });
  });
});

describe('without a build', () => {
  it('leaves the door out and does not announce it', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'avvikelse-tab-none-'));
    const { started, printed } = await startWith(empty);
    try {
      expect(printed.join('\n')).not.toContain('/tab/');
      expect((await fetch(`${started.url}/tab/`)).status).toBe(404);
    } finally {
      await started.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('production settings', () => {
  const tenant = '22222222-2222-2222-2222-222222222222';
  const client = '11111111-1111-1111-1111-111111111111';

  it('give the Entra app and the API scope on its App ID URI', () => {
    const config = loadConfig({
      AVVIKELSE_MODE: 'production',
      ENTRA_TENANT_ID: tenant,
      ENTRA_CLIENT_ID: client,
      ENTRA_API_AUDIENCE: `api://avvikelse.example.org/${client}`,
      AVVIKELSE_PUBLIC_URL: 'https://avvikelse.example.org',
    });
    expect(tabConfig(config)).toEqual({
      mode: 'production',
      clientId: client,
      tenantId: tenant,
      apiScope: `api://avvikelse.example.org/${client}/access_as_user`,
    });
  });

  it('fall back to the App ID URI on the public host, as the manifest declares it for SSO', () => {
    const config = loadConfig({
      AVVIKELSE_MODE: 'production',
      ENTRA_TENANT_ID: tenant,
      ENTRA_CLIENT_ID: client,
      AVVIKELSE_PUBLIC_URL: 'https://avvikelse.example.org',
    });
    expect(tabConfig(config).apiScope).toBe(`api://avvikelse.example.org/${client}/access_as_user`);
  });

  it("let the page reach Entra ID's sign-in only in production", () => {
    expect(contentSecurityPolicy('production')).toContain(
      "connect-src 'self' https://login.microsoftonline.com https://res.cdn.office.net",
    );
    expect(contentSecurityPolicy('local')).not.toContain('login.microsoftonline.com');
  });
});
