import { z } from 'zod';
import type { LocalizedText } from '../core/i18n.js';
import type { RoutingTable } from '../core/routing.js';
import { driveItemSchema, drivePath } from './driveFiles.js';
import { GraphError } from './errors.js';
import type { GraphBatchRequest, GraphClient } from './graphClient.js';
import { encodeDrivePath, encodeSegment } from './paths.js';
import { isObjectId, itemPath, listGrants, restrictItem } from './permissions.js';
import {
  libraryColumns,
  registryFolders,
  registryLists,
  safeName,
  type RegistryColumn,
} from './registryLayout.js';
import type { RegistryLocation } from './sharePointStore.js';

/**
 * `npm run provision`: makes a SharePoint site's default document library into the registry, or
 * checks that it is one — columns and their indexes, the two helper lists, the folders, and one
 * grant per routed group — from the layout the store uses and the routing table. It changes only
 * what is missing or wrong, so a second run changes nothing, and it reports every change.
 *
 * What it will not fix by itself is reported as a problem: a column of the wrong type (its data
 * would be lost), a routing group without an Entra group to grant, and a library root open to
 * others than the site's owners (the journal of every filing lies under it, in `System/`).
 */

/** What provisioning is given. */
export interface ProvisionOptions {
  client: GraphClient;
  /** The registry site, as Graph names it: `<host>,<site collection id>,<web id>`. */
  siteId: string;
  routing: RoutingTable;
  /** Only report what would change; change nothing. */
  dryRun?: boolean;
}

/** What provisioning did, or (dry run) would do. */
export interface ProvisionReport {
  changes: LocalizedText[];
  problems: LocalizedText[];
  /** Where the registry is, once it exists (null in a dry run that found lists missing). */
  location: RegistryLocation | null;
}

const idSchema = z.object({ id: z.string() });
const columnSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    indexed: z.boolean().optional(),
    text: z.object({ allowMultipleLines: z.boolean().optional() }).loose().optional(),
    number: z.object({}).loose().optional(),
    boolean: z.object({}).loose().optional(),
    dateTime: z.object({}).loose().optional(),
  })
  .loose();
type Column = z.infer<typeof columnSchema>;
const columnsSchema = z.object({ value: z.array(columnSchema) });
const listsSchema = z.object({
  value: z.array(z.object({ id: z.string(), displayName: z.string().optional() })),
});

/** Graph's columnDefinition for a registry column. */
export function columnDefinition(column: RegistryColumn): Record<string, unknown> {
  const base = { name: column.name, displayName: column.displayName, indexed: column.indexed };
  switch (column.type) {
    case 'text':
      return { ...base, text: {} };
    case 'multilineText':
      return { ...base, text: { allowMultipleLines: true } };
    case 'number':
      return { ...base, number: {} };
    case 'boolean':
      return { ...base, boolean: {} };
    case 'dateTime':
      return { ...base, dateTime: { format: 'dateTime' } };
  }
}

/** The type a column on the site has, in the layout's terms; null when none we use. */
function typeOf(column: Column): RegistryColumn['type'] | null {
  if (column.text !== undefined) {
    return column.text.allowMultipleLines === true ? 'multilineText' : 'text';
  }
  if (column.number !== undefined) return 'number';
  if (column.boolean !== undefined) return 'boolean';
  if (column.dateTime !== undefined) return 'dateTime';
  return null;
}

/** Provisions (or checks) the registry on a site; see the module comment. */
export async function provisionRegistry(options: ProvisionOptions): Promise<ProvisionReport> {
  const { client, routing } = options;
  const dryRun = options.dryRun ?? false;
  const site = `/sites/${encodeSegment(options.siteId)}`;
  const changes: LocalizedText[] = [];
  const problems: LocalizedText[] = [];
  const change = (sv: string, en: string): void => {
    changes.push({ sv: dryRun ? `Skulle: ${sv}` : sv, en: dryRun ? `Would: ${en}` : en });
  };

  const drive = await client.json({ method: 'GET', path: `${site}/drive` }, idSchema);
  const library = await client.json({ method: 'GET', path: `${site}/drive/list` }, idSchema);

  /** Creates missing columns (in batches of 20), indexes unindexed ones, reports wrong types. */
  async function ensureColumns(
    listId: string,
    listName: string,
    wanted: readonly RegistryColumn[],
  ): Promise<void> {
    const columnsPath = `${site}/lists/${encodeSegment(listId)}/columns`;
    const existing = await client.json({ method: 'GET', path: columnsPath }, columnsSchema);
    const byName = new Map(existing.value.map((c) => [c.name.toLowerCase(), c]));
    const create: GraphBatchRequest[] = [];
    for (const column of wanted) {
      const found = byName.get(column.name.toLowerCase());
      if (found === undefined) {
        change(
          `skapa kolumnen ${column.name} (${column.displayName}) i ${listName}`,
          `create the column ${column.name} (${column.displayName}) in ${listName}`,
        );
        create.push({
          id: String(create.length),
          method: 'POST',
          url: columnsPath,
          body: columnDefinition(column),
        });
        continue;
      }
      const type = typeOf(found);
      if (type !== column.type) {
        problems.push({
          sv: `Kolumnen ${column.name} i ${listName} har typen ${type ?? 'okänd'}, inte ${column.type}. Byt namn på den eller ta bort den (dess värden går förlorade) och kör igen.`,
          en: `The column ${column.name} in ${listName} is of type ${type ?? 'unknown'}, not ${column.type}. Rename or delete it (its values are lost) and run again.`,
        });
        continue;
      }
      if (column.indexed && found.indexed !== true) {
        change(
          `indexera kolumnen ${column.name} i ${listName}`,
          `index the column ${column.name} in ${listName}`,
        );
        if (!dryRun) {
          await client.send({
            method: 'PATCH',
            path: `${columnsPath}/${encodeSegment(found.id)}`,
            json: { indexed: true },
          });
        }
      }
    }
    if (dryRun || create.length === 0) return;
    for (const result of await client.batch(create)) {
      // A column made by a run that raced this one is as good as ours.
      if (!result.ok && result.error.reason !== 'conflict') throw result.error;
    }
  }

  await ensureColumns(library.id, 'Diarium', libraryColumns);

  const lists = await client.json({ method: 'GET', path: `${site}/lists` }, listsSchema);
  const listIds: Partial<Record<keyof typeof registryLists, string>> = {};
  for (const [key, list] of Object.entries(registryLists) as [
    keyof typeof registryLists,
    (typeof registryLists)[keyof typeof registryLists],
  ][]) {
    const found = lists.value.find((l) => l.displayName === list.displayName);
    if (found !== undefined) {
      listIds[key] = found.id;
      await ensureColumns(found.id, list.displayName, list.columns);
      continue;
    }
    change(`skapa listan ${list.displayName}`, `create the list ${list.displayName}`);
    if (dryRun) continue;
    try {
      const created = await client.json(
        {
          method: 'POST',
          path: `${site}/lists`,
          json: {
            displayName: list.displayName,
            columns: list.columns.map(columnDefinition),
            list: { template: 'genericList' },
          },
        },
        idSchema,
      );
      listIds[key] = created.id;
    } catch (error) {
      if (!(error instanceof GraphError && error.reason === 'conflict')) throw error;
      problems.push({
        sv: `Listan ${list.displayName} skapades samtidigt av någon annan; kör igen.`,
        en: `The list ${list.displayName} was created by someone else at the same time; run again.`,
      });
    }
  }

  const libraryDrive = drivePath(options.siteId, drive.id);
  /** The folder at `path` (made when missing) → its id; null in a dry run when it is missing. */
  async function ensureFolder(path: readonly string[]): Promise<string | null> {
    const encoded = encodeDrivePath(path);
    try {
      const found = await client.json(
        { method: 'GET', path: `${libraryDrive}/root:/${encoded}:` },
        driveItemSchema,
      );
      return found.id;
    } catch (error) {
      if (!(error instanceof GraphError && error.reason === 'notFound')) throw error;
    }
    change(`skapa mappen ${path.join('/')}`, `create the folder ${path.join('/')}`);
    if (dryRun) return null;
    const parent =
      path.length === 1
        ? `${libraryDrive}/root`
        : `${libraryDrive}/root:/${encodeDrivePath(path.slice(0, -1))}:`;
    const created = await client.json(
      {
        method: 'POST',
        path: `${parent}/children`,
        json: {
          name: path[path.length - 1],
          folder: {},
          '@microsoft.graph.conflictBehavior': 'fail',
        },
      },
      driveItemSchema,
    );
    return created.id;
  }

  await ensureFolder([registryFolders.system]);
  await ensureFolder([registryFolders.system, registryFolders.keys]);
  await ensureFolder([registryFolders.system, registryFolders.pending]);
  await ensureFolder([registryFolders.cases]);

  for (const [key, group] of Object.entries(routing.groups)) {
    const path = [registryFolders.cases, safeName(key)];
    const folderId = await ensureFolder(path);
    const entraGroupId = group.entraGroupId;
    if (entraGroupId === null || !isObjectId(entraGroupId)) {
      problems.push({
        sv: `Routinggruppen ${key} har inget entraGroupId (objekt-id för en Entra-grupp) i routningstabellen: mappen ${path.join('/')} kan inte begränsas till gruppen.`,
        en: `The routing group ${key} has no entraGroupId (an Entra group object id) in the routing table: the folder ${path.join('/')} cannot be restricted to the group.`,
      });
      continue;
    }
    const grants =
      folderId === null ? [] : await listGrants(client, itemPath(libraryDrive, folderId));
    const others = grants.filter((g) => !g.roles.includes('owner'));
    const exact =
      others.length === 1 &&
      others[0]?.objectId?.toLowerCase() === entraGroupId.toLowerCase() &&
      others[0].roles.includes('write');
    if (exact) continue;
    change(
      `begränsa ${path.join('/')} till Entra-gruppen ${entraGroupId} (redigera)`,
      `restrict ${path.join('/')} to the Entra group ${entraGroupId} (edit)`,
    );
    if (!dryRun && folderId !== null) {
      await restrictItem(client, itemPath(libraryDrive, folderId), [entraGroupId], 'write');
    }
  }

  const rootGrants = await listGrants(client, `${libraryDrive}/root`);
  const openTo = rootGrants.filter((g) => !g.roles.includes('owner')).length;
  if (openTo > 0) {
    problems.push({
      sv: `Bibliotekets rot ger ${String(openTo)} behörighet(er) till andra än webbplatsens ägare, och mappen System (inlämningarnas journaler och väntande bilagor) ärver dem. Använd en egen webbplats för diariet och töm dess Medlemmar och Besökare.`,
      en: `The library root grants ${String(openTo)} permission(s) to others than the site's owners, and the System folder (the filings' journals and pending attachments) inherits them. Use a site of its own for the registry and empty its Members and Visitors.`,
    });
  }

  const counterListId = listIds.counters;
  const accessLogListId = listIds.accessLog;
  return {
    changes,
    problems,
    location:
      counterListId === undefined || accessLogListId === undefined
        ? null
        : {
            siteId: options.siteId,
            driveId: drive.id,
            libraryListId: library.id,
            counterListId,
            accessLogListId,
          },
  };
}
