import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { settingNames } from '../../src/server/config.js';

/**
 * The deployment files, checked offline (no Docker engine, no az or bicep here): the Dockerfile
 * runs as a non-root user with a health check, the Bicep template sets only documented settings
 * and keeps secrets out of its values, the Agents Toolkit project parses and names files that
 * exist, and no committed environment file carries a value.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it('builds in stages and runs on a maintained Node LTS (22 or 24)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:(22|24)-[a-z-]+$/m);
    expect(runtime).toMatch(/^\$\{NODE_IMAGE\} AS runtime/);
  });

  it('installs only production dependencies for the runtime, native module built for it', () => {
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toContain('npm rebuild better-sqlite3');
    expect(runtime).toContain('COPY --from=deps');
    expect(runtime).toContain('/app/node_modules ./node_modules');
  });

  it('runs as a non-root user, with a health check on /healthz, in production mode', () => {
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(runtime).toContain('AVVIKELSE_MODE=production');
    expect(runtime).toContain('HOST=0.0.0.0');
  });

  it('keeps secrets, local data and the checkout out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', 'node_modules', '.data', '.env', '*.user', '*.pem']) {
      expect(ignored).toContain(entry);
    }
  });
});

describe('infra/main.bicep', () => {
  const bicep = read('infra/main.bicep');
  const appSettings = [...bicep.matchAll(/^\s*\{ name: '([A-Z_]+)', value: (.*) \}$/gm)].map(
    ([, name, value]) => ({ name: name ?? '', value: (value ?? '').trim() }),
  );

  it('sets only the product’s documented settings (and App Service’s own)', () => {
    expect(appSettings.length).toBeGreaterThan(10);
    const unknown = appSettings
      .map((setting) => setting.name)
      .filter((name) => !name.startsWith('WEBSITES_'))
      .filter((name) => !(settingNames as readonly string[]).includes(name));
    expect(unknown).toEqual([]);
  });

  it('gives production everything loadConfig requires of it', () => {
    const names = appSettings.map((setting) => setting.name);
    for (const required of [
      'AVVIKELSE_MODE',
      'AVVIKELSE_PUBLIC_URL',
      'ENTRA_TENANT_ID',
      'ENTRA_CLIENT_ID',
      'MICROSOFT_APP_ID',
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TENANT_ID',
      'HOST',
    ]) {
      expect(names).toContain(required);
    }
  });

  it('passes secrets as secure parameters into Key Vault references, never as values', () => {
    for (const secret of ['MICROSOFT_APP_PASSWORD', 'ENTRA_CLIENT_SECRET']) {
      const setting = appSettings.find((candidate) => candidate.name === secret);
      expect(setting?.value).toContain('@Microsoft.KeyVault(SecretUri=');
    }
    expect(bicep).toMatch(/@secure\(\)\n@description\([^\n]*\)\nparam botAppPassword string/);
    expect(bicep).toMatch(/@secure\(\)\n@description\([^\n]*\)\nparam entraClientSecret string/);
    expect(bicep).toContain('keyVaultReferenceIdentity: identity.id');
  });

  it('serves over HTTPS only with TLS 1.2 or later, in an EU region by default', () => {
    expect(bicep).toContain('httpsOnly: true');
    expect(bicep).toContain("minTlsVersion: '1.2'");
    expect(bicep).toContain("ftpsState: 'Disabled'");
    expect(bicep).toContain("param location string = 'swedencentral'");
    expect(bicep).toContain("healthCheckPath: '/healthz'");
  });

  it('registers a single-tenant Azure Bot with the Teams channel on the product’s endpoint', () => {
    expect(bicep).toContain("msaAppType: 'SingleTenant'");
    expect(bicep).toContain("channelName: 'MsTeamsChannel'");
    expect(bicep).toContain("endpoint: '${publicAddress}/api/messages'");
  });

  it('has a parameter file naming only parameters the template declares', () => {
    const parameters = JSON.parse(read('infra/main.parameters.json')) as {
      parameters: Record<string, unknown>;
    };
    const declared = [...bicep.matchAll(/^param (\w+) /gm)].map((match) => match[1]);
    expect(declared).toEqual(expect.arrayContaining(Object.keys(parameters.parameters)));
  });
});

describe('m365agents.yml (Agents Toolkit)', () => {
  const project = parse(read('m365agents.yml')) as {
    version: string;
    environmentFolderPath: string;
    provision: { uses: string; with: Record<string, unknown> }[];
    deploy: { uses: string }[];
  };

  it('parses, and provisions in the order the toolkit needs', () => {
    expect(project.provision.map((step) => step.uses)).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'botAadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(project.deploy.length).toBeGreaterThan(0);
  });

  it('names files that exist', () => {
    const files = new Set<string>([project.environmentFolderPath]);
    for (const step of project.provision) {
      const { manifestPath, templates } = step.with;
      if (typeof manifestPath === 'string') files.add(manifestPath);
      for (const template of (templates ?? []) as { path: string; parameters: string }[]) {
        files.add(template.path);
        files.add(template.parameters);
      }
    }
    const missing = [...files].filter((file) => !existsSync(path.join(repoRoot, file)));
    expect(missing).toEqual([]);
    expect(files.size).toBeGreaterThanOrEqual(5);
  });

  it('is also found under the Teams Toolkit name', () => {
    expect(read('teamsapp.yml')).toBe(read('m365agents.yml'));
  });
});

describe('committed environment files', () => {
  /** `NAME=value` lines of an env file, comments and blank lines left out. */
  function entries(file: string): { name: string; value: string }[] {
    return read(file)
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
      .map((line) => {
        const at = line.indexOf('=');
        return { name: line.slice(0, at).trim(), value: line.slice(at + 1).trim() };
      });
  }

  it('carry no value (secrets and provisioned ids belong in ignored *.user files)', () => {
    // *.user files are ignored by git (checked below), so a developer's own may lie here.
    const files = readdirSync(path.join(repoRoot, 'env')).filter((name) => !name.endsWith('.user'));
    expect(files).toContain('.env.dev');
    for (const file of files) {
      const environment = file.replace(/^\.env\./, '');
      const valued = entries(`env/${file}`).filter(
        // The environment's own name is the one value the toolkit needs committed.
        (entry) =>
          entry.value !== '' && !(entry.name === 'TEAMSFX_ENV' && entry.value === environment),
      );
      expect({ file, valued }).toEqual({ file, valued: [] });
    }
  });

  it('has every placeholder of the manifests and the parameters defined in env/.env.dev', () => {
    const defined = new Set(entries('env/.env.dev').map((entry) => entry.name));
    const used = new Set<string>();
    for (const file of [
      'appPackage/manifest.json',
      'aad.manifest.json',
      'infra/main.parameters.json',
      'm365agents.yml',
    ]) {
      for (const match of read(file).matchAll(/\$\{\{(\w+)\}\}/g)) used.add(match[1] ?? '');
    }
    // Written by the toolkit itself, or secrets that live only in .env.dev.user.
    const fromToolkit = ['SECRET_BOT_PASSWORD', 'SECRET_ENTRA_CLIENT_SECRET'];
    const missing = [...used].filter((name) => !defined.has(name) && !fromToolkit.includes(name));
    expect(missing).toEqual([]);
  });

  it('keeps *.user files out of git', () => {
    const ignore = read('.gitignore').split('\n');
    expect(ignore).toContain('*.user');
    expect(ignore).toContain('env/*.user');
  });
});
