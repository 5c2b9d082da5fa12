import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/server/config.js';
import { start, type Started } from '../../../src/server/main.js';
import {
  outlookConfig,
  outlookContentSecurityPolicy,
  registerOutlookRoutes,
} from '../../../src/server/outlookRoutes.js';

/**
 * The Outlook pane's door on a real socket, over a stand-in build: the page, its settings with
 * the own domains, the send-time check's script with those domains in front, and a policy that
 * lets Outlook frame the page and load Office.js from Microsoft's host, and nothing else external.
 */

const quiet = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

function fakeBuild(withCommands = true): string {
  const root = mkdtempSync(path.join(tmpdir(), 'avvikelse-outlook-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Avvikelse</title>');
  writeFileSync(path.join(root, 'assets', 'index-Ab12Cd34.js'), 'console.log("pane");');
  if (withCommands) writeFileSync(path.join(root, 'commands.js'), '(function(){"handler"})();');
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
            await registerOutlookRoutes(app, { config, root });
          },
        }),
    },
  );
  return { started, printed };
}

describe('the Outlook door', () => {
  let root: string;
  let product: Started;
  let printed: string[];

  beforeAll(async () => {
    root = fakeBuild();
    ({ started: product, printed } = await startWith(root, {
      AVVIKELSE_OWN_DOMAINS: 'stockholm.se,edu.stockholm.se',
    }));
  });
  afterAll(async () => {
    await product.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the pane at /outlook/ with its policy, and announces it', async () => {
    const response = await fetch(`${product.url}/outlook/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(policy).toContain('https://outlook.office.com');
    expect(printed.join('\n')).toMatch(/Outlook:\s+http:\/\/127\.0\.0\.1:\d+\/outlook\//);
    const redirect = await fetch(`${product.url}/outlook`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/outlook/');
  });

  it('gives the settings with the own domains', async () => {
    const response = await fetch(`${product.url}/outlook/config.json`);
    expect(await response.json()).toEqual({
      mode: 'local',
      ownDomains: ['stockholm.se', 'edu.stockholm.se'],
    });
  });

  it('puts the own domains in front of the send-time check, revalidated each time', async () => {
    const response = await fetch(`${product.url}/outlook/commands.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(
      'globalThis.avvikelseOutlook = {"ownDomains":["stockholm.se","edu.stockholm.se"]};\n' +
        '(function(){"handler"})();',
    );
  });

  it('keeps a missing asset a 404 and caches hashed ones for good', async () => {
    expect((await fetch(`${product.url}/outlook/assets/gone-00000000.js`)).status).toBe(404);
    const asset = await fetch(`${product.url}/outlook/assets/index-Ab12Cd34.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('the Outlook door without a full build', () => {
  it('answers 404 for the send-time check when only the pane is built', async () => {
    const root = fakeBuild(false);
    const { started } = await startWith(root);
    try {
      expect((await fetch(`${started.url}/outlook/`)).status).toBe(200);
      expect((await fetch(`${started.url}/outlook/commands.js`)).status).toBe(404);
    } finally {
      await started.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is left out, and not announced, when the pane is not built at all', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'avvikelse-outlook-empty-'));
    const { started, printed } = await startWith(root);
    try {
      expect((await fetch(`${started.url}/outlook/`)).status).toBe(404);
      expect(printed.join('\n')).not.toContain('/outlook/');
    } finally {
      await started.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('outlookConfig and its policy', () => {
  it('gives production sign-in settings and lets the page reach Entra ID only then', () => {
    const config = loadConfig({
      AVVIKELSE_MODE: 'production',
      ENTRA_TENANT_ID: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      ENTRA_CLIENT_ID: '9a1b2c3d-0000-4000-8000-00000000c1e1',
      AVVIKELSE_PUBLIC_URL: 'https://avvikelse.example.se',
    });
    expect(outlookConfig(config)).toEqual({
      mode: 'production',
      clientId: '9a1b2c3d-0000-4000-8000-00000000c1e1',
      tenantId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      apiScope: 'api://avvikelse.example.se/9a1b2c3d-0000-4000-8000-00000000c1e1/access_as_user',
      ownDomains: [],
    });
    expect(outlookContentSecurityPolicy('production')).toContain(
      "connect-src 'self' https://login.microsoftonline.com",
    );
    expect(outlookContentSecurityPolicy('local')).toContain("connect-src 'self';");
    expect(outlookContentSecurityPolicy('local')).toContain("frame-src 'none'");
  });
});
