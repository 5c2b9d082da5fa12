/**
 * The tab's run-time settings, served by the server at `/tab/config.json` from its own
 * configuration (`src/server/tabRoutes.ts`): which mode it runs in, and in production the Entra
 * ID app to sign in with. Nothing here is a secret.
 */

/** What `/tab/config.json` holds. */
export interface TabConfig {
  mode: 'local' | 'production';
  clientId?: string;
  tenantId?: string;
  apiScope?: string;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads the settings JSON; anything but a known mode is refused. */
export function parseTabConfig(value: unknown): TabConfig {
  if (typeof value !== 'object' || value === null) throw new Error('config.json is not an object');
  const record = value as Record<string, unknown>;
  const { mode } = record;
  if (mode !== 'local' && mode !== 'production') throw new Error('config.json has no valid mode');
  const clientId = optionalString(record.clientId);
  const tenantId = optionalString(record.tenantId);
  const apiScope = optionalString(record.apiScope);
  return {
    mode,
    ...(clientId === undefined ? {} : { clientId }),
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(apiScope === undefined ? {} : { apiScope }),
  };
}

/** Fetches the settings from the server the tab was loaded from (`url`: the tab's base + config.json). */
export async function loadTabConfig(
  url: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<TabConfig> {
  const response = await fetchImpl(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json answered ${String(response.status)}`);
  return parseTabConfig(await response.json());
}
