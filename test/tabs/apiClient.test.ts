import { describe, expect, it, jest } from '@jest/globals';
import {
  ApiClient,
  ApiError,
  caseListSearchParams,
  parseErrorBody,
} from '../../src/tabs/api/client.js';
import { SignInRequiredError, type TokenProvider } from '../../src/tabs/auth/TokenProvider.js';
import { breachItem, officer, pageOf } from './fixtures.js';

/**
 * The API client: the bearer token on every request, the query string of the list, the error
 * JSON mapped to ApiError, one retry with a fresh token after a 401, and network failures.
 */

interface Sent {
  url: string;
  authorization: string | null;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** A fetch answering with the given responses in turn, recording each request. */
function scriptedFetch(...responses: (Response | Error)[]) {
  const requests: Sent[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    requests.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      authorization: headers.get('authorization'),
    });
    const next = responses.shift();
    if (next === undefined) throw new Error('no more scripted responses');
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { fetch, requests };
}

function tokens(...values: string[]): TokenProvider & { calls: { forceRefresh?: boolean }[] } {
  const calls: { forceRefresh?: boolean }[] = [];
  return {
    calls,
    getToken(options = {}) {
      calls.push(options);
      const value = values.shift();
      return value === undefined
        ? Promise.reject(new SignInRequiredError())
        : Promise.resolve(value);
    },
  };
}

describe('ApiClient', () => {
  it('sends the bearer token and reads the list', async () => {
    const page = pageOf([breachItem()]);
    const server = scriptedFetch(json(200, page));
    const client = new ApiClient({ tokenProvider: tokens('t-1'), fetch: server.fetch });
    await expect(
      client.listCases({
        types: ['lexSarah', 'personalDataBreach'],
        overdue: true,
        sort: 'nextDeadlineAt',
        direction: 'asc',
        limit: 50,
        offset: 50,
      }),
    ).resolves.toEqual(page);
    expect(server.requests).toEqual([
      {
        url: '/api/cases?type=lexSarah%2CpersonalDataBreach&overdue=true&sort=nextDeadlineAt&direction=asc&limit=50&offset=50',
        authorization: 'Bearer t-1',
      },
    ]);
  });

  it('reads one case and the signed-in person', async () => {
    const item = breachItem();
    const server = scriptedFetch(json(200, item), json(200, officer));
    const client = new ApiClient({
      tokenProvider: tokens('t-1', 't-1'),
      fetch: server.fetch,
      baseUrl: 'http://127.0.0.1:3978/',
    });
    await expect(client.getCase(item.case.id)).resolves.toEqual(item);
    await expect(client.me()).resolves.toEqual(officer);
    expect(server.requests.map((request) => request.url)).toEqual([
      `http://127.0.0.1:3978/api/cases/${item.case.id}`,
      'http://127.0.0.1:3978/api/me',
    ]);
  });

  it('maps the error JSON to an ApiError with its reason, status, message and issues', async () => {
    const body = {
      error: {
        reason: 'validation',
        message: { sv: 'Uppgifterna är inte giltiga: sort.', en: 'The input is not valid: sort.' },
        issues: [
          { field: 'sort', message: { sv: 'sort: Ogiltigt val.', en: 'sort: Invalid choice.' } },
        ],
      },
    };
    const server = scriptedFetch(json(400, body));
    const client = new ApiClient({ tokenProvider: tokens('t-1'), fetch: server.fetch });
    const error = await client.listCases({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      reason: 'validation',
      status: 400,
      text: body.error.message,
      issues: body.error.issues,
    });
  });

  it('asks once for a fresh token after a 401, and sends the user to sign in if that fails too', async () => {
    const refused = {
      error: { reason: 'unauthenticated', message: { sv: 'Logga in.', en: 'Sign in.' } },
    };
    const onUnauthenticated = jest.fn();
    const provider = tokens('old', 'new');
    const server = scriptedFetch(json(401, refused), json(401, refused));
    const client = new ApiClient({
      tokenProvider: provider,
      fetch: server.fetch,
      onUnauthenticated,
    });
    await expect(client.me()).rejects.toMatchObject({ reason: 'unauthenticated', status: 401 });
    expect(provider.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(server.requests.map((request) => request.authorization)).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('succeeds with the fresh token when only the old one was refused', async () => {
    const onUnauthenticated = jest.fn();
    const server = scriptedFetch(
      json(401, { error: { reason: 'unauthenticated', message: { sv: 'x', en: 'x' } } }),
      json(200, officer),
    );
    const client = new ApiClient({
      tokenProvider: tokens('old', 'new'),
      fetch: server.fetch,
      onUnauthenticated,
    });
    await expect(client.me()).resolves.toEqual(officer);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('says "sign in" without calling the server when there is no token', async () => {
    const onUnauthenticated = jest.fn();
    const server = scriptedFetch();
    const client = new ApiClient({
      tokenProvider: tokens(),
      fetch: server.fetch,
      onUnauthenticated,
    });
    await expect(client.me()).rejects.toMatchObject({ reason: 'signInRequired' });
    expect(server.requests).toEqual([]);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('calls an unreachable server a network failure', async () => {
    const server = scriptedFetch(new TypeError('fetch failed'));
    const client = new ApiClient({ tokenProvider: tokens('t'), fetch: server.fetch });
    await expect(client.me()).rejects.toMatchObject({ reason: 'network', status: null });
  });

  it('lets an abort through as it is', async () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    const server = scriptedFetch(abort);
    const client = new ApiClient({ tokenProvider: tokens('t'), fetch: server.fetch });
    await expect(client.listCases({}, controller.signal)).rejects.toBe(abort);
  });

  it('refuses an answer that is not the API JSON (a proxy page, a wrong shape)', async () => {
    const html = new Response('<html>Bad gateway</html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    const server = scriptedFetch(html, json(200, { items: 'no' }));
    const client = new ApiClient({ tokenProvider: tokens('t', 't'), fetch: server.fetch });
    await expect(client.me()).rejects.toMatchObject({ reason: 'internal', status: 502 });
    await expect(client.listCases({})).rejects.toMatchObject({
      reason: 'unexpectedResponse',
      status: 200,
    });
  });
});

describe('parseErrorBody', () => {
  it('does not trust an unknown reason', () => {
    expect(
      parseErrorBody(418, { error: { reason: 'teapot', message: { sv: 'x', en: 'x' } } }),
    ).toMatchObject({
      reason: 'unexpectedResponse',
      text: undefined,
    });
  });
});

describe('caseListSearchParams', () => {
  it('leaves out what does not filter', () => {
    expect(
      caseListSearchParams({
        types: [],
        unit: '  ',
        search: '',
        assignedToMe: false,
        offset: 0,
      }).toString(),
    ).toBe('');
    expect(
      caseListSearchParams({
        unit: ' Jobbtorg Kista ',
        area: 'jobCentre',
        assignedToMe: true,
        search: ' AMN ',
      }).toString(),
    ).toBe('unit=Jobbtorg+Kista&area=jobCentre&assignedToMe=true&search=AMN');
  });
});

describe('ApiClient: the case page’s calls', () => {
  interface Captured {
    method: string;
    url: string;
    contentType: string | null;
    authorization: string | null;
    body: unknown;
  }

  /** A fetch that captures method, headers and body, answering in turn. */
  function capturingFetch(...responses: Response[]) {
    const requests: Captured[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const headers = new Headers(init?.headers);
      const contentType = headers.get('content-type');
      const raw = init?.body;
      requests.push({
        method: init?.method ?? 'GET',
        url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        contentType,
        authorization: headers.get('authorization'),
        body:
          raw === undefined || raw === null
            ? undefined
            : typeof raw === 'string'
              ? (JSON.parse(raw) as unknown)
              : raw,
      });
      const next = responses.shift();
      if (next === undefined) throw new Error('no more scripted responses');
      return Promise.resolve(next);
    };
    return { fetch, requests };
  }

  const item = breachItem();
  const id = item.case.id;
  const changed = { access: item.access, case: { ...item.case, version: 2 } };
  const document = {
    id: 'd-1',
    caseId: id,
    kind: 'decision',
    name: 'beslut.pdf',
    mediaType: 'application/pdf',
    size: 10,
    sha256: 'a'.repeat(64),
    createdAt: '2026-11-25T12:00:00+01:00',
    createdBy: 'u-officer',
  };

  it('sends each change as the server expects it, with the version it was based on', async () => {
    const server = capturingFetch(
      json(200, changed),
      json(200, changed),
      json(200, changed),
      json(201, changed),
      json(201, { document }),
      json(201, { document }),
      json(201, { document }),
    );
    const client = new ApiClient({
      tokenProvider: { getToken: () => Promise.resolve('t-1') },
      fetch: server.fetch,
    });
    await expect(
      client.takeStep(id, 'declineInvestigation', { expectedVersion: 1, reason: 'Skäl' }),
    ).resolves.toEqual(changed.case);
    await client.updateInvestigation(id, { law: 'SoL' }, 1);
    await client.updateAssessment(id, { imyReference: 'IMY-1' }, 1);
    await client.addCaseLogEntry(id, { note: 'N', nature: 'fact', source: 'S' }, 1);
    const file = new File(['hej'], 'anteckning 1.txt', { type: 'text/plain' });
    await expect(client.uploadAttachment(id, file)).resolves.toEqual(document);
    await expect(client.generateDecision(id)).resolves.toEqual(document);
    await client.generateInvestigationDocument(id);

    expect(
      server.requests.map(({ method, url, contentType, body }) => ({
        method,
        url,
        contentType,
        body,
      })),
    ).toEqual([
      {
        method: 'POST',
        url: `/api/cases/${id}/steps`,
        contentType: 'application/json',
        body: { step: 'declineInvestigation', expectedVersion: 1, reason: 'Skäl' },
      },
      {
        method: 'PUT',
        url: `/api/cases/${id}/investigation`,
        contentType: 'application/json',
        body: { investigation: { law: 'SoL' }, expectedVersion: 1 },
      },
      {
        method: 'PUT',
        url: `/api/cases/${id}/assessment`,
        contentType: 'application/json',
        body: { assessment: { imyReference: 'IMY-1' }, expectedVersion: 1 },
      },
      {
        method: 'POST',
        url: `/api/cases/${id}/case-log`,
        contentType: 'application/json',
        body: { entry: { note: 'N', nature: 'fact', source: 'S' }, expectedVersion: 1 },
      },
      {
        method: 'PUT',
        url: `/api/cases/${id}/attachments/anteckning%201.txt`,
        contentType: 'application/octet-stream',
        // The file itself is the body: its bytes, not a form around them.
        body: file,
      },
      {
        method: 'POST',
        url: `/api/cases/${id}/documents/decision`,
        contentType: 'application/json',
        body: {},
      },
      {
        method: 'POST',
        url: `/api/cases/${id}/documents/investigation`,
        contentType: 'application/json',
        body: {},
      },
    ]);
  });

  it('sends a change again with a fresh token after a 401, body and all', async () => {
    const server = capturingFetch(
      json(401, { error: { reason: 'unauthenticated', message: { sv: 'x', en: 'x' } } }),
      json(200, changed),
    );
    const client = new ApiClient({ tokenProvider: tokens('old', 'new'), fetch: server.fetch });
    await client.updateInvestigation(id, { law: 'LSS' }, 1);
    expect(server.requests.map((r) => [r.authorization, r.body])).toEqual([
      ['Bearer old', { investigation: { law: 'LSS' }, expectedVersion: 1 }],
      ['Bearer new', { investigation: { law: 'LSS' }, expectedVersion: 1 }],
    ]);
  });

  it('maps a 409 to a conflict the form can act on', async () => {
    const server = capturingFetch(
      json(409, {
        error: {
          reason: 'conflict',
          message: { sv: 'Ärendet har ändrats.', en: 'The case has changed.' },
        },
      }),
    );
    const client = new ApiClient({ tokenProvider: tokens('t'), fetch: server.fetch });
    await expect(client.updateInvestigation(id, {}, 1)).rejects.toMatchObject({
      reason: 'conflict',
      status: 409,
    });
  });

  it('reads events, documents, a document’s bytes and the access log', async () => {
    const event = {
      caseId: id,
      sequence: 1,
      event: { kind: 'filed', at: '2026-11-25T12:00:00+01:00', actorId: 'u', actorName: 'U' },
    };
    const entry = {
      at: '2026-11-25T12:00:00+01:00',
      actorId: 'u-officer',
      actorName: 'Lena Sarin',
      caseId: id,
      registrationNumber: null,
      what: 'case',
    };
    const pdf = new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } });
    const server = capturingFetch(
      json(200, { events: [event] }),
      json(200, { documents: [document] }),
      pdf,
      json(200, { entries: [entry] }),
    );
    const client = new ApiClient({
      tokenProvider: { getToken: () => Promise.resolve('t') },
      fetch: server.fetch,
    });
    await expect(client.listEvents(id)).resolves.toEqual([event]);
    await expect(client.listDocuments(id)).resolves.toEqual([document]);
    const blob = await client.getDocument(id, 'd-1');
    await expect(blob.text()).resolves.toBe('%PDF-1.7');
    await expect(client.listAccessLog({ caseId: id, limit: 100, offset: 100 })).resolves.toEqual([
      entry,
    ]);
    expect(server.requests.map((r) => r.url)).toEqual([
      `/api/cases/${id}/events`,
      `/api/cases/${id}/documents`,
      `/api/cases/${id}/documents/d-1`,
      `/api/access-log?caseId=${id}&limit=100&offset=100`,
    ]);
  });

  it('refuses an answer of the wrong shape, and maps a document’s error JSON', async () => {
    const server = capturingFetch(
      json(200, { events: 'none' }),
      json(404, {
        error: { reason: 'notFound', message: { sv: 'Finns inte.', en: 'Not found.' } },
      }),
    );
    const client = new ApiClient({
      tokenProvider: { getToken: () => Promise.resolve('t') },
      fetch: server.fetch,
    });
    await expect(client.listEvents(id)).rejects.toMatchObject({ reason: 'unexpectedResponse' });
    await expect(client.getDocument(id, 'd-x')).rejects.toMatchObject({
      reason: 'notFound',
      status: 404,
    });
  });
});
