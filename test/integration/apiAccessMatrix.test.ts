import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseAccess } from '../../src/core/access.js';
import type { AccessLogEntry, DocumentRef } from '../../src/core/ports.js';
import { PROTECTED_TITLE, type VisibleCase } from '../../src/core/service.js';
import { start, type Started } from '../../src/server/main.js';
import { loadScenario, type Scenario } from '../fixtures/scenarios.js';

/**
 * The access matrix of the case API over a real socket: every endpoint × every demo user × four
 * cases gives the answer SPEC §6 and the README's "Decisions worth knowing" call for. The expected
 * answers are written out below as a table, by hand, from the specification — never computed with
 * src/core/access.ts, so a change of the policy shows up here as a changed cell.
 *
 * One product is started (`start()`, local mode, port 0, a fresh temporary data folder) and four
 * cases are filed through the API:
 *   lexSarah  — a Lex Sarah case filed by u-reporter (own for u-reporter, another's for u-reporter2)
 *   protected — a Lex Sarah case about a person with protected identity, filed by u-reporter2; its
 *               named handler is u-officer (config/routing.json, groups.lexSarahOfficer)
 *   breach    — a personal data breach filed by u-reporter2
 *   incident  — a security incident filed by u-reporter
 *
 * Convention for the endpoints that change a case: no cell may change a case's state, so that the
 * cells are independent of each other and of their order. An allowed user is therefore asked for
 * something that passes the access policy and then fails on a later check; the answer tells which:
 *   409 illegalTransition — the step passed the policy, and the workflow refused it (every case
 *                           here is `registered`, so register, recordDecision, reportToAuthority
 *                           and close are illegal, and declineInvestigation without a reason is)
 *   409 conflict          — passed the policy, then refused as stale (`expectedVersion: 1`, while
 *                           every case here is at version 3 or later)
 *   400 <field>           — passed the policy, then refused naming the field: `type` for work that
 *                           belongs to another type of case, `state` for a decision document on a
 *                           case not yet decided
 *   403 / 404             — refused by the policy: 403 when the user sees the case but may not do
 *                           this, 404 when the case is hidden from the user (hidden means absent)
 * Uploads and the investigation document have no later check, so an allowed user gets 201: they
 * add a document, which changes no state and nothing another cell depends on.
 */

// Every filing and every generated document renders a real PDF; give a slow machine time.
jest.setTimeout(60_000);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const routingFile = path.join(repoRoot, 'config/routing.json');

const users = [
  'u-reporter',
  'u-reporter2',
  'u-investigator',
  'u-officer',
  'u-registrar',
  'u-dpo',
  'u-isam',
] as const;
type User = (typeof users)[number];

const caseKeys = ['lexSarah', 'protected', 'breach', 'incident'] as const;
type CaseKey = (typeof caseKeys)[number];

/** How each case is named in test titles. */
const caseLabels: Record<CaseKey, string> = {
  lexSarah: 'Lex Sarah of u-reporter',
  protected: 'protected Lex Sarah of u-reporter2',
  breach: 'breach of u-reporter2',
  incident: 'incident of u-reporter',
};

const lexSarahScenario = loadScenario('lex-sarah-denied-placement.json');
const breachScenario = loadScenario('breach-misdirected-jobplan.json');

/** The Lex Sarah scenario about a person with protected identity (SPEC §6). */
function protectedScenario(): Scenario {
  const affected = lexSarahScenario.answers.affectedPerson as Record<string, unknown>;
  return {
    ...lexSarahScenario,
    answers: {
      ...lexSarahScenario.answers,
      affectedPerson: { ...affected, protectedIdentity: 'yes' },
    },
  };
}

/** The shared scenarios have no security incident; this one follows SPEC §3b. */
const incidentReport = {
  type: 'securityIncident',
  answers: {
    occurredAt: '2020-05-26T17:00:00+02:00',
    discoveredAt: '2020-05-27T08:15:00+02:00',
    category: 'lostDevice',
    systems: 'Tjänstetelefon',
    description: 'En tjänstetelefon glömdes på bussen efter ett hembesök.',
    measuresTaken: 'Telefonen spärrades och fjärrensades.',
    significant: 'no',
    personalDataInvolved: 'no',
  },
};

/** Who files which case. */
const filings: Record<CaseKey, { user: User; report: { type: string; answers: unknown } }> = {
  lexSarah: { user: 'u-reporter', report: lexSarahScenario },
  protected: { user: 'u-reporter2', report: protectedScenario() },
  breach: { user: 'u-reporter2', report: breachScenario },
  incident: { user: 'u-reporter', report: incidentReport },
};

const endpoints = [
  'GET /cases',
  'GET /cases/:id',
  'GET /cases/:id/events',
  'GET /cases/:id/documents',
  'GET /cases/:id/documents/:report',
  'GET /cases/:id/documents/:attachment',
  'POST /cases/:id/steps register',
  'POST /cases/:id/steps openInvestigation',
  'POST /cases/:id/steps declineInvestigation',
  'POST /cases/:id/steps recordDecision',
  'POST /cases/:id/steps reportToAuthority',
  'POST /cases/:id/steps close',
  'PUT /cases/:id/investigation',
  'PUT /cases/:id/assessment',
  'POST /cases/:id/case-log',
  'PUT /cases/:id/attachments/:fileName',
  'POST /cases/:id/documents/decision',
  'POST /cases/:id/documents/investigation',
] as const;
type Endpoint = (typeof endpoints)[number];

/** One row of the table: the expected answer for the four cases, in the order of `caseKeys`. */
type Row = readonly [lexSarah: string, protectedCase: string, breach: string, incident: string];

/**
 * THE EXPECTED ANSWERS, endpoint × user × case, from SPEC §6 and the README's decisions:
 * - a reporter follows their own report (status view, the report PDF only), changes nothing, and
 *   sees neither the history (events) nor the investigation; others' reports are hidden;
 * - the investigator and the Lex Sarah officer see the Lex Sarah cases routed to their group in
 *   full, a protected one only if named as its handler (u-officer is, u-investigator is not);
 * - the officer owns the Lex Sarah decisions: register, open/decline, record the decision, report
 *   to IVO, close, and generate the delegated decision;
 * - an investigator may edit the investigation, add case log entries, attach files and generate
 *   the investigation document, but not decide;
 * - the DPO sees breaches and owns their decisions; the security coordinator owns incidents;
 * - the registrar sees the registry metadata of every case (no events, no documents) and may
 *   register;
 * - a hidden case answers 404, a visible case with a refused action 403.
 *
 * Vocabulary: `listed <view>` / `absent` (membership in GET /api/cases), `200 <view>` (the view
 * GET /api/cases/:id gives), `200 all` / `200 report` / `200 empty` (which documents are listed:
 * the report and the attachment / only the report PDF / none), and the convention above.
 */
// prettier-ignore
const expected: Record<Endpoint, Record<User, Row>> = {
  //                              lexSarah                  protected                 breach                    incident
  'GET /cases': {
    'u-reporter':               ['listed status',          'absent',                 'absent',                 'listed status'],
    'u-reporter2':              ['absent',                 'listed status',          'listed status',          'absent'],
    'u-investigator':           ['listed full',            'absent',                 'absent',                 'absent'],
    'u-officer':                ['listed full',            'listed full',            'absent',                 'absent'],
    'u-registrar':              ['listed registry',        'listed registry',        'listed registry',        'listed registry'],
    'u-dpo':                    ['absent',                 'absent',                 'listed full',            'absent'],
    'u-isam':                   ['absent',                 'absent',                 'absent',                 'listed full'],
  },
  'GET /cases/:id': {
    'u-reporter':               ['200 status',             '404',                    '404',                    '200 status'],
    'u-reporter2':              ['404',                    '200 status',             '200 status',             '404'],
    'u-investigator':           ['200 full',               '404',                    '404',                    '404'],
    'u-officer':                ['200 full',               '200 full',               '404',                    '404'],
    'u-registrar':              ['200 registry',           '200 registry',           '200 registry',           '200 registry'],
    'u-dpo':                    ['404',                    '404',                    '200 full',               '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '200 full'],
  },
  'GET /cases/:id/events': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['200',                    '404',                    '404',                    '404'],
    'u-officer':                ['200',                    '200',                    '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '200',                    '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '200'],
  },
  'GET /cases/:id/documents': {
    'u-reporter':               ['200 report',             '404',                    '404',                    '200 report'],
    'u-reporter2':              ['404',                    '200 report',             '200 report',             '404'],
    'u-investigator':           ['200 all',                '404',                    '404',                    '404'],
    'u-officer':                ['200 all',                '200 all',                '404',                    '404'],
    'u-registrar':              ['200 empty',              '200 empty',              '200 empty',              '200 empty'],
    'u-dpo':                    ['404',                    '404',                    '200 all',                '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '200 all'],
  },
  // A document the user may not see is absent, like a hidden case: the registrar's list is empty.
  'GET /cases/:id/documents/:report': {
    'u-reporter':               ['200',                    '404',                    '404',                    '200'],
    'u-reporter2':              ['404',                    '200',                    '200',                    '404'],
    'u-investigator':           ['200',                    '404',                    '404',                    '404'],
    'u-officer':                ['200',                    '200',                    '404',                    '404'],
    'u-registrar':              ['404',                    '404',                    '404',                    '404'],
    'u-dpo':                    ['404',                    '404',                    '200',                    '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '200'],
  },
  // A handler's attachment is not the report as filed: the reporter does not get it.
  'GET /cases/:id/documents/:attachment': {
    'u-reporter':               ['404',                    '404',                    '404',                    '404'],
    'u-reporter2':              ['404',                    '404',                    '404',                    '404'],
    'u-investigator':           ['200',                    '404',                    '404',                    '404'],
    'u-officer':                ['200',                    '200',                    '404',                    '404'],
    'u-registrar':              ['404',                    '404',                    '404',                    '404'],
    'u-dpo':                    ['404',                    '404',                    '200',                    '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '200'],
  },
  'POST /cases/:id/steps register': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['403',                    '404',                    '404',                    '404'],
    'u-officer':                ['409 illegalTransition',  '409 illegalTransition',  '404',                    '404'],
    'u-registrar':              ['409 illegalTransition',  '409 illegalTransition',  '409 illegalTransition',  '409 illegalTransition'],
    'u-dpo':                    ['404',                    '404',                    '409 illegalTransition',  '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '409 illegalTransition'],
  },
  'POST /cases/:id/steps openInvestigation': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['403',                    '404',                    '404',                    '404'],
    'u-officer':                ['409 conflict',           '409 conflict',           '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '409 conflict',           '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '409 conflict'],
  },
  'POST /cases/:id/steps declineInvestigation': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['403',                    '404',                    '404',                    '404'],
    'u-officer':                ['409 illegalTransition',  '409 illegalTransition',  '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '409 illegalTransition',  '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '409 illegalTransition'],
  },
  'POST /cases/:id/steps recordDecision': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['403',                    '404',                    '404',                    '404'],
    'u-officer':                ['409 illegalTransition',  '409 illegalTransition',  '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '409 illegalTransition',  '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '409 illegalTransition'],
  },
  'POST /cases/:id/steps reportToAuthority': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['403',                    '404',                    '404',                    '404'],
    'u-officer':                ['409 illegalTransition',  '409 illegalTransition',  '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '409 illegalTransition',  '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '409 illegalTransition'],
  },
  'POST /cases/:id/steps close': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['403',                    '404',                    '404',                    '404'],
    'u-officer':                ['409 illegalTransition',  '409 illegalTransition',  '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '409 illegalTransition',  '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '409 illegalTransition'],
  },
  // The DPO and the coordinator do the same work on their own cases; an investigation is Lex Sarah's.
  'PUT /cases/:id/investigation': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['409 conflict',           '404',                    '404',                    '404'],
    'u-officer':                ['409 conflict',           '409 conflict',           '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '400 type',               '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '400 type'],
  },
  'PUT /cases/:id/assessment': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['400 type',               '404',                    '404',                    '404'],
    'u-officer':                ['400 type',               '400 type',               '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '409 conflict',           '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '400 type'],
  },
  'POST /cases/:id/case-log': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['409 conflict',           '404',                    '404',                    '404'],
    'u-officer':                ['409 conflict',           '409 conflict',           '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '409 conflict',           '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '409 conflict'],
  },
  'PUT /cases/:id/attachments/:fileName': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['201',                    '404',                    '404',                    '404'],
    'u-officer':                ['201',                    '201',                    '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '201',                    '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '201'],
  },
  // The delegated decision is the officer's (the decision-maker's), not the investigator's.
  'POST /cases/:id/documents/decision': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['403',                    '404',                    '404',                    '404'],
    'u-officer':                ['400 state',              '400 state',              '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '400 type',               '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '400 type'],
  },
  'POST /cases/:id/documents/investigation': {
    'u-reporter':               ['403',                    '404',                    '404',                    '403'],
    'u-reporter2':              ['404',                    '403',                    '403',                    '404'],
    'u-investigator':           ['201',                    '404',                    '404',                    '404'],
    'u-officer':                ['201',                    '201',                    '404',                    '404'],
    'u-registrar':              ['403',                    '403',                    '403',                    '403'],
    'u-dpo':                    ['404',                    '404',                    '400 type',               '404'],
    'u-isam':                   ['404',                    '404',                    '404',                    '400 type'],
  },
};

/** GET /api/access-log: only the DPO reviews who read protected cases. */
const expectedAccessLog: Record<User, string> = {
  'u-reporter': '403',
  'u-reporter2': '403',
  'u-investigator': '403',
  'u-officer': '403',
  'u-registrar': '403',
  'u-dpo': '200',
  'u-isam': '403',
};

// ---------------------------------------------------------------------------------------------
// The product and its HTTP client
// ---------------------------------------------------------------------------------------------

interface ErrorJson {
  error: {
    reason: string;
    message: { sv: string; en: string };
    issues?: { field: string; message: { sv: string; en: string } }[];
  };
}

interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON answer, or null when the answer is not JSON. */
  json: unknown;
  bytes: Buffer;
}

interface Send {
  user?: User;
  /** A value sent as JSON. */
  json?: unknown;
  /** Bytes or text sent as they are, with `contentType`. */
  raw?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

let started: Started;
let dataDir: string;
const tokens = new Map<User, string>();

async function call(method: string, route: string, options: Send = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user !== undefined) headers.authorization = `Bearer ${await tokenOf(options.user)}`;
  let body: string | Uint8Array | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  }
  const response = await fetch(`${started.url}/api${route}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    json: isJson && bytes.length > 0 ? (JSON.parse(bytes.toString('utf8')) as unknown) : null,
    bytes,
  };
}

async function tokenOf(user: User): Promise<string> {
  const known = tokens.get(user);
  if (known !== undefined) return known;
  const response = await fetch(`${started.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  tokens.set(user, token);
  return token;
}

/** The error body of a reply, after checking its one shape (reason, bilingual message). */
function errorOf(reply: Reply): ErrorJson['error'] {
  const body = reply.json as Partial<ErrorJson> | null;
  const error = body?.error;
  expect(typeof error?.reason).toBe('string');
  expect(error?.message.sv).toEqual(expect.any(String));
  expect(error?.message.en).toEqual(expect.any(String));
  expect(error?.message.sv.length).toBeGreaterThan(0);
  expect(error?.message.en.length).toBeGreaterThan(0);
  if (error === undefined) throw new Error(`No error body (status ${String(reply.status)})`);
  return error;
}

/** Whether a reply carries the one error shape: a reason and a message in Swedish and English. */
function hasErrorShape(reply: Reply): boolean {
  const error = (reply.json as Partial<ErrorJson> | null)?.error;
  return (
    typeof error?.reason === 'string' &&
    typeof error.message.sv === 'string' &&
    error.message.sv.length > 0 &&
    typeof error.message.en === 'string' &&
    error.message.en.length > 0
  );
}

/**
 * A refusal in the table's vocabulary: `403`, `404`, `409 <reason>` or `400 <fields>`; anything
 * else (another reason, or an answer outside the error shape) is spelled out, so it fails visibly.
 */
function refusal(reply: Reply): string {
  const status = String(reply.status);
  if (!hasErrorShape(reply)) return `${status} (not in the error shape: ${reply.bytes.toString()})`;
  const error = errorOf(reply);
  const plain: Record<number, string> = { 403: 'forbidden', 404: 'notFound' };
  switch (reply.status) {
    case 400:
      return error.reason === 'validation'
        ? `400 ${(error.issues ?? []).map((issue) => issue.field).join(',')}`
        : `400 ${error.reason}`;
    case 403:
    case 404:
      return error.reason === plain[reply.status] ? status : `${status} ${error.reason}`;
    default:
      return `${status} ${error.reason}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The cases, and one observation per endpoint in the table's vocabulary
// ---------------------------------------------------------------------------------------------

/** What a request needs to address one case and its documents. */
interface Target {
  id: string;
  reportDocumentId: string;
  attachmentId: string;
}

const filed = {} as Record<CaseKey, VisibleCase>;
const targets = {} as Record<CaseKey, Target>;

/** Deliberately stale: every case is at version 3 or later before the matrix runs. */
const STALE_VERSION = 1;

const txt = new TextEncoder().encode('Samtal med enhetschefen den 2 februari.\n');

const investigationInput = { law: 'SoL', whatHappened: 'Insatsen nekades efter ett kort samtal.' };
const assessmentInput = {
  imyNotification: { decision: 'notRequired', reasoning: 'Mottagaren har raderat mejlet.' },
};
const caseLogInput = {
  note: 'Enhetschefen bekräftar förloppet.',
  nature: 'fact',
  source: 'Samtal med enhetschef',
};

async function step(user: User, target: Target, name: string): Promise<string> {
  const reply = await call('POST', `/cases/${target.id}/steps`, {
    user,
    json: { step: name, expectedVersion: STALE_VERSION },
  });
  // Success would mean a case changed state: the convention above forbids it, so it shows.
  return reply.status === 200
    ? `200 now ${(reply.json as { case: VisibleCase }).case.state}`
    : refusal(reply);
}

async function listView(user: User, target: Target): Promise<string> {
  const reply = await call('GET', '/cases?limit=200', { user });
  expect(reply.status).toBe(200);
  const page = reply.json as { items: { access: CaseAccess; case: VisibleCase }[] };
  const item = page.items.find((candidate) => candidate.case.id === target.id);
  return item === undefined ? 'absent' : `listed ${item.access.view}`;
}

async function download(user: User, target: Target, documentId: string): Promise<string> {
  const reply = await call('GET', `/cases/${target.id}/documents/${documentId}`, { user });
  if (reply.status !== 200) return refusal(reply);
  expect(reply.headers.get('cache-control')).toBe('no-store');
  expect(reply.bytes.length).toBeGreaterThan(0);
  return '200';
}

const observe: Record<Endpoint, (user: User, target: Target) => Promise<string>> = {
  'GET /cases': listView,
  'GET /cases/:id': async (user, target) => {
    const reply = await call('GET', `/cases/${target.id}`, { user });
    if (reply.status !== 200) return refusal(reply);
    return `200 ${(reply.json as { access: CaseAccess }).access.view}`;
  },
  'GET /cases/:id/events': async (user, target) => {
    const reply = await call('GET', `/cases/${target.id}/events`, { user });
    if (reply.status !== 200) return refusal(reply);
    expect((reply.json as { events: unknown[] }).events.length).toBeGreaterThan(0);
    return '200';
  },
  'GET /cases/:id/documents': async (user, target) => {
    const reply = await call('GET', `/cases/${target.id}/documents`, { user });
    if (reply.status !== 200) return refusal(reply);
    const ids = (reply.json as { documents: DocumentRef[] }).documents.map((doc) => doc.id);
    if (ids.length === 0) return '200 empty';
    if (ids.length === 1 && ids[0] === target.reportDocumentId) return '200 report';
    if (ids.includes(target.reportDocumentId) && ids.includes(target.attachmentId))
      return '200 all';
    return `200 ${String(ids.length)} documents`;
  },
  'GET /cases/:id/documents/:report': (user, target) =>
    download(user, target, target.reportDocumentId),
  'GET /cases/:id/documents/:attachment': (user, target) =>
    download(user, target, target.attachmentId),
  'POST /cases/:id/steps register': (user, target) => step(user, target, 'register'),
  'POST /cases/:id/steps openInvestigation': (user, target) =>
    step(user, target, 'openInvestigation'),
  // No reason: the workflow refuses a decision not to investigate without one.
  'POST /cases/:id/steps declineInvestigation': (user, target) =>
    step(user, target, 'declineInvestigation'),
  'POST /cases/:id/steps recordDecision': (user, target) => step(user, target, 'recordDecision'),
  'POST /cases/:id/steps reportToAuthority': (user, target) =>
    step(user, target, 'reportToAuthority'),
  'POST /cases/:id/steps close': (user, target) => step(user, target, 'close'),
  'PUT /cases/:id/investigation': async (user, target) => {
    const reply = await call('PUT', `/cases/${target.id}/investigation`, {
      user,
      json: { expectedVersion: STALE_VERSION, investigation: investigationInput },
    });
    return reply.status === 200 ? '200' : refusal(reply);
  },
  'PUT /cases/:id/assessment': async (user, target) => {
    const reply = await call('PUT', `/cases/${target.id}/assessment`, {
      user,
      json: { expectedVersion: STALE_VERSION, assessment: assessmentInput },
    });
    return reply.status === 200 ? '200' : refusal(reply);
  },
  'POST /cases/:id/case-log': async (user, target) => {
    const reply = await call('POST', `/cases/${target.id}/case-log`, {
      user,
      json: { expectedVersion: STALE_VERSION, entry: caseLogInput },
    });
    return reply.status === 201 ? '201' : refusal(reply);
  },
  'PUT /cases/:id/attachments/:fileName': async (user, target) => {
    const reply = await call('PUT', `/cases/${target.id}/attachments/anteckning.txt`, {
      user,
      raw: txt,
      contentType: 'application/octet-stream',
    });
    if (reply.status !== 201) return refusal(reply);
    expect((reply.json as { document: DocumentRef }).document).toMatchObject({
      caseId: target.id,
      kind: 'attachment',
      mediaType: 'text/plain',
      createdBy: user,
    });
    return '201';
  },
  'POST /cases/:id/documents/decision': async (user, target) => {
    const reply = await call('POST', `/cases/${target.id}/documents/decision`, { user });
    return reply.status === 201 ? '201' : refusal(reply);
  },
  'POST /cases/:id/documents/investigation': async (user, target) => {
    const reply = await call('POST', `/cases/${target.id}/documents/investigation`, { user });
    if (reply.status !== 201) return refusal(reply);
    expect((reply.json as { document: DocumentRef }).document).toMatchObject({
      caseId: target.id,
      kind: 'investigation',
      mediaType: 'application/pdf',
    });
    return '201';
  },
};

/** Whether the case is hidden from the user, as the table says (GET /cases/:id answers 404). */
function hiddenFrom(user: User, key: CaseKey): boolean {
  return expected['GET /cases/:id'][user][caseKeys.indexOf(key)] === '404';
}

/** The same request about a case that does not exist: what a hidden case must look like. */
async function nonexistentAnswer(endpoint: Endpoint, user: User, key: CaseKey): Promise<Reply> {
  const target = targets[key];
  const probe: Target = { ...target, id: randomUUID() };
  const requests: Partial<Record<Endpoint, () => Promise<Reply>>> = {
    'GET /cases/:id': () => call('GET', `/cases/${probe.id}`, { user }),
    'GET /cases/:id/events': () => call('GET', `/cases/${probe.id}/events`, { user }),
    'GET /cases/:id/documents/:report': () =>
      call('GET', `/cases/${probe.id}/documents/${probe.reportDocumentId}`, { user }),
    'PUT /cases/:id/investigation': () =>
      call('PUT', `/cases/${probe.id}/investigation`, {
        user,
        json: { expectedVersion: STALE_VERSION, investigation: investigationInput },
      }),
    'POST /cases/:id/steps recordDecision': () =>
      call('POST', `/cases/${probe.id}/steps`, {
        user,
        json: { step: 'recordDecision', expectedVersion: STALE_VERSION },
      }),
  };
  const request = requests[endpoint];
  if (request === undefined) throw new Error(`No probe for ${endpoint}`);
  return request();
}

async function accessLog(caseId: string): Promise<AccessLogEntry[]> {
  const reply = await call('GET', `/access-log?caseId=${caseId}&limit=500`, { user: 'u-dpo' });
  expect(reply.status).toBe(200);
  return (reply.json as { entries: AccessLogEntry[] }).entries;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'avvikelse-access-matrix-'));
  try {
    started = await start(
      {
        ...process.env,
        AVVIKELSE_MODE: 'local',
        HOST: '127.0.0.1',
        AVVIKELSE_PUBLIC_URL: undefined,
        AVVIKELSE_ROUTING_FILE: routingFile,
        AVVIKELSE_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
      },
      { handleSignals: false, announce: () => undefined },
    );
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  for (const key of caseKeys) {
    const { user, report } = filings[key];
    const reply = await call('POST', '/reports', {
      user,
      headers: { 'idempotency-key': randomUUID() },
      json: { type: report.type, answers: report.answers },
    });
    expect(reply.status).toBe(201);
    const record = (reply.json as { case: VisibleCase }).case;
    expect(record.state).toBe('registered');
    filed[key] = record;
  }
  expect(filed.protected.protectedIdentity).toBe(true);
  expect(filed.protected.handlers).toEqual(['u-officer']);
  expect(filed.lexSarah.protectedIdentity).toBe(false);

  // Each case gets a handler's attachment, so "all documents" and "the report only" differ.
  const handlerOf: Record<CaseKey, User> = {
    lexSarah: 'u-officer',
    protected: 'u-officer',
    breach: 'u-dpo',
    incident: 'u-isam',
  };
  for (const key of caseKeys) {
    const { id, reportDocumentId } = filed[key];
    if (reportDocumentId === null || reportDocumentId === undefined) {
      throw new Error(`The ${key} case was filed without its report PDF`);
    }
    const upload = await call('PUT', `/cases/${id}/attachments/bilaga.txt`, {
      user: handlerOf[key],
      raw: txt,
      contentType: 'application/octet-stream',
    });
    expect(upload.status).toBe(201);
    const attachment = (upload.json as { document: DocumentRef }).document;
    targets[key] = { id, reportDocumentId, attachmentId: attachment.id };
    // The stale version of the convention above really is stale.
    const now = await call('GET', `/cases/${id}`, { user: 'u-registrar' });
    expect((now.json as { case: VisibleCase }).case.version).toBeGreaterThan(STALE_VERSION + 1);
  }
});

afterAll(async () => {
  try {
    await started.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

interface Cell {
  title: string;
  endpoint: Endpoint;
  user: User;
  key: CaseKey;
  want: string;
}

const cells: Cell[] = endpoints.flatMap((endpoint) =>
  users.flatMap((user) =>
    caseKeys.map((key, column) => {
      const want = expected[endpoint][user][column] ?? 'missing in the table';
      return {
        title: `${user} ${endpoint} on ${caseLabels[key]} → ${want}`,
        endpoint,
        user,
        key,
        want,
      };
    }),
  ),
);

describe('access matrix: endpoint × demo user × case', () => {
  it('covers every endpoint, user and case exactly once', () => {
    expect(cells).toHaveLength(endpoints.length * users.length * caseKeys.length);
    expect(new Set(cells.map((cell) => cell.title.split(' → ')[0])).size).toBe(cells.length);
  });

  it.each(cells)('$title', async ({ endpoint, user, key, want }) => {
    expect(await observe[endpoint](user, targets[key])).toBe(want);
  });

  it.each(users.map((user) => ({ user, want: expectedAccessLog[user] })))(
    '$user GET /access-log → $want',
    async ({ user, want }) => {
      const reply = await call('GET', '/access-log', { user });
      expect(reply.status === 200 ? '200' : refusal(reply)).toBe(want);
    },
  );

  it('never changed a case: every case is still registered', async () => {
    for (const key of caseKeys) {
      const reply = await call('GET', `/cases/${targets[key].id}`, { user: 'u-registrar' });
      expect({ key, state: (reply.json as { case: VisibleCase }).case.state }).toEqual({
        key,
        state: 'registered',
      });
    }
  });
});

describe('hidden means absent: a hidden case answers exactly like one that does not exist', () => {
  const probed: Endpoint[] = [
    'GET /cases/:id',
    'GET /cases/:id/events',
    'GET /cases/:id/documents/:report',
    'POST /cases/:id/steps recordDecision',
    'PUT /cases/:id/investigation',
  ];
  const hiddenCells = probed.flatMap((endpoint) =>
    users.flatMap((user) =>
      caseKeys
        .filter((key) => hiddenFrom(user, key))
        .map((key) => ({
          title: `${user} ${endpoint} on ${caseLabels[key]}`,
          endpoint,
          user,
          key,
        })),
    ),
  );

  it.each(hiddenCells)('$title', async ({ endpoint, user, key }) => {
    const target = targets[key];
    const paths: Record<string, () => Promise<Reply>> = {
      'GET /cases/:id': () => call('GET', `/cases/${target.id}`, { user }),
      'GET /cases/:id/events': () => call('GET', `/cases/${target.id}/events`, { user }),
      'GET /cases/:id/documents/:report': () =>
        call('GET', `/cases/${target.id}/documents/${target.reportDocumentId}`, { user }),
      'PUT /cases/:id/investigation': () =>
        call('PUT', `/cases/${target.id}/investigation`, {
          user,
          json: { expectedVersion: STALE_VERSION, investigation: investigationInput },
        }),
      'POST /cases/:id/steps recordDecision': () =>
        call('POST', `/cases/${target.id}/steps`, {
          user,
          json: { step: 'recordDecision', expectedVersion: STALE_VERSION },
        }),
    };
    const hidden = await paths[endpoint]?.();
    const absent = await nonexistentAnswer(endpoint, user, key);
    expect(hidden?.status).toBe(404);
    expect({ status: hidden?.status, body: hidden?.json }).toEqual({
      status: absent.status,
      body: absent.json,
    });
  });
});

describe('what each view shows', () => {
  it("shows a reporter their own report as status: the report, never the investigation's parts", async () => {
    for (const [user, key] of [
      ['u-reporter', 'lexSarah'],
      ['u-reporter', 'incident'],
      ['u-reporter2', 'protected'],
      ['u-reporter2', 'breach'],
    ] as const) {
      const reply = await call('GET', `/cases/${targets[key].id}`, { user });
      const { access, case: record } = reply.json as { access: CaseAccess; case: VisibleCase };
      expect({ key, access }).toEqual({ key, access: { view: 'status', actions: [] } });
      expect(record.report?.type).toBe(filed[key].type);
      for (const hidden of ['investigation', 'assessment', 'caseLog', 'decision', 'handlers']) {
        expect({ key, has: Object.hasOwn(record, hidden) }).toEqual({ key, has: false });
      }
    }
  });

  it('shows the registrar registry metadata only, the protected case without title or unit', async () => {
    const page = (await call('GET', '/cases?limit=200', { user: 'u-registrar' })).json as {
      items: { case: VisibleCase }[];
    };
    for (const key of caseKeys) {
      const listed = page.items.find((item) => item.case.id === targets[key].id)?.case;
      const opened = (
        (await call('GET', `/cases/${targets[key].id}`, { user: 'u-registrar' })).json as {
          case: VisibleCase;
        }
      ).case;
      for (const record of [listed, opened]) {
        expect(record?.registrationNumber).toBe(filed[key].registrationNumber);
        expect(record).not.toHaveProperty('report');
        expect(record).not.toHaveProperty('reporter');
        if (key === 'protected') {
          expect(record?.title).toBe(PROTECTED_TITLE);
          expect(record).not.toHaveProperty('unit');
        } else {
          expect(record?.title).not.toBe(PROTECTED_TITLE);
        }
      }
    }
  });

  it('shows the named handler the protected case in full, marked as protected', async () => {
    const reply = await call('GET', `/cases/${targets.protected.id}`, { user: 'u-officer' });
    const record = (reply.json as { case: VisibleCase }).case;
    expect(record.protectedIdentity).toBe(true);
    expect(record.title).not.toBe(PROTECTED_TITLE);
    expect(record.report?.type).toBe('lexSarah');
  });
});

// ---------------------------------------------------------------------------------------------
// The access log of the protected case (SPEC §6: every read is written to the log)
// ---------------------------------------------------------------------------------------------

const protectedReads = {
  'GET /cases/:id': (user: User) => call('GET', `/cases/${targets.protected.id}`, { user }),
  'GET /cases': (user: User) => call('GET', '/cases?limit=200', { user }),
  'GET /cases/:id/events': (user: User) =>
    call('GET', `/cases/${targets.protected.id}/events`, { user }),
  'GET /cases/:id/documents': (user: User) =>
    call('GET', `/cases/${targets.protected.id}/documents`, { user }),
  'GET /cases/:id/documents/:report': (user: User) =>
    call('GET', `/cases/${targets.protected.id}/documents/${targets.protected.reportDocumentId}`, {
      user,
    }),
  'GET /cases/:id/documents/:attachment': (user: User) =>
    call('GET', `/cases/${targets.protected.id}/documents/${targets.protected.attachmentId}`, {
      user,
    }),
};
type ProtectedRead = keyof typeof protectedReads;

/**
 * Which reads of the protected case add an entry (SPEC §6: "every read of it is written to an
 * append-only access log that the DPO can review"): every read that shows the case to its named
 * handler (u-officer) or to the reporter following it (u-reporter2) — the case, its history, its
 * documents and their list. A list either logs the protected case it shows, or shows it without
 * its content (no report, the title masked) and need not log. The registrar's registry view shows
 * no protected content, and a refused or hidden read shows nothing: neither is logged.
 */
type Logging = 'logged' | 'not logged' | 'logged unless masked';
// prettier-ignore
const logged: { user: User; read: ProtectedRead; want: Logging }[] = [
  { user: 'u-officer',      read: 'GET /cases/:id',                       want: 'logged' },
  { user: 'u-officer',      read: 'GET /cases',                           want: 'logged unless masked' },
  { user: 'u-officer',      read: 'GET /cases/:id/events',                want: 'logged' },
  { user: 'u-officer',      read: 'GET /cases/:id/documents',             want: 'logged' },
  { user: 'u-officer',      read: 'GET /cases/:id/documents/:report',     want: 'logged' },
  { user: 'u-officer',      read: 'GET /cases/:id/documents/:attachment', want: 'logged' },
  { user: 'u-reporter2',    read: 'GET /cases/:id',                       want: 'logged' },
  { user: 'u-reporter2',    read: 'GET /cases',                           want: 'logged unless masked' },
  { user: 'u-reporter2',    read: 'GET /cases/:id/documents',             want: 'logged' },
  { user: 'u-reporter2',    read: 'GET /cases/:id/documents/:report',     want: 'logged' },
  { user: 'u-reporter2',    read: 'GET /cases/:id/events',                want: 'not logged' },
  { user: 'u-registrar',    read: 'GET /cases/:id',                       want: 'not logged' },
  { user: 'u-registrar',    read: 'GET /cases',                           want: 'not logged' },
  { user: 'u-registrar',    read: 'GET /cases/:id/documents',             want: 'not logged' },
  { user: 'u-investigator', read: 'GET /cases/:id',                       want: 'not logged' },
  { user: 'u-investigator', read: 'GET /cases',                           want: 'not logged' },
  { user: 'u-dpo',          read: 'GET /cases/:id',                       want: 'not logged' },
];

/** Whether a list answer shows the protected case with its content (its report, its title). */
function listShowsProtectedContent(reply: Reply): boolean {
  const page = reply.json as { items: { case: VisibleCase }[] };
  const item = page.items.find((candidate) => candidate.case.id === targets.protected.id);
  return (
    item !== undefined &&
    (Object.hasOwn(item.case, 'report') || item.case.title !== PROTECTED_TITLE)
  );
}

describe('the access log of the protected case', () => {
  it.each(logged)('$user $read → $want', async ({ user, read, want }) => {
    const before = await accessLog(targets.protected.id);
    const reply = await protectedReads[read](user);
    expect(reply.status).toBeLessThan(500);
    const after = await accessLog(targets.protected.id);
    const added = after.length - before.length;
    const shouldLog =
      want === 'logged' || (want === 'logged unless masked' && listShowsProtectedContent(reply));
    expect({ status: reply.status, added }).toEqual({
      status: reply.status,
      added: shouldLog ? 1 : 0,
    });
    if (shouldLog) {
      expect(after[0]).toMatchObject({
        actorId: user,
        caseId: targets.protected.id,
        registrationNumber: filed.protected.registrationNumber,
      });
    }
  });

  it('keeps no entries for the unprotected cases', async () => {
    for (const key of ['lexSarah', 'breach', 'incident'] as const) {
      expect({ key, entries: await accessLog(targets[key].id) }).toEqual({ key, entries: [] });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Malformed bodies: 400 naming the field
// ---------------------------------------------------------------------------------------------

interface Malformed {
  title: string;
  method: string;
  route: (key: CaseKey) => string;
  user: User;
  key: CaseKey;
  body: unknown;
  /** The fields the 400's issues must name, in order. */
  fields: string[];
  /** Text the (English) message of the first issue must contain. */
  says: string;
}

const steps = (key: CaseKey): string => `/cases/${targets[key].id}/steps`;
const investigation = (key: CaseKey): string => `/cases/${targets[key].id}/investigation`;
const assessment = (key: CaseKey): string => `/cases/${targets[key].id}/assessment`;
const caseLog = (key: CaseKey): string => `/cases/${targets[key].id}/case-log`;
const reports = (): string => '/reports';

const required = 'This field is required';
const wrongKind = 'Wrong kind of value';
const lexSarahWithoutUnit = Object.fromEntries(
  Object.entries(lexSarahScenario.answers).filter(([field]) => field !== 'unit'),
);

// prettier-ignore
const malformed: Malformed[] = [
  { title: 'POST /reports without type',                     method: 'POST', route: reports,       user: 'u-reporter', key: 'lexSarah', body: { answers: lexSarahScenario.answers },                                              fields: ['type'],                                  says: 'Type of deviation' },
  { title: 'POST /reports without answers.unit',             method: 'POST', route: reports,       user: 'u-reporter', key: 'lexSarah', body: { type: 'lexSarah', answers: lexSarahWithoutUnit },                                  fields: ['answers.unit'],                          says: required },
  { title: 'POST /reports with a number as answers.unit',    method: 'POST', route: reports,       user: 'u-reporter', key: 'lexSarah', body: { type: 'lexSarah', answers: { ...lexSarahScenario.answers, unit: 42 } },           fields: ['answers.unit'],                          says: wrongKind },
  { title: 'POST /reports with an unknown key',              method: 'POST', route: reports,       user: 'u-reporter', key: 'lexSarah', body: { type: 'lexSarah', answers: lexSarahScenario.answers, colour: 'red' },            fields: ['(root)'],                                says: 'colour' },
  { title: 'POST /steps without step',                       method: 'POST', route: steps,         user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION },                                                  fields: ['step'],                                  says: required },
  { title: 'POST /steps without expectedVersion',            method: 'POST', route: steps,         user: 'u-officer',  key: 'lexSarah', body: { step: 'close' },                                                                   fields: ['expectedVersion'],                       says: required },
  { title: 'POST /steps with text as expectedVersion',       method: 'POST', route: steps,         user: 'u-officer',  key: 'lexSarah', body: { step: 'close', expectedVersion: '3' },                                              fields: ['expectedVersion'],                       says: wrongKind },
  { title: 'POST /steps with an unknown step',               method: 'POST', route: steps,         user: 'u-officer',  key: 'lexSarah', body: { step: 'approve', expectedVersion: STALE_VERSION },                                 fields: ['step'],                                  says: 'openInvestigation' },
  { title: 'POST /steps with an unknown key',                method: 'POST', route: steps,         user: 'u-officer',  key: 'lexSarah', body: { step: 'close', expectedVersion: STALE_VERSION, colour: 'red' },                    fields: ['(root)'],                                says: 'colour' },
  { title: 'PUT /investigation without expectedVersion',     method: 'PUT',  route: investigation, user: 'u-officer',  key: 'lexSarah', body: { investigation: investigationInput },                                            fields: ['expectedVersion'],                       says: required },
  { title: 'PUT /investigation without investigation',       method: 'PUT',  route: investigation, user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION },                                                  fields: ['investigation'],                         says: required },
  { title: 'PUT /investigation with a number as law',        method: 'PUT',  route: investigation, user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, investigation: { law: 2001 } },                   fields: ['investigation.law'],                     says: 'SoL' },
  { title: 'PUT /investigation with an unknown law',         method: 'PUT',  route: investigation, user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, investigation: { law: 'HSL' } },                  fields: ['investigation.law'],                     says: 'LSS' },
  { title: 'PUT /investigation with an unknown key inside',  method: 'PUT',  route: investigation, user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, investigation: { shoeSize: 44 } },                fields: ['investigation'],                         says: 'shoeSize' },
  { title: 'PUT /investigation with text as investigation', method: 'PUT', route: investigation, user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, investigation: 'utredning' },                   fields: ['investigation'],                         says: wrongKind },
  { title: 'PUT /investigation with an unknown key',         method: 'PUT',  route: investigation, user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, investigation: {}, colour: 'red' },               fields: ['(root)'],                                says: 'colour' },
  { title: 'PUT /assessment without imyNotification.decision', method: 'PUT', route: assessment,   user: 'u-dpo',      key: 'breach',   body: { expectedVersion: STALE_VERSION, assessment: { imyNotification: {} } },            fields: ['assessment.imyNotification.decision'],   says: required },
  { title: 'PUT /assessment with a boolean as decision',     method: 'PUT',  route: assessment,    user: 'u-dpo',      key: 'breach',   body: { expectedVersion: STALE_VERSION, assessment: { imyNotification: { decision: true } } }, fields: ['assessment.imyNotification.decision'], says: 'notRequired' },
  { title: 'PUT /assessment with text as expectedVersion',   method: 'PUT',  route: assessment,    user: 'u-dpo',      key: 'breach',   body: { expectedVersion: 'three', assessment: assessmentInput },                              fields: ['expectedVersion'],                       says: wrongKind },
  { title: 'PUT /assessment with an unknown key inside',     method: 'PUT',  route: assessment,    user: 'u-dpo',      key: 'breach',   body: { expectedVersion: STALE_VERSION, assessment: { imyNotification: { decision: 'required', fine: 1 } } }, fields: ['assessment.imyNotification'], says: 'fine' },
  { title: 'PUT /assessment with a list as assessment',     method: 'PUT',  route: assessment,    user: 'u-dpo',      key: 'breach',   body: { expectedVersion: STALE_VERSION, assessment: [] },                                  fields: ['assessment'],                            says: wrongKind },
  { title: 'PUT /assessment with an unknown key',            method: 'PUT',  route: assessment,    user: 'u-dpo',      key: 'breach',   body: { expectedVersion: STALE_VERSION, assessment: assessmentInput, colour: 'red' },       fields: ['(root)'],                                says: 'colour' },
  { title: 'POST /case-log without entry.nature',            method: 'POST', route: caseLog,       user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, entry: { note: 'x', source: 'y' } },              fields: ['entry.nature'],                          says: required },
  { title: 'POST /case-log with a number as entry.nature',   method: 'POST', route: caseLog,       user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, entry: { ...caseLogInput, nature: 1 } },         fields: ['entry.nature'],                          says: 'assessment' },
  { title: 'POST /case-log with text as attachmentNumber',   method: 'POST', route: caseLog,       user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, entry: { ...caseLogInput, attachmentNumber: 'one' } }, fields: ['entry.attachmentNumber'],        says: wrongKind },
  { title: 'POST /case-log without entry',                   method: 'POST', route: caseLog,       user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION },                                                  fields: ['entry'],                                 says: required },
  { title: 'POST /case-log with an unknown key inside',      method: 'POST', route: caseLog,       user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, entry: { ...caseLogInput, mood: 'sad' } },        fields: ['entry'],                                 says: 'mood' },
  { title: 'POST /case-log with an unknown key',             method: 'POST', route: caseLog,       user: 'u-officer',  key: 'lexSarah', body: { expectedVersion: STALE_VERSION, entry: caseLogInput, colour: 'red' },            fields: ['(root)'],                                says: 'colour' },
];

describe('malformed bodies answer 400 naming the field', () => {
  it.each(malformed)(
    '$title → 400 $fields',
    async ({ method, route, user, key, body, fields, says }) => {
      const reply = await call(method, route(key), {
        user,
        json: body,
        ...(route === reports ? { headers: { 'idempotency-key': randomUUID() } } : {}),
      });
      expect(refusal(reply)).toBe(`400 ${fields.join(',')}`);
      const issue = errorOf(reply).issues?.[0];
      expect(issue?.message.en).toContain(says);
      expect(issue?.message.sv.length).toBeGreaterThan(0);
    },
  );

  const jsonRoutes: { title: string; method: string; route: () => string; user: User }[] = [
    { title: 'POST /reports', method: 'POST', route: reports, user: 'u-reporter' },
    { title: 'POST /steps', method: 'POST', route: () => steps('lexSarah'), user: 'u-officer' },
    {
      title: 'PUT /investigation',
      method: 'PUT',
      route: () => investigation('lexSarah'),
      user: 'u-officer',
    },
    { title: 'PUT /assessment', method: 'PUT', route: () => assessment('breach'), user: 'u-dpo' },
    {
      title: 'POST /case-log',
      method: 'POST',
      route: () => caseLog('lexSarah'),
      user: 'u-officer',
    },
    {
      title: 'POST /documents/decision',
      method: 'POST',
      route: () => `/cases/${targets.lexSarah.id}/documents/decision`,
      user: 'u-officer',
    },
    {
      title: 'POST /documents/investigation',
      method: 'POST',
      route: () => `/cases/${targets.lexSarah.id}/documents/investigation`,
      user: 'u-officer',
    },
  ];

  it.each(jsonRoutes)(
    '$title with a body that is not JSON → 400',
    async ({ method, route, user }) => {
      const reply = await call(method, route(), {
        user,
        raw: '{"expectedVersion": 3, ',
        contentType: 'application/json',
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(refusal(reply)).toBe('400 badRequest');
      expect(errorOf(reply).message.en).toContain('JSON');
    },
  );

  const upload = (contentType: string | undefined, raw: string | Uint8Array, name = 'a.txt') =>
    call('PUT', `/cases/${targets.lexSarah.id}/attachments/${encodeURIComponent(name)}`, {
      user: 'u-officer',
      raw,
      ...(contentType === undefined ? {} : { contentType }),
    });

  it.each([
    { contentType: 'application/json', raw: '{"file":"a.txt"}' },
    { contentType: 'text/plain', raw: 'Samtal med enhetschefen.' },
  ])(
    'PUT /attachments/:fileName sent as $contentType → 400 naming body, asking for octet-stream',
    async ({ contentType, raw }) => {
      const reply = await upload(contentType, raw);
      expect(refusal(reply)).toBe('400 body');
      expect(errorOf(reply).issues?.[0]?.message.en).toContain('application/octet-stream');
    },
  );

  it('PUT /attachments/:fileName sent as image/png → 400 or 415, asking for octet-stream', async () => {
    const reply = await upload('image/png', txt);
    expect([400, 415]).toContain(reply.status);
    const error = errorOf(reply);
    const said = [error.message.en, ...(error.issues ?? []).map((issue) => issue.message.en)];
    expect(said.join(' ')).toContain('application/octet-stream');
  });

  // The route takes names of up to 200 characters (as attachmentRules.maxNameLength says).
  it('PUT /attachments/:fileName with a file name of 150 characters → 201', async () => {
    const name = `${'n'.repeat(146)}.txt`;
    const reply = await upload('application/octet-stream', txt, name);
    expect(reply.status === 201 ? '201' : refusal(reply)).toBe('201');
    expect((reply.json as { document: DocumentRef }).document.name).toBe(name);
  });

  it.each([
    { title: 'an empty file', raw: new Uint8Array(0), name: 'a.txt', field: 'attachments' },
    {
      title: 'a .txt that is not text',
      raw: new Uint8Array([0, 1, 2]),
      name: 'a.txt',
      field: 'attachments',
    },
    { title: 'a kind of file not accepted', raw: txt, name: 'a.exe', field: 'attachments' },
    {
      title: 'a file name of 201 characters',
      raw: txt,
      name: `${'n'.repeat(197)}.txt`,
      field: 'fileName',
    },
  ])('PUT /attachments/:fileName with $title → 400 naming $field', async ({ raw, name, field }) => {
    const reply = await upload('application/octet-stream', raw, name);
    expect(refusal(reply)).toBe(`400 ${field}`);
  });
});
