import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Logger as CoreLogger } from '../core/logger.js';
import type { NewCaseNotifier } from '../core/ports.js';
import type { RoutingTable } from '../core/routing.js';
import { ActivityFeedNotifier } from '../graph/activityFeed.js';
import { createGraphTokenSource, type GraphTokenSource } from '../graph/auth.js';
import { GraphError } from '../graph/errors.js';
import { createGraphClient, type GraphClient } from '../graph/graphClient.js';
import { isObjectId } from '../graph/permissions.js';
import { provisionRegistry } from '../graph/provision.js';
import { openSharePointStore } from '../graph/sharePointStore.js';
import { OutboxCaseStore } from '../store/outbox.js';
import { ConfigError, type Config, type StoreConfig } from './config.js';
import { currentUserAssertion } from './requestContext.js';

/**
 * The SharePoint registry as the product runs on it: Graph clients (app-only, and on-behalf-of
 * the signed-in user for reads SharePoint should trim), the store behind its outbox, the outbox's
 * drain, and Teams' activity feed. Kept out of `main.ts` so the embedded store's start needs
 * none of it.
 */

/** The SharePoint store's settings. */
type SharePointConfig = Extract<StoreConfig, { kind: 'sharepoint' }>;

/** How often queued filings are sent again. */
const drainIntervalMs = 30_000;

/** What the composition gets: the store, a notifier, and the outbox's lifecycle. */
export interface SharePointRegistry {
  store: OutboxCaseStore;
  notifier?: NewCaseNotifier;
  /** Sends queued filings again every 30 s; `afterDrain` runs when some went through. */
  startDraining(afterDrain: () => Promise<unknown>): void;
  close(): Promise<void>;
}

/** Test seams: Graph clients given instead of made from the settings, a faster drain. */
export interface RegistryOverrides {
  appClient?: GraphClient;
  userClient?: GraphClient;
  drainIntervalMs?: number;
}

/**
 * The routing table's named handlers become grants on protected case folders: they must be
 * Entra object ids, or a protected case could not be closed to them. Checked at start, not at
 * the first protected report.
 */
export function checkRoutingForSharePoint(routing: RoutingTable): void {
  const bad = Object.entries(routing.groups).flatMap(([key, group]) =>
    group.protectedHandlers.filter((id) => !isObjectId(id)).map((id) => `${key}: ${id}`),
  );
  if (bad.length === 0) return;
  throw new ConfigError(
    ['AVVIKELSE_ROUTING_FILE'],
    [
      'Med AVVIKELSE_STORE=sharepoint måste protectedHandlers vara Entra-objekt-id (GUID) / With AVVIKELSE_STORE=sharepoint, protectedHandlers must be Entra object ids (GUIDs):',
      ...bad.map((entry) => `  ${entry}`),
    ].join('\n'),
  );
}

/** msal-node's token source for the app registration of the SharePoint settings. */
export async function graphTokenSource(
  store: SharePointConfig,
  logger: CoreLogger,
): Promise<GraphTokenSource> {
  const { credential } = store;
  switch (credential.kind) {
    case 'secret':
      return createGraphTokenSource(
        {
          tenantId: store.tenantId,
          clientId: store.clientId,
          credential: { kind: 'secret', secret: credential.secret },
        },
        { logger },
      );
    case 'certificate': {
      let privateKeyPem: string;
      try {
        privateKeyPem = await readFile(credential.privateKeyFile, 'utf8');
      } catch (error) {
        throw new ConfigError(
          ['ENTRA_CERTIFICATE_FILE'],
          `Certifikatfilen ${credential.privateKeyFile} kan inte läsas / The certificate file ${credential.privateKeyFile} cannot be read.`,
          { cause: error },
        );
      }
      return createGraphTokenSource(
        {
          tenantId: store.tenantId,
          clientId: store.clientId,
          credential: {
            kind: 'certificate',
            thumbprintSha256: credential.thumbprintSha256,
            privateKeyPem,
          },
        },
        { logger },
      );
    }
  }
}

/** Opens the SharePoint registry of `config` (whose store must be `sharepoint`). */
export async function openSharePointRegistry(
  config: Config,
  store: SharePointConfig,
  routing: RoutingTable,
  logger: Logger,
  overrides: RegistryOverrides = {},
): Promise<SharePointRegistry> {
  checkRoutingForSharePoint(routing);
  let appClient = overrides.appClient;
  let userClient = overrides.userClient;
  if (appClient === undefined || userClient === undefined) {
    const tokens = await graphTokenSource(store, logger);
    appClient ??= createGraphClient({ getToken: () => tokens.appToken(), logger });
    userClient ??= createGraphClient({
      getToken: () => {
        const assertion = currentUserAssertion();
        if (assertion === undefined) {
          return Promise.reject(new Error('No signed-in user for an on-behalf-of read.'));
        }
        return tokens.onBehalfOf(assertion);
      },
      logger,
    });
  }
  // A registry that is not laid out as the store expects would fail at the first filing: check
  // it now (a dry run of provisioning) and refuse to start, saying what is missing.
  const check = await provisionRegistry({
    client: appClient,
    siteId: store.siteId,
    routing,
    dryRun: true,
  });
  if (check.changes.length > 0) {
    throw new ConfigError(
      ['SHAREPOINT_SITE_ID'],
      [
        `Diariet på ${store.siteId} är inte provisionerat; kör npm run provision. / The registry on ${store.siteId} is not provisioned; run npm run provision.`,
        ...check.changes.slice(0, 10).map((change) => `  - ${change.sv} / ${change.en}`),
        ...(check.changes.length > 10 ? [`  … (${String(check.changes.length - 10)})`] : []),
      ].join('\n'),
    );
  }
  for (const problem of check.problems) {
    logger.warn({ problem: problem.en }, 'registry needs attention (npm run provision)');
  }
  const reads = userClient;
  const sharePoint = await openSharePointStore({
    client: appClient,
    siteId: store.siteId,
    logger,
    // Reads for a signed-in handler go as that person, so SharePoint's own permissions apply.
    userReadClient: () => (currentUserAssertion() === undefined ? null : reads),
  });
  const outbox = new OutboxCaseStore(sharePoint, {
    file: path.join(config.dataDir, 'outbox.sqlite'),
    isTransient: (error) => error instanceof GraphError && error.transient,
    logger,
  });
  const notifier =
    config.teamsAppId === undefined
      ? undefined
      : new ActivityFeedNotifier({
          client: appClient,
          routing,
          teamsAppId: config.teamsAppId,
          logger,
        });
  if (notifier === undefined) {
    logger.warn('TEAMS_APP_ID is not set: no activity feed notifications of new cases');
  }
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  const drain = async (afterDrain: () => Promise<unknown>): Promise<void> => {
    if (outbox.queued() === 0) return;
    const result = await outbox.drain();
    logger.info({ ...result }, 'outbox drained');
    if (result.completed > 0) await afterDrain();
  };
  return {
    store: outbox,
    ...(notifier === undefined ? {} : { notifier }),
    startDraining(afterDrain) {
      const run = (): void => {
        // One drain at a time; a slow one makes the next tick wait, not overlap.
        draining ??= drain(afterDrain)
          .catch((error: unknown) => {
            logger.error({ err: error }, 'outbox drain failed');
          })
          .finally(() => {
            draining = undefined;
          });
      };
      run();
      timer = setInterval(run, overrides.drainIntervalMs ?? drainIntervalMs);
      timer.unref();
    },
    async close() {
      if (timer !== undefined) clearInterval(timer);
      await draining;
      await outbox.close();
    },
  };
}
