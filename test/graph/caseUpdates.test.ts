import { afterEach, describe, expect, it } from '@jest/globals';
import { ConflictError } from '../../src/core/errors.js';
import type { CaseEvent, CaseRecord } from '../../src/core/cases.js';
import { openSharePointStore, type SharePointCaseStore } from '../../src/graph/sharePointStore.js';
import type { GraphTestServer } from './graphTestServer.js';
import { createCommand, makeCaseRecord } from '../fixtures/cases.js';
import { openTestRegistry, testGraphClient, testPrincipal } from './registryHarness.js';

/**
 * Changing a case on SharePoint right after reading it (what the service always does): the
 * update writes under the read's eTag instead of reading the case again, and If-Match keeps that
 * safe — a read another server has outdated ends in a conflict, its change kept.
 */

const noted: CaseEvent = {
  kind: 'investigationUpdated',
  at: '2026-03-03T10:00:00+01:00',
  actorId: 'u-x',
  actorName: 'x',
};

let server: GraphTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function registryWithCase(
  overrides: Partial<CaseRecord> = {},
): Promise<{ store: SharePointCaseStore; record: CaseRecord }> {
  const opened = await openTestRegistry();
  server = opened.server;
  const { record } = await opened.store.createCase(createCommand(makeCaseRecord(overrides)));
  return { store: opened.store, record };
}

/** Requests of one method whose pattern ends as given, since the stats were reset. */
function requests(method: string, patternEnd: string): number {
  const byPattern = server?.stats().byPattern ?? {};
  return Object.entries(byPattern)
    .filter(([key]) => key.startsWith(`${method} `) && key.endsWith(patternEnd))
    .reduce((sum, [, count]) => sum + count, 0);
}

describe('updating a case just read', () => {
  it('writes under the read eTag, without reading the case again', async () => {
    const { store, record } = await registryWithCase();
    const read = await store.getCase(record.id);
    if (read === null) throw new Error('the case was not found');
    server?.resetStats();

    const changed = await store.updateCase({
      record: { ...read, title: 'Ändrad rubrik' },
      expectedVersion: read.version,
      events: [noted],
    });

    expect(requests('GET', '/items/{item-id}')).toBe(0);
    expect(requests('PATCH', '/items/{item-id}/fields')).toBe(1);
    expect(changed.version).toBe(read.version + 1);
    expect((await store.getCase(record.id))?.title).toBe('Ändrad rubrik');
  });

  it('reads again when the change expects another version than the one read', async () => {
    const { store, record } = await registryWithCase();
    await store.getCase(record.id);
    await expect(
      store.updateCase({ record, expectedVersion: record.version + 1, events: [noted] }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('ends in a conflict when another server changed the case since the read, keeping its change', async () => {
    const { store, record } = await registryWithCase();
    if (server === undefined) throw new Error('no server');
    const other = await openSharePointStore({
      client: testGraphClient(server),
      siteId: server.siteId,
      principalOf: testPrincipal,
    });
    const read = await store.getCase(record.id);
    if (read === null) throw new Error('the case was not found');
    await other.updateCase({
      record: { ...read, title: 'Den andra serverns ändring' },
      expectedVersion: read.version,
      events: [noted],
    });

    await expect(
      store.updateCase({
        record: { ...read, title: 'Den här serverns ändring' },
        expectedVersion: read.version,
        events: [noted],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getCase(record.id))?.title).toBe('Den andra serverns ändring');
  });

  it('compares with the case as read, whatever the caller did to the record it got', async () => {
    const { store, record } = await registryWithCase({
      protectedIdentity: true,
      handlers: ['u-handler-1'],
    });
    const read = await store.getCase(record.id);
    if (read === null) throw new Error('the case was not found');
    // Changed in place: the store must still see a new handler and open the folder to them.
    read.handlers.push('u-handler-2');
    server?.resetStats();

    await store.updateCase({ record: read, expectedVersion: read.version, events: [noted] });

    expect(requests('POST', '/invite')).toBe(1);
  });
});
