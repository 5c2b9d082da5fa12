import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../core/access.js';
import { UnauthenticatedError } from '../core/errors.js';
import type { LocalizedText } from '../core/i18n.js';
import { isLoopbackHost, type Config } from './config.js';

/**
 * What every request passes at the door before a route sees it: an origin check (the tab and the
 * Outlook pane are served from the product's own origin, so no other website's page may call the
 * API), a rate limit per person, and security headers on every answer. The framed pages (tab,
 * pane) set their own Content-Security-Policy in `builtAppRoutes.ts`; everything else may be
 * framed by nobody and load nothing.
 */

/** An HTTP-layer refusal with a reason of its own, mapped once in `app.ts`'s `mapError`. */
export class HttpRefusal extends Error {
  constructor(
    readonly reason: 'crossOrigin' | 'tooManyRequests',
    readonly text: LocalizedText,
  ) {
    super(text.en);
    this.name = 'HttpRefusal';
  }
}

const texts = {
  crossOrigin: {
    sv: 'Förfrågningar från andra webbplatser tas inte emot.',
    en: 'Requests from other websites are not accepted.',
  },
  tooManyRequests: {
    sv: 'För många förfrågningar på kort tid. Vänta en stund och försök igen.',
    en: 'Too many requests in a short time. Wait a moment and try again.',
  },
} satisfies Record<string, LocalizedText>;

/** The policy of every answer that does not set its own: nothing may load, nobody may frame it. */
export const apiContentSecurityPolicy =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The bot's endpoint: Bot Framework authenticates it, and Teams' traffic comes from few addresses. */
const botEndpoint = '/api/messages';

/** Whether a route is guarded by the origin check and the rate limit: the API and `/dev/*`. */
export function isGuardedRoute(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  if (path === botEndpoint) return false;
  return path.startsWith('/api/') || path === '/api' || path.startsWith('/dev/');
}

/**
 * Whether a browser page at `origin` may call the API: the product's own public origin; in local
 * mode also any page on this machine (the Vite dev servers on other ports, PORT=0 in tests).
 */
export function isAllowedOrigin(origin: string, config: Config): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    // `null` (a sandboxed frame, a file) and anything else unparsable is no origin of ours.
    return false;
  }
  if (parsed.origin === new URL(config.publicUrl).origin) return true;
  return config.mode === 'local' && isLoopbackHost(parsed.hostname);
}

/** HSTS only when the product is reached over https (browsers ignore it on http). */
function transportSecurity(config: Config): string | undefined {
  return config.publicUrl.startsWith('https://') ? 'max-age=31536000' : undefined;
}

/**
 * Adds the origin check, the security headers and the rate limit to `app`; call before any route
 * is registered, so every route gets them. `validated` resolves the request's token once (shared
 * with the `authenticate` preHandler), so the limit counts per person, not per NAT address.
 */
export async function registerHttpSecurity(
  app: FastifyInstance,
  config: Config,
  validated: (request: FastifyRequest) => Promise<Actor>,
): Promise<void> {
  const hsts = transportSecurity(config);

  app.addHook('onRequest', (request, _reply, done) => {
    const origin = request.headers.origin;
    const refused =
      origin !== undefined && isGuardedRoute(request.url) && !isAllowedOrigin(origin, config);
    done(refused ? new HttpRefusal('crossOrigin', texts.crossOrigin) : undefined);
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // The framed pages replace these two in their own scope (builtAppRoutes.ts).
    reply.header('content-security-policy', apiContentSecurityPolicy);
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (hsts !== undefined) reply.header('strict-transport-security', hsts);
    return payload;
  });

  // One counter per person across all guarded routes (the plugin's global store); the other
  // routes opt out as they are registered, by this hook, which runs before the plugin's own.
  app.addHook('onRoute', (route) => {
    if (isGuardedRoute(route.url)) return;
    const routeConfig: unknown = route.config;
    route.config = {
      ...(typeof routeConfig === 'object' && routeConfig !== null ? routeConfig : {}),
      rateLimit: false,
    };
  });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    hook: 'onRequest',
    keyGenerator: async (request) => {
      try {
        return `user:${(await validated(request)).id}`;
      } catch (error) {
        // Without a valid token the address is all there is to count by; the 401 comes later.
        if (error instanceof UnauthenticatedError) return `address:${request.ip}`;
        throw error;
      }
    },
    errorResponseBuilder: () => new HttpRefusal('tooManyRequests', texts.tooManyRequests),
  });
}
