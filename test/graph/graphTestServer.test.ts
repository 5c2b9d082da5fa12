/**
 * The Graph test server on its own, spoken to with plain fetch: it must hold clients to Graph's
 * rules (auth, paths, methods, bodies, eTags, names, batch and upload limits) and inject faults
 * reproducibly, or the store's tests against it prove nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  GraphTestServer,
  maxBatchRequests,
  nonIndexedQueryPreference,
  uploadFragmentUnit,
} from './graphTestServer.js';

let server: GraphTestServer;
let site: string;

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(
  method: string,
  path: string,
  options: {
    token?: string | null;
    json?: unknown;
    raw?: string | Buffer;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? 'test-token' : options.token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  let body: string | Buffer | undefined = options.raw;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = 'application/json';
  }
  const url = path.startsWith('http') ? path : `${server.origin}/v1.0${path}`;
  const response = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
    parsed = JSON.parse(text) as unknown;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

function errorCode(answer: Answer): unknown {
  return (answer.body as { error?: { code?: unknown } }).error?.code;
}

function field(answer: Answer, name: string): unknown {
  return (answer.body as Record<string, unknown>)[name];
}

beforeEach(async () => {
  server = await GraphTestServer.start({
    libraryColumns: [
      { name: 'RegistrationNumber', type: 'text', indexed: true },
      { name: 'CaseState', type: 'text' },
      { name: 'Protected', type: 'boolean' },
    ],
    lists: [
      {
        name: 'Counters',
        columns: [
          { name: 'Series', type: 'text', indexed: true },
          { name: 'Last', type: 'number' },
        ],
      },
    ],
  });
  site = `/sites/${encodeURIComponent(server.siteId)}`;
});

afterEach(async () => {
  await server.close();
});

describe('refusals with Graph error bodies', () => {
  it('refuses a missing or unknown bearer token with 401', async () => {
    const missing = await call('GET', `${site}/drive/root`, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: {
        code: 'InvalidAuthenticationToken',
        message: expect.any(String),
        innerError: {
          date: expect.any(String),
          'request-id': expect.any(String),
        },
      },
    });
    const wrong = await call('GET', `${site}/drive/root`, { token: 'stolen' });
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong)).toBe('InvalidAuthenticationToken');
  });

  it('answers unknown paths and items 404 itemNotFound, wrong methods 405', async () => {
    expect(errorCode(await call('GET', '/no/such/thing'))).toBe('itemNotFound');
    expect((await call('GET', `/sites/other-site/drive/root`)).status).toBe(404);
    const missing = await call('GET', `${site}/drive/root:/Ärenden/saknas:`);
    expect(missing.status).toBe(404);
    expect(errorCode(missing)).toBe('itemNotFound');
    const wrongMethod = await call('PATCH', `${site}/drive/root/children`, { json: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expect((await call('GET', `/beta${site}`)).status).toBe(404);
  });

  it('refuses malformed JSON, a body not sent as JSON and a body of the wrong shape', async () => {
    const malformed = await call('POST', `${site}/drive/root/children`, {
      raw: '{"name": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(errorCode(malformed)).toBe('invalidRequest');
    const notJson = await call('POST', `${site}/drive/root/children`, {
      raw: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(notJson.status).toBe(415);
    const shape = await call('POST', `${site}/drive/root/children`, { json: { name: 42 } });
    expect(shape.status).toBe(400);
  });
});

describe('the document library', () => {
  it('creates folders, and answers a taken name by conflict behaviour', async () => {
    const folder = { name: 'Ärenden', folder: {}, '@microsoft.graph.conflictBehavior': 'fail' };
    const created = await call('POST', `${site}/drive/root/children`, { json: folder });
    expect(created.status).toBe(201);
    expect(field(created, 'folder')).toEqual({ childCount: 0 });
    const again = await call('POST', `${site}/drive/root/children`, {
      json: { ...folder, name: 'ärenden' },
    });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('nameAlreadyExists');
    const renamed = await call('POST', `${site}/drive/root/children`, {
      json: { ...folder, '@microsoft.graph.conflictBehavior': 'rename' },
    });
    expect(field(renamed, 'name')).toBe('Ärenden 1');
    const replaced = await call('POST', `${site}/drive/root/children`, {
      json: { ...folder, '@microsoft.graph.conflictBehavior': 'replace' },
    });
    expect(replaced.status).toBe(200);
    expect(field(replaced, 'id')).toBe(field(created, 'id'));
    const id = String(field(created, 'id'));
    const child = await call('POST', `${site}/drives/${server.driveId}/items/${id}/children`, {
      json: { name: '2026', folder: {} },
    });
    expect(child.status).toBe(201);
    expect(server.inspect('Ärenden')).toMatchObject({ kind: 'folder', children: ['2026'] });
  });

  it('refuses names SharePoint forbids', async () => {
    for (const name of ['a?b', 'a:b', ' lead', 'trail.', 'CON', '~$lock', '']) {
      const answer = await call('POST', `${site}/drive/root/children`, {
        json: { name, folder: {} },
      });
      expect([name, answer.status]).toEqual([name, 400]);
    }
  });

  it('uploads by path, creating folders, and serves the content through a redirect', async () => {
    const path = `${site}/drive/root:/${encodeURIComponent('Ärenden')}/${encodeURIComponent('Rapport #1 å.pdf')}:/content`;
    const put = await call('PUT', path, {
      raw: Buffer.from('%PDF-1.7 åäö'),
      headers: { 'Content-Type': 'application/pdf' },
    });
    expect(put.status).toBe(201);
    expect(field(put, 'file')).toEqual({ mimeType: 'application/pdf' });
    const failed = await call('PUT', `${path}?@microsoft.graph.conflictBehavior=fail`, {
      raw: Buffer.from('x'),
    });
    expect(failed.status).toBe(409);
    const redirect = await call('GET', path);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(new URL(location).hostname).toBe(server.sharePointHost);
    const download = await fetch(server.loopbackUrl(location));
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('%PDF-1.7 åäö');
    expect(server.log.at(-2)?.drivePath).toBe('Ärenden/Rapport #1 å.pdf');
  });

  it('takes large files in ordered 320 KiB-multiple fragments through an upload session', async () => {
    const session = await call(
      'POST',
      `${site}/drive/root:/${encodeURIComponent('Bilaga.bin')}:/createUploadSession`,
      { json: { item: { '@microsoft.graph.conflictBehavior': 'fail' } } },
    );
    expect(session.status).toBe(200);
    expect(field(session, 'nextExpectedRanges')).toEqual(['0-']);
    const uploadUrl = server.loopbackUrl(String(field(session, 'uploadUrl')));
    const content = Buffer.alloc(uploadFragmentUnit * 2 + 1000, 7);
    const put = (start: number, end: number, token: string | null = null): Promise<Answer> =>
      call('PUT', uploadUrl, {
        token,
        raw: content.subarray(start, end + 1),
        headers: { 'Content-Range': `bytes ${start}-${end}/${content.length}` },
      });
    expect((await put(0, uploadFragmentUnit - 1, 'test-token')).status).toBe(401);
    expect((await put(0, 999)).status).toBe(400);
    expect((await put(uploadFragmentUnit, uploadFragmentUnit * 2 - 1)).status).toBe(416);
    const first = await put(0, uploadFragmentUnit - 1);
    expect(first.status).toBe(202);
    expect(field(first, 'nextExpectedRanges')).toEqual([
      `${uploadFragmentUnit}-${content.length - 1}`,
    ]);
    const repeated = await put(0, uploadFragmentUnit - 1);
    expect(repeated.status).toBe(416);
    expect(field(repeated, 'nextExpectedRanges')).toEqual([
      `${uploadFragmentUnit}-${content.length - 1}`,
    ]);
    expect((await put(uploadFragmentUnit, uploadFragmentUnit * 2 - 1)).status).toBe(202);
    const last = await put(uploadFragmentUnit * 2, content.length - 1);
    expect(last.status).toBe(201);
    expect(field(last, 'size')).toBe(content.length);
    const stored = server.inspect('Bilaga.bin');
    expect(stored?.kind === 'file' && stored.content.equals(content)).toBe(true);
    const taken = await call(
      'POST',
      `${site}/drive/root:/${encodeURIComponent('Bilaga.bin')}:/createUploadSession`,
      { json: { item: { '@microsoft.graph.conflictBehavior': 'fail' } } },
    );
    expect(taken.status).toBe(409);
  });
});

describe('list items and eTags', () => {
  it('patches a folder’s columns under If-Match and refuses a stale eTag with 412', async () => {
    await call('POST', `${site}/drive/root/children`, {
      json: { name: 'AMN 2026-0001', folder: {} },
    });
    const fieldsPath = `${site}/drive/root:/${encodeURIComponent('AMN 2026-0001')}:/listItem/fields`;
    const before = await call('GET', fieldsPath);
    const etag = String(field(before, '@odata.etag'));
    const patched = await call('PATCH', fieldsPath, {
      json: { RegistrationNumber: 'AMN 2026-0001', Protected: false },
      headers: { 'If-Match': etag },
    });
    expect(patched.status).toBe(200);
    expect(field(patched, 'RegistrationNumber')).toBe('AMN 2026-0001');
    expect(field(patched, '@odata.etag')).not.toBe(etag);
    const stale = await call('PATCH', fieldsPath, {
      json: { CaseState: 'closed' },
      headers: { 'If-Match': etag },
    });
    expect(stale.status).toBe(412);
    expect(errorCode(stale)).toBe('preconditionFailed');
    const unknown = await call('PATCH', fieldsPath, { json: { Nope: 'x' } });
    expect(unknown.status).toBe(400);
    const wrongType = await call('PATCH', fieldsPath, { json: { Protected: 'yes' } });
    expect(wrongType.status).toBe(400);
    expect(server.inspect('AMN 2026-0001')?.fields).toMatchObject({ Protected: false });
  });

  it('creates and queries list items, holding non-indexed filters to the Prefer header', async () => {
    for (let i = 0; i < 3; i++) {
      const created = await call('POST', `${site}/lists/Counters/items`, {
        json: { fields: { Series: i === 0 ? 'AMN' : `S${i}`, Last: i } },
      });
      expect(created.status).toBe(201);
    }
    const items = `${site}/lists/Counters/items`;
    const indexed = await call(
      'GET',
      `${items}?expand=fields&$filter=${encodeURIComponent("fields/Series eq 'AMN'")}`,
    );
    expect((field(indexed, 'value') as unknown[]).length).toBe(1);
    const unindexed = `${items}?expand=fields&$filter=${encodeURIComponent('fields/Last ge 1')}`;
    expect((await call('GET', unindexed)).status).toBe(400);
    const honoured = await call('GET', unindexed, {
      headers: { Prefer: nonIndexedQueryPreference },
    });
    expect((field(honoured, 'value') as unknown[]).length).toBe(2);
    const page = await call('GET', `${items}?$top=2`);
    expect((field(page, 'value') as unknown[]).length).toBe(2);
    const next = String(field(page, '@odata.nextLink'));
    expect(next.startsWith('https://graph.microsoft.com/v1.0/')).toBe(true);
    const rest = await call('GET', server.loopbackUrl(next));
    expect((field(rest, 'value') as unknown[]).length).toBe(1);
  });
});

describe('$batch', () => {
  const folderRequest = (id: string, name: string): Record<string, unknown> => ({
    id,
    method: 'POST',
    url: `${site}/drive/root/children`,
    headers: { 'Content-Type': 'application/json' },
    body: { name, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' },
  });

  it('answers sub-requests with Content-Type headers and 424 for a failed dependency', async () => {
    const answer = await call('POST', '/$batch', {
      json: {
        requests: [
          folderRequest('1', 'A'),
          { ...folderRequest('2', 'A'), dependsOn: ['1'] },
          { ...folderRequest('3', 'B'), dependsOn: ['2'] },
          { id: '4', method: 'GET', url: `/v1.0${site}/drive/root/children` },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const responses = (
      answer.body as {
        responses: { id: string; status: number; headers: Record<string, string> }[];
      }
    ).responses;
    const byId = Object.fromEntries(responses.map((r) => [r.id, r]));
    expect(byId['1']?.status).toBe(201);
    expect(byId['1']?.headers['Content-Type']).toMatch(/^application\/json/);
    expect(byId['2']?.status).toBe(409);
    expect(byId['3']?.status).toBe(424);
    expect(byId['4']?.status).toBe(200);
    expect(server.stats().batchedRequests).toBe(4);
  });

  it('refuses more than 20 requests and a body without Content-Type', async () => {
    const tooMany = Array.from({ length: maxBatchRequests + 1 }, (_, i) =>
      folderRequest(String(i), `F${i}`),
    );
    expect((await call('POST', '/$batch', { json: { requests: tooMany } })).status).toBe(400);
    const noType = { ...folderRequest('1', 'X'), headers: {} };
    expect((await call('POST', '/$batch', { json: { requests: [noType] } })).status).toBe(400);
    expect(server.inspect('X')).toBeNull();
  });

  it('throttles single sub-requests inside a 200 batch', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 5, scope: 'batchItem', times: 2 });
    const answer = await call('POST', '/$batch', {
      json: {
        requests: [folderRequest('1', 'A'), folderRequest('2', 'B'), folderRequest('3', 'C')],
      },
    });
    expect(answer.status).toBe(200);
    const responses = (
      answer.body as { responses: { status: number; headers: Record<string, string> }[] }
    ).responses;
    const throttled = responses.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(2);
    expect(throttled[0]?.headers['Retry-After']).toBe('5');
  });
});

describe('fault injection', () => {
  it('fails the next matching request with Retry-After, then serves again', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 5, method: 'GET' });
    const failed = await call('GET', `${site}/drive/root`);
    expect(failed.status).toBe(429);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(errorCode(failed)).toBe('activityLimitReached');
    expect((await call('GET', `${site}/drive/root`)).status).toBe(200);
  });

  it('fails at a seeded rate reproducibly', async () => {
    const run = async (): Promise<number[]> => {
      server.setFaults({ failureRate: 0.3, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call('GET', `${site}/drive/root`)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((s) => s !== 200);
    expect(failures.length).toBeGreaterThan(3);
    expect(failures.every((s) => s === 429 || s === 503)).toBe(true);
  });

  it('drops connections, before or after the request took effect', async () => {
    server.dropNext(1);
    await expect(
      call('POST', `${site}/drive/root/children`, { json: { name: 'Före', folder: {} } }),
    ).rejects.toThrow();
    expect(server.inspect('Före')).toBeNull();
    server.dropNext(1, { afterHandling: true });
    await expect(
      call('POST', `${site}/drive/root/children`, { json: { name: 'Efter', folder: {} } }),
    ).rejects.toThrow();
    expect(server.inspect('Efter')).toMatchObject({ kind: 'folder' });
    expect(server.stats().droppedConnections).toBe(2);
  });

  it('adds latency', async () => {
    server.setFaults({ latencyMs: 40 });
    const started = Date.now();
    await call('GET', `${site}/drive/root`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('counts requests by method and path pattern, never by name', async () => {
    await call('POST', `${site}/drive/root/children`, {
      json: { name: 'Hemligt namn', folder: {} },
    });
    await call('GET', `${site}/drive/root:/${encodeURIComponent('Hemligt namn')}:`);
    await call('GET', `${site}/drive/root:/${encodeURIComponent('Hemligt namn')}:/children`);
    const stats = server.stats();
    expect(stats.byPattern).toEqual({
      'POST /sites/{site-id}/drive/root/children': 1,
      'GET /sites/{site-id}/drive/root:/{path}:': 1,
      'GET /sites/{site-id}/drive/root:/{path}:/children': 1,
    });
    expect(JSON.stringify(stats)).not.toContain('Hemligt');
  });
});
