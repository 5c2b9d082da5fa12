/**
 * The one pipeline every Microsoft Graph call goes through: a `Client` of
 * `@microsoft/microsoft-graph-client` with our own middleware chain
 *
 *   retry → auth → redirect (SDK) → telemetry (SDK) → loopback rewrite (tests only) → fetch
 *
 * Retry sits outermost so each attempt asks for a fresh token (a long back-off can outlive one)
 * and a redirect chain is retried whole. Our retry replaces the SDK's RetryHandler because that
 * one waits with real timers, never retries an upload (octet-stream) or a dropped connection, and
 * cannot see 429s inside a 200 `$batch`; {@link GraphClient.batch} handles those.
 *
 * The loopback rewrite keeps the real base URL (the SDK only sends the bearer token to Graph's
 * own host) and swaps the origin just before fetch, so tests exercise the production path.
 *
 * Errors are mapped once, here, to {@link GraphError}. Logs name path patterns, never paths:
 * paths carry case folder and document names.
 */
import {
  Client,
  RedirectHandler,
  ResponseType,
  TelemetryHandler,
  type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { stderrLogger, type Logger } from '../core/logger.js';
import {
  GraphError,
  graphErrorBody,
  parseRetryAfter,
  reasonForStatus,
  type GraphErrorReason,
} from './errors.js';
import { pathPattern } from './paths.js';

/** Graph's production origin. */
export const graphOrigin = 'https://graph.microsoft.com';
/** Graph's host: the only one that gets the bearer token. */
const graphHost = 'graph.microsoft.com';
/** The most sub-requests Graph accepts in one `$batch`. */
export const maxBatchSize = 20;

/** Time, waiting and chance, injected so tests neither wait nor flake. */
export interface GraphClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) for back-off jitter. */
  random: () => number;
}

/** How much retrying one call (or one batch) may do before it gives up. */
export interface RetryBudget {
  /** Sends in all, the first included. */
  maxAttempts: number;
  /** Time from the first send after which no further wait is started. */
  maxElapsedMs: number;
  /** The first back-off step when Graph gives no Retry-After. */
  baseDelayMs: number;
  /** The longest single back-off wait. */
  maxDelayMs: number;
}

/** Defaults: six sends within a minute, back-off 1 s, 2 s, 4 s … capped at 30 s, with jitter. */
export const defaultRetryBudget: RetryBudget = {
  maxAttempts: 6,
  maxElapsedMs: 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** Where requests go instead of Graph: tests and the bench only. */
export interface LoopbackOptions {
  /** `http://127.0.0.1:PORT` of the Graph test server. */
  origin: string;
  /** Hosts rewritten to `origin`; Graph's by default, add the test server's SharePoint host. */
  hosts?: readonly string[];
}

/** How a {@link GraphClient} is made. */
export interface GraphClientOptions {
  /** An access token for Graph (app-only or on-behalf-of); called once per attempt. */
  getToken: () => Promise<string>;
  logger?: Logger;
  retry?: Partial<RetryBudget>;
  clock?: Partial<GraphClock>;
  /**
   * Multiplies every wait, Retry-After and back-off alike. 1 in production; tests and the bench
   * against the loopback server use e.g. 0.001 so Graph's 5 s becomes 5 ms.
   */
  delayScale?: number;
  /** Only when set are requests sent anywhere but Graph. */
  loopback?: LoopbackOptions;
  /** The fetch step; the global fetch by default. */
  fetch?: typeof fetch;
  /** Each attempt is abandoned (and counted as a network failure) after this long. */
  attemptTimeoutMs?: number;
}

/** HTTP methods the pipeline sends. */
export type GraphMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One Graph call. */
export interface GraphCall {
  method: GraphMethod;
  /**
   * A path relative to `/v1.0` with its segments already encoded (see paths.ts), or an absolute
   * URL Graph handed out (a nextLink, an upload URL).
   */
  path: string;
  /** Query options; values are encoded here. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A binary body, sent as `contentType` (octet-stream by default). */
  bytes?: Uint8Array;
  contentType?: string;
  /** `bytes` keeps a successful body as bytes whatever its type (file downloads); default `auto`. */
  responseType?: 'auto' | 'bytes';
}

/** A successful (2xx/3xx) answer. */
export interface GraphReply {
  status: number;
  headers: Headers;
  /** Parsed JSON, the bytes of any other body, or null when there is none. */
  body: unknown;
}

/** One request of a {@link GraphClient.batch}; `url` is relative to the version (`/sites/…`). */
export interface GraphBatchRequest {
  id: string;
  method: GraphMethod;
  url: string;
  headers?: Record<string, string>;
  /** A JSON body. */
  body?: unknown;
  /**
   * A binary body (a small file), sent base64 encoded as Graph's batching requires for bodies
   * that are not JSON, as `contentType` (octet-stream by default). Graph answers such a request
   * base64 encoded too; its JSON answer is decoded here.
   */
  bytes?: Uint8Array;
  contentType?: string;
  /** Ids of earlier requests in the same group of 20 that must succeed first. */
  dependsOn?: readonly string[];
}

/** The outcome of one batched request, in the order the requests were given. */
export type GraphBatchResult =
  | { id: string; ok: true; status: number; headers: Record<string, string>; body: unknown }
  | { id: string; ok: false; error: GraphError; status: number; body: unknown };

/** Per-request state shared between the client and its middleware (the SDK's options channel). */
class RequestTrace implements MiddlewareOptions {
  attempts = 0;
  /** A failure a middleware raised; the SDK would otherwise wrap it into its own error type. */
  error?: GraphError;
  constructor(
    readonly method: GraphMethod,
    readonly pattern: string,
  ) {}
}

/**
 * The SDK's middleware context, typed with Node's fetch types: the SDK declares it with DOM types
 * that a Node program does not have, which would make every field `any`.
 */
interface Context {
  request: string | Request;
  options?: RequestInit;
  response?: Response;
  middlewareControl?: { getMiddlewareOptions(fn: object): MiddlewareOptions | undefined };
}

/** What a step of ours looks like to the SDK, which links steps with `setNext`. */
interface PipelineStep {
  execute(context: Context): Promise<void>;
  setNext?(next: PipelineStep): void;
}

/** Reads the response without the narrowing TypeScript keeps across awaits. */
function responseOf(context: Context): Response | undefined {
  return context.response;
}

function traceOf(context: Context): RequestTrace | undefined {
  const option = context.middlewareControl?.getMiddlewareOptions(RequestTrace);
  return option instanceof RequestTrace ? option : undefined;
}

function urlOf(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

function headersOf(context: Context): Record<string, string> {
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers === undefined || headers instanceof Headers || Array.isArray(headers)) {
    const record: Record<string, string> = {};
    new Headers(headers).forEach((value, key) => {
      record[key] = value;
    });
    options.headers = record;
    return record;
  }
  return headers as Record<string, string>;
}

/** Base class: the SDK links middleware through `setNext`. */
abstract class Step implements PipelineStep {
  private next?: PipelineStep;
  setNext(next: PipelineStep): void {
    this.next = next;
  }
  protected async forward(context: Context): Promise<void> {
    if (this.next === undefined) throw new Error('The Graph pipeline has no final step.');
    await this.next.execute(context);
  }
  abstract execute(context: Context): Promise<void>;
}

const retryStatuses = new Set([429, 503, 504]);

/**
 * A fetch failure: the network, not Graph, failed. The fetch spec says TypeError; our attempt
 * timeout says TimeoutError. Checked by name, as fetch may come from another realm (jest's vm)
 * whose TypeError is not ours.
 */
function isNetworkFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'TypeError' || name === 'TimeoutError' || name === 'AbortError';
}

/** Back-off with "equal jitter": half the capped exponential step, plus up to as much again. */
function backoffMs(attempt: number, budget: RetryBudget, random: () => number): number {
  const step = Math.min(budget.maxDelayMs, budget.baseDelayMs * 2 ** (attempt - 1));
  return step / 2 + random() * (step / 2);
}

/**
 * Time one call (or batch) has used of its budget. Waits count at their Graph length, not their
 * scaled one, so a test's 5 ms stand-in for Graph's 5 s uses 5 s of budget, as in production.
 */
class BudgetTime {
  private readonly started: number;
  private waitedScaled = 0;
  private waitedGraph = 0;
  constructor(
    private readonly clock: GraphClock,
    private readonly scale: number,
  ) {
    this.started = clock.now();
  }

  get usedMs(): number {
    return this.clock.now() - this.started - this.waitedScaled + this.waitedGraph;
  }

  async wait(graphMs: number): Promise<void> {
    const scaled = graphMs * this.scale;
    this.waitedScaled += scaled;
    this.waitedGraph += graphMs;
    await this.clock.sleep(scaled);
  }
}

class RetryStep extends Step {
  constructor(
    private readonly budget: RetryBudget,
    private readonly clock: GraphClock,
    private readonly scale: number,
    private readonly logger: Logger,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const trace = traceOf(context);
    const originalRequest = context.request;
    const time = new BudgetTime(this.clock, this.scale);
    for (let attempt = 1; ; attempt++) {
      if (trace !== undefined) trace.attempts = attempt;
      context.request = originalRequest;
      context.response = undefined;
      let networkError: unknown;
      try {
        await this.forward(context);
      } catch (error) {
        if (error instanceof GraphError || !isNetworkFailure(error)) throw error;
        networkError = error;
      }
      const response = responseOf(context);
      const status = response?.status;
      if (networkError === undefined && (status === undefined || !retryStatuses.has(status)))
        return;
      const retryAfter =
        networkError === undefined
          ? parseRetryAfter(response?.headers.get('Retry-After'), this.clock.now())
          : undefined;
      const delay = retryAfter ?? backoffMs(attempt, this.budget, this.clock.random);
      const elapsed = time.usedMs;
      // Only calls made through GraphClient carry a trace, and their bodies are strings or
      // Buffers, which can be sent again; an SDK helper called on `sdk` directly may stream.
      const replayable = trace !== undefined;
      const fields = {
        method: trace?.method,
        pattern: trace?.pattern,
        status: status ?? 'network',
        attempt,
      };
      if (
        !replayable ||
        attempt >= this.budget.maxAttempts ||
        elapsed + delay > this.budget.maxElapsedMs
      ) {
        this.logger.warn({ ...fields, elapsedMs: elapsed }, 'Graph retry budget exhausted');
        if (networkError === undefined) return;
        const error = new GraphError(
          'network',
          { pattern: trace?.pattern, attempts: attempt },
          { cause: networkError },
        );
        if (trace !== undefined) trace.error = error;
        throw error;
      }
      this.logger.warn({ ...fields, delayMs: Math.round(delay) }, 'Graph request retried');
      // The discarded answer's body must be consumed, or its connection is never reused.
      await response?.body?.cancel();
      await time.wait(delay);
    }
  }
}

class AuthStep extends Step {
  constructor(private readonly getToken: () => Promise<string>) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const headers = headersOf(context);
    if (new URL(urlOf(context)).hostname === graphHost) {
      let token: string;
      try {
        token = await this.getToken();
      } catch (cause) {
        const trace = traceOf(context);
        const error = new GraphError('unauthorized', { pattern: trace?.pattern }, { cause });
        if (trace !== undefined) trace.error = error;
        throw error;
      }
      headers['Authorization'] = `Bearer ${token}`;
    } else {
      // Upload and download URLs are pre-authenticated; a bearer token there is refused (401).
      delete headers['Authorization'];
    }
    await this.forward(context);
  }
}

class LoopbackStep extends Step {
  private readonly origin: URL;
  private readonly hosts: Set<string>;
  constructor(options: LoopbackOptions) {
    super();
    this.origin = new URL(options.origin);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(this.origin.hostname)) {
      throw new RangeError('The loopback origin must be on this machine.');
    }
    this.hosts = new Set(options.hosts ?? [graphHost]);
  }

  async execute(context: Context): Promise<void> {
    const url = new URL(urlOf(context));
    if (this.hosts.has(url.hostname)) {
      url.protocol = this.origin.protocol;
      url.host = this.origin.host;
      context.request = url.toString();
    }
    await this.forward(context);
  }
}

class FetchStep implements PipelineStep {
  constructor(
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.fetchImpl(urlOf(context), {
      ...context.options,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }
}

const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});
type BatchItemResponse = z.infer<typeof batchResponseSchema>['responses'][number];

function headerValue(
  headers: Record<string, string> | undefined,
  name: string,
): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers?.[key];
}

function isJson(contentType: string | null | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The headers and body of a batched request as Graph's JSON batching takes them. */
function batchBody(request: GraphBatchRequest): {
  headers?: Record<string, string>;
  body?: unknown;
} {
  if (request.bytes !== undefined) {
    const bytes = request.bytes;
    return {
      headers: {
        ...request.headers,
        'Content-Type': request.contentType ?? 'application/octet-stream',
      },
      body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    };
  }
  if (request.body !== undefined) {
    const typed = headerValue(request.headers, 'Content-Type') !== undefined;
    return {
      headers: typed
        ? { ...request.headers }
        : { ...request.headers, 'Content-Type': 'application/json' },
      body: request.body,
    };
  }
  return request.headers === undefined ? {} : { headers: request.headers };
}

/**
 * The answer to a request sent with a base64 body comes back base64 encoded (Graph's batching
 * does so by design); a JSON one is decoded to its value, anything else kept as text.
 */
function decodedBody(response: BatchItemResponse): BatchItemResponse {
  if (typeof response.body !== 'string' || !isJson(headerValue(response.headers, 'Content-Type')))
    return response;
  const text = Buffer.from(response.body, 'base64').toString('utf8');
  try {
    return { ...response, body: JSON.parse(text) as unknown };
  } catch (error) {
    // Not base64 of JSON after all: keep what Graph sent, so the caller's schema reports it.
    if (error instanceof SyntaxError) return response;
    throw error;
  }
}

/**
 * Microsoft Graph through the one pipeline. Every method throws {@link GraphError} on failure.
 */
export class GraphClient {
  /**
   * The SDK client on the same pipeline, for SDK helpers that need one. Its calls get auth,
   * redirects and the loopback rewrite, but no retries: their bodies may be streams.
   */
  readonly sdk: Client;
  private readonly logger: Logger;
  private readonly budget: RetryBudget;
  private readonly clock: GraphClock;
  private readonly scale: number;

  constructor(options: GraphClientOptions) {
    this.logger = options.logger ?? stderrLogger;
    this.budget = { ...defaultRetryBudget, ...options.retry };
    this.clock = {
      now: options.clock?.now ?? (() => Date.now()),
      sleep:
        options.clock?.sleep ??
        ((ms) =>
          new Promise((resolve) => {
            setTimeout(resolve, ms);
          })),
      random: options.clock?.random ?? Math.random,
    };
    this.scale = options.delayScale ?? 1;
    const chain: PipelineStep[] = [
      new RetryStep(this.budget, this.clock, this.scale, this.logger),
      new AuthStep(options.getToken),
      new RedirectHandler(),
      new TelemetryHandler(),
      ...(options.loopback === undefined ? [] : [new LoopbackStep(options.loopback)]),
      new FetchStep(options.fetch ?? fetch, options.attemptTimeoutMs ?? 100_000),
    ];
    this.sdk = Client.initWithMiddleware({
      middleware: chain,
      defaultVersion: 'v1.0',
    });
  }

  /** Sends one call; a 4xx/5xx (after the retry budget) becomes a {@link GraphError}. */
  async send(call: GraphCall): Promise<GraphReply> {
    const pattern = pathPattern(call.path);
    const query = Object.entries(call.query ?? {})
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join('&');
    const target =
      query === '' ? call.path : `${call.path}${call.path.includes('?') ? '&' : '?'}${query}`;
    const trace = new RequestTrace(call.method, pattern);
    const headers: Record<string, string> = { ...call.headers };
    let body: string | Buffer | undefined;
    if (call.bytes !== undefined) {
      // A Buffer view, not the SDK's own conversion: it would send a subarray's whole backing buffer.
      body = Buffer.from(call.bytes.buffer, call.bytes.byteOffset, call.bytes.byteLength);
      headers['Content-Type'] = call.contentType ?? 'application/octet-stream';
    } else if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['Content-Type'] = 'application/json';
    }
    const request = this.sdk
      .api(target)
      .responseType(ResponseType.RAW)
      .middlewareOptions([trace])
      .headers(headers);
    let raw: unknown;
    try {
      switch (call.method) {
        case 'GET':
          raw = await request.get();
          break;
        case 'DELETE':
          raw = await request.delete();
          break;
        case 'POST':
          raw = await request.post(body ?? '');
          break;
        case 'PUT':
          raw = await request.put(body ?? '');
          break;
        case 'PATCH':
          raw = await request.patch(body ?? '');
          break;
      }
    } catch (error) {
      throw trace.error ?? error;
    }
    if (!(raw instanceof Response)) {
      throw new GraphError('invalidResponse', { pattern, attempts: trace.attempts });
    }
    const parsed =
      call.responseType === 'bytes' && raw.status < 400
        ? new Uint8Array(await raw.arrayBuffer())
        : await this.readBody(raw, pattern);
    if (raw.status >= 400) {
      const { code, requestId } = graphErrorBody(parsed);
      throw new GraphError(reasonForStatus(raw.status), {
        status: raw.status,
        code,
        requestId: requestId ?? raw.headers.get('request-id') ?? undefined,
        retryAfterMs: parseRetryAfter(raw.headers.get('Retry-After'), this.clock.now()),
        pattern,
        attempts: trace.attempts,
      });
    }
    return { status: raw.status, headers: raw.headers, body: parsed };
  }

  /** Sends one call and reads its JSON body with `schema`. */
  async json<T>(call: GraphCall, schema: z.ZodType<T>): Promise<T> {
    const reply = await this.send(call);
    const result = schema.safeParse(reply.body);
    if (!result.success) {
      throw new GraphError(
        'invalidResponse',
        { status: reply.status, pattern: pathPattern(call.path) },
        { cause: result.error },
      );
    }
    return result.data;
  }

  /**
   * Sends requests as JSON batches of at most 20, in order. Sub-requests answered 429/503/504
   * are sent again — only they, and those that failed because they depended on them — after the
   * longest Retry-After among them (or a back-off), within the retry budget. Each request gets
   * its own result; one failing does not fail the others.
   */
  async batch(requests: readonly GraphBatchRequest[]): Promise<GraphBatchResult[]> {
    const ids = new Set<string>();
    for (const [index, request] of requests.entries()) {
      if (ids.has(request.id)) throw new TypeError(`Batch request id ${request.id} is used twice.`);
      ids.add(request.id);
      for (const dependency of request.dependsOn ?? []) {
        const at = requests.findIndex((r) => r.id === dependency);
        if (
          at < 0 ||
          at >= index ||
          Math.floor(at / maxBatchSize) !== Math.floor(index / maxBatchSize)
        ) {
          throw new TypeError(
            `Batch request ${request.id} must depend only on earlier requests in its group of ${maxBatchSize}.`,
          );
        }
      }
    }
    const results: GraphBatchResult[] = [];
    for (let start = 0; start < requests.length; start += maxBatchSize) {
      results.push(...(await this.batchGroup(requests.slice(start, start + maxBatchSize))));
    }
    return results;
  }

  private async batchGroup(group: readonly GraphBatchRequest[]): Promise<GraphBatchResult[]> {
    const final = new Map<string, BatchItemResponse>();
    const time = new BudgetTime(this.clock, this.scale);
    let pending = [...group];
    let round = 0;
    while (pending.length > 0) {
      round++;
      const sending = new Set(pending.map((r) => r.id));
      const body = await this.json(
        {
          method: 'POST',
          path: '/$batch',
          json: {
            requests: pending.map((r) => {
              const dependsOn = (r.dependsOn ?? []).filter((d) => sending.has(d));
              return {
                id: r.id,
                method: r.method,
                url: r.url,
                ...batchBody(r),
                ...(dependsOn.length === 0 ? {} : { dependsOn }),
              };
            }),
          },
        },
        batchResponseSchema,
      );
      const byId = new Map(body.responses.map((response) => [response.id, response]));
      const retry = new Set<string>();
      let wait = 0;
      for (const request of pending) {
        const response = byId.get(request.id);
        if (response === undefined) continue;
        final.set(request.id, request.bytes === undefined ? response : decodedBody(response));
        if (retryStatuses.has(response.status)) {
          retry.add(request.id);
          const after = parseRetryAfter(
            headerValue(response.headers, 'Retry-After'),
            this.clock.now(),
          );
          wait = Math.max(wait, after ?? backoffMs(round, this.budget, this.clock.random));
        }
      }
      // A request that failed only because its dependency was throttled goes again with it.
      for (let grew = true; grew;) {
        grew = false;
        for (const request of pending) {
          if (
            !retry.has(request.id) &&
            final.get(request.id)?.status === 424 &&
            (request.dependsOn ?? []).some((d) => retry.has(d))
          ) {
            retry.add(request.id);
            grew = true;
          }
        }
      }
      if (retry.size === 0) break;
      const elapsed = time.usedMs;
      if (round >= this.budget.maxAttempts || elapsed + wait > this.budget.maxElapsedMs) {
        this.logger.warn(
          { pattern: '/$batch', pending: retry.size, round, elapsedMs: elapsed },
          'Graph batch retry budget exhausted',
        );
        break;
      }
      this.logger.warn(
        { pattern: '/$batch', retrying: retry.size, round, delayMs: Math.round(wait) },
        'Graph batch items retried',
      );
      await time.wait(wait);
      pending = pending.filter((request) => retry.has(request.id));
    }
    return this.batchResults(group, final, round);
  }

  private batchResults(
    group: readonly GraphBatchRequest[],
    final: Map<string, BatchItemResponse>,
    rounds: number,
  ): GraphBatchResult[] {
    const errors = new Map<string, GraphError>();
    return group.map((request): GraphBatchResult => {
      const response = final.get(request.id);
      const pattern = pathPattern(request.url);
      if (response === undefined) {
        const error = new GraphError('invalidResponse', { pattern, attempts: rounds });
        errors.set(request.id, error);
        return { id: request.id, ok: false, error, status: 0, body: undefined };
      }
      const headers = response.headers ?? {};
      if (response.status < 400) {
        return { id: request.id, ok: true, status: response.status, headers, body: response.body };
      }
      const { code, requestId } = graphErrorBody(response.body);
      // A failed dependency's reason is this request's reason too: it was never tried.
      const dependency = (request.dependsOn ?? [])
        .map((d) => errors.get(d))
        .find((e) => e !== undefined);
      const reason: GraphErrorReason =
        response.status === 424 && dependency !== undefined
          ? dependency.reason
          : reasonForStatus(response.status);
      const error = new GraphError(reason, {
        status: response.status,
        code,
        requestId,
        retryAfterMs: parseRetryAfter(headerValue(headers, 'Retry-After'), this.clock.now()),
        pattern,
        attempts: rounds,
      });
      errors.set(request.id, error);
      return { id: request.id, ok: false, error, status: response.status, body: response.body };
    });
  }

  private async readBody(response: Response, pattern: string): Promise<unknown> {
    if (response.status === 204 || response.body === null) return null;
    if (isJson(response.headers.get('Content-Type'))) {
      const text = await response.text();
      if (text === '') return null;
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        if (response.status >= 400) return null;
        throw new GraphError('invalidResponse', { status: response.status, pattern }, { cause });
      }
    }
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** Makes the Graph client every Graph call in the product goes through. */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  return new GraphClient(options);
}
