import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { CaseAccess } from '../../src/core/access.js';
import type { StoredCaseEvent } from '../../src/core/cases.js';
import type { AccessLogEntry, DocumentRef } from '../../src/core/ports.js';
import { PROTECTED_TITLE, type VisibleCase } from '../../src/core/service.js';
import { bodyLimitBytes } from '../../src/server/app.js';
import { composeProduct, start, type Compose, type Started } from '../../src/server/main.js';
import { loadScenario, type Scenario } from '../fixtures/scenarios.js';

/**
 * The case API over a real socket: `start()` composes the real product (routing table, SQLite
 * store in a fresh temporary folder, CaseService, routes) and every request goes through `fetch`,
 * with tokens from local mode's `POST /dev/token`. Each describe starts its own product.
 */

// Every filing renders a real PDF; give a slow CI machine the time it needs.
jest.setTimeout(60_000);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The routing table whose named handler of protected Lex Sarah cases is u-officer. */
const routingFile = path.join(repoRoot, 'config/routing.json');

const lexSarah = loadScenario('lex-sarah-denied-placement.json');
const breach = loadScenario('breach-misdirected-jobplan.json');

/** A Lex Sarah report about a person with protected identity (SPEC §6: few eyes). */
function protectedLexSarah(): Scenario {
  const affected = lexSarah.answers.affectedPerson as Record<string, unknown>;
  return {
    ...lexSarah,
    answers: { ...lexSarah.answers, affectedPerson: { ...affected, protectedIdentity: 'yes' } },
  };
}

const registrationNumberPattern = /^[A-ZÅÄÖ]+ \d{4}-\d{4}-[0-9.]+$/;

interface ErrorJson {
  error: {
    reason: string;
    message: { sv: string; en: string };
    issues?: { field: string; message: { sv: string; en: string } }[];
  };
}

interface CaseJson {
  case: VisibleCase;
}

interface CaseForActorJson {
  access: CaseAccess;
  case: VisibleCase;
}

interface CaseListJson {
  total: number;
  items: CaseForActorJson[];
}

interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

interface RequestOptions {
  token?: string;
  /** A value is sent as JSON; a string is sent as it is, with `contentType` (JSON by default). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A running product on a fresh data folder. */
interface Product {
  started: Started;
  dataDir: string;
  /** Sends a request and reads a JSON answer (or null when the answer has no body). */
  json: <T>(method: string, route: string, options?: RequestOptions) => Promise<Reply<T>>;
  /** Sends a request and reads the answer's bytes. */
  bytes: (route: string, options?: RequestOptions) => Promise<Reply<Buffer>>;
  /** A token for a demo user, from `POST /dev/token`. */
  token: (user: string) => Promise<string>;
  stop: () => Promise<void>;
}

async function send(base: string, method: string, route: string, options: RequestOptions) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  return fetch(`${base}${route}`, { method, headers, ...(body === undefined ? {} : { body }) });
}

/** Starts the real product (optionally with a wrapped composition) on a fresh data folder. */
async function startProduct(
  compose: Compose = composeProduct,
  routing = routingFile,
): Promise<Product> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'avvikelse-case-api-'));
  let started: Started;
  try {
    started = await start(
      {
        ...process.env,
        AVVIKELSE_MODE: 'local',
        HOST: '127.0.0.1',
        AVVIKELSE_PUBLIC_URL: undefined,
        AVVIKELSE_ROUTING_FILE: routing,
        AVVIKELSE_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
      },
      { compose, handleSignals: false, announce: () => undefined },
    );
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const base = started.url;
  const tokens = new Map<string, string>();
  const json = async <T>(
    method: string,
    route: string,
    options: RequestOptions = {},
  ): Promise<Reply<T>> => {
    const response = await send(base, method, route, options);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? null : JSON.parse(text)) as T,
    };
  };
  return {
    started,
    dataDir,
    json,
    bytes: async (route, options = {}) => {
      const response = await send(base, 'GET', route, options);
      return {
        status: response.status,
        headers: response.headers,
        body: Buffer.from(await response.arrayBuffer()),
      };
    },
    token: async (user) => {
      const known = tokens.get(user);
      if (known !== undefined) return known;
      const reply = await json<{ token: string }>('POST', '/dev/token', { body: { user } });
      expect(reply.status).toBe(200);
      tokens.set(user, reply.body.token);
      return reply.body.token;
    },
    stop: async () => {
      try {
        await started.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Checks the one error shape (bilingual message) and returns the body. */
function errorOf(reply: Reply<unknown>, status: number, reason: string): ErrorJson {
  expect({ status: reply.status, reason: (reply.body as ErrorJson | null)?.error.reason }).toEqual({
    status,
    reason,
  });
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  const body = reply.body as ErrorJson;
  expect(body.error.message.sv.length).toBeGreaterThan(0);
  expect(body.error.message.en.length).toBeGreaterThan(0);
  return body;
}

/** The fields named by a 400's issues. */
function issueFields(reply: Reply<unknown>): string[] {
  return (errorOf(reply, 400, 'validation').error.issues ?? []).map((issue) => issue.field);
}

/** Files a scenario as `user`; expects 201 and returns the case. */
async function file(product: Product, user: string, scenario: Scenario): Promise<VisibleCase> {
  const reply = await product.json<CaseJson>('POST', '/api/reports', {
    token: await product.token(user),
    headers: { 'idempotency-key': randomUUID() },
    body: { type: scenario.type, answers: scenario.answers },
  });
  expect(reply.status).toBe(201);
  return reply.body.case;
}

/** A forged token: a real one whose claims were changed after signing (the DPO role added). */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) {
    throw new Error('Not a compact JWS');
  }
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['reporter', 'dpo'] })).toString(
    'base64url',
  );
  return `${header}.${forged}.${signature}`;
}

interface RouteKey {
  method: string;
  url: string;
}

/**
 * Every route the app serves, read from fastify's own route tree (`printRoutes()`), which lists
 * routes from wherever they were registered, including those `buildApp` adds before the
 * composition's routes (`/api/me`). Each line is `<indent>├── <segment> (<METHODS>)`; a route's URL
 * is the segments along its branch. A line of another form fails the test rather than being
 * skipped, so a change of fastify's format cannot silently hide routes.
 */
function routesInTree(app: FastifyInstance): RouteKey[] {
  const routes: RouteKey[] = [];
  const branch: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    if (line.trim() === '') continue;
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?(?: \{.*\})?$/u.exec(
      line,
    );
    if (match === null) throw new Error(`Unexpected line in fastify's route tree: ${line}`);
    const [, indent = '', segment = '', methods] = match;
    branch.length = indent.length / 4;
    branch.push(segment);
    for (const method of methods?.split(', ') ?? []) routes.push({ method, url: branch.join('') });
  }
  return routes;
}

const sampleId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** A URL of the route with each parameter filled in (an id), and a wildcard with a name. */
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, sampleId).replace(/\*$/, 'x');
}

/** Routes that do not use the product's bearer tokens: the bot has Bot Framework's own auth. */
const ownAuthRoutes = new Set(['/api/messages']);

describe('authentication on every /api route', () => {
  let product: Product;
  /** Routes as the composition registered them, seen by an onRoute hook (the ground truth). */
  const composed: RouteKey[] = [];

  beforeAll(async () => {
    product = await startProduct(async (context) => {
      const composition = await composeProduct(context);
      const { registerRoutes } = composition;
      return {
        ...composition,
        registerRoutes: async (app) => {
          // Added before the routes register, so it sees every one of them (plugins included).
          app.addHook('onRoute', (route) => {
            for (const method of [route.method].flat()) composed.push({ method, url: route.url });
          });
          await registerRoutes?.(app);
        },
      };
    });
  });

  afterAll(async () => {
    await product.stop();
  });

  /** The /api routes to check: all the app serves, minus those with their own authentication. */
  function apiRoutes(): RouteKey[] {
    return routesInTree(product.started.app).filter(
      (route) =>
        (route.url === '/api' || route.url.startsWith('/api/')) && !ownAuthRoutes.has(route.url),
    );
  }

  it('reads the complete route table', () => {
    const routes = routesInTree(product.started.app);
    // The tree parser agrees with what the composition registered, route for route.
    expect(composed.length).toBeGreaterThan(0);
    expect(routes).toEqual(expect.arrayContaining(composed));
    // And it also has what buildApp registers itself, which no hook in the composition can see.
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'GET', url: '/healthz' },
        { method: 'POST', url: '/dev/token' },
        { method: 'GET', url: '/api/me' },
      ]),
    );
    // The case API as the contract lists it; more routes may come, none may go unnoticed.
    const keys = apiRoutes().map((route) => `${route.method} ${route.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'POST /api/reports',
        'GET /api/cases',
        'GET /api/cases/:id',
        'GET /api/cases/:id/events',
        'GET /api/cases/:id/documents',
        'GET /api/cases/:id/documents/:documentId',
        'POST /api/cases/:id/steps',
        'PUT /api/cases/:id/investigation',
        'PUT /api/cases/:id/assessment',
        'POST /api/cases/:id/case-log',
        'GET /api/access-log',
      ]),
    );
  });

  /** What each route answers with `authorization` (or without when undefined). */
  async function answers(authorization: string | undefined) {
    const results = [];
    for (const route of apiRoutes()) {
      const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
      const reply = await product.json<Partial<ErrorJson> | null>(
        route.method,
        concreteUrl(route.url),
        {
          headers: authorization === undefined ? {} : { authorization },
          ...(hasBody ? { body: {} } : {}),
        },
      );
      // A HEAD answer has no body; its status and challenge header still tell.
      const shape =
        route.method === 'HEAD'
          ? null
          : {
              reason: reply.body?.error?.reason,
              sv: typeof reply.body?.error?.message.sv,
              en: typeof reply.body?.error?.message.en,
            };
      results.push({
        route: `${route.method} ${route.url}`,
        status: reply.status,
        challenge: reply.headers.get('www-authenticate'),
        shape,
      });
    }
    return results;
  }

  function refusedEverywhere(challenge: string) {
    return apiRoutes().map((route) => ({
      route: `${route.method} ${route.url}`,
      status: 401,
      challenge,
      shape:
        route.method === 'HEAD' ? null : { reason: 'unauthenticated', sv: 'string', en: 'string' },
    }));
  }

  it('answers 401 in the error shape on every /api route without a token', async () => {
    expect(await answers(undefined)).toEqual(refusedEverywhere('Bearer realm="avvikelse"'));
  });

  it('answers 401 in the error shape on every /api route with a tampered token', async () => {
    const forged = tamper(await product.token('u-reporter'));
    expect(await answers(`Bearer ${forged}`)).toEqual(
      refusedEverywhere('Bearer realm="avvikelse", error="invalid_token"'),
    );
  });

  it('lets a valid token past authentication on every /api route (the control)', async () => {
    const results = await answers(`Bearer ${await product.token('u-dpo')}`);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect({ route: result.route, unauthenticated: result.status === 401 }).toEqual({
        route: result.route,
        unauthenticated: false,
      });
    }
  });
});

describe('filing reports (POST /api/reports)', () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });

  afterAll(async () => {
    await product.stop();
  });

  async function post(body: unknown, headers: Record<string, string>, contentType?: string) {
    return product.json<CaseJson | ErrorJson>('POST', '/api/reports', {
      token: await product.token('u-reporter'),
      headers,
      body,
      ...(contentType === undefined ? {} : { contentType }),
    });
  }

  it.each([lexSarah, breach])(
    'files $file with 201, a registration number and its route; a retry gives the same case',
    async (scenario) => {
      const key = randomUUID();
      const body = { type: scenario.type, answers: scenario.answers };
      const created = await post(body, { 'Idempotency-Key': key });
      expect(created.status).toBe(201);
      const record = (created.body as CaseJson).case;
      expect(record.registrationNumber).toMatch(registrationNumberPattern);
      expect(record.routedGroup).toBe(scenario.expect.routedTo);
      expect(record.state).toBe('registered');
      // Stored in this describe's own fresh folder, not in a shared ./.data.
      expect(existsSync(path.join(product.dataDir, 'avvikelse.sqlite'))).toBe(true);
      if (scenario.type === 'personalDataBreach') {
        const imy = record.deadlines?.find((deadline) => deadline.kind === 'imyNotification');
        expect(imy?.dueAt).toBe(scenario.expect.imyDeadline);
      }

      const retried = await post(body, { 'Idempotency-Key': key });
      expect(retried.status).toBe(200);
      expect((retried.body as CaseJson).case.id).toBe(record.id);
      expect((retried.body as CaseJson).case.registrationNumber).toBe(record.registrationNumber);

      const other = {
        type: scenario.type,
        answers: { ...scenario.answers, description: 'En helt annan händelse.' },
      };
      errorOf(await post(other, { 'Idempotency-Key': key }), 422, 'idempotencyMismatch');
    },
  );

  it('answers 400 naming Idempotency-Key when the header is missing or malformed', async () => {
    const body = { type: lexSarah.type, answers: lexSarah.answers };
    expect(issueFields(await post(body, {}))).toEqual(['Idempotency-Key']);
    // The issue names what the client sent (the header), not the service's parameter.
    for (const key of ['short', 'not a key because of spaces']) {
      expect(issueFields(await post(body, { 'Idempotency-Key': key }))).toEqual([
        'Idempotency-Key',
      ]);
    }
  });

  it('answers 400 naming each bad field of a malformed report', async () => {
    const key = (): Record<string, string> => ({ 'Idempotency-Key': randomUUID() });
    const withAnswers = (answers: Record<string, unknown>) => ({ type: 'lexSarah', answers });
    const withoutUnit = Object.fromEntries(
      Object.entries(lexSarah.answers).filter(([field]) => field !== 'unit'),
    );

    expect(issueFields(await post(withAnswers(withoutUnit), key()))).toEqual(['answers.unit']);
    expect(
      issueFields(await post(withAnswers({ ...lexSarah.answers, area: 'moon' }), key())),
    ).toEqual(['answers.area']);

    // An unknown key is reported on the object that does not know it, naming the key.
    const unknown = await post(withAnswers({ ...lexSarah.answers, shoeSize: 44 }), key());
    const issues = errorOf(unknown, 400, 'validation').error.issues ?? [];
    expect(issues.map((issue) => issue.field)).toEqual(['answers']);
    expect(issues[0]?.message.en).toContain('shoeSize');
    expect(issues[0]?.message.sv).toContain('shoeSize');
  });

  it('answers 400 to a body that is not JSON, and 413 to one over 1 MiB', async () => {
    const notJson = await post('this is not JSON', { 'Idempotency-Key': randomUUID() });
    expect(errorOf(notJson, 400, 'badRequest').error.message.en).toContain('JSON');

    const huge = {
      type: 'lexSarah',
      answers: { ...lexSarah.answers, description: 'x'.repeat(bodyLimitBytes) },
    };
    errorOf(await post(huge, { 'Idempotency-Key': randomUUID() }), 413, 'payloadTooLarge');
  });
});

describe('who sees which case (GET /api/cases, GET /api/cases/:id, access log)', () => {
  let product: Product;
  let sarah: VisibleCase;
  let breachCase: VisibleCase;
  let secret: VisibleCase;

  beforeAll(async () => {
    product = await startProduct();
    sarah = await file(product, 'u-reporter', lexSarah);
    breachCase = await file(product, 'u-reporter', breach);
    secret = await file(product, 'u-reporter', protectedLexSarah());
  });

  afterAll(async () => {
    await product.stop();
  });

  async function list(user: string): Promise<CaseListJson> {
    const reply = await product.json<CaseListJson>('GET', '/api/cases', {
      token: await product.token(user),
    });
    expect(reply.status).toBe(200);
    return reply.body;
  }

  async function open(user: string, id: string): Promise<Reply<CaseForActorJson>> {
    return product.json<CaseForActorJson>('GET', `/api/cases/${id}`, {
      token: await product.token(user),
    });
  }

  async function accessLog(caseId: string): Promise<AccessLogEntry[]> {
    const reply = await product.json<{ entries: AccessLogEntry[] }>(
      'GET',
      `/api/access-log?caseId=${caseId}`,
      { token: await product.token('u-dpo') },
    );
    expect(reply.status).toBe(200);
    return reply.body.entries;
  }

  const ids = (page: CaseListJson): string[] => page.items.map((item) => item.case.id).sort();

  it('shows the reporter their own reports as status, without the investigation', async () => {
    const page = await list('u-reporter');
    expect(ids(page)).toEqual([sarah.id, breachCase.id, secret.id].sort());
    expect(page.total).toBe(3);
    for (const item of page.items) {
      expect(item.access.view).toBe('status');
      expect(item.case).not.toHaveProperty('investigation');
    }
    const own = await open('u-reporter', sarah.id);
    expect(own.status).toBe(200);
    expect(own.body.access).toEqual({ view: 'status', actions: [] });
    expect(own.body.case).not.toHaveProperty('investigation');
    expect(own.body.case).not.toHaveProperty('caseLog');
    expect(own.body.case.report).toEqual({
      type: 'lexSarah',
      answers: expect.objectContaining({ unit: lexSarah.answers.unit }),
    });
  });

  it('hides the reports from another reporter: 404 and an empty list', async () => {
    expect(await list('u-reporter2')).toEqual({ total: 0, items: [] });
    for (const id of [sarah.id, breachCase.id, secret.id]) {
      errorOf(await open('u-reporter2', id), 404, 'notFound');
    }
  });

  it('shows the Lex Sarah case in full to the officer and the investigator', async () => {
    for (const user of ['u-officer', 'u-investigator']) {
      const found = await open(user, sarah.id);
      expect(found.status).toBe(200);
      expect(found.body.access.view).toBe('full');
      expect(found.body.case).toHaveProperty('investigation', null);
      expect(found.body.case).toHaveProperty('caseLog', []);
      const page = await list(user);
      expect(page.items.find((item) => item.case.id === sarah.id)?.access.view).toBe('full');
      // The breach goes to the DPO, not to the Lex Sarah group.
      expect(ids(page)).not.toContain(breachCase.id);
    }
  });

  it('shows the DPO the breach but not the Lex Sarah case', async () => {
    const page = await list('u-dpo');
    expect(ids(page)).toEqual([breachCase.id]);
    expect(page.items[0]?.access.view).toBe('full');
    expect((await open('u-dpo', breachCase.id)).body.access.view).toBe('full');
    errorOf(await open('u-dpo', sarah.id), 404, 'notFound');
    errorOf(await open('u-dpo', secret.id), 404, 'notFound');
  });

  it('shows the registrar every case as registry metadata, the protected one without its title', async () => {
    const page = await list('u-registrar');
    expect(ids(page)).toEqual([sarah.id, breachCase.id, secret.id].sort());
    for (const item of page.items) {
      expect(item.access.view).toBe('registry');
      expect(item.case).not.toHaveProperty('report');
    }
    const listed = page.items.find((item) => item.case.id === secret.id)?.case;
    expect(listed?.title).toBe(PROTECTED_TITLE);
    expect(listed).not.toHaveProperty('unit');
    expect(page.items.find((item) => item.case.id === sarah.id)?.case.title).toContain(
      String(lexSarah.answers.unit),
    );
    const opened = await open('u-registrar', secret.id);
    expect(opened.status).toBe(200);
    expect(opened.body.access.view).toBe('registry');
    expect(opened.body.case.title).toBe(PROTECTED_TITLE);
    expect(opened.body.case).not.toHaveProperty('report');
  });

  it('shows a protected case only to its named handler, logging each open', async () => {
    errorOf(await open('u-investigator', secret.id), 404, 'notFound');
    expect(ids(await list('u-investigator'))).not.toContain(secret.id);
    expect(ids(await list('u-officer'))).toContain(secret.id);

    const before = await accessLog(secret.id);
    for (let opens = 1; opens <= 2; opens += 1) {
      const found = await open('u-officer', secret.id);
      expect(found.status).toBe(200);
      expect(found.body.access.view).toBe('full');
      expect(found.body.case.title).not.toBe(PROTECTED_TITLE);
      const log = await accessLog(secret.id);
      expect(log).toHaveLength(before.length + opens);
      expect(log[0]).toMatchObject({
        actorId: 'u-officer',
        actorName: 'Lena Sarin',
        caseId: secret.id,
        registrationNumber: secret.registrationNumber,
        what: 'case',
      });
    }
    // The registrar's registry view is not a read of the protected content.
    const logged = (await accessLog(secret.id)).length;
    await open('u-registrar', secret.id);
    expect(await accessLog(secret.id)).toHaveLength(logged);
  });

  it('logs downloads of a protected case document', async () => {
    const token = await product.token('u-officer');
    const documents = await product.json<{ documents: DocumentRef[] }>(
      'GET',
      `/api/cases/${secret.id}/documents`,
      { token },
    );
    expect(documents.status).toBe(200);
    const [report] = documents.body.documents;
    expect(report?.kind).toBe('report');
    const before = (await accessLog(secret.id)).length;
    const download = await product.bytes(`/api/cases/${secret.id}/documents/${report?.id ?? ''}`, {
      token,
    });
    expect(download.status).toBe(200);
    const log = await accessLog(secret.id);
    expect(log).toHaveLength(before + 1);
    expect(log[0]).toMatchObject({
      actorId: 'u-officer',
      caseId: secret.id,
      what: `document:${report?.id ?? ''}`,
    });
  });

  it('lets only the DPO read the access log', async () => {
    errorOf(
      await product.json('GET', '/api/access-log', { token: await product.token('u-officer') }),
      403,
      'forbidden',
    );
    const all = await product.json<{ entries: AccessLogEntry[] }>('GET', '/api/access-log', {
      token: await product.token('u-dpo'),
    });
    expect(all.status).toBe(200);
    expect(all.body.entries.length).toBeGreaterThan(0);
    expect(all.body.entries.every((entry) => entry.caseId === secret.id)).toBe(true);
  });
});

describe('documents of a case', () => {
  let product: Product;
  let sarah: VisibleCase;

  beforeAll(async () => {
    product = await startProduct();
    sarah = await file(product, 'u-reporter', lexSarah);
  });

  afterAll(async () => {
    await product.stop();
  });

  async function documentsOf(user: string): Promise<Reply<{ documents: DocumentRef[] }>> {
    return product.json<{ documents: DocumentRef[] }>('GET', `/api/cases/${sarah.id}/documents`, {
      token: await product.token(user),
    });
  }

  it('lists the report PDF and serves it as application/pdf', async () => {
    const listed = await documentsOf('u-officer');
    expect(listed.status).toBe(200);
    expect(listed.body.documents).toEqual([
      expect.objectContaining({
        id: sarah.reportDocumentId,
        caseId: sarah.id,
        kind: 'report',
        mediaType: 'application/pdf',
      }),
    ]);
    const [report] = listed.body.documents;
    const download = await product.bytes(`/api/cases/${sarah.id}/documents/${report?.id ?? ''}`, {
      token: await product.token('u-officer'),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('cache-control')).toBe('no-store');
    expect(download.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.body.length).toBe(report?.size);
  });

  it('lets the reporter download their own report, and nobody else who does not see the case', async () => {
    const own = await documentsOf('u-reporter');
    expect(own.status).toBe(200);
    expect(own.body.documents.map((document) => document.id)).toEqual([sarah.reportDocumentId]);
    const route = `/api/cases/${sarah.id}/documents/${sarah.reportDocumentId ?? ''}`;
    const download = await product.bytes(route, { token: await product.token('u-reporter') });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    errorOf(await documentsOf('u-reporter2'), 404, 'notFound');
    const other = await product.json('GET', route, { token: await product.token('u-reporter2') });
    errorOf(other, 404, 'notFound');
  });
});

describe('the workflow and case queries over HTTP', () => {
  let product: Product;
  let sarah: VisibleCase;
  let breachCase: VisibleCase;

  beforeAll(async () => {
    product = await startProduct();
    sarah = await file(product, 'u-reporter', lexSarah);
    breachCase = await file(product, 'u-reporter', breach);
  });

  afterAll(async () => {
    await product.stop();
  });

  async function step(user: string, name: string, expectedVersion: number) {
    return product.json<CaseJson | ErrorJson>('POST', `/api/cases/${sarah.id}/steps`, {
      token: await product.token(user),
      body: { step: name, expectedVersion },
    });
  }

  function caseOf(reply: Reply<CaseJson | ErrorJson>, status = 200): VisibleCase {
    expect({ status: reply.status, body: reply.body }).toEqual({
      status,
      body: { access: expect.anything(), case: expect.anything() },
    });
    return (reply.body as CaseJson).case;
  }

  it('takes a Lex Sarah case from registered to closed, refusing what the rules forbid', async () => {
    expect(sarah.state).toBe('registered');
    let current = caseOf(await step('u-officer', 'openInvestigation', sarah.version));
    expect(current.state).toBe('underInvestigation');

    const officer = await product.token('u-officer');
    const investigation = { law: 'SoL', proposedDecision: 'misconduct' };
    const saved = caseOf(
      await product.json<CaseJson | ErrorJson>('PUT', `/api/cases/${sarah.id}/investigation`, {
        token: officer,
        body: { expectedVersion: current.version, investigation },
      }),
    );
    expect(saved.investigation).toEqual(investigation);
    expect(saved.version).toBe(current.version + 1);

    // The same version again: someone (here: the same person) changed the case since.
    const stale = await product.json('PUT', `/api/cases/${sarah.id}/investigation`, {
      token: officer,
      body: { expectedVersion: current.version, investigation: { ...investigation, law: 'LSS' } },
    });
    errorOf(stale, 409, 'conflict');
    current = saved;

    const entry = {
      note: 'Enhetschefen bekräftar förloppet.',
      nature: 'fact',
      source: 'Samtal med enhetschef',
    };
    current = caseOf(
      await product.json<CaseJson | ErrorJson>('POST', `/api/cases/${sarah.id}/case-log`, {
        token: officer,
        body: { expectedVersion: current.version, entry },
      }),
      201,
    );
    expect(current.caseLog).toEqual([
      expect.objectContaining({ ...entry, signedBy: expect.objectContaining({ id: 'u-officer' }) }),
    ]);

    // The investigator handles the case but does not own its decisions.
    errorOf(await step('u-investigator', 'recordDecision', current.version), 403, 'forbidden');
    // The reporter sees their own case (status view), so hiding it would gain nothing: the
    // policy gives them no actions, and the service answers 403. Someone who cannot see the
    // case at all gets 404, so its existence is not revealed.
    errorOf(await step('u-reporter', 'recordDecision', current.version), 403, 'forbidden');
    errorOf(await step('u-reporter2', 'recordDecision', current.version), 404, 'notFound');

    current = caseOf(await step('u-officer', 'recordDecision', current.version));
    expect(current.state).toBe('decided');
    expect(current.decision).toMatchObject({
      outcome: 'misconduct',
      decidedBy: { id: 'u-officer' },
    });

    // Misconduct (not serious) is not reported to IVO.
    const refused = errorOf(
      await step('u-officer', 'reportToAuthority', current.version),
      409,
      'illegalTransition',
    );
    expect(refused.error.message.sv).toContain('IVO');
    expect(refused.error.message.en).toContain('IVO');

    current = caseOf(await step('u-officer', 'close', current.version));
    expect(current.state).toBe('closed');

    const events = await product.json<{ events: StoredCaseEvent[] }>(
      'GET',
      `/api/cases/${sarah.id}/events`,
      { token: officer },
    );
    expect(events.status).toBe(200);
    const sequence = events.body.events.map((stored) => stored.sequence);
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    expect(
      events.body.events.map(({ event }) =>
        event.kind === 'transition' ? event.step : event.kind,
      ),
    ).toEqual([
      'filed',
      'submit',
      'register',
      // The report's PDF, stored right after filing.
      'documentAdded',
      'openInvestigation',
      'investigationUpdated',
      'caseLogEntryAdded',
      'recordDecision',
      'close',
    ]);
  });

  async function query(search: string, user = 'u-registrar') {
    return product.json<CaseListJson | ErrorJson>('GET', `/api/cases${search}`, {
      token: await product.token(user),
    });
  }

  it('refuses a malformed list query naming the parameter', async () => {
    expect(issueFields(await query('?limit=0'))).toEqual(['limit']);
    // A wrong value in a comma-separated list is named by its parameter, and called wrong, not
    // missing: the message lists what is allowed.
    for (const [search, field, allowed] of [
      ['?type=nope', 'type', 'personalDataBreach'],
      ['?type=lexSarah,nope', 'type', 'securityIncident'],
      ['?state=nope', 'state', 'underInvestigation'],
    ] as const) {
      const issues = errorOf(await query(search), 400, 'validation').error.issues ?? [];
      expect(issues.map((issue) => issue.field)).toEqual([field]);
      expect(issues[0]?.message.en).toContain(allowed);
      expect(issues[0]?.message.en).not.toContain('required');
      expect(issues[0]?.message.sv).toContain(allowed);
    }
    expect(issueFields(await query('?colour=red'))).toEqual(['(root)']);
  });

  it('filters by type and sorts by receivedAt in either direction', async () => {
    const filter = '?sort=receivedAt&type=lexSarah,personalDataBreach';
    const ascending = await query(`${filter}&direction=asc`);
    expect(ascending.status).toBe(200);
    const up = ascending.body as CaseListJson;
    expect(up.total).toBe(2);
    expect(up.items.map((item) => item.case.id).sort()).toEqual([sarah.id, breachCase.id].sort());
    const received = up.items.map((item) => Date.parse(item.case.receivedAt ?? ''));
    expect(received).toEqual([...received].sort((a, b) => a - b));

    const descending = await query(`${filter}&direction=desc`);
    expect(descending.status).toBe(200);
    expect((descending.body as CaseListJson).items.map((item) => item.case.id)).toEqual(
      up.items.map((item) => item.case.id).reverse(),
    );

    const onlyBreaches = await query('?type=personalDataBreach');
    expect((onlyBreaches.body as CaseListJson).items.map((item) => item.case.id)).toEqual([
      breachCase.id,
    ]);
  });

  it('lists the breach whose 72-hour IMY deadline has passed as overdue', async () => {
    for (const user of ['u-registrar', 'u-dpo']) {
      const overdue = await query('?overdue=true', user);
      expect(overdue.status).toBe(200);
      const page = overdue.body as CaseListJson;
      expect(page.items.map((item) => item.case.id)).toEqual([breachCase.id]);
      expect(page.total).toBe(1);
    }
    const full = await product.json<CaseForActorJson>('GET', `/api/cases/${breachCase.id}`, {
      token: await product.token('u-dpo'),
    });
    expect(full.body.case.nextDeadlineAt).toBe(breach.expect.imyDeadline);
  });
});

describe('a case the registrar registers', () => {
  let product: Product;
  let routingDir: string;

  beforeAll(async () => {
    // A routing table where reports wait for the registrar instead of being registered at once.
    routingDir = mkdtempSync(path.join(tmpdir(), 'avvikelse-routing-'));
    const table = JSON.parse(readFileSync(routingFile, 'utf8')) as { rules: object[] };
    const waiting = path.join(routingDir, 'routing.json');
    writeFileSync(
      waiting,
      JSON.stringify({
        ...table,
        rules: table.rules.map((rule) => ({ ...rule, registerOnSubmit: false })),
      }),
    );
    product = await startProduct(composeProduct, waiting);
  });

  afterAll(async () => {
    await product.stop();
    rmSync(routingDir, { recursive: true, force: true });
  });

  it('answers the registrar with the registry entry only, never the protected report', async () => {
    const secret = await file(product, 'u-reporter', protectedLexSarah());
    expect(secret.state).toBe('submitted');
    expect(secret.registrationNumber).toBeNull();

    const registered = await product.json<CaseJson & { access: { view: string } }>(
      'POST',
      `/api/cases/${secret.id}/steps`,
      {
        token: await product.token('u-registrar'),
        body: { step: 'register', expectedVersion: secret.version },
      },
    );
    expect(registered.status).toBe(200);
    expect(registered.body.access.view).toBe('registry');
    expect(registered.body.case.state).toBe('registered');
    expect(registered.body.case.registrationNumber).toMatch(registrationNumberPattern);
    expect(registered.body.case.title).toBe(PROTECTED_TITLE);
    for (const hidden of ['report', 'unit', 'reporter', 'caseLog', 'handlers', 'deadlines']) {
      expect(registered.body.case).not.toHaveProperty(hidden);
    }
    expect(JSON.stringify(registered.body)).not.toContain(
      (lexSarah.answers as { description: string }).description.slice(0, 30),
    );
  });
});
