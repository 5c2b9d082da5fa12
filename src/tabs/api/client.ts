import type { DomainErrorReason, FieldIssue } from '../../core/errors.js';
import type { LocalizedText } from '../../core/i18n.js';
import { SignInRequiredError, type TokenProvider } from '../auth/TokenProvider.js';
import type { CaseForViewer, CaseListPage, CaseListQuery, Me } from './types.js';

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

function isMe(body: unknown): body is Me {
  return (
    isRecord(body) &&
    typeof body.id === 'string' &&
    typeof body.name === 'string' &&
    Array.isArray(body.roles)
  );
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

  /** The signed-in person (`GET /api/me`). */
  me(signal?: AbortSignal): Promise<Me> {
    return this.get('/api/me', isMe, signal);
  }

  /** One page of the cases the user may see (`GET /api/cases`). */
  listCases(query: CaseListQuery, signal?: AbortSignal): Promise<CaseListPage> {
    const search = caseListSearchParams(query).toString();
    return this.get(`/api/cases${search === '' ? '' : `?${search}`}`, isCaseListPage, signal);
  }

  /** One case as the user may see it (`GET /api/cases/:id`). */
  getCase(id: string, signal?: AbortSignal): Promise<CaseForViewer> {
    return this.get(`/api/cases/${encodeURIComponent(id)}`, isCaseForViewer, signal);
  }

  private async get<T>(
    path: string,
    isExpected: (body: unknown) => body is T,
    signal?: AbortSignal,
  ): Promise<T> {
    let response = await this.send(path, await this.token(false), signal);
    if (response.status === 401) {
      // A token can expire or the server restart (local mode's keys are per run): try a new one once.
      response = await this.send(path, await this.token(true), signal);
      if (response.status === 401) this.onUnauthenticated();
    }
    const body = await this.readJson(response);
    if (!response.ok) throw parseErrorBody(response.status, body);
    if (!isExpected(body)) throw new ApiError('unexpectedResponse', response.status);
    return body;
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

  private async send(path: string, token: string, signal?: AbortSignal): Promise<Response> {
    try {
      return await this.fetchImpl(`${this.baseUrl}${path}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      // An abort is the caller's own doing: let it through as it is, so callers can ignore it.
      if (signal?.aborted === true) throw error;
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
