/**
 * `npm run provision` against a bare site on the Graph test server: it lays the registry out,
 * grants each routed group its folder, says what it changed, changes nothing the second time,
 * and reports what it must not fix by itself. Then the store files cases on what it made, and a
 * protected case is closed to its named handlers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseRoutingTable, type RoutingTable } from '../../src/core/routing.js';
import { provisionRegistry } from '../../src/graph/provision.js';
import { libraryColumns } from '../../src/graph/registryLayout.js';
import { SharePointCaseStore } from '../../src/graph/sharePointStore.js';
import { actors, createCommand, makeCaseRecord } from '../fixtures/cases.js';
import { GraphTestServer, type GrantDefinition } from './graphTestServer.js';
import { testColumn, testGraphClient, testPrincipal } from './registryHarness.js';

const groupIds = {
  lexSarahOfficer: '9a1b0c3d-0000-4000-8000-00000000000a',
  dpo: '9a1b0c3d-0000-4000-8000-00000000000b',
  securityCoordinator: '9a1b0c3d-0000-4000-8000-00000000000c',
};

function routing(entraGroupIds: Record<string, string | null> = groupIds): RoutingTable {
  const group = (key: string) => ({
    name: { sv: key, en: key },
    entraGroupId: entraGroupIds[key] ?? null,
    protectedHandlers: [key === 'dpo' ? actors.dpo.id : actors.officer.id],
  });
  return parseRoutingTable({
    authority: 'Arbetsmarknadsnämnden',
    groups: {
      lexSarahOfficer: group('lexSarahOfficer'),
      dpo: group('dpo'),
      securityCoordinator: group('securityCoordinator'),
    },
    rules: [
      { type: 'lexSarah', group: 'lexSarahOfficer', series: 'AMN', classification: '1.3' },
      { type: 'personalDataBreach', group: 'dpo', series: 'AMN', classification: '1.4' },
      {
        type: 'securityIncident',
        group: 'securityCoordinator',
        series: 'AMN',
        classification: '1.5',
      },
    ],
  });
}

/** A site of its own for the registry: only its owners on the library root. */
const ownersOnly: GrantDefinition[] = [
  { roles: ['owner'], grantee: { kind: 'siteGroup', id: '3', displayName: 'Diarium Owners' } },
];

let server: GraphTestServer;

afterEach(async () => {
  await server.close();
});

function writes(): number {
  return server.log.filter((entry) => entry.method !== 'GET' && entry.pattern !== '/$batch').length;
}

describe('provisioning the registry', () => {
  it('lays out a bare site, then finds nothing to change', async () => {
    server = await GraphTestServer.start({ rootGrants: ownersOnly });
    const client = testGraphClient(server);
    const first = await provisionRegistry({ client, siteId: server.siteId, routing: routing() });

    expect(first.problems).toEqual([]);
    const said = first.changes.map((c) => c.en);
    expect(said).toContain('create the column AvvCaseId (Ärende-id) in Diarium');
    expect(said).toContain('create the list Avvikelse-diarienummer');
    expect(said).toContain('create the folder System/Nycklar');
    expect(said).toContain(
      `restrict Ärenden/lexSarahOfficer to the Entra group ${groupIds.lexSarahOfficer} (edit)`,
    );
    // Every column the store needs exists, with its index, in one library.
    const columns = new Map(server.listColumns(server.libraryListId).map((c) => [c.name, c]));
    for (const column of libraryColumns) {
      expect(columns.get(column.name)).toMatchObject(testColumn(column));
    }
    // Each group's folder is its own scope, granted to its group alone.
    for (const [key, groupId] of Object.entries(groupIds)) {
      expect(server.permissionsOf(`Ärenden/${key}`)).toEqual([
        expect.objectContaining({
          roles: ['write'],
          grantee: expect.objectContaining({ id: groupId }),
        }),
      ]);
      expect(server.permissionsOf(`Ärenden/${key}`)?.[0]?.inheritedFrom).toBeUndefined();
    }
    expect(server.stats().uniqueScopes).toBe(1 + Object.keys(groupIds).length);

    const before = writes();
    const second = await provisionRegistry({ client, siteId: server.siteId, routing: routing() });
    expect(second.changes).toEqual([]);
    expect(second.problems).toEqual([]);
    expect(writes()).toBe(before);
    expect(second.location).toEqual(first.location);
  });

  it('changes nothing in a dry run, and says what it would do', async () => {
    server = await GraphTestServer.start({ rootGrants: ownersOnly });
    const report = await provisionRegistry({
      client: testGraphClient(server),
      siteId: server.siteId,
      routing: routing(),
      dryRun: true,
    });
    expect(report.changes.length).toBeGreaterThan(libraryColumns.length);
    expect(report.changes.every((c) => c.sv.startsWith('Skulle: '))).toBe(true);
    expect(report.location).toBeNull();
    expect(writes()).toBe(0);
  });

  it('reports what it must not fix: an open root, a group without Entra group, a wrong column', async () => {
    server = await GraphTestServer.start({
      // The default site: Members and Visitors on the library root.
      libraryColumns: [{ name: 'AvvVersion', type: 'text' }],
    });
    const report = await provisionRegistry({
      client: testGraphClient(server),
      siteId: server.siteId,
      routing: routing({ ...groupIds, dpo: null }),
    });
    const problems = report.problems.map((p) => p.en).join('\n');
    expect(problems).toMatch(/AvvVersion in Diarium is of type text, not number/);
    expect(problems).toMatch(/routing group dpo has no entraGroupId/);
    expect(problems).toMatch(/library root grants 2 permission\(s\)/);
    // What could be done was done: the other groups' folders are closed.
    expect(server.permissionsOf('Ärenden/lexSarahOfficer')).toHaveLength(1);
    expect(server.permissionsOf('Ärenden/dpo')?.[0]?.inheritedFrom).toBe('');
  });
});

describe('permissions of filed cases', () => {
  /** A provisioned registry, and a store on it (`principalOf` the demo users' object ids). */
  async function provisioned(
    behaviour: { principalOf?: (userId: string) => string } = { principalOf: testPrincipal },
  ): Promise<SharePointCaseStore> {
    server = await GraphTestServer.start({ rootGrants: ownersOnly });
    const client = testGraphClient(server);
    const report = await provisionRegistry({ client, siteId: server.siteId, routing: routing() });
    if (report.location === null) throw new Error('provisioning left no registry');
    return new SharePointCaseStore({
      client,
      ...report.location,
      ...behaviour,
      sleep: () => new Promise((resolve) => setImmediate(resolve)),
    });
  }

  it('closes a protected case to its named handlers and leaves others to their group', async () => {
    const store = await provisioned();
    const open = makeCaseRecord();
    const closed = makeCaseRecord({ protectedIdentity: true, handlers: [actors.officer.id] });
    await store.createCase(createCommand(open));
    await store.createCase(createCommand(closed));

    const openFolder = `Ärenden/lexSarahOfficer/2026/${open.id}`;
    expect(server.permissionsOf(openFolder)).toEqual([
      expect.objectContaining({
        grantee: expect.objectContaining({ id: groupIds.lexSarahOfficer }),
        inheritedFrom: 'Ärenden/lexSarahOfficer',
      }),
    ]);
    const closedFolder = `Ärenden/lexSarahOfficer/2026/${closed.id}`;
    expect(server.permissionsOf(closedFolder)).toEqual([
      {
        id: expect.any(String),
        roles: ['write'],
        grantee: expect.objectContaining({ id: testPrincipal(actors.officer.id) }),
      },
    ]);
    // The reporter's access ended at submission: the service filed it; no grant names them.
    for (const folder of [openFolder, closedFolder]) {
      const ids = server.permissionsOf(folder)?.map((p) => p.grantee.id);
      expect(ids).not.toContain(testPrincipal(actors.reporter.id));
    }
    // A document filed into the protected case inherits its closed scope.
    const ref = await store.putDocument({
      caseId: closed.id,
      kind: 'report',
      name: 'rapport.pdf',
      mediaType: 'application/pdf',
      content: new TextEncoder().encode('%PDF-1.7'),
      createdBy: 'system',
      createdAt: closed.receivedAt,
    });
    expect(server.permissionsOf(`${closedFolder}/${ref.id}-rapport.pdf`)).toEqual([
      expect.objectContaining({ inheritedFrom: closedFolder }),
    ]);
  });

  it('spends one unique scope per protected case and none on the others', async () => {
    const store = await provisioned();
    const cases = Array.from({ length: 60 }, (_, n) =>
      makeCaseRecord(
        n % 20 === 0
          ? { protectedIdentity: true, handlers: [actors.officer.id] }
          : { routedGroup: n % 2 === 0 ? 'lexSarahOfficer' : 'dpo', type: 'lexSarah' },
      ),
    );
    for (const record of cases) await store.createCase(createCommand(record));
    expect(server.stats().uniqueScopes).toBe(1 + 3 + 3);
  });

  it('refuses to file a protected case whose handler is not an Entra object id', async () => {
    // Production's default: the product's user id is the Entra object id.
    const store = await provisioned({});
    const record = makeCaseRecord({ protectedIdentity: true, handlers: ['u-officer'] });
    await expect(store.createCase(createCommand(record))).rejects.toMatchObject({
      reason: 'badRequest',
      code: 'principalNotObjectId',
    });
    expect(await store.getCase(record.id)).toBeNull();
  });
});
