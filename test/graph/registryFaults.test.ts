/**
 * The registry under Dev Proxy-style faults: 30 % of Graph requests answered 429/503 with
 * Retry-After (5 s, scaled to 5 ms), some connections dropped after Graph acted on them. 20
 * clients (each its own process in production: own Graph client, store and outbox) file 200
 * reports at once. Every filing must end up in the registry exactly once, numbered without gaps,
 * with its report document — through retries, the journal and the outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { visibilityFilter } from '../../src/core/access.js';
import type { CaseRecord } from '../../src/core/cases.js';
import { reportDocumentId } from '../../src/core/service.js';
import { GraphError } from '../../src/graph/errors.js';
import { openSharePointStore, type SharePointCaseStore } from '../../src/graph/sharePointStore.js';
import { OutboxCaseStore } from '../../src/store/outbox.js';
import { actors, createCommand, makeCaseRecord } from '../fixtures/cases.js';
import type { GraphTestServer } from './graphTestServer.js';
import { openTestRegistry, silentLogger, testGraphClient } from './registryHarness.js';

const clients = 20;
const filingsPerClient = 10;

let server: GraphTestServer;
let dir: string;

beforeEach(async () => {
  ({ server } = await openTestRegistry());
  dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-outbox-'));
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const isTransient = (error: unknown): boolean => error instanceof GraphError && error.transient;

async function client(
  index: number,
): Promise<{ store: SharePointCaseStore; outbox: OutboxCaseStore }> {
  // Opening may meet faults too; a process would simply start again.
  for (;;) {
    try {
      const store = await openSharePointStore({
        client: testGraphClient(server),
        siteId: server.siteId,
        sleep: () => new Promise((resolve) => setImmediate(resolve)),
      });
      const outbox = new OutboxCaseStore(store, {
        file: path.join(dir, `outbox-${String(index)}.db`),
        isTransient,
        logger: silentLogger,
      });
      return { store, outbox };
    } catch (error) {
      if (!isTransient(error)) throw error;
    }
  }
}

function reportBytes(record: CaseRecord): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7 rapport ${record.id}`);
}

describe('200 filings from 20 clients at a 30 % failure rate', () => {
  it('all complete: no duplicate, no gap, no lost document', async () => {
    server.setFaults({
      failureRate: 0.3,
      retryAfterSeconds: 5,
      dropRate: 0.02,
      dropAfterHandling: true,
      seed: 20261125,
    });
    const records: CaseRecord[] = [];
    const opened = await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
    /** Cases whose report document is still to store (the service's completePendingDocuments). */
    const documentsDue = new Map<string, { record: CaseRecord; store: SharePointCaseStore }>();
    let queuedAtOnce = 0;

    await Promise.all(
      opened.map(async ({ store, outbox }) => {
        for (let n = 0; n < filingsPerClient; n++) {
          const record = makeCaseRecord({ title: `Rapport ${String(records.length)}` });
          records.push(record);
          const result = await outbox.createCase(createCommand(record, { key: record.id }));
          if (result.record.registrationNumber === null) queuedAtOnce++;
          documentsDue.set(record.id, { record, store });
        }
      }),
    );

    // The outboxes drain while faults go on, until every filing is through.
    for (let round = 0; opened.some(({ outbox }) => outbox.queued() > 0); round++) {
      expect(round).toBeLessThan(50);
      await Promise.all(opened.map(({ outbox }) => outbox.drain()));
    }
    for (let round = 0; documentsDue.size > 0; round++) {
      expect(round).toBeLessThan(50);
      await Promise.all(
        [...documentsDue.values()].map(async ({ record, store }) => {
          try {
            await store.putDocument({
              // As the service stores a report: under an id of its own, so a retry after an
              // answer that was lost finds the document instead of adding a second.
              id: reportDocumentId(record.id),
              caseId: record.id,
              kind: 'report',
              name: 'rapport.pdf',
              mediaType: 'application/pdf',
              content: reportBytes(record),
              createdBy: 'system',
              createdAt: record.receivedAt,
            });
            documentsDue.delete(record.id);
          } catch (error) {
            if (!isTransient(error)) throw error;
          }
        }),
      );
    }

    const stats = server.stats();
    server.setFaults({});
    const check = await openSharePointStore({
      client: testGraphClient(server),
      siteId: server.siteId,
    });
    const page = await check.listCases({
      visibility: visibilityFilter(actors.registrar),
      limit: 1000,
    });
    expect(page.total).toBe(clients * filingsPerClient);
    expect(new Set(page.items.map((r) => r.id))).toEqual(new Set(records.map((r) => r.id)));
    const sequences = page.items
      .map((r) => Number(/^AMN 2026-(\d{4})-1\.3$/.exec(r.registrationNumber ?? '')?.[1]))
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await check.lastSequence('AMN', 2026)).toBe(200);
    for (const record of records) {
      const documents = await check.listDocuments(record.id);
      expect(documents).toHaveLength(1);
      const stored = await check.getDocument(record.id, documents[0]?.id ?? '');
      expect(Buffer.from(stored?.content ?? []).equals(Buffer.from(reportBytes(record)))).toBe(
        true,
      );
    }
    // The faults were real: many failures and drops, and some filings had to wait in an outbox.
    expect(stats.injectedFailures).toBeGreaterThan(500);
    expect(stats.droppedConnections).toBeGreaterThan(20);
    expect(queuedAtOnce).toBeGreaterThan(0);
    await Promise.all(opened.map(({ outbox }) => outbox.close()));
  }, 120_000);
});
