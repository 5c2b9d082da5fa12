import type { DomainErrorReason, FieldIssue } from '../../core/errors.js';
import type { LocalizedText } from '../../core/i18n.js';
import { SignInRequiredError, type TokenProvider } from '../auth/TokenProvider.js';
import type {
  AccessLogEntry,
  AccessLogQuery,
  CaseEventList,
  CaseForViewer,
  CaseListPage,
  CaseListQuery,
  CaseLogEntryInput,
  CaseStep,
  DocumentRef,
  Investigation,
  BreachAssessment,
  Me,
  NewReport,
  VisibleCase,
} from './types.js';

/**
 * The one typed client of the server's `/api/*`: every request carries the bearer token from the
 * injected TokenProvider, and every failure becomes an ApiError with a reason to switch on and,
 * when the server sent one, its message in Swedish and English.
 */

/**
 * Why a request failed: the server's reasons (`src/server/app.ts` ErrorReason, repeated here
 * because that module is server-only), plus the client's own.
 */
export type ApiErrorReason =
  | DomainErrorReason
  | 'crossOrigin'
  | 'tooManyRequests'
  | 'badRequest'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'internal'
  /** The server could not be reached (offline, refused, aborted by the network). */
  | 'network'
  /** The server answered with something that is not the API's JSON. */
  | 'unexpectedResponse'
  /** No token: the user has to sign in first. */
  | 'signInRequired';

const serverReasons: ReadonlySet<string> = new Set<ApiErrorReason>([
  'validation',
  'forbidden',
  'notFound',
  'conflict',
  'illegalTransition',
  'idempotencyMismatch',
  'unauthenticated',
  'unavailable',
  'crossOrigin',
  'tooManyRequests',
  'badRequest',
  'payloadTooLarge',
  'unsupportedMediaType',
  'internal',
]);

/** A failed API call. `text` is the server's own bilingual message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly reason: ApiErrorReason,
    readonly status: number | null,
    readonly text?: LocalizedText,
    readonly issues: FieldIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(text?.en ?? `API request failed: ${reason}`, options);
    this.name = 'ApiError';
  }
}

/** What the client needs; only the token provider has no default. */
export interface ApiClientOptions {
  tokenProvider: TokenProvider;
  /** The server's origin and path prefix; same origin (`''`) by default. */
  baseUrl?: string;
  /** The fetch to use (tests pass a fake); the browser's by default. */
  fetch?: typeof fetch;
  /** Called when the server refuses even a fresh token: the user must sign in again. */
  onUnauthenticated?: () => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return isRecord(value) && typeof value.sv === 'string' && typeof value.en === 'string';
}

/** Reads the server's error JSON `{error: {reason, message: {sv, en}, issues?}}`, if that is what it is. */
export function parseErrorBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error) || typeof error.reason !== 'string' || !serverReasons.has(error.reason)) {
    return new ApiError(status >= 500 ? 'internal' : 'unexpectedResponse', status);
  }
  const issues = Array.isArray(error.issues)
    ? error.issues.flatMap((issue): FieldIssue[] =>
        isRecord(issue) && typeof issue.field === 'string' && isLocalizedText(issue.message)
          ? [{ field: issue.field, message: issue.message }]
          : [],
      )
    : [];
  return new ApiError(
    error.reason as ApiErrorReason,
    status,
    isLocalizedText(error.message) ? error.message : undefined,
    issues,
  );
}

/** The query string of `GET /api/cases` for a query: comma lists, `true` flags, nothing empty. */
export function caseListSearchParams(query: CaseListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.types !== undefined && query.types.length > 0)
    params.set('type', query.types.join(','));
  if (query.states !== undefined && query.states.length > 0) {
    params.set('state', query.states.join(','));
  }
  const unit = query.unit?.trim();
  if (unit !== undefined && unit !== '') params.set('unit', unit);
  if (query.area !== undefined) params.set('area', query.area);
  if (query.assignedToMe === true) params.set('assignedToMe', 'true');
  if (query.overdue === true) params.set('overdue', 'true');
  const search = query.search?.trim();
  if (search !== undefined && search !== '') params.set('search', search);
  if (query.sort !== undefined) params.set('sort', query.sort);
  if (query.direction !== undefined) params.set('direction', query.direction);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined && query.offset > 0) params.set('offset', String(query.offset));
  return params;
}

// Shallow checks of the answers' shape: enough to refuse a proxy's page or another API's JSON.
function isCaseForViewer(body: unknown): body is CaseForViewer {
  return (
    isRecord(body) &&
    isRecord(body.access) &&
    isRecord(body.case) &&
    typeof body.case.id === 'string'
  );
}

function isCaseListPage(body: unknown): body is CaseListPage {
  return (
    isRecord(body) &&
    typeof body.total === 'number' &&
    Array.isArray(body.items) &&
    body.items.every(isCaseForViewer)
  );
}

function isChangedCase(body: unknown): body is { case: VisibleCase } {
  return isRecord(body) && isRecord(body.case) && typeof body.case.id === 'string';
}

function isDocument(body: unknown): body is DocumentRef {
  return isRecord(body) && typeof body.id === 'string' && typeof body.name === 'string';
}

function isDocumentAnswer(body: unknown): body is { document: DocumentRef } {
  return isRecord(body) && isDocument(body.document);
}

function isDocumentList(body: unknown): body is { documents: DocumentRef[] } {
  return isRecord(body) && Array.isArray(body.documents) && body.documents.every(isDocument);
}

function isEventList(body: unknown): body is CaseEventList {
  return (
    isRecord(body) &&
    Array.isArray(body.events) &&
    body.events.every((item) => isRecord(item) && isRecord(item.event))
  );
}

function isAccessLog(body: unknown): body is { entries: AccessLogEntry[] } {
  return (
    isRecord(body) &&
    Array.isArray(body.entries) &&
    body.entries.every((entry) => isRecord(entry) && typeof entry.caseId === 'string')
  );
}

function isMe(body: unknown): body is Me {
  return (
    isRecord(body) &&
    typeof body.id === 'string' &&
    typeof body.name === 'string' &&
    Array.isArray(body.roles)
  );
}

/** A request's body: JSON, or a file's bytes. */
type RequestBody = { json: unknown } | { bytes: Blob };

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: RequestBody;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
}

/** The server's case API, typed. */
export class ApiClient {
  private readonly tokenProvider: TokenProvider;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly onUnauthenticated: () => void;

  constructor(options: ApiClientOptions) {
    this.tokenProvider = options.tokenProvider;
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    // Bound, so a browser's fetch is not called with the client as `this` (an Illegal invocation).
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.onUnauthenticated = options.onUnauthenticated ?? (() => undefined);
  }

  /**
   * Files a report (`POST /api/reports`). The key makes a retry or a double click file one case:
   * the server answers the same key and content with the case it already filed.
   */
  async fileReport(report: NewReport, idempotencyKey: string): Promise<VisibleCase> {
    const options: RequestOptions = {
      ...post(report),
      headers: { 'idempotency-key': idempotencyKey },
    };
    return (await this.call('/api/reports', isChangedCase, options)).case;
  }

  /** The signed-in person (`GET /api/me`). */
  me(signal?: AbortSignal): Promise<Me> {
    return this.call('/api/me', isMe, { signal });
  }

  /** One page of the cases the user may see (`GET /api/cases`). */
  listCases(query: CaseListQuery, signal?: AbortSignal): Promise<CaseListPage> {
    const search = caseListSearchParams(query).toString();
    return this.call(`/api/cases${search === '' ? '' : `?${search}`}`, isCaseListPage, { signal });
  }

  /** One case as the user may see it (`GET /api/cases/:id`). */
  getCase(id: string, signal?: AbortSignal): Promise<CaseForViewer> {
    return this.call(casePath(id), isCaseForViewer, { signal });
  }

  /** The case's history, oldest first (`GET /api/cases/:id/events`). */
  async listEvents(id: string, signal?: AbortSignal): Promise<CaseEventList['events']> {
    return (await this.call(`${casePath(id)}/events`, isEventList, { signal })).events;
  }

  /** The case's documents the user may read (`GET /api/cases/:id/documents`). */
  async listDocuments(id: string, signal?: AbortSignal): Promise<DocumentRef[]> {
    return (await this.call(`${casePath(id)}/documents`, isDocumentList, { signal })).documents;
  }

  /**
   * One document's content (`GET /api/cases/:id/documents/:documentId`), as a Blob to show or
   * save: a plain link cannot carry the bearer token.
   */
  async getDocument(id: string, documentId: string, signal?: AbortSignal): Promise<Blob> {
    const response = await this.send(
      `${casePath(id)}/documents/${encodeURIComponent(documentId)}`,
      { signal },
    );
    if (!response.ok) throw parseErrorBody(response.status, await this.readJson(response));
    return response.blob();
  }

  /** Takes a workflow step as of the version the user saw (`POST /api/cases/:id/steps`). */
  async takeStep(
    id: string,
    step: CaseStep,
    options: { expectedVersion: number; reason?: string },
  ): Promise<VisibleCase> {
    const body = { step, ...options };
    return (await this.call(`${casePath(id)}/steps`, isChangedCase, post(body))).case;
  }

  /** Saves the whole investigation form (`PUT /api/cases/:id/investigation`). */
  async updateInvestigation(
    id: string,
    investigation: Investigation,
    expectedVersion: number,
  ): Promise<VisibleCase> {
    const body = { investigation, expectedVersion };
    return (await this.call(`${casePath(id)}/investigation`, isChangedCase, put(body))).case;
  }

  /** Saves the DPO's assessment of a breach (`PUT /api/cases/:id/assessment`). */
  async updateAssessment(
    id: string,
    assessment: BreachAssessment,
    expectedVersion: number,
  ): Promise<VisibleCase> {
    const body = { assessment, expectedVersion };
    return (await this.call(`${casePath(id)}/assessment`, isChangedCase, put(body))).case;
  }

  /** Adds an entry to the case log (`POST /api/cases/:id/case-log`). */
  async addCaseLogEntry(
    id: string,
    entry: CaseLogEntryInput,
    expectedVersion: number,
  ): Promise<VisibleCase> {
    const body = { entry, expectedVersion };
    return (await this.call(`${casePath(id)}/case-log`, isChangedCase, post(body))).case;
  }

  /** Files a handler's attachment on the case (`PUT /api/cases/:id/attachments/:fileName`). */
  async uploadAttachment(id: string, file: File): Promise<DocumentRef> {
    const path = `${casePath(id)}/attachments/${encodeURIComponent(file.name)}`;
    const options: RequestOptions = { method: 'PUT', body: { bytes: file } };
    return (await this.call(path, isDocumentAnswer, options)).document;
  }

  /** Renders the delegated decision (PDF/A) and files it (`POST …/documents/decision`). */
  async generateDecision(id: string): Promise<DocumentRef> {
    const path = `${casePath(id)}/documents/decision`;
    return (await this.call(path, isDocumentAnswer, post({}))).document;
  }

  /** Renders the investigation so far (PDF/A) and files it (`POST …/documents/investigation`). */
  async generateInvestigationDocument(id: string): Promise<DocumentRef> {
    const path = `${casePath(id)}/documents/investigation`;
    return (await this.call(path, isDocumentAnswer, post({}))).document;
  }

  /** Reads of protected cases, newest first, for the DPO (`GET /api/access-log`). */
  async listAccessLog(query: AccessLogQuery = {}, signal?: AbortSignal): Promise<AccessLogEntry[]> {
    const params = new URLSearchParams();
    if (query.caseId !== undefined) params.set('caseId', query.caseId);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined && query.offset > 0) params.set('offset', String(query.offset));
    const search = params.toString();
    const path = `/api/access-log${search === '' ? '' : `?${search}`}`;
    return (await this.call(path, isAccessLog, { signal })).entries;
  }

  private async call<T>(
    path: string,
    isExpected: (body: unknown) => body is T,
    options: RequestOptions,
  ): Promise<T> {
    const response = await this.send(path, options);
    const body = await this.readJson(response);
    if (!response.ok) throw parseErrorBody(response.status, body);
    if (!isExpected(body)) throw new ApiError('unexpectedResponse', response.status);
    return body;
  }

  /** Sends with the current token; after a 401 once more with a fresh one. */
  private async send(path: string, options: RequestOptions): Promise<Response> {
    let response = await this.sendOnce(path, await this.token(false), options);
    if (response.status === 401) {
      // A token can expire or the server restart (local mode's keys are per run): try a new one once.
      response = await this.sendOnce(path, await this.token(true), options);
      if (response.status === 401) this.onUnauthenticated();
    }
    return response;
  }

  private async token(forceRefresh: boolean): Promise<string> {
    try {
      return await this.tokenProvider.getToken({ forceRefresh });
    } catch (error) {
      if (error instanceof SignInRequiredError) {
        this.onUnauthenticated();
        throw new ApiError('signInRequired', null, undefined, [], { cause: error });
      }
      throw error;
    }
  }

  private async sendOnce(path: string, token: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {
      ...options.headers,
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    };
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      if ('json' in options.body) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body.json);
      } else {
        headers['content-type'] = 'application/octet-stream';
        body = options.body.bytes;
      }
    }
    try {
      return await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: options.method ?? 'GET',
        headers,
        ...(body === undefined ? {} : { body }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      // An abort is the caller's own doing: let it through as it is, so callers can ignore it.
      if (options.signal?.aborted === true) throw error;
      throw new ApiError('network', null, undefined, [], { cause: error });
    }
  }

  private async readJson(response: Response): Promise<unknown> {
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('application/json')) {
      throw new ApiError(
        response.status >= 500 ? 'internal' : 'unexpectedResponse',
        response.status,
      );
    }
    try {
      return await response.json();
    } catch (error) {
      throw new ApiError('unexpectedResponse', response.status, undefined, [], { cause: error });
    }
  }
}

function casePath(id: string): string {
  return `/api/cases/${encodeURIComponent(id)}`;
}

function post(json: unknown): RequestOptions {
  return { method: 'POST', body: { json } };
}

function put(json: unknown): RequestOptions {
  return { method: 'PUT', body: { json } };
}
