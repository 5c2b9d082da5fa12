/**
 * The whole product on the SharePoint registry: `start()` with AVVIKELSE_STORE=sharepoint, the
 * Graph clients pointed at the loopback Graph test server (provisioned first, as an operator
 * would), reports filed over HTTP. Covers the composition: the store behind its outbox, the
 * activity feed, and a handler's read of a document on behalf of the user, which SharePoint's
 * own permissions check again.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseRoutingTable } from '../../src/core/routing.js';
import { newCaseActivityType } from '../../src/graph/activityFeed.js';
import { provisionRegistry } from '../../src/graph/provision.js';
import { composeProduct, start, type Started } from '../../src/server/main.js';
import { loadScenario } from '../fixtures/scenarios.js';
import { GraphTestServer } from '../graph/graphTestServer.js';
import { testGraphClient } from '../graph/registryHarness.js';

jest.setTimeout(60_000);

const lexSarahTeam = '4b2f6a10-0000-4000-8000-00000000a001';
const dpoTeam = '4b2f6a10-0000-4000-8000-00000000a002';
const securityTeam = '4b2f6a10-0000-4000-8000-00000000a003';
const officerOid = '4b2f6a10-0000-4000-8000-00000000b001';
const teamsAppId = '4b2f6a10-0000-4000-8000-00000000c001';

const lexSarah = loadScenario('lex-sarah-denied-placement.json');

let server: GraphTestServer;
let product: Started;
let dataDir: string;
/** The routing table with Entra ids: each group its team, the officer named for protected cases. */
let routingFile: string;
/** The delegated token the user client presents: whose read SharePoint trims. */
let onBehalfOf = 'obo-officer';

async function call(
  method: string,
  route: string,
  options: { token?: string; body?: unknown; key?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${product.url}${route}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: type.startsWith('application/json') ? (JSON.parse(text) as unknown) : text,
  };
}

async function token(user: string): Promise<string> {
  const reply = await call('POST', '/dev/token', { body: { user } });
  return (reply.body as { token: string }).token;
}

interface Filed {
  case: { id: string; registrationNumber: string | null; state: string };
}

beforeAll(async () => {
  server = await GraphTestServer.start({
    rootGrants: [{ roles: ['owner'], grantee: { kind: 'siteGroup', id: '3' } }],
    teams: [lexSarahTeam, dpoTeam, securityTeam],
    activityTypes: [newCaseActivityType],
    users: [
      { token: 'obo-officer', objectId: officerOid, groups: [lexSarahTeam] },
      { token: 'obo-outsider', objectId: randomUUID(), groups: [dpoTeam] },
    ],
  });
  dataDir = mkdtempSync(path.join(tmpdir(), 'avvikelse-sharepoint-product-'));
  const table = JSON.parse(readFileSync('config/routing.json', 'utf8')) as {
    groups: Record<string, { entraGroupId: string | null; protectedHandlers: string[] }>;
  };
  const teams: Record<string, string> = {
    lexSarahOfficer: lexSarahTeam,
    dpo: dpoTeam,
    securityCoordinator: securityTeam,
  };
  for (const [key, group] of Object.entries(table.groups)) {
    group.entraGroupId = teams[key] ?? null;
    group.protectedHandlers = [officerOid];
  }
  routingFile = path.join(dataDir, 'routing.json');
  writeFileSync(routingFile, JSON.stringify(table));
  const provisioned = await provisionRegistry({
    client: testGraphClient(server),
    siteId: server.siteId,
    routing: parseRoutingTable(table),
  });
  expect(provisioned.problems).toEqual([]);

  product = await start(
    {
      AVVIKELSE_MODE: 'local',
      AVVIKELSE_STORE: 'sharepoint',
      SHAREPOINT_SITE_ID: server.siteId,
      ENTRA_TENANT_ID: randomUUID(),
      ENTRA_CLIENT_ID: randomUUID(),
      ENTRA_CLIENT_SECRET: 'not used: the test gives its own Graph clients',
      TEAMS_APP_ID: teamsAppId,
      AVVIKELSE_ROUTING_FILE: routingFile,
      AVVIKELSE_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
    },
    {
      compose: (context) =>
        composeProduct(context, {
          appClient: testGraphClient(server),
          userClient: testGraphClient(server, { getToken: () => Promise.resolve(onBehalfOf) }),
          drainIntervalMs: 50,
        }),
      handleSignals: false,
      announce: () => undefined,
    },
  );
});

afterAll(async () => {
  await product.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the product on the SharePoint registry', () => {
  let filed: Filed['case'];

  it('files a report into the registry and tells the routed team', async () => {
    const reporter = await token('u-reporter');
    const reply = await call('POST', '/api/reports', {
      token: reporter,
      key: randomUUID(),
      body: { type: lexSarah.type, answers: lexSarah.answers },
    });
    expect(reply.status).toBe(201);
    filed = (reply.body as Filed).case;
    expect(filed.registrationNumber).toBe(`AMN ${new Date().getFullYear()}-0001-1.3`);
    const folder = server.inspect(
      `Ärenden/lexSarahOfficer/${new Date().getFullYear()}/${filed.id}`,
    );
    // The report as filed, a PDF/A, lies in the case's folder.
    expect(folder?.kind === 'folder' && folder.children.some((n) => n.endsWith('.pdf'))).toBe(true);
    expect(server.notifications().map((n) => n.teamId)).toEqual([lexSarahTeam]);
  });

  it('lets a handler read the report only as far as SharePoint lets them', async () => {
    const officer = await token('u-officer');
    const documents = await call('GET', `/api/cases/${filed.id}/documents`, { token: officer });
    const listed = documents.body as { documents: { id: string; kind: string }[] };
    const report = listed.documents.find((d) => d.kind === 'report');
    expect(report).toBeDefined();
    const route = `/api/cases/${filed.id}/documents/${report?.id ?? ''}`;

    onBehalfOf = 'obo-officer';
    const allowed = await call('GET', route, { token: officer });
    expect(allowed.status).toBe(200);
    expect(String(allowed.body).startsWith('%PDF-')).toBe(true);
    const asOfficer = server.log.filter(
      (entry) => entry.pattern.endsWith('/content') && entry.method === 'GET',
    );
    expect(asOfficer.length).toBeGreaterThan(0);

    // The routing says the officer handles it; SharePoint's grants say this person may not.
    onBehalfOf = 'obo-outsider';
    const refused = await call('GET', route, { token: officer });
    expect(refused.status).toBe(404);
    onBehalfOf = 'obo-officer';
  });

  it('answers 503 and changes nothing while the registry is down', async () => {
    server.setFaults({ failureRate: 1, retryAfterSeconds: 5 });
    const reporter = await token('u-reporter');
    const before = server.listItems(server.libraryListId).length;
    const response = await fetch(`${product.url}/api/reports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${reporter}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ type: lexSarah.type, answers: lexSarah.answers }),
    });
    server.setFaults({});
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    const body = (await response.json()) as { error: { reason: string; message: { sv: string } } };
    expect(body.error.reason).toBe('unavailable');
    expect(body.error.message.sv).toMatch(/^Diariet svarar inte just nu/);
    expect(server.listItems(server.libraryListId)).toHaveLength(before);
  });

  it('keeps a filing the registry cannot take in time, and completes it later', async () => {
    // The registry lists the report's attachments, then throttles every file written, past
    // the retry budget: the filing waits in the outbox.
    server.failNext({ status: 429, retryAfterSeconds: 5, method: 'PUT', times: 6 });
    server.failNext({
      status: 429,
      retryAfterSeconds: 5,
      method: 'PUT',
      scope: 'batchItem',
      times: 6,
    });
    const reporter = await token('u-reporter');
    const reply = await call('POST', '/api/reports', {
      token: reporter,
      key: randomUUID(),
      body: { type: lexSarah.type, answers: lexSarah.answers },
    });
    expect(reply.status).toBe(201);
    const queued = (reply.body as Filed).case;
    expect(queued.registrationNumber).toBeNull();
    // The reporter can follow it while it waits.
    const waiting = await call('GET', `/api/cases/${queued.id}`, {
      token: reporter,
    });
    expect(waiting.status).toBe(200);

    const year = new Date().getFullYear();
    for (let tries = 0; ; tries++) {
      const now = await call('GET', `/api/cases/${queued.id}`, {
        token: reporter,
      });
      const number = (now.body as Filed).case.registrationNumber;
      if (number !== null) {
        expect(number).toBe(`AMN ${year}-0002-1.3`);
        break;
      }
      expect(tries).toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (let tries = 0; ; tries++) {
      const folder = server.inspect(`Ärenden/lexSarahOfficer/${year}/${queued.id}`);
      if (folder?.kind === 'folder' && folder.children.some((n) => n.endsWith('.pdf'))) break;
      expect(tries).toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
});

describe('starting on a registry that is not provisioned', () => {
  it('refuses, naming the setting and what is missing', async () => {
    const bare = await GraphTestServer.start();
    const dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-unprovisioned-'));
    try {
      await expect(
        start(
          {
            AVVIKELSE_STORE: 'sharepoint',
            SHAREPOINT_SITE_ID: bare.siteId,
            ENTRA_TENANT_ID: randomUUID(),
            ENTRA_CLIENT_ID: randomUUID(),
            ENTRA_CLIENT_SECRET: 'unused',
            AVVIKELSE_ROUTING_FILE: routingFile,
            AVVIKELSE_DATA_DIR: dir,
            PORT: '0',
            LOG_LEVEL: 'silent',
          },
          {
            compose: (context) =>
              composeProduct(context, {
                appClient: testGraphClient(bare),
                userClient: testGraphClient(bare),
              }),
            handleSignals: false,
            announce: () => undefined,
          },
        ),
      ).rejects.toMatchObject({
        settings: ['SHAREPOINT_SITE_ID'],
        message: expect.stringContaining('kör npm run provision') as unknown,
      });
    } finally {
      await bare.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
