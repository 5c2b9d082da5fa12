import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../core/errors.js';
import { registerBuiltApp } from './builtAppRoutes.js';
import type { Config } from './config.js';
import { contentSecurityPolicy, tabConfig, type TabConfigJson } from './tabRoutes.js';

/**
 * The Outlook action's door: the task pane (`dist/outlook/`, made by `npm run build`) at
 * `/outlook/`, its settings at `/outlook/config.json`, and the send-time check's script at
 * `/outlook/commands.js` with the organisation's own domains in front of it. Office.js comes from
 * Microsoft's own host, as Outlook requires; nothing else external (SPEC §7).
 */

/** Where `npm run build` puts the pane: `dist/outlook/`, from both `src/server` and `dist/server`. */
export const defaultOutlookRoot = fileURLToPath(new URL('../../dist/outlook/', import.meta.url));

/** Microsoft's host of Office.js, the one external script an Office add-in must load. */
export const OFFICE_JS_HOST = 'https://appsforoffice.microsoft.com';

/** What `/outlook/config.json` holds: the tab's settings and the own domains. */
export interface OutlookConfigJson extends TabConfigJson {
  ownDomains: string[];
}

/** The pane's settings: how to sign in (as the tab) and which e-mail domains are the organisation's. */
export function outlookConfig(config: Config): OutlookConfigJson {
  return { ...tabConfig(config), ownDomains: config.ownDomains };
}

/** The pane's Content-Security-Policy: the tab's, with Office.js from Microsoft's host. */
export function outlookContentSecurityPolicy(mode: Config['mode']): string {
  return contentSecurityPolicy(mode, [OFFICE_JS_HOST]);
}

/**
 * The send-time check's script: its settings as a first line, then the built handler. The event
 * runtime of classic Outlook loads one script and nothing else, so the settings travel in it.
 */
export function commandsScript(config: Config, built: string): string {
  const settings = JSON.stringify({ ownDomains: config.ownDomains });
  return `globalThis.avvikelseOutlook = ${settings};\n${built}`;
}

/** Options of registerOutlookRoutes. */
export interface OutlookRoutesOptions {
  config: Config;
  /** The built pane; `dist/outlook/` by default. */
  root?: string;
}

/** Registers `/outlook/` when the pane is built; returns whether it did. */
export async function registerOutlookRoutes(
  app: FastifyInstance,
  options: OutlookRoutesOptions,
): Promise<boolean> {
  const root = options.root ?? defaultOutlookRoot;
  const settings = outlookConfig(options.config);
  // Read once: the build does not change while the server runs. Missing in a build of the pane
  // alone; then the script is a 404 like any other missing file.
  const built = await readFile(path.join(root, 'commands.js'), 'utf8').catch((error: unknown) => {
    app.log.warn({ err: error }, 'the send-time check is not built (no commands.js)');
    return undefined;
  });
  const script = built === undefined ? undefined : commandsScript(options.config, built);
  return registerBuiltApp(app, {
    prefix: '/outlook',
    root,
    policy: outlookContentSecurityPolicy(options.config.mode),
    routes: (outlook) => {
      outlook.get('/config.json', () => settings);
      outlook.get('/commands.js', (_request, reply) => {
        if (script === undefined) throw new NotFoundError({ sv: 'Filen', en: 'The file' });
        return reply
          .header('content-type', 'text/javascript; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(script);
      });
    },
  });
}
