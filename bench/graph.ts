/**
 * The SharePoint registry's cost in Microsoft Graph requests: a filing through the real case
 * service and the SharePoint adapter against the loopback Graph test server, with `$batch` and
 * one request at a time; the wall time of a filing when each request takes 20 ms (a round trip
 * to Microsoft's EU data centres); and 200 filings from 20 clients at a 30 % failure rate.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Actor } from '../src/core/access.js';
import { StoreUnavailableError } from '../src/core/errors.js';
import type { Logger } from '../src/core/logger.js';
import { parseRoutingTable } from '../src/core/routing.js';
import { CaseService } from '../src/core/service.js';
import { GraphError } from '../src/graph/errors.js';
import { openSharePointStore, type SharePointCaseStore } from '../src/graph/sharePointStore.js';
import { OutboxCaseStore } from '../src/store/outbox.js';
import { lexSarahReport as report } from './report.js';
import { GraphTestServer } from '../test/graph/graphTestServer.js';
import {
  registryServerOptions,
  testGraphClient,
  testPrincipal,
} from '../test/graph/registryHarness.js';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const reporter: Actor = {
  id: 'u-reporter',
  name: 'Jonas Quist',
  title: 'Coach',
  roles: ['reporter'],
  groups: [],
};
const routing = parseRoutingTable(JSON.parse(readFileSync('config/routing.json', 'utf8')));

type Emit = (result: Record<string, unknown>) => void;

interface Registry {
  server: GraphTestServer;
  store: SharePointCaseStore;
  service: CaseService;
}

async function registry(batching: boolean, latencyMs = 0): Promise<Registry> {
  const server = await GraphTestServer.start(registryServerOptions());
  const store = await openSharePointStore({
    client: testGraphClient(server),
    siteId: server.siteId,
    principalOf: testPrincipal,
    batching,
  });
  server.setFaults({ latencyMs });
  return { server, store, service: new CaseService({ store, routing, logger: silent }) };
}

/** HTTP requests and batched sub-requests the server saw while `work` ran. */
async function counted(
  server: GraphTestServer,
  work: () => Promise<unknown>,
): Promise<{ requests: number; subRequests: number }> {
  const before = server.stats();
  await work();
  const after = server.stats();
  return {
    requests: after.requests - before.requests,
    subRequests: after.batchedRequests - before.batchedRequests,
  };
}

async function requestsPerFiling(emit: Emit): Promise<void> {
  const runs = 10;
  const attachments = 3;
  for (const batching of [true, false]) {
    const { server, service } = await registry(batching);
    // The first filing makes the group and year folders; the others show the steady state.
    await service.submitReport(reporter, { report, idempotencyKey: 'bench-graph-warm' });
    let plain = { requests: 0, subRequests: 0 };
    let withFiles = { requests: 0, subRequests: 0 };
    let uploads = { requests: 0, subRequests: 0 };
    for (let i = 0; i < runs; i++) {
      const key = `bench-graph-${String(i)}`;
      const one = await counted(server, () =>
        service.submitReport(reporter, { report, idempotencyKey: `${key}-plain` }),
      );
      const sent = await counted(server, async () => {
        for (let n = 0; n < attachments; n++) {
          await service.addDraftAttachment(reporter, {
            idempotencyKey: `${key}-files`,
            name: `bilaga-${String(n)}.txt`,
            content: new TextEncoder().encode(`Bilaga ${String(n)} till rapporten.\n`),
          });
        }
      });
      const filed = await counted(server, () =>
        service.submitReport(reporter, { report, idempotencyKey: `${key}-files` }),
      );
      plain = add(plain, one);
      uploads = add(uploads, sent);
      withFiles = add(withFiles, filed);
    }
    emit({
      name: `graph.filing.${batching ? 'batched' : 'unbatched'}`,
      unit: 'Graph HTTP requests per filing',
      description:
        'file a Lex Sarah report: journal, folder, columns, number, report PDF (the group and year folders exist)',
      runs,
      requests: plain.requests / runs,
      subRequests: plain.subRequests / runs,
      withAttachments: {
        attachments,
        requests: withFiles.requests / runs,
        subRequests: withFiles.subRequests / runs,
        uploadRequestsBefore: uploads.requests / runs,
      },
    });
    await server.close();
  }
}

function add(
  a: { requests: number; subRequests: number },
  b: { requests: number; subRequests: number },
): { requests: number; subRequests: number } {
  return { requests: a.requests + b.requests, subRequests: a.subRequests + b.subRequests };
}

async function filingTimeAtLatency(emit: Emit): Promise<void> {
  const latencyMs = 20;
  const runs = 10;
  for (const batching of [true, false]) {
    const { server, service } = await registry(batching, latencyMs);
    await service.submitReport(reporter, { report, idempotencyKey: 'bench-latency-warm' });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await service.submitReport(reporter, {
        report,
        idempotencyKey: `bench-latency-${String(i)}`,
      });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    emit({
      name: `graph.filingTime.${batching ? 'batched' : 'unbatched'}`,
      unit: 'ms',
      description: `one filing with the report PDF when each Graph request takes ${String(latencyMs)} ms`,
      runs,
      p50: Math.round(times[Math.floor(runs / 2)] ?? 0),
      max: Math.round(times[runs - 1] ?? 0),
    });
    await server.close();
  }
}

async function filingsUnderFaults(emit: Emit): Promise<void> {
  const server = await GraphTestServer.start(registryServerOptions());
  const dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-bench-outbox-'));
  const isTransient = (error: unknown): boolean => error instanceof GraphError && error.transient;
  server.setFaults({
    failureRate: 0.3,
    retryAfterSeconds: 5,
    dropRate: 0.02,
    dropAfterHandling: true,
    seed: 20261203,
  });
  const clients = await Promise.all(
    Array.from({ length: 20 }, async (_, index) => {
      for (;;) {
        try {
          const store = await openSharePointStore({
            client: testGraphClient(server),
            siteId: server.siteId,
            principalOf: testPrincipal,
          });
          const outbox = new OutboxCaseStore(store, {
            file: path.join(dir, `outbox-${String(index)}.sqlite`),
            isTransient,
            logger: silent,
          });
          return { outbox, service: new CaseService({ store: outbox, routing, logger: silent }) };
        } catch (error) {
          if (!isTransient(error)) throw error;
        }
      }
    }),
  );
  const start = performance.now();
  let queuedAtOnce = 0;
  await Promise.all(
    clients.map(async ({ service }, c) => {
      for (let n = 0; n < 10; n++) {
        const key = `bench-fault-${String(c)}-${String(n)}`;
        for (;;) {
          try {
            const { record } = await service.submitReport(reporter, {
              report,
              idempotencyKey: key,
            });
            if (record.registrationNumber === null) queuedAtOnce++;
            break;
          } catch (error) {
            // A 503 before anything was written (listing the attachments): the client retries.
            if (!(error instanceof StoreUnavailableError)) throw error;
          }
        }
      }
    }),
  );
  while (clients.some(({ outbox }) => outbox.queued() > 0)) {
    await Promise.all(clients.map(({ outbox }) => outbox.drain()));
  }
  // One process completes the PDFs of filings that waited, as one server does after a drain.
  const completer = clients[0]?.service;
  for (let round = 0; completer !== undefined && round < 50; round++) {
    try {
      if ((await completer.completePendingDocuments()) === 0) break;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const stats = server.stats();
  emit({
    name: 'graph.filing.faults',
    unit: 'Graph HTTP requests per filing',
    description:
      '200 filings with their PDFs from 20 clients, 30 % of requests failed (429/503, Retry-After 5 s scaled to 5 ms), 2 % dropped after Graph acted',
    runs: 200,
    requests: Math.round((stats.requests / 200) * 10) / 10,
    injectedFailures: stats.injectedFailures,
    droppedConnections: stats.droppedConnections,
    queuedInOutbox: queuedAtOnce,
    seconds: Math.round(seconds * 10) / 10,
  });
  await Promise.all(clients.map(({ outbox }) => outbox.close()));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the Graph benchmarks. */
export async function benchGraph(emit: Emit): Promise<void> {
  await requestsPerFiling(emit);
  await filingTimeAtLatency(emit);
  await filingsUnderFaults(emit);
}
