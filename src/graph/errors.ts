/**
 * The one mapping from what Microsoft Graph answers to what callers act on. A Graph failure
 * becomes a {@link GraphError} with a `reason`; callers switch over the reason exhaustively and
 * never look at messages. The Graph error `code` is kept for logs and diagnostics only.
 */

/** Why a Graph call failed, as far as the caller needs to know. */
export type GraphErrorReason =
  /** 404: the item, list or path does not exist. */
  | 'notFound'
  /** 409: a name is taken (Graph's `nameAlreadyExists`) or the state conflicts. */
  | 'conflict'
  /** 412: the `If-Match` eTag is stale; read again and retry the change. */
  | 'preconditionFailed'
  /** 429 still answered when the retry budget ran out; try again later (queue the work). */
  | 'throttled'
  /** 401, or no token could be had: the app's credentials are missing or wrong. */
  | 'unauthorized'
  /** 403: the app or user lacks permission on this resource. */
  | 'forbidden'
  /** Any other 4xx: the request itself is wrong, so retrying it cannot help. */
  | 'badRequest'
  /** 5xx (including 503/504 after the retry budget): Graph failed; try again later. */
  | 'unavailable'
  /** No answer at all (connection refused, reset, dropped, timed out) within the retry budget. */
  | 'network'
  /** Graph answered 2xx with a body we cannot read: a contract break, not a transient fault. */
  | 'invalidResponse';

/** The reasons after which the same request may succeed later unchanged. */
const transientReasons: ReadonlySet<GraphErrorReason> = new Set([
  'throttled',
  'unavailable',
  'network',
]);

/** What is known about one failed Graph call. */
export interface GraphErrorDetails {
  /** HTTP status, when Graph answered. */
  status?: number;
  /** Graph's error code (`nameAlreadyExists`, `activityLimitReached`, …), for logs only. */
  code?: string;
  /** Graph's `request-id`, to quote to Microsoft support. */
  requestId?: string;
  /** How long Graph asked us to wait (Retry-After), in ms, when it said. */
  retryAfterMs?: number;
  /** The request's path pattern (no names), e.g. `/sites/{id}/drives/{id}/root:/{path}:`. */
  pattern?: string;
  /** How many times the request was sent. */
  attempts?: number;
}

/** A failed Microsoft Graph call, with the reason callers switch over. */
export class GraphError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly pattern?: string;
  readonly attempts?: number;

  constructor(
    readonly reason: GraphErrorReason,
    details: GraphErrorDetails = {},
    options?: ErrorOptions,
  ) {
    const where = details.pattern === undefined ? '' : ` on ${details.pattern}`;
    const status =
      details.status === undefined
        ? ''
        : ` (${details.status}${details.code === undefined ? '' : ` ${details.code}`})`;
    super(`Microsoft Graph: ${reason}${status}${where}`, options);
    this.name = 'GraphError';
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.pattern = details.pattern;
    this.attempts = details.attempts;
  }

  /** Whether the same request may succeed later: queue it rather than give up. */
  get transient(): boolean {
    return transientReasons.has(this.reason);
  }
}

/** The reason for an HTTP status Graph answered with (not 2xx). */
export function reasonForStatus(status: number): GraphErrorReason {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'notFound';
    case 409:
    case 423:
      return 'conflict';
    case 412:
      return 'preconditionFailed';
    case 429:
      return 'throttled';
    default:
      return status >= 500 ? 'unavailable' : 'badRequest';
  }
}

/** Reads Graph's error body `{ error: { code, innerError: { request-id } } }`, whatever else it holds. */
export function graphErrorBody(body: unknown): { code?: string; requestId?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const code = (error as { code?: unknown }).code;
  const inner = (error as { innerError?: unknown }).innerError;
  const requestId =
    typeof inner === 'object' && inner !== null
      ? (inner as { 'request-id'?: unknown })['request-id']
      : undefined;
  return {
    code: typeof code === 'string' ? code : undefined,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  };
}

/**
 * Parses `Retry-After` as Graph sends it (delta-seconds) or as HTTP allows (an HTTP-date);
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
