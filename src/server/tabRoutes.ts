import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { registerBuiltApp } from './builtAppRoutes.js';
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
 * registration Teams SSO uses) and the API scope on its App ID URI (`ENTRA_API_AUDIENCE`, which
 * production mode defaults to `api://<public host>/<client id>`; else `api://<client id>`).
 * Nothing secret.
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
export const frameAncestors = [
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
 * The page's Content-Security-Policy: scripts, fonts and images only from this server (and the
 * `scriptHosts` a host requires, such as Office.js for the Outlook pane); API calls to this
 * server, plus in production Entra ID's sign-in and teams-js's list of valid origins on
 * Microsoft's CDN. Fluent's CSS-in-JS inserts style elements, hence inline styles.
 */
export function contentSecurityPolicy(
  mode: Config['mode'],
  scriptHosts: readonly string[] = [],
): string {
  const connect =
    mode === 'production'
      ? ["'self'", 'https://login.microsoftonline.com', 'https://res.cdn.office.net']
      : ["'self'"];
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...scriptHosts].join(' ')}`,
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
  const settings = tabConfig(options.config);
  return registerBuiltApp(app, {
    prefix: '/tab',
    root: options.root ?? defaultTabRoot,
    policy: contentSecurityPolicy(options.config.mode),
    routes: (tab) => {
      tab.get('/config.json', () => settings);
    },
  });
}
