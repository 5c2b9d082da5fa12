import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const tenant = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const otherTenant = '3f2504e0-4f89-11d3-9a0c-0305e82c3399';
const client = '9a1b2c3d-0000-4000-8000-00000000c1e1';
const production = {
  AVVIKELSE_MODE: 'production',
  ENTRA_TENANT_ID: tenant,
  ENTRA_CLIENT_ID: client,
  AVVIKELSE_PUBLIC_URL: 'https://avvikelse.example.se',
};

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the settings');
}

describe('loadConfig', () => {
  it('gives every setting its default in local mode', () => {
    expect(loadConfig({})).toEqual({
      mode: 'local',
      port: 3978,
      host: '127.0.0.1',
      dataDir: './.data',
      routingFile: 'config/routing.json',
      publicUrl: 'http://127.0.0.1:3978',
      logLevel: 'info',
      ownDomains: [],
      entra: undefined,
      bot: { appId: undefined, appPassword: undefined, appTenantId: undefined },
      store: { kind: 'local' },
      rateLimitPerMinute: 300,
      trustedProxyHops: 0,
    });
  });

  it('treats empty values (a copied .env.example) as unset', () => {
    const config = loadConfig({
      AVVIKELSE_MODE: '',
      PORT: ' ',
      LOG_LEVEL: '',
      ENTRA_ROLE_GROUPS: '',
    });
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3978);
    expect(config.logLevel).toBe('info');
  });

  it('derives the public URL from PORT and keeps an explicit one without trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ AVVIKELSE_PUBLIC_URL: 'https://avvikelse.example.se/' }).publicUrl).toBe(
      'https://avvikelse.example.se',
    );
  });

  it('names PORT in Swedish and English when it is not a port number', () => {
    for (const value of ['abc', '70000', '-1', '39.5']) {
      const error = configError({ PORT: value });
      expect(error.settings).toEqual(['PORT']);
      expect(error.message).toContain('Inställningen PORT är ogiltig');
      expect(error.message).toContain('The setting PORT is invalid');
    }
  });

  it('refuses production without the Entra ids and the public address, naming each', () => {
    const error = configError({ AVVIKELSE_MODE: 'production' });
    expect(error.settings).toEqual(['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'AVVIKELSE_PUBLIC_URL']);
    expect(error.message).toContain('Inställningen ENTRA_TENANT_ID saknas');
    expect(error.message).toContain('The setting ENTRA_CLIENT_ID is missing');
    expect(error.message).toContain('The setting AVVIKELSE_PUBLIC_URL is missing');
  });

  it('refuses production on a public address that is not https', () => {
    const error = configError({
      AVVIKELSE_MODE: 'production',
      ENTRA_TENANT_ID: tenant,
      ENTRA_CLIENT_ID: client,
      AVVIKELSE_PUBLIC_URL: 'http://avvikelse.example.se',
    });
    expect(error.settings).toEqual(['AVVIKELSE_PUBLIC_URL']);
    expect(error.message).toContain('måste adressen börja med https://');
    expect(error.message).toContain('must start with https://');
  });

  it('refuses a production bot without its secret and tenant', () => {
    const error = configError({ ...production, MICROSOFT_APP_ID: 'bot-app-id' });
    expect(error.settings).toEqual(['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID']);
  });

  it('refuses local mode (demo tokens) on an address beyond this machine', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'avvikelse.example.se']) {
      const error = configError({ HOST: host });
      expect(error.settings).toEqual(['HOST']);
      expect(error.message).toContain('demotoken');
      expect(error.message).toContain('demo tokens');
    }
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    }
    expect(loadConfig({ ...production, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('accepts the App ID URI on the public host as audience in production by default', () => {
    expect(loadConfig(production).entra?.audiences).toEqual([
      `api://avvikelse.example.se/${client}`,
      client,
    ]);
  });

  it('reads the rate limit and the trusted proxy hops, refusing what is not a count', () => {
    const config = loadConfig({
      AVVIKELSE_RATE_LIMIT_PER_MINUTE: '60',
      AVVIKELSE_TRUSTED_PROXY_HOPS: '1',
    });
    expect(config.rateLimitPerMinute).toBe(60);
    expect(config.trustedProxyHops).toBe(1);
    expect(
      configError({ AVVIKELSE_RATE_LIMIT_PER_MINUTE: '0', AVVIKELSE_TRUSTED_PROXY_HOPS: 'yes' })
        .settings,
    ).toEqual(['AVVIKELSE_RATE_LIMIT_PER_MINUTE', 'AVVIKELSE_TRUSTED_PROXY_HOPS']);
  });

  it('lists every problem at once', () => {
    const error = configError({
      AVVIKELSE_MODE: 'production',
      PORT: 'x',
      LOG_LEVEL: 'loud',
      AVVIKELSE_PUBLIC_URL: 'avvikelse.example.se',
    });
    expect(error.settings).toEqual(
      expect.arrayContaining([
        'PORT',
        'LOG_LEVEL',
        'AVVIKELSE_PUBLIC_URL',
        'ENTRA_TENANT_ID',
        'ENTRA_CLIENT_ID',
      ]),
    );
  });

  it('rejects an unknown mode and a tenant id that is not a GUID', () => {
    expect(configError({ AVVIKELSE_MODE: 'staging' }).settings).toEqual(['AVVIKELSE_MODE']);
    expect(configError({ ...production, ENTRA_TENANT_ID: 'contoso' }).settings).toEqual([
      'ENTRA_TENANT_ID',
    ]);
  });

  it('rejects an ENTRA_ROLE_GROUPS that is not a JSON object of strings', () => {
    for (const value of ['{not json', '["a"]', '{"group":1}', '"text"']) {
      const error = configError({ ENTRA_ROLE_GROUPS: value });
      expect(error.settings).toEqual(['ENTRA_ROLE_GROUPS']);
      expect(error.message).toContain('Inställningen ENTRA_ROLE_GROUPS är ogiltig');
      expect(error.message).toContain('The setting ENTRA_ROLE_GROUPS is invalid');
    }
  });

  it('builds the Entra settings for production', () => {
    const config = loadConfig({
      AVVIKELSE_MODE: 'production',
      ENTRA_TENANT_ID: tenant,
      ENTRA_CLIENT_ID: client,
      ENTRA_API_AUDIENCE: `api://avvikelse.example.se/${client}`,
      ENTRA_ROLE_GROUPS: '{"11111111-2222-3333-4444-555555555555":"lexSarahOfficer"}',
      AVVIKELSE_PUBLIC_URL: 'https://avvikelse.example.se',
      MICROSOFT_APP_ID: 'bot-app-id',
      MICROSOFT_APP_PASSWORD: ' secret ',
      MICROSOFT_APP_TENANT_ID: tenant,
    });
    expect(config.entra).toEqual({
      tenantId: tenant,
      clientId: client,
      audiences: [`api://avvikelse.example.se/${client}`, client],
      allowedTenants: [tenant],
      groupMap: { '11111111-2222-3333-4444-555555555555': 'lexSarahOfficer' },
    });
    expect(config.bot).toEqual({
      appId: 'bot-app-id',
      appPassword: ' secret ',
      appTenantId: tenant,
    });
  });

  it('reads ENTRA_ALLOWED_TENANTS as a comma list and rejects entries that are not GUIDs', () => {
    const config = loadConfig({
      ...production,
      ENTRA_ALLOWED_TENANTS: `${tenant}, ${otherTenant}`,
    });
    expect(config.entra?.allowedTenants).toEqual([tenant, otherTenant]);
    expect(configError({ ENTRA_ALLOWED_TENANTS: `${tenant},contoso` }).settings).toEqual([
      'ENTRA_ALLOWED_TENANTS',
    ]);
  });

  it('reads AVVIKELSE_OWN_DOMAINS as a lower-case comma list and rejects what is not a domain', () => {
    expect(
      loadConfig({ AVVIKELSE_OWN_DOMAINS: ' Stockholm.se, @edu.stockholm.se ,' }).ownDomains,
    ).toEqual(['stockholm.se', 'edu.stockholm.se']);
    const error = configError({ AVVIKELSE_OWN_DOMAINS: 'stockholm.se,not a domain' });
    expect(error.settings).toEqual(['AVVIKELSE_OWN_DOMAINS']);
    expect(error.message).toContain('kommaseparerad lista med domäner');
    expect(configError({ AVVIKELSE_OWN_DOMAINS: 'localhost' }).settings).toEqual([
      'AVVIKELSE_OWN_DOMAINS',
    ]);
  });

  describe('the SharePoint store', () => {
    const site =
      'kommun.sharepoint.com,0f6a1e0c-2f7b-4c55-9a43-1b1c2d3e4f50,7d9e0a1b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

    it('takes the site, the app registration and its secret', () => {
      const config = loadConfig({
        AVVIKELSE_STORE: 'sharepoint',
        SHAREPOINT_SITE_ID: site,
        ENTRA_TENANT_ID: tenant,
        ENTRA_CLIENT_ID: client,
        ENTRA_CLIENT_SECRET: ' secret with spaces ',
      });
      expect(config.store).toEqual({
        kind: 'sharepoint',
        siteId: site,
        tenantId: tenant,
        clientId: client,
        credential: { kind: 'secret', secret: ' secret with spaces ' },
      });
    });

    it('prefers a certificate, with its thumbprint normalised', () => {
      const thumbprint = 'AB:'.repeat(31) + 'AB';
      const config = loadConfig({
        AVVIKELSE_STORE: 'sharepoint',
        SHAREPOINT_SITE_ID: site,
        ENTRA_TENANT_ID: tenant,
        ENTRA_CLIENT_ID: client,
        ENTRA_CERTIFICATE_FILE: '/run/secrets/graph.pem',
        ENTRA_CERTIFICATE_THUMBPRINT: thumbprint,
      });
      expect(config.store).toMatchObject({
        credential: {
          kind: 'certificate',
          privateKeyFile: '/run/secrets/graph.pem',
          thumbprintSha256: 'ab'.repeat(32),
        },
      });
    });

    it('names every missing setting, and a site id that is not Graph’s', () => {
      expect(configError({ AVVIKELSE_STORE: 'sharepoint' }).settings).toEqual([
        'SHAREPOINT_SITE_ID',
        'ENTRA_TENANT_ID',
        'ENTRA_CLIENT_ID',
        'ENTRA_CLIENT_SECRET',
      ]);
      const half = configError({
        AVVIKELSE_STORE: 'sharepoint',
        SHAREPOINT_SITE_ID: 'https://kommun.sharepoint.com/sites/diarium',
        ENTRA_TENANT_ID: tenant,
        ENTRA_CLIENT_ID: client,
        ENTRA_CERTIFICATE_FILE: '/run/secrets/graph.pem',
      });
      expect(half.settings).toEqual(['SHAREPOINT_SITE_ID', 'ENTRA_CERTIFICATE_THUMBPRINT']);
      expect(half.message).toContain('Inställningen SHAREPOINT_SITE_ID är ogiltig');
      expect(half.message).toContain('The setting ENTRA_CERTIFICATE_THUMBPRINT is missing');
    });

    it('refuses an unknown store', () => {
      expect(configError({ AVVIKELSE_STORE: 'postgres' }).settings).toEqual(['AVVIKELSE_STORE']);
    });
  });
});
