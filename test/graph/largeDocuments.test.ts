/**
 * A document above 10 MiB goes through an upload session in fragments of 320 KiB multiples,
 * and a fragment Graph throttles is sent again; the file comes back byte for byte.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { simpleUploadMaxBytes } from '../../src/graph/driveFiles.js';
import { createCommand, makeCaseRecord } from '../fixtures/cases.js';
import type { GraphTestServer } from './graphTestServer.js';
import { openTestRegistry } from './registryHarness.js';

// 10.5 MiB through a loopback server: a second alone, much more on a busy CI machine.
jest.setTimeout(60_000);

let server: GraphTestServer;
afterEach(async () => {
  await server.close();
});

describe('a large document', () => {
  it('is uploaded in a session, throttled fragments sent again, and read back whole', async () => {
    const opened = await openTestRegistry();
    server = opened.server;
    const { store } = opened;
    const record = makeCaseRecord();
    await store.createCase(createCommand(record));
    const content = randomBytes(simpleUploadMaxBytes + 512 * 1024);
    server.failNext({ status: 503, retryAfterSeconds: 5, pattern: '/_upload/{session}' });
    const before = server.log.length;

    const ref = await store.putDocument({
      caseId: record.id,
      kind: 'attachment',
      name: 'Inspelning av samtal.m4a',
      mediaType: 'audio/mp4',
      content,
      createdBy: 'u-officer',
      createdAt: record.receivedAt,
    });

    const sent = server.log.slice(before);
    expect(sent.filter((e) => e.pattern.endsWith('/createUploadSession'))).toHaveLength(1);
    const fragments = sent.filter((e) => e.pattern === '/_upload/{session}' && e.method === 'PUT');
    // 10.5 MiB in fragments of 10 × 320 KiB (the server refuses a fragment that is not a
    // multiple of 320 KiB): four, plus the one throttled and sent again.
    expect(fragments).toHaveLength(5);
    expect(fragments.filter((e) => e.status === 503)).toHaveLength(1);
    const back = await store.getDocument(record.id, ref.id);
    expect(back?.ref).toEqual(ref);
    expect(Buffer.from(back?.content ?? []).equals(content)).toBe(true);
  });
});
