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
