import { createHash } from 'node:crypto';
import type { Logger } from '../../src/core/logger.js';
import {
  createGraphClient,
  type GraphClient,
  type GraphClientOptions,
} from '../../src/graph/graphClient.js';
import {
  libraryColumns,
  registryLists,
  type RegistryColumn,
} from '../../src/graph/registryLayout.js';
import {
  openSharePointStore,
  type SharePointBehaviour,
  type SharePointCaseStore,
} from '../../src/graph/sharePointStore.js';
import {
  GraphTestServer,
  type ColumnDefinition,
  type GraphTestServerOptions,
} from './graphTestServer.js';

/**
 * A registry on the Graph test server, laid out as provisioning lays it out, and the SharePoint
 * adapter on it through the real Graph pipeline. Waits are scaled down 1,000× (Graph's 5 s
 * Retry-After becomes 5 ms) so fault-injection runs stay fast but keep their shape.
 */

/** Log lines kept for assertions; the adapter must never log personal data. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The test server's column for a registry column. */
export function testColumn(column: RegistryColumn): ColumnDefinition {
  const definition: ColumnDefinition & { multiline?: boolean } = {
    name: column.name,
    type: column.type === 'multilineText' ? 'text' : column.type,
    indexed: column.indexed,
  };
  if (column.type === 'multilineText') definition.multiline = true;
  return definition;
}

/** Server options that give it the registry's library columns and lists. */
export function registryServerOptions(
  options: GraphTestServerOptions = {},
): GraphTestServerOptions {
  return {
    ...options,
    libraryColumns: libraryColumns.map(testColumn),
    lists: Object.values(registryLists).map((list) => ({
      name: list.displayName,
      columns: list.columns.map(testColumn),
    })),
  };
}

/** A Graph client pointed at the test server. */
export function testGraphClient(
  server: GraphTestServer,
  options: Partial<GraphClientOptions> = {},
): GraphClient {
  return createGraphClient({
    getToken: () => Promise.resolve('test-token'),
    logger: silentLogger,
    delayScale: 0.001,
    loopback: { origin: server.origin, hosts: ['graph.microsoft.com', server.sharePointHost] },
    ...options,
  });
}

/**
 * The Entra object id a demo user would have: a GUID derived from the product's user id, as a
 * tenant's directory gives each person one. Production uses the token's `oid` directly.
 */
export function testPrincipal(userId: string): string {
  const hex = createHash('sha256').update(userId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A store on a fresh registry. */
export async function openTestRegistry(
  options: GraphTestServerOptions = {},
  behaviour: SharePointBehaviour = {},
): Promise<{ server: GraphTestServer; store: SharePointCaseStore; client: GraphClient }> {
  const server = await GraphTestServer.start(registryServerOptions(options));
  const client = testGraphClient(server);
  const store = await openSharePointStore({
    client,
    siteId: server.siteId,
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
    principalOf: testPrincipal,
    ...behaviour,
  });
  return { server, store, client };
}
