/**
 * `npm run provision` as an operator runs it: the settings from the environment, the routing
 * file, lines printed in Swedish and English, and an exit status scripts can act on.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/server/config.js';
import { runProvision } from '../../src/server/provision.js';
import { GraphTestServer } from '../graph/graphTestServer.js';
import { testGraphClient } from '../graph/registryHarness.js';

let server: GraphTestServer;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  server = await GraphTestServer.start({
    rootGrants: [{ roles: ['owner'], grantee: { kind: 'siteGroup', id: '3' } }],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-provision-'));
  const table = JSON.parse(readFileSync('config/routing.json', 'utf8')) as {
    groups: Record<string, { entraGroupId: string | null; protectedHandlers: string[] }>;
  };
  for (const group of Object.values(table.groups)) {
    group.entraGroupId = randomUUID();
    group.protectedHandlers = [randomUUID()];
  }
  writeFileSync(path.join(dir, 'routing.json'), JSON.stringify(table));
  env = {
    AVVIKELSE_STORE: 'sharepoint',
    SHAREPOINT_SITE_ID: server.siteId,
    ENTRA_TENANT_ID: randomUUID(),
    ENTRA_CLIENT_ID: randomUUID(),
    ENTRA_CLIENT_SECRET: 'unused: the test gives its Graph client',
    AVVIKELSE_ROUTING_FILE: path.join(dir, 'routing.json'),
  };
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function provision(...argv: string[]): Promise<{ status: number; output: string[] }> {
  const output: string[] = [];
  const status = await runProvision(argv, env, {
    out: (line) => output.push(line),
    client: testGraphClient(server),
  });
  return { status, output };
}

describe('npm run provision', () => {
  it('checks, provisions, and then finds nothing to change', async () => {
    const check = await provision('--check');
    expect(check.status).toBe(1);
    expect(check.output[0]).toMatch(/^Granskar diariet på \/ Checking the registry on /);
    expect(check.output[1]).toMatch(/^\d+ ändringar behövs \/ changes are needed:$/);
    expect(check.output).toContain('  - Skulle: skapa listan Avvikelse-diarienummer');
    expect(check.output).toContain('    Would: create the list Avvikelse-diarienummer');

    const made = await provision();
    expect(made.status).toBe(0);
    expect(made.output).toContain('  - skapa mappen Ärenden/dpo');

    const again = await provision('--check');
    expect(again).toEqual({
      status: 0,
      output: [
        `Granskar diariet på / Checking the registry on ${server.siteId} …`,
        'Inget att ändra. / Nothing to change.',
      ],
    });
  });

  it('exits 1 with what to fix by hand', async () => {
    const table = JSON.parse(readFileSync(path.join(dir, 'routing.json'), 'utf8')) as {
      groups: Record<string, { entraGroupId: string | null }>;
    };
    const dpo = table.groups['dpo'];
    if (dpo !== undefined) dpo.entraGroupId = null;
    writeFileSync(path.join(dir, 'routing.json'), JSON.stringify(table));
    const { status, output } = await provision();
    expect(status).toBe(1);
    expect(output).toContain('Att åtgärda för hand / To fix by hand (1):');
  });

  it('refuses without the SharePoint settings, naming them', async () => {
    await expect(
      runProvision(
        [],
        { AVVIKELSE_ROUTING_FILE: env['AVVIKELSE_ROUTING_FILE'] },
        { out: () => undefined },
      ),
    ).rejects.toMatchObject({ settings: ['AVVIKELSE_STORE'] });
    await expect(
      runProvision([], { ...env, SHAREPOINT_SITE_ID: undefined }, { out: () => undefined }),
    ).rejects.toBeInstanceOf(ConfigError);
    const wrong = await provision('--force');
    expect(wrong.status).toBe(2);
  });
});
