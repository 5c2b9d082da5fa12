/**
 * The Graph pipeline against the loopback test server: the SDK client with our middleware, from
 * token to fetch, with waits recorded by an injected clock instead of slept.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Logger } from '../../src/core/logger.js';
import { GraphError } from '../../src/graph/errors.js';
import {
  createGraphClient,
  type GraphBatchRequest,
  type GraphClient,
  type GraphClientOptions,
} from '../../src/graph/graphClient.js';
import { encodeDrivePath, encodeSegment, pathPattern } from '../../src/graph/paths.js';
import { GraphTestServer, uploadFragmentUnit } from './graphTestServer.js';

let server: GraphTestServer;
let site: string;
let sleeps: number[];
let logs: { level: string; fields: Record<string, unknown>; message: string }[];
let tokenCalls: number;

const scale = 0.001;

const logger: Logger = {
  info: (fields, message) => logs.push({ level: 'info', fields, message }),
  warn: (fields, message) => logs.push({ level: 'warn', fields, message }),
  error: (fields, message) => logs.push({ level: 'error', fields, message }),
};

function client(options: Partial<GraphClientOptions> = {}): GraphClient {
  let now = 0;
  return createGraphClient({
    getToken: () => {
      tokenCalls++;
      return Promise.resolve('test-token');
    },
    logger,
    delayScale: scale,
    clock: {
      now: () => now,
      sleep: (ms) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
    },
    loopback: { origin: server.origin, hosts: ['graph.microsoft.com', server.sharePointHost] },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('Expected a GraphError.');
}

beforeEach(async () => {
  server = await GraphTestServer.start({
    libraryColumns: [{ name: 'CaseState', type: 'text' }],
  });
  site = `/sites/${encodeSegment(server.siteId)}`;
  sleeps = [];
  logs = [];
  tokenCalls = 0;
});

afterEach(async () => {
  await server.close();
});

describe('auth', () => {
  it('sends the bearer token to Graph, asking for it on every attempt', async () => {
    server.failNext({ status: 503, retryAfterSeconds: 1 });
    const reply = await client().send({ method: 'GET', path: `${site}/drive/root` });
    expect(reply.status).toBe(200);
    expect(tokenCalls).toBe(2);
  });

  it('maps a refused token and a failing token source to unauthorized', async () => {
    const wrongToken = client({ getToken: () => Promise.resolve('expired') });
    const refused = await failure(wrongToken.send({ method: 'GET', path: `${site}/drive/root` }));
    expect(refused.reason).toBe('unauthorized');
    expect(refused.status).toBe(401);
    const noToken = client({ getToken: () => Promise.reject(new Error('AADSTS7000215')) });
    const missing = await failure(noToken.send({ method: 'GET', path: `${site}/drive/root` }));
    expect(missing.reason).toBe('unauthorized');
    expect(missing.status).toBeUndefined();
  });

  it('keeps the token away from pre-authenticated upload URLs', async () => {
    const graph = client();
    const session = await graph.send({
      method: 'POST',
      path: `${site}/drive/root:/${encodeDrivePath('Ärenden/Bilaga.bin')}:/createUploadSession`,
      json: { item: { '@microsoft.graph.conflictBehavior': 'fail' } },
    });
    const uploadUrl = (session.body as { uploadUrl: string }).uploadUrl;
    const content = new Uint8Array(uploadFragmentUnit + 10).fill(3);
    const first = await graph.send({
      method: 'PUT',
      path: uploadUrl,
      headers: { 'Content-Range': `bytes 0-${uploadFragmentUnit - 1}/${content.length}` },
      bytes: content.subarray(0, uploadFragmentUnit),
    });
    expect(first.status).toBe(202);
    const last = await graph.send({
      method: 'PUT',
      path: uploadUrl,
      headers: {
        'Content-Range': `bytes ${uploadFragmentUnit}-${content.length - 1}/${content.length}`,
      },
      bytes: content.subarray(uploadFragmentUnit),
    });
    expect(last.status).toBe(201);
    const stored = server.inspect('Ärenden/Bilaga.bin');
    expect(stored?.kind === 'file' && stored.content.equals(content)).toBe(true);
  });
});

describe('retry', () => {
  it('waits the Retry-After of a 429, scaled, and then succeeds', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 5 });
    const reply = await client().send({ method: 'GET', path: `${site}/drive/root` });
    expect(reply.status).toBe(200);
    expect(sleeps).toEqual([5000 * scale]);
    expect(server.stats().byPattern['GET /sites/{site-id}/drive/root']).toBe(2);
  });

  it('backs off exponentially with jitter when Graph gives no Retry-After', async () => {
    server.failNext({ status: 503, retryAfterSeconds: null, times: 3 });
    await client().send({ method: 'GET', path: `${site}/drive/root` });
    // Equal jitter with random() = 0.5: three quarters of 1 s, 2 s, 4 s.
    expect(sleeps).toEqual([750 * scale, 1500 * scale, 3000 * scale]);
  });

  it('gives up as throttled when the attempts run out', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 1, times: 10 });
    const error = await failure(
      client({ retry: { maxAttempts: 3 } }).send({ method: 'GET', path: `${site}/drive/root` }),
    );
    expect(error.reason).toBe('throttled');
    expect(error.transient).toBe(true);
    expect(error.attempts).toBe(3);
    expect(error.retryAfterMs).toBe(1000);
    expect(sleeps).toHaveLength(2);
    expect(server.stats().requests).toBe(3);
  });

  it('does not start a wait longer than the time budget left', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 120 });
    const error = await failure(client().send({ method: 'GET', path: `${site}/drive/root` }));
    expect(error.reason).toBe('throttled');
    expect(error.attempts).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('maps a 503 outlasting the budget to unavailable', async () => {
    server.failNext({ status: 503, retryAfterSeconds: 1, times: 10 });
    const error = await failure(
      client({ retry: { maxAttempts: 2 } }).send({ method: 'GET', path: `${site}/drive/root` }),
    );
    expect(error.reason).toBe('unavailable');
  });

  it('retries a dropped connection, and calls it network when drops persist', async () => {
    server.dropNext(1);
    const reply = await client().send({ method: 'GET', path: `${site}/drive/root` });
    expect(reply.status).toBe(200);
    expect(sleeps).toHaveLength(1);
    server.dropNext(10);
    const error = await failure(
      client({ retry: { maxAttempts: 3 } }).send({ method: 'GET', path: `${site}/drive/root` }),
    );
    expect(error.reason).toBe('network');
    expect(error.attempts).toBe(3);
  });

  it('does not retry what retrying cannot fix', async () => {
    server.failNext({ status: 403 });
    const error = await failure(client().send({ method: 'GET', path: `${site}/drive/root` }));
    expect(error.reason).toBe('forbidden');
    expect(error.transient).toBe(false);
    expect(sleeps).toEqual([]);
  });
});

describe('error mapping', () => {
  it('maps 409 nameAlreadyExists to conflict and 404 to notFound', async () => {
    const graph = client();
    const create = {
      method: 'POST' as const,
      path: `${site}/drive/root/children`,
      json: { name: 'Ärenden', folder: {}, '@microsoft.graph.conflictBehavior': 'fail' },
    };
    await graph.send(create);
    const conflict = await failure(graph.send(create));
    expect(conflict.reason).toBe('conflict');
    expect(conflict.code).toBe('nameAlreadyExists');
    expect(conflict.requestId).toEqual(expect.any(String));
    const missing = await failure(
      graph.send({ method: 'GET', path: `${site}/drive/root:/${encodeDrivePath('Saknas')}:` }),
    );
    expect(missing.reason).toBe('notFound');
  });

  it('maps a stale If-Match to preconditionFailed', async () => {
    const graph = client();
    await graph.send({
      method: 'POST',
      path: `${site}/drive/root/children`,
      json: { name: 'AMN 2026-0001', folder: {} },
    });
    const fields = `${site}/drive/root:/${encodeDrivePath('AMN 2026-0001')}:/listItem/fields`;
    const before = await graph.send({ method: 'GET', path: fields });
    const etag = String((before.body as Record<string, unknown>)['@odata.etag']);
    const patch = {
      method: 'PATCH' as const,
      path: fields,
      headers: { 'If-Match': etag },
      json: { CaseState: 'registered' },
    };
    await graph.send(patch);
    const stale = await failure(graph.send(patch));
    expect(stale.reason).toBe('preconditionFailed');
    expect(stale.status).toBe(412);
  });

  it('reports an unreadable success body as invalidResponse', async () => {
    const { z } = await import('zod');
    const error = await failure(
      client().json({ method: 'GET', path: `${site}/drive/root` }, z.object({ nope: z.string() })),
    );
    expect(error.reason).toBe('invalidResponse');
  });
});

describe('paths and logs', () => {
  it('gets a path with #, ? and Swedish letters to the server intact', async () => {
    const graph = client();
    const tricky = 'Ärenden/Å #1 ?x ö';
    const missing = await failure(
      graph.send({ method: 'GET', path: `${site}/drive/root:/${encodeDrivePath(tricky)}:` }),
    );
    expect(missing.reason).toBe('notFound');
    expect(server.log.at(-1)?.drivePath).toBe(tricky);

    const name = 'Rapport #1 – åäö (100%).txt';
    await graph.send({
      method: 'PUT',
      path: `${site}/drive/root:/${encodeDrivePath(['Ärenden', name])}:/content`,
      bytes: new TextEncoder().encode('innehåll'),
      contentType: 'text/plain',
    });
    const item = await graph.send({
      method: 'GET',
      path: `${site}/drive/root:/${encodeDrivePath(['Ärenden', name])}:`,
    });
    expect((item.body as { name: string }).name).toBe(name);
    const content = await graph.send({
      method: 'GET',
      path: `${site}/drive/root:/${encodeDrivePath(['Ärenden', name])}:/content`,
    });
    expect(new TextDecoder().decode(content.body as Uint8Array)).toBe('innehåll');
  });

  it('logs path patterns, never the names in paths', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 1 });
    await failure(
      client().send({
        method: 'GET',
        path: `${site}/drive/root:/${encodeDrivePath('Anna Svensson')}:`,
      }),
    );
    expect(logs.length).toBeGreaterThan(0);
    expect(logs[0]?.fields['pattern']).toBe('/sites/{id}/drive/root:/{path}:');
    expect(JSON.stringify(logs)).not.toContain('Anna');
    expect(JSON.stringify(logs)).not.toContain(server.siteId);
  });

  it('makes patterns of URLs and paths alike', () => {
    expect(
      pathPattern('https://graph.microsoft.com/v1.0/sites/x/lists/Counters/items/7/fields'),
    ).toBe('/sites/{id}/lists/{id}/items/{id}/fields');
    expect(pathPattern('/sites/x/drives/y/items/z:/Kalle%20A.pdf:/content')).toBe(
      '/sites/{id}/drives/{id}/items/{id}:/{path}:/content',
    );
    expect(pathPattern('https://contoso.sharepoint.com/_api/upload?tempauth=secret')).toBe(
      '{preauthenticated}',
    );
  });
});

describe('batch', () => {
  const folder = (i: number): GraphBatchRequest => ({
    id: String(i),
    method: 'POST',
    url: `${site}/drive/root/children`,
    headers: { 'Content-Type': 'application/json' },
    body: { name: `Mapp ${i}`, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' },
  });

  /** The sub-request ids of each `$batch` envelope the server saw, in order. */
  function envelopes(): string[][] {
    const groups: string[][] = [];
    for (const entry of server.log) {
      if (!entry.batched) groups.push([]);
      else groups.at(-1)?.push(entry.batchItemId ?? '');
    }
    return groups;
  }

  it('splits 45 requests 20/20/5 and re-sends only the throttled ones', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 2, scope: 'batchItem', times: 3 });
    const requests = Array.from({ length: 45 }, (_, i) => folder(i));
    const results = await client().batch(requests);
    expect(results.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    expect(results.every((r) => r.ok && r.status === 201)).toBe(true);
    const throttled = server.log
      .filter((entry) => entry.injected === 'failure')
      .map((entry) => entry.batchItemId);
    expect(throttled).toHaveLength(3);
    expect(envelopes().map((ids) => ids.length)).toEqual([20, 3, 20, 5]);
    expect(envelopes()[1]?.sort()).toEqual([...throttled].sort());
    expect(sleeps).toEqual([2000 * scale]);
    expect(server.inspect('')).toMatchObject({ kind: 'folder' });
    const root = server.inspect('');
    expect(root?.kind === 'folder' ? root.children.length : 0).toBe(45);
  });

  it('creates every folder exactly once at a 30 % sub-request failure rate', async () => {
    server.setFaults({ batchItemFailureRate: 0.3, seed: 7 });
    const results = await client({ retry: { maxAttempts: 20 } }).batch(
      Array.from({ length: 45 }, (_, i) => folder(i)),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const root = server.inspect('');
    expect(root?.kind === 'folder' ? root.children.length : 0).toBe(45);
    expect(server.stats().injectedFailures).toBeGreaterThan(0);
  });

  it('gives each request its own outcome, throttled when the budget runs out', async () => {
    server.failNext({
      status: 429,
      retryAfterSeconds: 1,
      scope: 'batchItem',
      times: 100,
      pattern: '/sites/{site-id}/drive/root:/{path}:',
    });
    const results = await client({ retry: { maxAttempts: 2 } }).batch([
      folder(1),
      folder(1 + 100),
      { id: 'get', method: 'GET', url: `${site}/drive/root:/${encodeDrivePath('Mapp 1')}:` },
      { ...folder(1), id: 'again' },
    ]);
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('1')?.ok).toBe(true);
    const get = byId.get('get');
    expect(get?.ok === false && get.error.reason).toBe('throttled');
    const again = byId.get('again');
    expect(again?.ok === false && again.error.reason).toBe('conflict');
  });

  it('re-sends a request that failed only because its dependency was throttled', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 1, scope: 'batchItem', method: 'POST' });
    const results = await client().batch([
      folder(1),
      {
        id: 'read',
        method: 'GET',
        url: `${site}/drive/root:/${encodeDrivePath('Mapp 1')}:`,
        dependsOn: ['1'],
      },
    ]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['1', 201],
      ['read', 200],
    ]);
    expect(envelopes().map((ids) => ids.sort())).toEqual([
      ['1', 'read'],
      ['1', 'read'],
    ]);
  });

  it('sends a file base64 encoded and reads the base64 answer Graph gives to it', async () => {
    const content = new TextEncoder().encode('Åtgärdsplan — bilaga 1\n');
    const results = await client().batch([
      {
        id: 'file',
        method: 'PUT',
        url: `${site}/drive/root:/Bilaga%201.txt:/content`,
        bytes: content,
        contentType: 'text/plain',
      },
      {
        id: 'fields',
        method: 'PATCH',
        url: `${site}/drive/root:/Bilaga%201.txt:/listItem/fields`,
        body: { Title: 'Bilaga 1' },
        dependsOn: ['file'],
      },
    ]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['file', 201],
      ['fields', 200],
    ]);
    expect(results[0]?.ok === true ? results[0].body : null).toMatchObject({
      name: 'Bilaga 1.txt',
      size: content.byteLength,
    });
    expect(server.inspect('Bilaga 1.txt')).toMatchObject({
      kind: 'file',
      content: Buffer.from(content),
      fields: { Title: 'Bilaga 1' },
    });
  });

  it('refuses dependencies that would cross a group of 20', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => folder(i));
    const last = requests[20];
    if (last !== undefined) last.dependsOn = ['0'];
    await expect(client().batch(requests)).rejects.toBeInstanceOf(TypeError);
  });
});
