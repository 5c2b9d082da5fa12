import { z } from 'zod';

/**
 * The pane's run-time settings, served at `/outlook/config.json` from the server's configuration
 * (src/server/outlookRoutes.ts): the mode, in production the Entra app to sign in with, and the
 * organisation's own e-mail domains. Nothing here is a secret.
 */
const outlookConfigSchema = z.object({
  mode: z.enum(['local', 'production']),
  clientId: z.string().min(1).optional(),
  tenantId: z.string().min(1).optional(),
  apiScope: z.string().min(1).optional(),
  ownDomains: z.array(z.string().min(1)).default([]),
});

/** What `/outlook/config.json` holds. */
export type OutlookConfig = z.output<typeof outlookConfigSchema>;

/** Fetches and checks the settings; rejects on an answer that is not them. */
export async function loadOutlookConfig(
  url: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<OutlookConfig> {
  const response = await fetchImpl(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json answered ${String(response.status)}`);
  return outlookConfigSchema.parse(await response.json());
}
