import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../core/errors.js';
import type { Config } from './config.js';

/**
 * The investigator tab's door: the built single-page app (`dist/tab/`, made by `npm run build`)
 * at `/tab/`, its run-time settings at `/tab/config.json`, and the security headers the page
 * needs. Every file comes from this server: no CDN, font service or telemetry (SPEC §7).
 */

/** Where `npm run build` puts the tab: `dist/tab/`, from both `src/server` and `dist/server`. */
export const defaultTabRoot = fileURLToPath(new URL('../../dist/tab/', import.meta.url));

/** What `/tab/config.json` holds (read by `src/tabs/auth/tabConfig.ts`). */
export interface TabConfigJson {
  mode: Config['mode'];
  clientId?: string;
  tenantId?: string;
  apiScope?: string;
}

/** The delegated scope the tab asks Entra ID for, on the API's App ID URI. */
export const API_SCOPE_NAME = 'access_as_user';

/**
 * The tab's settings from the server's: in production the Entra app to sign in with (the same
 * registration Teams SSO uses) and the API scope on its App ID URI (`ENTRA_API_AUDIENCE` when it
 * is one, otherwise `api://<client id>`). Nothing secret.
 */
export function tabConfig(config: Config): TabConfigJson {
  const entra = config.entra;
  if (config.mode === 'local' || entra === undefined) return { mode: config.mode };
  const appIdUri = entra.audiences.find((audience) => audience.startsWith('api://'));
  return {
    mode: config.mode,
    clientId: entra.clientId,
    tenantId: entra.tenantId,
    apiScope: `${appIdUri ?? `api://${entra.clientId}`}/${API_SCOPE_NAME}`,
  };
}

/**
 * The hosts that may frame the tab: Teams, the Microsoft 365 app and Outlook, as Microsoft's
 * tab requirements list them (learn.microsoft.com, "Prerequisites" for tabs).
 */
const frameAncestors = [
  "'self'",
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

/**
 * The page's Content-Security-Policy: scripts, fonts and images only from this server; API
 * calls to this server, plus in production Entra ID's sign-in and teams-js's list of valid
 * origins on Microsoft's CDN. Fluent's CSS-in-JS inserts style elements, hence inline styles.
 */
export function contentSecurityPolicy(mode: Config['mode']): string {
  const connect =
    mode === 'production'
      ? ["'self'", 'https://login.microsoftonline.com', 'https://res.cdn.office.net']
      : ["'self'"];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    // MSAL renews tokens in a hidden frame on Entra ID's sign-in host.
    `frame-src ${mode === 'production' ? 'https://login.microsoftonline.com' : "'none'"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/** How long a browser may keep a hashed asset: a year, never revalidated (its name changes with it). */
const immutableAsset = 'public, max-age=31536000, immutable';

/** Whether a requested path looks like a file (has an extension) rather than an app route. */
function looksLikeFile(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return /\.[a-z0-9]+$/i.test(pathname);
}

/** Options of registerTabRoutes. */
export interface TabRoutesOptions {
  config: Config;
  /** The built app; `dist/tab/` by default. */
  root?: string;
}

/**
 * Registers `/tab/` when the tab is built. Returns whether it did: without a build (a fresh
 * clone before `npm run build`) the door is left out, so start-up does not announce it.
 */
export async function registerTabRoutes(
  app: FastifyInstance,
  options: TabRoutesOptions,
): Promise<boolean> {
  const root = path.resolve(options.root ?? defaultTabRoot);
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'the tab is not built (no index.html): run npm run build');
    return false;
  }
  const policy = contentSecurityPolicy(options.config.mode);
  const settings = tabConfig(options.config);

  app.get('/tab', (_request, reply) => reply.redirect('/tab/', 301));

  await app.register(
    async (tab) => {
      tab.addHook('onSend', async (_request, reply, payload) => {
        reply.header('content-security-policy', policy);
        reply.header('referrer-policy', 'same-origin');
        return payload;
      });

      await tab.register(fastifyStatic, {
        root,
        // `/tab/` itself and app routes are answered below with index.html.
        index: false,
        wildcard: true,
        // Vite writes `.gz` and `.br` next to each file; send them to browsers that accept them.
        preCompressed: true,
        cacheControl: false,
        setHeaders: (response, filePath) => {
          const hashed = path.relative(root, filePath).split(path.sep)[0] === 'assets';
          response.setHeader('cache-control', hashed ? immutableAsset : 'no-cache');
        },
      });

      const sendIndex = (reply: FastifyReply) =>
        // no-cache: always revalidated, so a new build's hashed files are picked up at once.
        reply.header('cache-control', 'no-cache').sendFile('index.html');

      // Only `/tab/`: `/tab` redirects to it, so relative addresses resolve the same way.
      tab.get('/', { prefixTrailingSlash: 'slash' }, (_request, reply) => sendIndex(reply));
      tab.get('/config.json', () => settings);

      // Routes of the single-page app (`/tab/cases/…` typed by hand) get the app; a missing
      // file (an asset of an old build) stays a 404, so a script is never answered with HTML.
      tab.setNotFoundHandler((request, reply) => {
        if (
          (request.method === 'GET' || request.method === 'HEAD') &&
          !looksLikeFile(request.url)
        ) {
          return sendIndex(reply);
        }
        // Answered by the app's one error mapping, as every other 404.
        throw new NotFoundError({ sv: 'Filen', en: 'The file' });
      });
    },
    { prefix: '/tab' },
  );
  return true;
}
