import { readFileSync } from 'node:fs';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Actor } from '../core/access.js';
import {
  DomainError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  type DomainErrorReason,
  type FieldIssue,
} from '../core/errors.js';
import type { LocalizedText } from '../core/i18n.js';
import { parseOrThrow } from '../core/validation.js';
import { registerAboutPages } from './aboutPages.js';
import type { LocalIssuer, TokenValidator } from './auth.js';
import type { Config } from './config.js';
import { runInRequestContext, setUserAssertion } from './requestContext.js';
import { demoUsers, findDemoUser } from './demoUsers.js';
import { HttpRefusal, registerHttpSecurity } from './httpSecurity.js';

/**
 * The HTTP door: one fastify instance with authentication, one error mapping and the routes every
 * mode has. Case routes, the bot endpoint and static files come in through `registerRoutes`.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, set by the `authenticate` preHandler; null before it ran. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** preHandler that requires `Authorization: Bearer <token>` and sets `request.actor`. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

/** What buildApp needs; everything that differs between local and production comes in here. */
export interface AppOptions {
  config: Config;
  logger: Logger;
  tokenValidator: TokenValidator;
  /** Required in local mode: signs the tokens `POST /dev/token` hands out. */
  localIssuer?: LocalIssuer;
  /** Whether the product is ready to serve (health check); ready when omitted. */
  isReady?: () => boolean;
  /** Adds further routes (cases, bot, static files) after the built-in ones. */
  registerRoutes?: (app: FastifyInstance) => Promise<void> | void;
  /** Told of every route as it is registered (tests enumerate the served routes with it). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * Largest accepted request body: 1 MiB (fastify's default, stated so it is a decision). Reports
 * and Bot Framework activities are far smaller; attachment uploads set their own route limit.
 */
export const bodyLimitBytes = 1024 * 1024;

/** Every `reason` an error response can carry: the domain's, plus the HTTP layer's own. */
export type ErrorReason =
  | DomainErrorReason
  | HttpRefusal['reason']
  | 'badRequest'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'internal';

/** The one JSON shape of every error response. */
export interface ErrorBody {
  error: { reason: ErrorReason; message: LocalizedText; issues?: FieldIssue[] };
}

/** The HTTP status of each domain error reason; the switch fails to compile if a reason is added. */
export function statusForReason(reason: DomainErrorReason): number {
  switch (reason) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'notFound':
      return 404;
    case 'conflict':
    case 'illegalTransition':
      return 409;
    case 'idempotencyMismatch':
      return 422;
    case 'unavailable':
      return 503;
    default: {
      const unhandled: never = reason;
      throw new Error(`Unmapped domain error reason: ${String(unhandled)}`);
    }
  }
}

const httpTexts = {
  notFound: {
    sv: 'Sidan eller resursen finns inte.',
    en: 'The page or resource does not exist.',
  },
  invalidJson: {
    sv: 'Innehållet i förfrågan är inte giltig JSON.',
    en: 'The request body is not valid JSON.',
  },
  badRequest: { sv: 'Förfrågan är felaktig.', en: 'The request is malformed.' },
  payloadTooLarge: {
    sv: 'Förfrågan är för stor (högst 1 MiB).',
    en: 'The request is too large (at most 1 MiB).',
  },
  unsupportedMediaType: {
    sv: 'Innehållstypen stöds inte här. Skicka JSON (application/json), eller en fil som application/octet-stream där en fil laddas upp.',
    en: 'The content type is not supported here. Send JSON (application/json), or a file as application/octet-stream where a file is uploaded.',
  },
  internal: {
    sv: 'Något gick fel hos oss. Försök igen om en stund.',
    en: 'Something went wrong on our side. Please try again shortly.',
  },
  missingToken: {
    sv: 'Du behöver logga in (Authorization: Bearer saknas).',
    en: 'You need to sign in (Authorization: Bearer is missing).',
  },
} satisfies Record<string, LocalizedText>;

function errorBody(reason: ErrorReason, message: LocalizedText, issues?: FieldIssue[]): ErrorBody {
  return { error: issues === undefined ? { reason, message } : { reason, message, issues } };
}

/** Fastify's own client errors (bad JSON, body too large, …) carry an `FST_` code and a 4xx status. */
function fastifyClientError(error: unknown): { code: string; statusCode: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  return { code, statusCode };
}

interface MappedError {
  status: number;
  body: ErrorBody;
}

/** The HTTP status of each refusal at the door. */
function statusForRefusal(reason: HttpRefusal['reason']): number {
  switch (reason) {
    case 'crossOrigin':
      return 403;
    case 'tooManyRequests':
      return 429;
    default: {
      const unhandled: never = reason;
      throw new Error(`Unmapped refusal reason: ${String(unhandled)}`);
    }
  }
}

/** Maps any thrown value to status and body, once, for every route. */
export function mapError(error: unknown): MappedError {
  if (error instanceof HttpRefusal) {
    return { status: statusForRefusal(error.reason), body: errorBody(error.reason, error.text) };
  }
  if (error instanceof DomainError) {
    const issues = error instanceof ValidationError ? error.issues : undefined;
    return {
      status: statusForReason(error.reason),
      body: errorBody(error.reason, error.text, issues),
    };
  }
  const client = fastifyClientError(error);
  if (client !== undefined) {
    switch (client.statusCode) {
      case 404:
        return { status: 404, body: errorBody('notFound', httpTexts.notFound) };
      case 413:
        return { status: 413, body: errorBody('payloadTooLarge', httpTexts.payloadTooLarge) };
      case 415:
        return {
          status: 415,
          body: errorBody('unsupportedMediaType', httpTexts.unsupportedMediaType),
        };
      default: {
        const json =
          client.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
          client.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
        return {
          status: client.statusCode,
          body: errorBody('badRequest', json ? httpTexts.invalidJson : httpTexts.badRequest),
        };
      }
    }
  }
  return { status: 500, body: errorBody('internal', httpTexts.internal) };
}

function causeCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !(error.cause instanceof Error)) return undefined;
  const code: unknown = (error.cause as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.cause.name;
}

/** The actor the `authenticate` preHandler set; throws UnauthenticatedError on an open route. */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor === null) throw new UnauthenticatedError(httpTexts.missingToken);
  return request.actor;
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  if (token === undefined) throw new UnauthenticatedError(httpTexts.missingToken);
  return token;
}

function readPackageVersion(): string {
  // Two levels up from both src/server (tests) and dist/server (npm start).
  const raw: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  );
  return z.object({ version: z.string() }).parse(raw).version;
}

const devTokenBody = z.object({ user: z.string().trim().min(1).max(200) });

function registerDevRoutes(app: FastifyInstance, issuer: LocalIssuer): void {
  app.get('/dev/users', () => ({
    users: demoUsers.map(({ id, name, title, roles, groups }) => ({
      id,
      name,
      title,
      roles,
      groups,
    })),
  }));

  app.post('/dev/token', async (request) => {
    // A missing body is treated as an empty object so the error names the field `user`.
    const { user } = parseOrThrow(devTokenBody, request.body ?? {});
    const actor = findDemoUser(user);
    if (actor === undefined) {
      throw new NotFoundError({ sv: `Demoanvändaren "${user}"`, en: `The demo user "${user}"` });
    }
    return { token: await issuer.issue(actor) };
  });
}

/** Builds the HTTP app (not yet listening): auth, error mapping, health, dev and `/api/me` routes. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, tokenValidator, localIssuer } = options;
  const isReady = options.isReady ?? (() => true);
  const version = readPackageVersion();

  // Typed as fastify's base logger so the instance is the plain FastifyInstance other modules expect.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app: FastifyInstance = Fastify({
    loggerInstance,
    bodyLimit: bodyLimitBytes,
    // Never believe X-Forwarded-* from the open network; only from the proxies the operator names
    // (App Service's front end), so the rate limit counts the caller's address, not the proxy's.
    trustProxy: (_address: string, hop: number) => hop < config.trustedProxyHops,
    // File names travel in upload paths; room for the 200 characters a name may have, encoded.
    routerOptions: { maxParamLength: 1000 },
    // Fastify's own request lines are replaced by one onResponse line below, so that exactly
    // one line per request is written and its shape is ours.
    logController: new LogController({ disableRequestLogging: true }),
  });

  if (options.onRoute !== undefined) app.addHook('onRoute', options.onRoute);
  app.decorateRequest('actor', null);
  // Each request gets a context of its own (run with the hook's callback, so the rest of the
  // request continues inside it), where `authenticate` leaves the user's validated token.
  app.addHook('onRequest', (_request, _reply, done) => {
    runInRequestContext(done);
  });
  // A request's token is validated once, whether the rate limit (which counts per person) or
  // the `authenticate` preHandler asks first.
  const validations = new WeakMap<FastifyRequest, Promise<Actor>>();
  const validated = (request: FastifyRequest): Promise<Actor> => {
    let validation = validations.get(request);
    if (validation === undefined) {
      validation = Promise.resolve().then(() => tokenValidator.validate(bearerToken(request)));
      validations.set(request, validation);
    }
    return validation;
  };
  app.decorate('authenticate', async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    request.actor = await validated(request);
    setUserAssertion(token);
  });
  await registerHttpSecurity(app, config, validated);

  // Once close() began, answers still in flight end their keep-alive connection: otherwise the
  // server would wait for the client's idle timeout (72 s) before a graceful shutdown completes.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  app.addHook('onSend', async (_request, reply: FastifyReply, payload) => {
    if (closing) reply.header('connection', 'close');
    const type = reply.getHeader('content-type');
    // JSON answers carry personal data or tokens: no shared or browser cache may keep them.
    if (typeof type === 'string' && type.startsWith('application/json')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ res: reply }, 'request completed');
  });

  app.setErrorHandler(async (error: unknown, request, reply) => {
    const { status, body } = mapError(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ reason: body.error.reason, cause: causeCode(error) }, 'request refused');
    }
    // The registry asks for time; so do we. The client keeps what was typed and tries again.
    if (status === 503) reply.header('retry-after', '30');
    if (status === 401) {
      const presented = request.headers.authorization !== undefined;
      reply.header(
        'www-authenticate',
        presented ? 'Bearer realm="avvikelse", error="invalid_token"' : 'Bearer realm="avvikelse"',
      );
    }
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send(errorBody('notFound', httpTexts.notFound)),
  );

  app.get('/healthz', async (_request, reply) =>
    isReady()
      ? { status: 'ok', mode: config.mode, version }
      : reply.code(503).send({ status: 'starting' }),
  );

  registerAboutPages(app, { publisherName: config.publisherName });

  if (config.mode === 'local') {
    if (localIssuer === undefined) {
      throw new Error('buildApp: local mode needs a localIssuer to serve /dev/token.');
    }
    registerDevRoutes(app, localIssuer);
  }

  app.get('/api/me', { preHandler: app.authenticate }, (request) => requireActor(request));

  await options.registerRoutes?.(app);
  return app;
}
