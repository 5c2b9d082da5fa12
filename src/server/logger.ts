import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * Structured JSON logs (pino) that carry no personal data (SPEC §7, ARCHITECTURE "Logs"): a
 * report's free text, a name or a personal identity number may sit in a request body, a query
 * string, a token's claims or an error's extra fields, so none of those are ever written. Requests
 * are logged by method and route *pattern* (`/api/cases/:id`), never by the URL that was called.
 */

interface RequestLike {
  method?: unknown;
  routeOptions?: { url?: unknown };
}

interface ReplyLike {
  statusCode?: unknown;
  elapsedTime?: unknown;
  request?: RequestLike;
}

function routeOf(request: RequestLike | undefined): string {
  const url = request?.routeOptions?.url;
  // An unmatched request has no pattern; its raw URL is exactly what must not be logged.
  return typeof url === 'string' ? url : '(ingen route / no route)';
}

/** A request as logged: method and route pattern only (no URL, query, headers or body). */
export function serializeRequest(value: unknown): { method: string; route: string } {
  const request = (typeof value === 'object' && value !== null ? value : {}) as RequestLike;
  return {
    method: typeof request.method === 'string' ? request.method : 'UNKNOWN',
    route: routeOf(request),
  };
}

/** A finished request as logged: method, route pattern, status and duration in milliseconds. */
export function serializeReply(value: unknown): {
  method: string;
  route: string;
  status: number | undefined;
  durationMs: number | undefined;
} {
  const reply = (typeof value === 'object' && value !== null ? value : {}) as ReplyLike;
  return {
    ...serializeRequest(reply.request),
    status: typeof reply.statusCode === 'number' ? reply.statusCode : undefined,
    durationMs:
      typeof reply.elapsedTime === 'number' ? Math.round(reply.elapsedTime * 10) / 10 : undefined,
  };
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  reason?: string;
  statusCode?: number;
  cause?: SerializedError | string;
}

/**
 * Errors as logged: type, message, stack, code and cause chain. pino's standard serializer also
 * copies every enumerable field, which would write e.g. a token's claims (jose's `payload`) or a
 * zod error's input, so only the named fields are kept.
 */
export function serializeError(value: unknown, depth = 0): SerializedError | string {
  if (!(value instanceof Error)) return typeof value === 'string' ? value : typeof value;
  const fields = value as Error & { code?: unknown; reason?: unknown; statusCode?: unknown };
  const out: SerializedError = { type: value.name, message: value.message };
  if (value.stack !== undefined) out.stack = value.stack;
  if (typeof fields.code === 'string') out.code = fields.code;
  if (typeof fields.reason === 'string') out.reason = fields.reason;
  if (typeof fields.statusCode === 'number') out.statusCode = fields.statusCode;
  if (value.cause !== undefined && depth < 5) out.cause = serializeError(value.cause, depth + 1);
  return out;
}

/**
 * Paths censored even if something logs them by mistake: credentials never belong in logs, and
 * the serializers above already leave headers out.
 */
export const redactPaths = [
  'authorization',
  'cookie',
  'token',
  'password',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.cookie',
  '*.token',
  '*.password',
  '*.appPassword',
];

/** The product's logger: JSON lines to `destination` (stdout by default) at `level`. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'avvikelse' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { req: serializeRequest, res: serializeReply, err: serializeError },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
