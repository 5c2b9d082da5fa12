/**
 * The "new case" notification through Teams' activity feed, against the Graph test server, which
 * checks the body against Graph's documented shape and the activity types the manifest declares.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseRoutingTable } from '../../src/core/routing.js';
import {
  ActivityFeedNotifier,
  caseDeepLink,
  newCaseActivityType,
} from '../../src/graph/activityFeed.js';
import { actors, makeCaseRecord } from '../fixtures/cases.js';
import { GraphTestServer } from './graphTestServer.js';
import { silentLogger, testGraphClient, testPrincipal } from './registryHarness.js';

const teamId = '7e3a0f52-0000-4000-8000-0000000000aa';
const teamsAppId = '5c1f4f3e-0000-4000-8000-0000000000bb';
const table = JSON.parse(readFileSync('config/routing.json', 'utf8')) as {
  groups: Record<string, { entraGroupId: string | null }>;
};
const lexSarahGroup = table.groups['lexSarahOfficer'];
if (lexSarahGroup === undefined) throw new Error('config/routing.json lacks lexSarahOfficer');
lexSarahGroup.entraGroupId = teamId;
const routing = parseRoutingTable(table);

let server: GraphTestServer;
afterEach(async () => {
  await server.close();
});

async function notifier(): Promise<{ feed: ActivityFeedNotifier; warnings: string[] }> {
  server = await GraphTestServer.start({ teams: [teamId], activityTypes: [newCaseActivityType] });
  const warnings: string[] = [];
  const feed = new ActivityFeedNotifier({
    client: testGraphClient(server),
    routing,
    teamsAppId,
    logger: { ...silentLogger, warn: (_fields, message) => warnings.push(message) },
    principalOf: testPrincipal,
  });
  return { feed, warnings };
}

describe('activity feed notification of a new case', () => {
  it('tells the routed group’s team the type and number, and nothing of the case', async () => {
    const { feed } = await notifier();
    const record = makeCaseRecord({ registrationNumber: 'AMN 2026-0042-1.3' });
    await feed.notifyNewCase(record);
    const [sent] = server.notifications();
    expect(server.notifications()).toHaveLength(1);
    expect(sent?.teamId).toBe(teamId);
    expect(sent?.body).toMatchObject({
      activityType: 'newCase',
      previewText: {
        content:
          'Ny lex Sarah-rapport: AMN 2026-0042-1.3 · New Lex Sarah report: AMN 2026-0042-1.3',
      },
      recipient: { '@odata.type': 'microsoft.graph.teamMembersNotificationRecipient', teamId },
      topic: { source: 'text', webUrl: caseDeepLink(teamsAppId, record.id) },
    });
    const text = JSON.stringify(sent?.body);
    for (const detail of [record.title, record.unit ?? '', 'Beskrivning', record.reporter.name]) {
      expect(text).not.toContain(detail);
    }
  });

  it('tells only the named handlers of a protected case that there is a new case', async () => {
    const { feed } = await notifier();
    const record = makeCaseRecord({
      registrationNumber: 'AMN 2026-0043-1.3',
      protectedIdentity: true,
      handlers: [actors.officer.id, actors.investigator.id],
    });
    await feed.notifyNewCase(record);
    const sent = server.notifications().map((n) => n.body);
    expect(sent.map((body) => body['recipient'])).toEqual([
      {
        '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
        userId: testPrincipal(actors.officer.id),
      },
      {
        '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
        userId: testPrincipal(actors.investigator.id),
      },
    ]);
    for (const body of sent) {
      expect(body['previewText']).toEqual({
        content: 'Ett nytt ärende: AMN 2026-0043-1.3 · A new case: AMN 2026-0043-1.3',
      });
      expect(JSON.stringify(body)).not.toMatch(/sarah/i);
    }
  });

  it('sends nothing for a group without a team, and says so', async () => {
    const { feed, warnings } = await notifier();
    await feed.notifyNewCase(makeCaseRecord({ type: 'personalDataBreach', routedGroup: 'dpo' }));
    expect(server.notifications()).toEqual([]);
    expect(warnings).toEqual(['routed group has no team: no activity feed notification']);
  });

  it('fails with Graph’s reason when the team does not exist', async () => {
    await notifier();
    const moved = parseRoutingTable({
      ...table,
      groups: {
        ...table.groups,
        lexSarahOfficer: { ...lexSarahGroup, entraGroupId: '00000000-0000-4000-8000-000000000000' },
      },
    });
    const elsewhere = new ActivityFeedNotifier({
      client: testGraphClient(server),
      routing: moved,
      teamsAppId,
      logger: silentLogger,
    });
    await expect(elsewhere.notifyNewCase(makeCaseRecord())).rejects.toMatchObject({
      reason: 'notFound',
    });
  });
});
