import type { OfficeNamespace } from './officeApi.js';

/**
 * Finds Office.js. index.html loads it from Microsoft's host before the app's module runs; in a
 * plain browser without network, or where it is blocked, there is no `Office` at all. Inside
 * Outlook, `Office.onReady` resolves once the host has connected; outside any Office host it
 * resolves at once with no host, and the pane then says it must be opened in Outlook.
 */
export async function officeWhenReady(
  scope: { Office?: OfficeNamespace } = globalThis as { Office?: OfficeNamespace },
): Promise<OfficeNamespace | undefined> {
  const office = scope.Office;
  if (office?.onReady === undefined) return undefined;
  await office.onReady();
  return office;
}
