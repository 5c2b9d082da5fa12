import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { NewCaseNotifiers } from '../core/notifications.js';
import { CaseService } from '../core/service.js';
import { openLocalStore } from '../store/local/localStore.js';
import { buildApp, type AppOptions } from './app.js';
import { registerCaseRoutes } from './caseRoutes.js';
import { registerOutlookRoutes } from './outlookRoutes.js';
import { registerTabRoutes } from './tabRoutes.js';
import { demoUsers } from './demoUsers.js';
import { createBotDoor } from '../bot/door.js';
import {
  createEntraValidator,
  createLocalIssuer,
  createLocalValidator,
  type LocalIssuer,
  type TokenValidator,
} from './auth.js';
import { isMainModule } from './mainModule.js';
import { ConfigError, defaultPublicUrl, loadConfig, type Config } from './config.js';
import { loadRoutingTable } from './routingFile.js';
import { createLogger } from './logger.js';
import {
  openSharePointRegistry,
  type RegistryOverrides,
  type SharePointRegistry,
} from './registry.js';

/**
 * The composition root: settings → logger → auth → store and services → HTTP, and the reverse
 * on shutdown. Run directly (`npm start`) it listens and handles SIGTERM/SIGINT; tests call
 * `start()` and `close()` themselves.
 */

/** What a composition step gets to build the store, services and routes with. */
export interface ComposeContext {
  config: Config;
  logger: Logger;
}

/** What a composition step adds: routes to register and a cleanup to run after the HTTP server closed. */
export interface Composition {
  registerRoutes?: (app: FastifyInstance) => Promise<void> | void;
  close?: () => Promise<void> | void;
}

/** Builds the parts between config and HTTP (store, services, routes). */
export type Compose = (context: ComposeContext) => Promise<Composition>;

/** Knobs for `start`; the defaults are what `npm start` uses. */
export interface StartOptions {
  /** Opens the store and services and returns their routes and cleanup (default: `composeProduct`). */
  compose?: Compose;
  /** Where JSON log lines go (default stdout). */
  logDestination?: DestinationStream;
  /** Prints the block of served URLs (default console.log). */
  announce?: (text: string) => void;
  /** Whether SIGTERM/SIGINT close the server and exit the process (default true). */
  handleSignals?: boolean;
  /** Told of every route as it is registered (see AppOptions.onRoute). */
  onRoute?: AppOptions['onRoute'];
}

/** A running product. */
export interface Started {
  app: FastifyInstance;
  /** The base URL it can be reached on (the public URL, or the bound port when PORT=0). */
  url: string;
  /** Stops taking requests, lets in-flight ones finish, then runs the cleanups; safe to call twice. */
  close: () => Promise<void>;
}

/** How long a signal-triggered shutdown may wait for in-flight requests before exiting anyway. */
const shutdownGraceMs = 20_000;

/**
 * The product's wiring between config and HTTP: routing table, store, case service, routes.
 * Cases live in the embedded store or in the SharePoint registry (`AVVIKELSE_STORE`); the bot's
 * conversation state stays in the embedded store either way: it is the bot's working memory,
 * not a record. `registry` gives tests their own Graph clients.
 */
export async function composeProduct(
  { config, logger }: ComposeContext,
  registry: RegistryOverrides = {},
): Promise<Composition> {
  const routing = await loadRoutingTable(config.routingFile);
  const local = openLocalStore(config.dataDir);
  let sharePoint: SharePointRegistry | undefined;
  try {
    sharePoint =
      config.store.kind === 'sharepoint'
        ? await openSharePointRegistry(config, config.store, routing, logger, registry)
        : undefined;
  } catch (error) {
    await local.close();
    throw error;
  }
  const store = sharePoint?.store ?? local;
  const notifiers = new NewCaseNotifiers();
  if (sharePoint?.notifier !== undefined) notifiers.add(sharePoint.notifier);
  const cases = new CaseService({ store, routing, logger, notifier: notifiers });
  // Reports filed just before a crash may lack their PDF; finish them before taking new ones.
  await cases.completePendingDocuments();
  // Filings the registry could not take in time wait in the outbox; once through, their PDFs.
  sharePoint?.startDraining(() => cases.completePendingDocuments());
  // The bot takes unauthenticated activities only in local mode (the Playground, the Emulator);
  // in production it needs its Azure Bot app id, or it is not served at all.
  const bot =
    config.mode === 'local' || config.bot.appId !== undefined
      ? createBotDoor({
          appId: config.bot.appId,
          appPassword: config.bot.appPassword,
          appTenantId: config.bot.appTenantId,
          publicUrl: config.publicUrl,
          cases,
          state: local,
          logger,
          ...(config.mode === 'local' ? { demoUsers } : {}),
        })
      : undefined;
  if (bot === undefined) logger.warn('MICROSOFT_APP_ID is not set: the bot is not served');
  else notifiers.add(bot.notifier);
  return {
    registerRoutes: async (app) => {
      bot?.registerRoutes(app);
      await registerCaseRoutes(app, { cases });
      await registerTabRoutes(app, { config });
      await registerOutlookRoutes(app, { config });
    },
    close: async () => {
      await sharePoint?.close();
      await local.close();
    },
  };
}

async function createAuth(
  config: Config,
): Promise<{ tokenValidator: TokenValidator; localIssuer?: LocalIssuer }> {
  if (config.mode === 'production') {
    // loadConfig guarantees the Entra settings in production; this guards against misuse.
    if (config.entra === undefined) throw new Error('Production mode needs the Entra settings.');
    return { tokenValidator: createEntraValidator(config.entra) };
  }
  const localIssuer = await createLocalIssuer();
  return { tokenValidator: createLocalValidator(localIssuer), localIssuer };
}

/** The doors the product may serve, announced only once their route is registered. */
const doors: { label: string; method: 'GET' | 'POST'; path: string }[] = [
  { label: 'Hälsa / Health', method: 'GET', path: '/healthz' },
  { label: 'API', method: 'GET', path: '/api/cases' },
  { label: 'Bot (Bot Framework)', method: 'POST', path: '/api/messages' },
  { label: 'Teams-flik / Teams tab', method: 'GET', path: '/tab/' },
  { label: 'Outlook', method: 'GET', path: '/outlook/' },
  { label: 'Demoanvändare / Demo users', method: 'GET', path: '/dev/users' },
];

function servedUrls(app: FastifyInstance, base: string, mode: Config['mode']): string {
  const rows: [string, string][] = doors
    .filter((door) => app.hasRoute({ method: door.method, url: door.path }))
    .map((door) => [door.label, `${base}${door.path}`]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const heading =
    mode === 'local'
      ? 'Avvikelse kör i lokalt läge / Avvikelse is running in local mode'
      : 'Avvikelse kör i produktionsläge / Avvikelse is running in production mode';
  return [heading, ...rows.map(([label, url]) => `  ${`${label}:`.padEnd(width)}${url}`)].join(
    '\n',
  );
}

/** Starts the product: config, logger, auth, composition, HTTP; resolves once it listens. */
export async function start(
  env: NodeJS.ProcessEnv = process.env,
  options: StartOptions = {},
): Promise<Started> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, options.logDestination);
  const { tokenValidator, localIssuer } = await createAuth(config);

  // Cleanups run in reverse order of opening, after the HTTP server has stopped.
  const onClose: (() => Promise<void> | void)[] = [];
  const composition = await (options.compose ?? composeProduct)({ config, logger });
  if (composition.close !== undefined) onClose.push(composition.close);

  let ready = false;
  const app = await buildApp({
    config,
    logger,
    tokenValidator,
    localIssuer,
    isReady: () => ready,
    registerRoutes: composition.registerRoutes,
    ...(options.onRoute === undefined ? {} : { onRoute: options.onRoute }),
  });

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    for (const cleanup of [...onClose].reverse()) await cleanup();
    throw error;
  }
  ready = true;

  const { port } = app.server.address() as AddressInfo;
  const url = config.publicUrl === defaultPublicUrl(0) ? defaultPublicUrl(port) : config.publicUrl;
  const announce =
    options.announce ??
    ((text: string): void => {
      // eslint-disable-next-line no-console
      console.log(text);
    });
  announce(servedUrls(app, url, config.mode));

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      ready = false;
      await app.close();
      for (const cleanup of [...onClose].reverse()) {
        try {
          await cleanup();
        } catch (error) {
          // One failing cleanup must not keep the others (e.g. closing the database) from running.
          logger.error({ err: error }, 'cleanup failed during shutdown');
        }
      }
      // Removed last, so a second signal during a slow shutdown still reaches onSignal.
      removeSignalHandlers();
      logger.info('stopped');
    })();
    return closing;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing !== undefined) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, shutdownGraceMs).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  function removeSignalHandlers(): void {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  if (options.handleSignals ?? true) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  return { app, url, close };
}

if (isMainModule(import.meta.url)) {
  start().catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : `Avvikelse kunde inte starta / Avvikelse could not start: ${
            error instanceof Error ? (error.stack ?? error.message) : String(error)
          }`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
}
